import { makeDiagnostic, type Diagnostic } from "../../diagnostics/index.js";
import type { SystemSymbols } from "../binder.js";
import type * as M from "../model.js";

/** Kinds that are not parts of the system itself (W301). */
const OUTSIDE_KINDS = new Set(["client", "user", "external"]);

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

export function isOutsideComponent(component: M.ComponentModel): boolean {
  return component.kind.chain.some((k) => OUTSIDE_KINDS.has(k));
}

/** For each component or boundary: itself, then the boundaries holding it, innermost first. */
export function containment(system: M.SystemModel): Map<string, string[]> {
  const parents = new Map<string, string | undefined>();
  for (const c of system.components) parents.set(c.id, c.boundary);
  for (const b of system.boundaries) parents.set(b.id, b.parent);
  const result = new Map<string, string[]>();
  for (const id of parents.keys()) {
    const chain = [id];
    let current = parents.get(id);
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = parents.get(current);
    }
    result.set(id, chain);
  }
  return result;
}

export function checkDesign(system: M.SystemModel, symbols: SystemSymbols, diagnostics: Diagnostic[]): void {
  const nameSpan = symbols.system.name.span;
  const within = containment(system);
  const selfAndEnclosing = (id: string): string[] => within.get(id) ?? [id];

  for (const item of system.checklist) {
    if (!item.done) diagnostics.push(makeDiagnostic("W300", nameSpan, missingSection(item, system, symbols)));
  }

  const inside = system.components.filter((c) => !isOutsideComponent(c));
  if (inside.length < 3 || inside.length > 7) {
    const advice =
      inside.length < 3
        ? "fewer than 3: name the parts the system is made of"
        : "more than 7: merge parts that scale and fail together, or split the design into systems";
    diagnostics.push(
      makeDiagnostic(
        "W301",
        nameSpan,
        `the system has ${inside.length} component${inside.length === 1 ? "" : "s"} (not counting clients, users and externals), ${advice}`,
      ),
    );
  }

  // A connection to or from a boundary connects everything inside it.
  const connected = new Set<string>();
  for (const connection of system.connections) {
    connected.add(connection.from);
    connected.add(connection.to);
  }
  for (const component of system.components) {
    if (!selfAndEnclosing(component.id).some((id) => connected.has(id))) {
      diagnostics.push(makeDiagnostic("W302", declarationSpan(symbols, component), `component \`${component.id}\` has no connection`));
    }
  }

  const joined = new Set(system.connections.map((c) => `${c.from}\u0000${c.to}`));
  const linked = (a: string, b: string): boolean => {
    const left = selfAndEnclosing(a);
    const right = selfAndEnclosing(b);
    return left.some((x) => right.some((y) => joined.has(`${x}\u0000${y}`) || joined.has(`${y}\u0000${x}`)));
  };
  for (const flow of system.flows) {
    for (const step of flow.steps) {
      if (step.type !== "message" || step.to === undefined || step.from === step.to) continue;
      if (!linked(step.from, step.to)) {
        diagnostics.push(
          makeDiagnostic(
            "W303",
            step.span,
            `flow \`${flow.id}\` step ${step.number}: no connection joins \`${step.from}\` and \`${step.to}\`; add \`${step.from} -> ${step.to}\``,
          ),
        );
      }
    }
  }

  const affected = new Set(system.failures.flatMap((f) => f.affects));
  for (const component of system.components) {
    if (!component.kind.stateful) continue;
    if (!selfAndEnclosing(component.id).some((id) => affected.has(id))) {
      diagnostics.push(
        makeDiagnostic(
          "W304",
          declarationSpan(symbols, component),
          `stateful component \`${component.id}\` (${component.kind.id}) has no failure mode; add a \`failure\` that \`affects ${component.id}\``,
        ),
      );
    }
  }

  for (const requirement of system.requirements) {
    if (requirement.kind === "functional" && requirement.satisfiedBy.length === 0) {
      diagnostics.push(
        makeDiagnostic("W305", requirement.span, `functional requirement \`${requirement.id}\` is not satisfied by any flow`),
      );
    }
  }

  for (const entity of system.types.entities) {
    if (!entity.fields.some((f) => f.pk)) {
      const decl = symbols.types.get(entity.id);
      const span = decl && decl.type === "Entity" ? decl.name.span : entity.span;
      diagnostics.push(makeDiagnostic("W308", span, `entity \`${entity.id}\` has no field marked \`[pk]\``));
    }
  }
}

/** W302 and W304 point at the component's declaration: its name. */
function declarationSpan(symbols: SystemSymbols, component: M.ComponentModel): M.ComponentModel["span"] {
  return symbols.components.get(component.id)?.decl.name.span ?? component.span;
}

/** W300's message: which section is missing, or what a half-written one lacks. */
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
