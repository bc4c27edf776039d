import type * as A from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";
import type * as M from "../semantics/model.js";
import { jsonMarker } from "./marker.js";

/**
 * `model.json` (spec §5): one system's resolved model as a JSON document for
 * other tools. The format is documented by `docs/model.schema.json` (every
 * field, with a description) and `docs/model-json.md`.
 *
 * The document is the `SystemModel` with these differences, all for
 * stability:
 *
 * - Keys are written in a fixed order — the order of `model.ts`, which is
 *   also the order of the schema's `properties` — because every object is
 *   built here field by field, whatever order the model's objects were
 *   filled in.
 * - An absent optional field is left out, never written as `null`. `null`
 *   stands only for a number that is not finite (NaN or ±Infinity: a
 *   threshold that could not be computed, an instance count divided by a
 *   zero capacity).
 * - A span is `{file, line, column, endLine, endColumn}`: the UTF-16 offsets
 *   are dropped, since they repeat the line and column and change when a
 *   checkout turns `\n` into `\r\n`.
 * - No tool version is written, so that regenerating documents with a new
 *   release does not change them; `formatVersion` changes only when the
 *   format does (see the stability promise in `docs/model-json.md`).
 *
 * Output: 2-space indent, `\n` line ends, a final line break, numbers as
 * JavaScript prints them (shortest form that reads back the same double).
 */

/** The `$id` of `docs/model.schema.json`, written as the document's `$schema`. */
export const MODEL_JSON_SCHEMA_ID = "https://sysd.dev/schema/model/v1.json";

/** Changes only when the format changes incompatibly; see `docs/model-json.md`. */
export const MODEL_JSON_FORMAT_VERSION = 1;

export interface ModelJsonOptions {
  /**
   * The version of sysd. Accepted like every renderer's options, and
   * deliberately not written: the document must not change with a release
   * that does not change it.
   */
  toolVersion: string;
}

type Json = string | number | boolean | null | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** Renders the `model.json` document of one system. Pure and deterministic. */
export function renderModelJson(system: M.SystemModel, options: ModelJsonOptions): string {
  void options;
  const document = object([
    ["$comment", jsonMarker(system.file)],
    ["$schema", MODEL_JSON_SCHEMA_ID],
    ["formatVersion", MODEL_JSON_FORMAT_VERSION],
    ["system", systemJson(system)],
  ]);
  return `${JSON.stringify(document, null, 2)}\n`;
}

// ── closed sets ───────────────────────────────────────────────────────

/** The members of a string union, checked exhaustive by the compiler through the `Record`. */
function members<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.freeze(Object.keys(record) as T[]);
}

/**
 * The closed sets of the model, as `docs/model.schema.json` lists them in
 * `enum`s (a test compares them). Adding a member to one of these unions in
 * `model.ts` or `ast.ts` fails to compile here until it is listed, and then
 * fails the test until the schema lists it too.
 */
export const MODEL_JSON_ENUMS = {
  targetStatus: members<M.TargetStatus>({ met: true, failed: true, monitored: true, unmonitored: true, "not-computed": true }),
  comparisonOperator: members<A.ComparisonOperator>({ "<": true, "<=": true, ">": true, ">=": true, "==": true }),
  requirementKind: members<A.RequirementKind>({ functional: true, nonfunctional: true }),
  shape: members<M.Shape>({
    rectangle: true,
    rounded: true,
    cylinder: true,
    queue: true,
    hexagon: true,
    person: true,
    cloud: true,
    dashed: true,
    document: true,
  }),
  flowStepType: members<M.FlowStepModel["type"]>({ message: true, step: true }),
  typeModelType: members<M.TypeModel["type"]>({
    builtin: true,
    enum: true,
    entity: true,
    record: true,
    union: true,
    array: true,
    unknown: true,
  }),
  httpMethod: members<A.HttpMethod>({ GET: true, POST: true, PUT: true, PATCH: true, DELETE: true, HEAD: true, OPTIONS: true }),
  failureSeverity: members<M.FailureSeverity>({ low: true, medium: true, high: true, critical: true }),
} as const;

// ── helpers ───────────────────────────────────────────────────────────

/** An object with its keys in the order given; `undefined` values are left out. */
function object(entries: readonly (readonly [string, Json | undefined])[]): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of entries) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/** A number, or `null` when it is not finite (JSON has no NaN or Infinity). */
function num(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Object.is(value, -0) ? 0 : value;
}

function optional<T>(value: T | undefined, convert: (value: T) => Json): Json | undefined {
  return value === undefined ? undefined : convert(value);
}

function strings(values: readonly string[]): Json[] {
  return values.slice();
}

function spanJson(span: Span): JsonObject {
  return object([
    ["file", span.file],
    ["line", span.line],
    ["column", span.column],
    ["endLine", span.endLine],
    ["endColumn", span.endColumn],
  ]);
}

function figureJson(figure: M.Figure): JsonObject {
  return object([
    ["value", num(figure.value)],
    ["dimension", figure.dimension],
    ["text", figure.text],
  ]);
}

// ── the system ────────────────────────────────────────────────────────

function systemJson(system: M.SystemModel): JsonObject {
  return object([
    ["id", system.id],
    ["title", system.title],
    ["span", spanJson(system.span)],
    ["file", system.file],
    ["owner", system.owner],
    ["status", system.status],
    ["overview", system.overview],
    ["scope", object([["in", strings(system.scope.in)], ["out", strings(system.scope.out)]])],
    ["requirements", system.requirements.map(requirementJson)],
    ["components", system.components.map(componentJson)],
    ["boundaries", system.boundaries.map(boundaryJson)],
    ["connections", system.connections.map(connectionJson)],
    ["flows", system.flows.map(flowJson)],
    ["types", typesJson(system.types)],
    ["apis", system.apis.map(apiJson)],
    ["webhooks", system.webhooks.map(webhookJson)],
    ["scaling", scalingJson(system.scaling)],
    ["cost", costJson(system.cost)],
    ["failures", system.failures.map(failureJson)],
    ["security", securityJson(system.security)],
    ["monitoring", monitoringJson(system.monitoring)],
    ["decisions", system.decisions.map(decisionJson)],
    ["questions", system.questions.map(questionJson)],
    ["views", system.views.map(viewJson)],
    ["checklist", system.checklist.map(checklistItemJson)],
    ["properties", system.properties.map(propertyJson)],
  ]);
}

function propertyJson(property: M.PropertyModel): JsonObject {
  return object([
    ["key", property.key],
    ["values", strings(property.values)],
    ["block", optional(property.block, (block) => block.map(propertyJson))],
  ]);
}

// ── requirements ──────────────────────────────────────────────────────

function targetJson(target: M.TargetModel): JsonObject {
  return object([
    ["text", target.text],
    ["operator", target.operator],
    ["threshold", figureJson(target.threshold)],
    ["computed", optional(target.computed, figureJson)],
    ["status", target.status],
    ["monitoredBy", strings(target.monitoredBy)],
    ["metric", target.metric],
    ["span", spanJson(target.span)],
  ]);
}

function requirementJson(requirement: M.RequirementModel): JsonObject {
  return object([
    ["id", requirement.id],
    ["kind", requirement.kind],
    ["text", requirement.text],
    ["target", optional(requirement.target, targetJson)],
    ["satisfiedBy", strings(requirement.satisfiedBy)],
    ["span", spanJson(requirement.span)],
  ]);
}

// ── architecture ──────────────────────────────────────────────────────

function kindJson(kind: M.KindModel): JsonObject {
  return object([
    ["id", kind.id],
    ["title", kind.title],
    ["chain", strings(kind.chain)],
    ["shape", kind.shape],
    ["stateful", kind.stateful],
    ["technology", kind.technology],
  ]);
}

function technologyJson(technology: M.TechnologyModel): JsonObject {
  return object([
    ["summary", technology.summary],
    ["language", technology.language],
    ["framework", technology.framework],
    ["database", technology.database],
    ["runtime", technology.runtime],
  ]);
}

function componentJson(component: M.ComponentModel): JsonObject {
  return object([
    ["id", component.id],
    ["title", component.title],
    ["kind", kindJson(component.kind)],
    ["boundary", component.boundary],
    ["description", component.description],
    ["technology", optional(component.technology, technologyJson)],
    ["responsibilities", strings(component.responsibilities)],
    [
      "scaling",
      optional(component.scaling, (scaling) =>
        object([
          ["summary", scaling.summary],
          ["horizontal", scaling.horizontal],
          ["vertical", scaling.vertical],
        ]),
      ),
    ],
    ["handles", component.handles],
    ["capacity", optional(component.capacity, figureJson)],
    [
      "instanceBounds",
      optional(component.instanceBounds, (bounds) =>
        object([
          ["min", num(bounds.min)],
          ["max", num(bounds.max)],
        ]),
      ),
    ],
    ["instances", optional(component.instances, (counts) => counts.map(num))],
    ["stores", strings(component.stores)],
    ["exposes", strings(component.exposes)],
    ["failureHandling", strings(component.failureHandling)],
    ["owner", component.owner],
    ["tags", strings(component.tags)],
    ["link", component.link],
    ["properties", component.properties.map(propertyJson)],
    ["dependencies", strings(component.dependencies)],
    ["span", spanJson(component.span)],
  ]);
}

function boundaryJson(boundary: M.BoundaryModel): JsonObject {
  return object([
    ["id", boundary.id],
    ["title", boundary.title],
    ["parent", boundary.parent],
    ["children", strings(boundary.children)],
    ["span", spanJson(boundary.span)],
  ]);
}

function connectionJson(connection: M.ConnectionModel): JsonObject {
  return object([
    ["key", connection.key],
    ["from", connection.from],
    ["to", connection.to],
    ["label", connection.label],
    ["technology", connection.technology],
    ["async", connection.async],
    ["description", connection.description],
    ["tags", strings(connection.tags)],
    ["span", spanJson(connection.span)],
  ]);
}

// ── flows ─────────────────────────────────────────────────────────────

function flowStepJson(step: M.FlowStepModel): JsonObject {
  return object([
    ["key", step.key],
    ["number", step.number],
    ["type", step.type],
    ["from", step.from],
    ["to", step.to],
    ["text", step.text],
    ["span", spanJson(step.span)],
  ]);
}

function flowJson(flow: M.FlowModel): JsonObject {
  return object([
    ["id", flow.id],
    ["title", flow.title],
    ["satisfies", strings(flow.satisfies)],
    ["steps", flow.steps.map(flowStepJson)],
    ["participants", strings(flow.participants)],
    ["description", flow.description],
    ["span", spanJson(flow.span)],
  ]);
}

// ── data model ────────────────────────────────────────────────────────

function typeJson(type: M.TypeModel): JsonObject {
  switch (type.type) {
    case "builtin":
    case "enum":
    case "entity":
    case "unknown":
      return object([
        ["type", type.type],
        ["name", type.name],
      ]);
    case "record":
      return object([
        ["type", type.type],
        ["fields", type.fields.map(fieldJson)],
      ]);
    case "union":
      return object([
        ["type", type.type],
        ["options", strings(type.options)],
      ]);
    case "array":
      return object([
        ["type", type.type],
        ["element", typeJson(type.element)],
      ]);
  }
}

function fieldJson(field: M.FieldModel): JsonObject {
  return object([
    ["key", field.key],
    ["name", field.name],
    ["optional", field.optional],
    ["valueType", typeJson(field.valueType)],
    ["description", field.description],
    ["pk", field.pk],
    ["unique", field.unique],
    ["index", field.index],
    ["fk", field.fk],
    ["pii", field.pii],
    ["default", field.default],
    ["defaultNumber", field.defaultNumber],
    ["span", spanJson(field.span)],
  ]);
}

function typesJson(types: M.TypesModel): JsonObject {
  return object([
    [
      "entities",
      types.entities.map((entity) =>
        object([
          ["id", entity.id],
          ["title", entity.title],
          ["fields", entity.fields.map(fieldJson)],
          ["span", spanJson(entity.span)],
        ]),
      ),
    ],
    [
      "enums",
      types.enums.map((enumeration) =>
        object([
          ["id", enumeration.id],
          ["members", strings(enumeration.members)],
          ["span", spanJson(enumeration.span)],
        ]),
      ),
    ],
  ]);
}

// ── APIs ──────────────────────────────────────────────────────────────

function endpointJson(endpoint: M.EndpointModel): JsonObject {
  return object([
    ["key", endpoint.key],
    ["method", endpoint.method],
    ["path", endpoint.path],
    ["title", endpoint.title],
    ["params", endpoint.params.map(fieldJson)],
    ["query", endpoint.query.map(fieldJson)],
    ["request", optional(endpoint.request, typeJson)],
    [
      "responses",
      endpoint.responses.map((response) =>
        object([
          ["status", response.status],
          ["body", optional(response.body, typeJson)],
        ]),
      ),
    ],
    ["errors", endpoint.errors.map(num)],
    ["description", endpoint.description],
    ["span", spanJson(endpoint.span)],
  ]);
}

function apiJson(api: M.ApiModel): JsonObject {
  return object([
    ["id", api.id],
    ["title", api.title],
    ["servedBy", api.servedBy],
    ["base", api.base],
    ["auth", api.auth],
    ["description", api.description],
    ["endpoints", api.endpoints.map(endpointJson)],
    ["span", spanJson(api.span)],
  ]);
}

function webhookJson(webhook: M.WebhookModel): JsonObject {
  return object([
    ["id", webhook.id],
    ["event", webhook.event],
    ["from", webhook.from],
    ["payload", optional(webhook.payload, typeJson)],
    ["description", webhook.description],
    ["span", spanJson(webhook.span)],
  ]);
}

// ── scaling and cost ──────────────────────────────────────────────────

function scalingJson(scaling: M.ScalingModel): JsonObject {
  return object([
    [
      "demands",
      scaling.demands.map((demand) =>
        object([
          ["id", demand.id],
          ["title", demand.title],
          ["rate", figureJson(demand.rate)],
          ["span", spanJson(demand.span)],
        ]),
      ),
    ],
    ["utilization", num(scaling.utilization)],
    ["tiers", scaling.tiers.map(num)],
    [
      "notes",
      scaling.notes.map((note) =>
        object([
          ["tier", num(note.tier)],
          ["notes", strings(note.notes)],
        ]),
      ),
    ],
    [
      "table",
      scaling.table.map((row) =>
        object([
          ["tier", num(row.tier)],
          [
            "demands",
            row.demands.map((demand) =>
              object([
                ["id", demand.id],
                ["rate", figureJson(demand.rate)],
              ]),
            ),
          ],
          [
            "instances",
            row.instances.map((entry) =>
              object([
                ["component", entry.component],
                ["count", num(entry.count)],
              ]),
            ),
          ],
        ]),
      ),
    ],
  ]);
}

function costJson(cost: M.CostModel): JsonObject {
  return object([
    [
      "items",
      cost.items.map((item) =>
        object([
          ["label", item.label],
          ["text", item.text],
          ["perTier", item.perTier.map(figureJson)],
          ["span", spanJson(item.span)],
        ]),
      ),
    ],
    ["totals", cost.totals.map(figureJson)],
    ["budget", optional(cost.budget, figureJson)],
    ["overBudget", cost.overBudget],
    [
      "unitCosts",
      cost.unitCosts.map((unit) =>
        object([
          ["demand", unit.demand],
          ["cost", figureJson(unit.cost)],
        ]),
      ),
    ],
  ]);
}

// ── failures, security, monitoring ────────────────────────────────────

function failureJson(failure: M.FailureModel): JsonObject {
  return object([
    ["id", failure.id],
    ["title", failure.title],
    ["affects", strings(failure.affects)],
    ["impact", failure.impact],
    ["mitigation", failure.mitigation],
    ["severity", failure.severity],
    ["span", spanJson(failure.span)],
  ]);
}

function securityJson(security: M.SecurityModel): JsonObject {
  return object([
    [
      "controls",
      security.controls.map((control) =>
        object([
          ["text", control.text],
          ["on", control.on],
          ["span", spanJson(control.span)],
        ]),
      ),
    ],
    ["piiFields", strings(security.piiFields)],
  ]);
}

function monitoringJson(monitoring: M.MonitoringModel): JsonObject {
  return object([
    [
      "metrics",
      monitoring.metrics.map((metric) =>
        object([
          ["id", metric.id],
          ["title", metric.title],
          ["unit", metric.unit],
          ["of", metric.of],
          ["percentiles", strings(metric.percentiles)],
          ["span", spanJson(metric.span)],
        ]),
      ),
    ],
    [
      "alerts",
      monitoring.alerts.map((alert) =>
        object([
          ["id", alert.id],
          ["condition", alert.condition],
          ["metric", alert.metric],
          ["percentile", alert.percentile],
          ["operator", alert.operator],
          ["threshold", figureJson(alert.threshold)],
          ["text", alert.text],
          ["severity", alert.severity],
          ["duration", optional(alert.duration, figureJson)],
          ["span", spanJson(alert.span)],
        ]),
      ),
    ],
  ]);
}

// ── decisions and questions ───────────────────────────────────────────

function decisionJson(decision: M.DecisionModel): JsonObject {
  return object([
    ["id", decision.id],
    ["title", decision.title],
    ["status", decision.status],
    ["context", decision.context],
    ["alternatives", strings(decision.alternatives)],
    ["consequences", decision.consequences],
    ["span", spanJson(decision.span)],
  ]);
}

function questionJson(question: M.QuestionModel): JsonObject {
  return object([
    ["text", question.text],
    ["resolved", question.resolved],
    ["answer", question.answer],
    ["span", spanJson(question.span)],
  ]);
}

function viewJson(view: M.ViewModel): JsonObject {
  return object([
    ["id", view.id],
    ["title", view.title],
    ["description", view.description],
    ["components", strings(view.components)],
    ["collapsed", strings(view.collapsed)],
    ["span", spanJson(view.span)],
  ]);
}

function checklistItemJson(item: M.ChecklistItem): JsonObject {
  return object([
    ["id", item.id],
    ["section", item.section],
    ["done", item.done],
  ]);
}
