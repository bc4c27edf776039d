import type { Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import type { LoadedFile } from "../syntax/index.js";
import type { BlockName } from "../syntax/property-table.js";
import { duplicate } from "./kinds.js";

/** A component or boundary, with the boundary it sits in. */
export interface PlacedComponent {
  decl: A.ComponentDecl;
  boundary?: string;
}

export interface PlacedBoundary {
  decl: A.BoundaryDecl;
  parent?: string;
}

/**
 * The symbol tables of one system, one per category (spec §3): names are
 * unique within a category, and a name may be used before its declaration.
 * Maps, not objects, so names like `__proto__` are plain keys.
 */
export interface SystemSymbols {
  system: A.SystemDecl;
  file: LoadedFile;
  components: Map<string, PlacedComponent>;
  boundaries: Map<string, PlacedBoundary>;
  connections: A.Connection[];
  flows: Map<string, A.FlowDecl>;
  requirements: Map<string, A.Requirement>;
  requirementBlocks: A.RequirementsBlock[];
  /** Types declared in the system's own `model` blocks. */
  types: Map<string, A.EnumDecl | A.EntityDecl>;
  apis: Map<string, A.ApiDecl>;
  webhooks: Map<string, A.WebhookDecl>;
  metrics: Map<string, A.Metric>;
  alerts: A.Alert[];
  demands: Map<string, A.Demand>;
  decisions: Map<string, A.DecisionDecl>;
  views: Map<string, A.ViewDecl>;
  failures: A.FailureDecl[];
  controls: A.Control[];
  costItems: A.CostItem[];
  budgets: A.Budget[];
  tierNotes: A.TierNotes[];
  /** Properties of the `scaling` block (`utilization`, `tiers`). */
  scalingProperties: A.Property[];
  /** Properties inside `cost`, `security`, `monitoring` blocks: all unknown (W307). */
  sectionProperties: { section: BlockName; property: A.Property }[];
  /** System-level properties: `owner`, `status`, `scope`, `lint`, … */
  properties: A.Property[];
  /** Which sections were written at all, for the checklist. */
  sections: Set<string>;
}

export function bindSystem(system: A.SystemDecl, file: LoadedFile, diagnostics: Diagnostic[]): SystemSymbols {
  const symbols: SystemSymbols = {
    system,
    file,
    components: new Map(),
    boundaries: new Map(),
    connections: [],
    flows: new Map(),
    requirements: new Map(),
    requirementBlocks: [],
    types: new Map(),
    apis: new Map(),
    webhooks: new Map(),
    metrics: new Map(),
    alerts: [],
    demands: new Map(),
    decisions: new Map(),
    views: new Map(),
    failures: [],
    controls: [],
    costItems: [],
    budgets: [],
    tierNotes: [],
    scalingProperties: [],
    sectionProperties: [],
    properties: [],
    sections: new Set(),
  };

  /** Components and boundaries share one namespace. */
  const componentOrBoundary = (name: A.Identifier): A.Identifier | undefined =>
    symbols.components.get(name.name)?.decl.name ?? symbols.boundaries.get(name.name)?.decl.name;

  function declare<T>(map: Map<string, T>, category: string, name: A.Identifier, value: T, firstOf: (t: T) => A.Identifier): boolean {
    const existing = map.get(name.name);
    if (existing !== undefined) {
      diagnostics.push(duplicate(category, name, firstOf(existing)));
      return false;
    }
    map.set(name.name, value);
    return true;
  }

  function visit(members: A.SystemMember[], boundary: string | undefined): void {
    for (const member of members) {
      switch (member.type) {
        case "Component": {
          const first = componentOrBoundary(member.name);
          if (first) diagnostics.push(duplicate("component or boundary", member.name, first));
          else symbols.components.set(member.name.name, boundary === undefined ? { decl: member } : { decl: member, boundary });
          break;
        }
        case "Boundary": {
          const first = componentOrBoundary(member.name);
          if (first) diagnostics.push(duplicate("component or boundary", member.name, first));
          else symbols.boundaries.set(member.name.name, boundary === undefined ? { decl: member } : { decl: member, parent: boundary });
          visit(member.members, first ? boundary : member.name.name);
          break;
        }
        case "Connection":
          symbols.connections.push(member);
          break;
        case "Flow":
          declare(symbols.flows, "flow", member.name, member, (f) => f.name);
          break;
        case "Model":
          symbols.sections.add("model");
          for (const type of member.members) declare(symbols.types, "type", type.name, type, (t) => t.name);
          break;
        case "Requirements":
          symbols.requirementBlocks.push(member);
          for (const group of member.groups) {
            for (const requirement of group.requirements) {
              declare(symbols.requirements, "requirement", requirement.id, requirement, (r) => r.id);
            }
          }
          break;
        case "Scaling":
          symbols.sections.add("scaling");
          for (const item of member.members) {
            if (item.type === "Demand") declare(symbols.demands, "demand", item.name, item, (d) => d.name);
            else if (item.type === "TierNotes") symbols.tierNotes.push(item);
            else symbols.scalingProperties.push(item);
          }
          break;
        case "Api":
          declare(symbols.apis, "api", member.name, member, (a) => a.name);
          break;
        case "Webhook":
          declare(symbols.webhooks, "webhook", member.name, member, (w) => w.name);
          break;
        case "Cost":
          symbols.sections.add("cost");
          for (const item of member.members) {
            if (item.type === "CostItem") symbols.costItems.push(item);
            else if (item.type === "Budget") symbols.budgets.push(item);
            else symbols.sectionProperties.push({ section: "cost", property: item });
          }
          break;
        case "Failure":
          symbols.failures.push(member);
          break;
        case "Security":
          symbols.sections.add("security");
          for (const item of member.members) {
            if (item.type === "Control") symbols.controls.push(item);
            else symbols.sectionProperties.push({ section: "security", property: item });
          }
          break;
        case "Monitoring":
          symbols.sections.add("monitoring");
          for (const item of member.members) {
            if (item.type === "Metric") declare(symbols.metrics, "metric", item.name, item, (m) => m.name);
            else if (item.type === "Alert") symbols.alerts.push(item);
            else symbols.sectionProperties.push({ section: "monitoring", property: item });
          }
          break;
        case "Decision":
          declare(symbols.decisions, "decision", member.name, member, (d) => d.name);
          break;
        case "View":
          declare(symbols.views, "view", member.name, member, (v) => v.name);
          break;
        case "Property":
          if (boundary === undefined) symbols.properties.push(member);
          else symbols.sectionProperties.push({ section: "boundary", property: member });
          break;
      }
    }
  }

  visit(system.members, undefined);
  declareOptionalIds("failure", symbols.failures.map((f) => f.name), diagnostics);
  declareOptionalIds("alert", symbols.alerts.map((a) => a.name), diagnostics);
  return symbols;
}

/** Failures and alerts may go unnamed; the names they have are unique per category. */
function declareOptionalIds(category: string, names: (A.Identifier | undefined)[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, A.Identifier>();
  for (const name of names) {
    if (!name) continue;
    const first = seen.get(name.name);
    if (first) diagnostics.push(duplicate(category, name, first));
    else seen.set(name.name, name);
  }
}
