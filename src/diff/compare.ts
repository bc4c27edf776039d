/**
 * Two resolved models in, classified changes out. Every element that can
 * change between revisions is matched by a stable identity — an id, or the
 * `key` the model gives connections, flow steps, endpoints and fields
 * (src/semantics/identity.ts), so the diff and model.json name an element
 * alike — its properties compared as text, and every change classed:
 *
 * - `breaking`: what breaks a client or a promise, after the rules of the
 *   API-diff tools people know (oasdiff, openapi-diff): a removed endpoint;
 *   a removed or retyped response field or entity field; a request field that
 *   became required or was added as required; a removed webhook or payload
 *   field; a requirement that was met and now fails; a cost over budget.
 * - `warning`: a new warning diagnostic, a figure that rose by more than
 *   RISE_WARNING, a removed component that others used.
 * - `info`: everything else.
 */
import type { Diagnostic } from "../diagnostics/index.js";
import * as K from "../semantics/identity.js";
import type * as M from "../semantics/model.js";

export type ChangeClass = "breaking" | "warning" | "info";
export type ChangeKind = "added" | "removed" | "changed" | "renamed";

export interface Change {
  system: string;
  section: string;
  kind: ChangeKind;
  /** The element's identity, as a reader names it: `Workers`, `GET /uploads/{id}`, `Upload.size`. */
  item: string;
  /** For `changed`: which property. */
  property?: string;
  old?: string;
  new?: string;
  class: ChangeClass;
  /** Why it has that class, when not `info`. */
  reason?: string;
}

export interface SystemDiff {
  system: string;
  /** `added` or `removed` when the whole system is new or gone. */
  status: "added" | "removed" | "changed" | "unchanged";
  changes: Change[];
}

export interface DesignDiff {
  systems: SystemDiff[];
  /** Diagnostics that appeared (`added`) or went away (`removed`), across the designs. */
  diagnostics: { kind: "added" | "removed"; class: ChangeClass; code: string; severity: string; file: string; message: string }[];
  summary: Record<ChangeClass, number>;
}

/** A figure that grows by more than this share is a warning (20 %: a tier's cost or instances, a target's value). */
export const RISE_WARNING = 0.2;

interface Item {
  key: string;
  props: Record<string, string>;
}

function typeText(type: M.TypeModel | undefined): string {
  if (!type) return "";
  switch (type.type) {
    case "builtin":
    case "enum":
    case "entity":
    case "unknown":
      return type.name;
    case "array":
      return `${typeText(type.element)}[]`;
    case "union":
      return type.options.map((o) => JSON.stringify(o)).join(" | ");
    case "record":
      return `{ ${type.fields.map((f) => `${f.name}${f.optional ? "?" : ""}: ${typeText(f.valueType)}`).join(", ")} }`;
  }
}

/**
 * Fields of a body type at `place` (identity.ts), nested records flattened:
 * `… request user.email`. A field written in the body has its model key; a
 * field of an entity the body names is keyed where the body puts it, as
 * the model would key it written there.
 */
function bodyFields(type: M.TypeModel | undefined, entities: Map<string, M.EntityModel>, place: string, viaEntity = false, depth = 0): { key: string; type: string; optional: boolean }[] {
  if (!type || depth > 4) return [];
  if (type.type === "array") return bodyFields(type.element, entities, K.elementFields(place), viaEntity, depth + 1);
  const own = type.type === "record";
  const fields = own ? type.fields : type.type === "entity" ? entities.get(type.name)?.fields ?? [] : [];
  const inherited = viaEntity || !own;
  return fields.flatMap((f) => {
    const key = inherited ? K.fieldKey(place, f.name) : f.key;
    return [{ key, type: typeText(f.valueType), optional: f.optional }, ...(f.valueType.type === "record" ? bodyFields(f.valueType, entities, K.nestedFields(key), inherited, depth + 1) : [])];
  });
}

const list = (values: readonly (string | number)[]): string => values.join(", ");
const defined = (props: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(props).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));

function compareItems(
  system: string,
  section: string,
  before: Item[],
  after: Item[],
  classify: (kind: ChangeKind, item: string, property?: string, old?: string, next?: string) => { class: ChangeClass; reason?: string } = () => ({ class: "info" }),
): Change[] {
  const changes: Change[] = [];
  const push = (kind: ChangeKind, item: string, property?: string, old?: string, next?: string): void => {
    const verdict = classify(kind, item, property, old, next);
    const change: Change = { system, section, kind, item, class: verdict.class };
    if (property !== undefined) change.property = property;
    if (old !== undefined) change.old = old;
    if (next !== undefined) change.new = next;
    if (verdict.reason) change.reason = verdict.reason;
    changes.push(change);
  };
  const oldByKey = new Map(before.map((i) => [i.key, i]));
  const newByKey = new Map(after.map((i) => [i.key, i]));
  const removed = before.filter((i) => !newByKey.has(i.key));
  const added = after.filter((i) => !oldByKey.has(i.key));
  // A rename: exactly one element gone and one new, with the same properties.
  // Grouped by their properties' text, so large revisions stay linear.
  const signature = (item: Item): string | undefined => (Object.keys(item.props).length > 0 ? JSON.stringify(item.props) : undefined);
  const group = (items: Item[]): Map<string, Item[]> => {
    const groups = new Map<string, Item[]>();
    for (const item of items) {
      const key = signature(item);
      if (key === undefined) continue;
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
    return groups;
  };
  const addedBySignature = group(added);
  const removedBySignature = group(removed);
  const renamed = new Set<Item>();
  for (const gone of removed) {
    const key = signature(gone);
    if (key === undefined) continue;
    const matches = addedBySignature.get(key) ?? [];
    if (matches.length === 1 && removedBySignature.get(key)?.length === 1) {
      renamed.add(matches[0]!).add(gone);
      push("renamed", gone.key, undefined, gone.key, matches[0]!.key);
    }
  }
  for (const gone of removed) if (!renamed.has(gone)) push("removed", gone.key);
  for (const item of after) {
    const old = oldByKey.get(item.key);
    if (!old) {
      if (!renamed.has(item)) push("added", item.key);
      continue;
    }
    const keys = [...new Set([...Object.keys(old.props), ...Object.keys(item.props)])].sort();
    for (const key of keys) {
      if (old.props[key] !== item.props[key]) push("changed", item.key, key, old.props[key] ?? "—", item.props[key] ?? "—");
    }
  }
  return changes;
}

function rose(old: number | undefined, next: number | undefined): boolean {
  if (old === undefined || next === undefined || !Number.isFinite(old) || !Number.isFinite(next)) return false;
  // From nothing to something is a rise no share describes: a new cost is worth a look.
  if (old <= 0) return old === 0 && next > 0;
  return (next - old) / old > RISE_WARNING;
}

export function compareSystems(before: M.SystemModel | undefined, after: M.SystemModel | undefined): SystemDiff {
  const id = (after ?? before)!.id;
  if (!before) return { system: id, status: "added", changes: describeAll(after!, "added") };
  if (!after) return { system: id, status: "removed", changes: describeAll(before, "removed") };
  const changes: Change[] = [];
  const add = (found: Change[]): void => {
    for (const change of found) changes.push(change);
  };

  add(compareItems(id, "system", [systemItem(before)], [systemItem(after)]));

  const usedBefore = new Set(before.connections.flatMap((c) => [c.from, c.to]));
  add(compareItems(id, "components", before.components.map(componentItem), after.components.map(componentItem), (kind, item) =>
    kind === "removed" && usedBefore.has(item) ? { class: "warning", reason: "other components connected to it" } : { class: "info" },
  ));
  add(compareItems(id, "boundaries", before.boundaries.map(boundaryItem), after.boundaries.map(boundaryItem)));
  add(compareItems(id, "connections", before.connections.map(connectionItem), after.connections.map(connectionItem)));
  add(compareItems(id, "flows", before.flows.map(flowItem), after.flows.map(flowItem)));
  add(compareItems(id, "flow steps", before.flows.flatMap(stepItems), after.flows.flatMap(stepItems)));

  const entityFields = (system: M.SystemModel): Item[] =>
    system.types.entities.flatMap((e) => e.fields.map((f) => ({ key: f.key, props: defined({ type: typeText(f.valueType), optional: String(f.optional), pk: f.pk ? "pk" : undefined, pii: f.pii ? "pii" : undefined, default: f.default }) })));
  add(compareItems(id, "entities", before.types.entities.map((e) => ({ key: e.id, props: defined({ title: e.title }) })), after.types.entities.map((e) => ({ key: e.id, props: defined({ title: e.title }) }))));
  add(compareItems(id, "entity fields", entityFields(before), entityFields(after), (kind, _item, property) =>
    kind === "removed" ? { class: "breaking", reason: "an entity field was removed" } : kind === "changed" && property === "type" ? { class: "breaking", reason: "an entity field changed its type" } : { class: "info" },
  ));
  add(compareItems(id, "enums", before.types.enums.map((e) => ({ key: e.id, props: { members: list(e.members) } })), after.types.enums.map((e) => ({ key: e.id, props: { members: list(e.members) } }))));

  add(compareEndpoints(id, before, after));
  const webhookItem = (w: M.WebhookModel): Item => ({ key: w.id, props: defined({ event: w.event, from: w.from, payload: typeText(w.payload) }) });
  add(compareItems(id, "webhooks", before.webhooks.map(webhookItem), after.webhooks.map(webhookItem), (kind) =>
    kind === "removed" ? { class: "breaking", reason: "a webhook was removed" } : { class: "info" },
  ));
  const payloadFields = (system: M.SystemModel): Item[] => {
    const entities = new Map(system.types.entities.map((e) => [e.id, e]));
    return system.webhooks.flatMap((w) => bodyFields(w.payload, entities, K.payloadFields(w.id)).map((f) => ({ key: f.key, props: { type: f.type, optional: String(f.optional) } })));
  };
  const webhooksAfter = after.webhooks.map((w) => K.payloadFields(w.id));
  add(compareItems(id, "webhook payloads", payloadFields(before), payloadFields(after), (kind, item) =>
    kind === "removed" && webhooksAfter.some((place) => item.startsWith(place)) ? { class: "breaking", reason: "a payload field was removed" } : { class: "info" },
  ));

  add(compareItems(id, "requirements", before.requirements.map(requirementItem), after.requirements.map(requirementItem), (kind, _item, property, old, next) =>
    kind === "changed" && property === "status" && old === "met" && next === "failed" ? { class: "breaking", reason: "a requirement that was met now fails" } : { class: "info" },
  ));
  add(compareItems(id, "demands", before.scaling.demands.map(demandItem), after.scaling.demands.map(demandItem)));
  add(compareItems(id, "scaling", [{ key: "tiers", props: { tiers: list(before.scaling.tiers.map((t) => `${t}x`)), utilization: String(before.scaling.utilization) } }], [{ key: "tiers", props: { tiers: list(after.scaling.tiers.map((t) => `${t}x`)), utilization: String(after.scaling.utilization) } }]));
  const costItem = (i: M.CostItemModel): Item => ({ key: i.label, props: { amount: i.text } });
  add(compareItems(id, "cost items", before.cost.items.map(costItem), after.cost.items.map(costItem)));
  const budget = (s: M.SystemModel): Item[] => (s.cost.budget ? [{ key: "budget", props: { amount: s.cost.budget.text, over: String(s.cost.overBudget === true) } }] : []);
  add(compareItems(id, "budget", budget(before), budget(after), (kind, _item, property, _old, next) =>
    (kind === "changed" && property === "over" && next === "true") || (kind === "added" && after.cost.overBudget === true) ? { class: "breaking", reason: "the cost is over budget" } : { class: "info" },
  ));

  const failureItem = (f: M.FailureModel): Item => ({ key: f.id ?? f.title, props: defined({ title: f.title, affects: list(f.affects), severity: f.severity, impact: f.impact, mitigation: f.mitigation }) });
  add(compareItems(id, "failures", before.failures.map(failureItem), after.failures.map(failureItem)));
  const controlItem = (c: M.SecurityModel["controls"][number]): Item => ({ key: c.text, props: defined({ on: c.on }) });
  add(compareItems(id, "controls", before.security.controls.map(controlItem), after.security.controls.map(controlItem)));
  const metricItem = (m: M.MetricModel): Item => ({ key: m.id, props: defined({ title: m.title, unit: m.unit, of: m.of, percentiles: list(m.percentiles) }) });
  add(compareItems(id, "metrics", before.monitoring.metrics.map(metricItem), after.monitoring.metrics.map(metricItem)));
  const alertItem = (a: M.AlertModel): Item => ({ key: a.id ?? a.condition, props: defined({ condition: a.condition, text: a.text }) });
  add(compareItems(id, "alerts", before.monitoring.alerts.map(alertItem), after.monitoring.alerts.map(alertItem)));
  const decisionItem = (d: M.DecisionModel): Item => ({ key: d.id, props: defined({ title: d.title, status: d.status, context: d.context, consequences: d.consequences, alternatives: list(d.alternatives) }) });
  add(compareItems(id, "decisions", before.decisions.map(decisionItem), after.decisions.map(decisionItem)));
  const questionItem = (q: M.QuestionModel): Item => ({ key: q.text, props: defined({ resolved: String(q.resolved), answer: q.answer }) });
  add(compareItems(id, "questions", before.questions.map(questionItem), after.questions.map(questionItem)));
  const viewItem = (v: M.ViewModel): Item => ({ key: v.id, props: defined({ title: v.title, components: list(v.components), collapsed: list(v.collapsed) }) });
  add(compareItems(id, "views", before.views.map(viewItem), after.views.map(viewItem)));

  add(compareFigures(id, before, after));
  return { system: id, status: changes.length > 0 ? "changed" : "unchanged", changes };
}

function systemItem(s: M.SystemModel): Item {
  return { key: s.id, props: defined({ title: s.title, owner: s.owner, status: s.status, overview: s.overview, "scope in": list(s.scope.in), "scope out": list(s.scope.out) }) };
}

function componentItem(c: M.ComponentModel): Item {
  return {
    key: c.id,
    props: defined({
      title: c.title,
      kind: c.kind.id,
      boundary: c.boundary,
      technology: c.technology?.summary,
      handles: c.handles,
      capacity: c.capacity?.text,
      "instance bounds": c.instanceBounds ? `${c.instanceBounds.min}..${c.instanceBounds.max}` : undefined,
      stores: list(c.stores),
      exposes: list(c.exposes),
      tags: list(c.tags),
      owner: c.owner,
      description: c.description,
    }),
  };
}

function boundaryItem(b: M.BoundaryModel): Item {
  return { key: b.id, props: defined({ title: b.title, parent: b.parent, members: list(b.children) }) };
}

function connectionItem(c: M.ConnectionModel): Item {
  return { key: c.key, props: defined({ async: c.async ? "async" : "sync", technology: c.technology, description: c.description }) };
}

function flowItem(f: M.FlowModel): Item {
  return { key: f.id, props: defined({ title: f.title, satisfies: list(f.satisfies), steps: String(f.steps.length), description: f.description }) };
}

/** A step is known by its key (flow, ends, words); its number is a property, so a step moved is a change, not a removal. */
function stepItems(f: M.FlowModel): Item[] {
  return f.steps.map((s) => ({ key: s.key, props: { number: String(s.number) } }));
}

function requirementItem(r: M.RequirementModel): Item {
  return { key: r.id, props: defined({ kind: r.kind, text: r.text, target: r.target?.text, status: r.target?.status, "satisfied by": list(r.satisfiedBy) }) };
}

function demandItem(d: M.DemandModel): Item {
  return { key: d.id, props: defined({ title: d.title, rate: d.rate.text }) };
}

function compareEndpoints(system: string, before: M.SystemModel, after: M.SystemModel): Change[] {
  const endpoints = (s: M.SystemModel): { key: string; api: M.ApiModel; endpoint: M.EndpointModel }[] =>
    s.apis.flatMap((api) => api.endpoints.map((endpoint) => ({ key: endpoint.key, api, endpoint })));
  const item = (e: { api: M.ApiModel; endpoint: M.EndpointModel; key: string }): Item => ({
    key: e.key,
    props: defined({ api: e.api.id, title: e.endpoint.title, responses: list(e.endpoint.responses.map((r) => r.status)), errors: list(e.endpoint.errors) }),
  });
  const changes = compareItems(system, "endpoints", endpoints(before).map(item), endpoints(after).map(item), (kind) =>
    kind === "removed" ? { class: "breaking", reason: "an endpoint was removed" } : { class: "info" },
  );
  // Inside endpoints present in both: request and response fields.
  const oldEntities = new Map(before.types.entities.map((e) => [e.id, e]));
  const newEntities = new Map(after.types.entities.map((e) => [e.id, e]));
  const newByKey = new Map(endpoints(after).map((e) => [e.key, e]));
  for (const old of endpoints(before)) {
    const next = newByKey.get(old.key);
    if (!next) continue;
    const fields = (e: M.EndpointModel, entities: Map<string, M.EntityModel>, where: "request" | "response"): Item[] => {
      if (where === "request") {
        return [...bodyFields(e.request, entities, K.requestFields(e.key)), ...e.query.map((q) => ({ key: q.key, type: typeText(q.valueType), optional: q.optional }))].map((f) => ({
          key: f.key,
          props: { type: f.type, required: String(!f.optional) },
        }));
      }
      return e.responses.flatMap((r) => bodyFields(r.body, entities, K.responseFields(e.key, r.status)).map((f) => ({ key: f.key, props: { type: f.type } })));
    };
    for (const change of compareItems(system, "request fields", fields(old.endpoint, oldEntities, "request"), fields(next.endpoint, newEntities, "request"), (kind, _item, property, _o, n) => {
      if (kind === "added" && n === undefined) return { class: "info" };
      if (kind === "changed" && property === "required" && n === "true") return { class: "breaking", reason: "a request field became required" };
      if (kind === "changed" && property === "type") return { class: "breaking", reason: "a request field changed its type" };
      return { class: "info" };
    })) {
      // A field added as required breaks callers that do not send it.
      if (change.kind === "added" && fields(next.endpoint, newEntities, "request").find((f) => f.key === change.item)?.props["required"] === "true") {
        change.class = "breaking";
        change.reason = "a required request field was added";
      }
      changes.push(change);
    }
    for (const change of compareItems(system, "response fields", fields(old.endpoint, oldEntities, "response"), fields(next.endpoint, newEntities, "response"), (kind, _item, property) =>
      kind === "removed" ? { class: "breaking", reason: "a response field was removed" } : kind === "changed" && property === "type" ? { class: "breaking", reason: "a response field changed its type" } : { class: "info" },
    )) {
      changes.push(change);
    }
  }
  return changes;
}

/** Every computed figure that moved, with old → new; a rise beyond RISE_WARNING is a warning. */
function compareFigures(system: string, before: M.SystemModel, after: M.SystemModel): Change[] {
  const changes: Change[] = [];
  const figure = (item: string, property: string, old: { text: string; value: number } | undefined, next: { text: string; value: number } | undefined): void => {
    if (!old && !next) return;
    if (old && next && old.text === next.text) return;
    const change: Change = { system, section: "figures", kind: old && next ? "changed" : old ? "removed" : "added", item, property, class: "info" };
    if (old) change.old = old.text;
    if (next) change.new = next.text;
    if (rose(old?.value, next?.value)) {
      change.class = "warning";
      change.reason = `rose by more than ${Math.round(RISE_WARNING * 100)}%`;
    }
    changes.push(change);
  };
  const tierNames = (s: M.SystemModel): string[] => s.scaling.tiers.map((t) => `${t}x`);
  const oldTiers = tierNames(before);
  const newTiers = tierNames(after);
  const components = new Set([...before.components, ...after.components].map((c) => c.id));
  for (const id of components) {
    const old = before.components.find((c) => c.id === id)?.instances;
    const next = after.components.find((c) => c.id === id)?.instances;
    const tiers = new Set([...oldTiers, ...newTiers]);
    for (const tier of tiers) {
      const a = old?.[oldTiers.indexOf(tier)];
      const b = next?.[newTiers.indexOf(tier)];
      if (a === undefined && b === undefined) continue;
      figure(id, `instances at ${tier}`, a === undefined ? undefined : { text: String(a), value: a }, b === undefined ? undefined : { text: String(b), value: b });
    }
  }
  for (const tier of new Set([...oldTiers, ...newTiers])) {
    figure("cost", `total at ${tier}`, before.cost.totals[oldTiers.indexOf(tier)], after.cost.totals[newTiers.indexOf(tier)]);
  }
  for (const demand of new Set([...before.cost.unitCosts, ...after.cost.unitCosts].map((u) => u.demand))) {
    figure("cost", `per ${demand}`, before.cost.unitCosts.find((u) => u.demand === demand)?.cost, after.cost.unitCosts.find((u) => u.demand === demand)?.cost);
  }
  for (const id of new Set([...before.requirements, ...after.requirements].map((r) => r.id))) {
    figure(id, "computed", before.requirements.find((r) => r.id === id)?.target?.computed, after.requirements.find((r) => r.id === id)?.target?.computed);
  }
  return changes;
}

/** A whole system added or removed: one change per element, so a reader sees what came or went. */
function describeAll(system: M.SystemModel, kind: "added" | "removed"): Change[] {
  const empty: M.SystemModel = {
    ...system,
    requirements: [], components: [], boundaries: [], connections: [], flows: [], types: { entities: [], enums: [] }, apis: [], webhooks: [],
    scaling: { ...system.scaling, demands: [], table: [] }, cost: { items: [], totals: [], unitCosts: [] }, failures: [],
    security: { controls: [], piiFields: [] }, monitoring: { metrics: [], alerts: [] }, decisions: [], questions: [], views: [],
  };
  const diff = kind === "added" ? compareSystems(empty, system) : compareSystems(system, empty);
  // The empty side's system row and tiers are not changes of an added or removed system.
  return diff.changes.filter((c) => c.section !== "system" && c.section !== "scaling");
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.span.file}\u0000${d.message}`;
}

export function compareDesigns(
  before: { systems: M.SystemModel[]; diagnostics: Diagnostic[] },
  after: { systems: M.SystemModel[]; diagnostics: Diagnostic[] },
): DesignDiff {
  const ids = [...new Set([...before.systems, ...after.systems].map((s) => s.id))].sort();
  const systems = ids.map((id) => compareSystems(before.systems.find((s) => s.id === id), after.systems.find((s) => s.id === id)));
  const oldKeys = new Set(before.diagnostics.map(diagnosticKey));
  const newKeys = new Set(after.diagnostics.map(diagnosticKey));
  const diagnostics: DesignDiff["diagnostics"] = [];
  for (const d of after.diagnostics) {
    if (oldKeys.has(diagnosticKey(d))) continue;
    diagnostics.push({ kind: "added", class: d.severity === "error" ? "breaking" : d.severity === "warning" ? "warning" : "info", code: d.code, severity: d.severity, file: d.span.file, message: d.message });
  }
  for (const d of before.diagnostics) {
    if (newKeys.has(diagnosticKey(d))) continue;
    diagnostics.push({ kind: "removed", class: "info", code: d.code, severity: d.severity, file: d.span.file, message: d.message });
  }
  const summary: Record<ChangeClass, number> = { breaking: 0, warning: 0, info: 0 };
  for (const change of systems.flatMap((s) => s.changes)) summary[change.class]++;
  for (const d of diagnostics) summary[d.class]++;
  return { systems, diagnostics, summary };
}
