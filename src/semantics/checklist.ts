import type { SystemSymbols } from "./binder.js";
import type * as M from "./model.js";

/** The sections of the design checklist (spec §4) and what makes each present. */
export function checklist(system: M.SystemModel, symbols: SystemSymbols): M.ChecklistItem[] {
  const requirements = system.requirements;
  return [
    {
      id: "requirements",
      section: "requirements (functional and non-functional)",
      done: requirements.some((r) => r.kind === "functional") && requirements.some((r) => r.kind === "nonfunctional"),
    },
    { id: "architecture", section: "architecture (components and connections)", done: system.components.length > 0 && system.connections.length > 0 },
    { id: "flows", section: "data flows", done: system.flows.length > 0 },
    { id: "data-model", section: "data model", done: system.types.entities.length > 0 },
    { id: "api", section: "API contract", done: system.apis.length > 0 || system.webhooks.length > 0 },
    { id: "scaling", section: "scaling (1x, 10x, 100x)", done: symbols.sections.has("scaling") && (symbols.demands.size > 0 || symbols.tierNotes.length > 0) },
    { id: "failures", section: "failure modes", done: system.failures.length > 0 },
    { id: "cost", section: "cost estimate", done: system.cost.items.length > 0 },
    { id: "security", section: "security", done: system.security.controls.length > 0 },
    { id: "monitoring", section: "monitoring (metrics and alerts)", done: system.monitoring.metrics.length > 0 && system.monitoring.alerts.length > 0 },
  ];
}
