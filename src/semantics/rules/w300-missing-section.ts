import type { SystemSymbols } from "../binder.js";
import type * as M from "../model.js";
import { defineRule } from "./rule.js";

/** Which section is missing, or what a half-written one lacks. */
function missingSection(item: M.ChecklistItem, system: M.SystemModel, symbols: SystemSymbols): string {
  const has = (kind: "functional" | "nonfunctional"): boolean => system.requirements.some((r) => r.kind === kind);
  switch (item.id) {
    case "requirements":
      if (has("functional")) return "the requirements have no non-functional requirement";
      if (has("nonfunctional")) return "the requirements have no functional requirement";
      break;
    case "architecture":
      if (system.components.length > 0) return "the architecture has no connection between its components";
      break;
    case "scaling":
      if (symbols.sections.has("scaling")) return "the scaling section has no `demand` and no tier notes";
      break;
    case "cost":
      if (symbols.sections.has("cost")) return "the cost section has no `item`";
      break;
    case "monitoring":
      if (system.monitoring.metrics.length > 0) return "the monitoring section has metrics but no alert";
      if (system.monitoring.alerts.length > 0) return "the monitoring section has alerts but no metric";
      break;
    case "security":
      if (symbols.sections.has("security")) return "the security section has no `control`";
      break;
    default:
      break;
  }
  return `the design has no ${item.section} section`;
}

export const rule = defineRule({
  code: "W300",
  severity: "warning",
  title: "missing-section",
  explanation: "A section of the design checklist has no content in the system.",
  message: ({ what }: { what: string }) => what,
  check({ system, symbols }, report) {
    for (const item of system.checklist) {
      if (!item.done) report(symbols.system.name.span, { what: missingSection(item, system, symbols) });
    }
  },
});
