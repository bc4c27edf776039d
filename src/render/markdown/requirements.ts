import type { RequirementModel, TargetModel } from "../../semantics/model.js";
import { flowName, type Context } from "./context.js";
import { BLANK, code, escapeText, heading, nothing, table } from "./text.js";

/** The status column of the non-functional table. */
export function targetStatus(target: TargetModel): string {
  switch (target.status) {
    case "met":
      return "✅ met";
    case "failed":
      return "❌ failed";
    case "monitored":
      return `👁 monitored by ${target.monitoredBy.map((a) => code(a)).join(", ")}`;
    case "unmonitored":
      return target.metric !== undefined ? `⚠️ unmonitored (no alert on ${code(target.metric)})` : "⚠️ unmonitored";
    case "not-computed":
      return "— not computed";
  }
}

export function renderRequirements(ctx: Context): string[] {
  const { requirements, flows } = ctx.system;
  const blocks = [heading(2, "Requirements")];
  if (requirements.length === 0) {
    blocks.push(nothing("No requirements are recorded."));
    return blocks;
  }
  const functional = requirements.filter((r) => r.kind === "functional");
  const nonFunctional = requirements.filter((r) => r.kind === "nonfunctional");
  const satisfiedBy = (r: RequirementModel): string => r.satisfiedBy.map((f) => flowName(ctx, f)).join(", ");

  blocks.push(heading(3, "Functional"));
  if (functional.length === 0) blocks.push(nothing("No functional requirements are recorded."));
  else {
    blocks.push(
      table(
        ["ID", "Requirement", "Satisfied by"],
        functional.map((r) => [code(r.id), escapeText(r.text), r.satisfiedBy.length > 0 ? satisfiedBy(r) : "⚠️ no flow"]),
      ),
    );
  }

  blocks.push(heading(3, "Non-Functional"));
  if (nonFunctional.length === 0) blocks.push(nothing("No non-functional requirements are recorded."));
  else {
    blocks.push(
      table(
        ["ID", "Requirement", "Target", "Computed", "Status"],
        nonFunctional.map((r) => {
          const t = r.target;
          if (!t) return [code(r.id), escapeText(r.text), "", "", "no target"];
          return [code(r.id), escapeText(r.text), code(t.text), t.computed ? t.computed.text : "", targetStatus(t)];
        }),
      ),
    );
  }

  // Requirement × flow: which flow satisfies which requirement.
  blocks.push(heading(3, "Traceability"));
  const traced = requirements.filter((r) => r.kind === "functional" || r.satisfiedBy.length > 0);
  if (flows.length === 0 || traced.length === 0) {
    blocks.push(nothing(flows.length === 0 ? "No flows are recorded, so no requirement is traced to one." : "No functional requirement is recorded."));
  } else {
    blocks.push(
      table(
        ["Requirement", ...flows.map((f) => escapeText(f.title))],
        traced.map((r) => [code(r.id), ...flows.map((f) => (r.satisfiedBy.includes(f.id) ? "✓" : BLANK))]),
      ),
    );
  }
  return blocks;
}
