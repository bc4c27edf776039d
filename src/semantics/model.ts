import type * as A from "../syntax/ast.js";
import type { Span } from "../syntax/span.js";

/**
 * The resolved model of a design: what every emitter reads. Names are
 * resolved to ids, kinds to their chains, and every figure (instances, costs,
 * target results) is computed here once. Plain data: `model.json` is this
 * object without source offsets and with non-finite numbers as null (see
 * `docs/model.schema.json`).
 *
 * Lists keep the order of the source; where the source does not order
 * something, it is sorted by id.
 */
export interface Model {
  systems: SystemModel[];
}

/** A figure computed by the compiler, with its readable form. */
export interface Figure {
  /** In the base units of its dimension (seconds, bytes, dollars, counts). */
  value: number;
  /** The dimension in words: "count per time", "money per time", "data", "count" for a plain number. */
  dimension: string;
  /** Readable: "0.69/min", "$3,260/month", "15 TB/month". */
  text: string;
}

export interface SystemModel {
  id: string;
  title: string;
  span: Span;
  file: string;
  owner?: string;
  status?: string;
  overview?: string;
  scope: { in: string[]; out: string[] };
  requirements: RequirementModel[];
  components: ComponentModel[];
  boundaries: BoundaryModel[];
  connections: ConnectionModel[];
  flows: FlowModel[];
  types: TypesModel;
  apis: ApiModel[];
  webhooks: WebhookModel[];
  scaling: ScalingModel;
  cost: CostModel;
  failures: FailureModel[];
  security: SecurityModel;
  monitoring: MonitoringModel;
  decisions: DecisionModel[];
  questions: QuestionModel[];
  views: ViewModel[];
  checklist: ChecklistItem[];
  /** Unknown system-level properties are kept and shown (after W307). */
  properties: PropertyModel[];
}

export interface PropertyModel {
  key: string;
  /** Values as written (strings decoded, expressions as source text). */
  values: string[];
  block?: PropertyModel[];
}

// ── requirements ───────────────────────────────────────────────────────

export type TargetStatus = "met" | "failed" | "monitored" | "unmonitored" | "not-computed";

export interface TargetModel {
  /** The target as written: "cost.total / uploads <= $0.50". */
  text: string;
  operator: A.ComparisonOperator;
  threshold: Figure;
  /** Present when the compiler could compute the left side. */
  computed?: Figure;
  status: TargetStatus;
  /** Alerts (ids or their conditions) watching the target's metric. */
  monitoredBy: string[];
  /** The metric the target names, if any. */
  metric?: string;
  span: Span;
}

export interface RequirementModel {
  id: string;
  kind: A.RequirementKind;
  text: string;
  target?: TargetModel;
  /** Flows that `satisfies` this requirement, in source order. */
  satisfiedBy: string[];
  span: Span;
}

// ── architecture ───────────────────────────────────────────────────────

export type Shape = "rectangle" | "rounded" | "cylinder" | "queue" | "hexagon" | "person" | "cloud" | "dashed" | "document";

export interface KindModel {
  /** Qualified name as written where declared: `aws.S3`, `queue`. */
  id: string;
  title: string;
  /** The chain from this kind to its root, e.g. ["aws.S3", "object_store"]. */
  chain: string[];
  shape: Shape;
  stateful: boolean;
  technology?: string;
}

export interface TechnologyModel {
  /** One line: "Python + FFmpeg". */
  summary: string;
  language?: string;
  framework?: string;
  database?: string;
  runtime?: string;
}

export interface ComponentModel {
  id: string;
  title: string;
  kind: KindModel;
  /** The innermost boundary holding it. */
  boundary?: string;
  description?: string;
  technology?: TechnologyModel;
  responsibilities: string[];
  scaling?: { summary: string; horizontal?: string; vertical?: string };
  handles?: string;
  capacity?: Figure;
  instanceBounds?: { min: number; max: number };
  /** Instances per tier, in tier order; absent when it has no demand and capacity. */
  instances?: number[];
  stores: string[];
  exposes: string[];
  failureHandling: string[];
  owner?: string;
  tags: string[];
  link?: string;
  properties: PropertyModel[];
  /** Components it connects to (derived from connections), in source order. */
  dependencies: string[];
  span: Span;
}

export interface BoundaryModel {
  id: string;
  title: string;
  parent?: string;
  /** Components and boundaries directly inside, in source order. */
  children: string[];
  span: Span;
}

export interface ConnectionModel {
  /** Stable identity across revisions: `Api -> Store "reads links"` (src/semantics/identity.ts). */
  key: string;
  from: string;
  to: string;
  label?: string;
  technology?: string;
  async: boolean;
  description?: string;
  tags: string[];
  span: Span;
}

// ── views ──────────────────────────────────────────────────────────────

/** A `view`: an extra architecture diagram of some of the components (spec §3.14). */
export interface ViewModel {
  id: string;
  title: string;
  description?: string;
  /** The components it holds, in the order of the system's components. */
  components: string[];
  /** Boundaries drawn as one box each, in the order written. */
  collapsed: string[];
  span: Span;
}

// ── flows ──────────────────────────────────────────────────────────────

export interface FlowStepModel {
  /** Stable identity across revisions, unlike `number`: `upload: Api -> Store "writes"`. */
  key: string;
  number: number;
  /** `message` is A -> B; `step` is work inside one component. */
  type: "message" | "step";
  from: string;
  to?: string;
  text: string;
  span: Span;
}

export interface FlowModel {
  id: string;
  title: string;
  satisfies: string[];
  steps: FlowStepModel[];
  /** Components and boundaries the flow touches, in order of first appearance. */
  participants: string[];
  description?: string;
  span: Span;
}

// ── data model ─────────────────────────────────────────────────────────

export type TypeModel =
  | { type: "builtin"; name: string }
  | { type: "enum"; name: string }
  | { type: "entity"; name: string }
  | { type: "record"; fields: FieldModel[] }
  | { type: "union"; options: string[] }
  | { type: "array"; element: TypeModel }
  | { type: "unknown"; name: string };

export interface FieldModel {
  /** Stable identity across revisions: `Link.owner`, `POST /v1/links request user.email`. */
  key: string;
  name: string;
  optional: boolean;
  valueType: TypeModel;
  description?: string;
  pk: boolean;
  unique: boolean;
  index: boolean;
  fk: boolean;
  pii: boolean;
  default?: string;
  /** The default's number, when it is a plain number (`10k` is 10000): for emitters that type it. */
  defaultNumber?: number;
  span: Span;
}

export interface EntityModel {
  /** Qualified when it comes from an import: `plat.User`. */
  id: string;
  title?: string;
  fields: FieldModel[];
  span: Span;
}

export interface EnumModel {
  id: string;
  members: string[];
  span: Span;
}

export interface TypesModel {
  entities: EntityModel[];
  enums: EnumModel[];
}

// ── APIs ───────────────────────────────────────────────────────────────

export interface EndpointModel {
  /** Stable identity across revisions: `GET /v1/links/{code}` (method and full path). */
  key: string;
  method: A.HttpMethod;
  /** As written, without the api's base. */
  path: string;
  title?: string;
  params: FieldModel[];
  query: FieldModel[];
  request?: TypeModel;
  responses: { status: number; body?: TypeModel }[];
  errors: number[];
  description?: string;
  span: Span;
}

export interface ApiModel {
  id: string;
  title: string;
  servedBy?: string;
  base?: string;
  auth?: string;
  description?: string;
  endpoints: EndpointModel[];
  span: Span;
}

export interface WebhookModel {
  id: string;
  event: string;
  from?: string;
  payload?: TypeModel;
  description?: string;
  span: Span;
}

// ── scaling and cost ───────────────────────────────────────────────────

export interface DemandModel {
  id: string;
  title?: string;
  rate: Figure;
  span: Span;
}

export interface ScalingModel {
  demands: DemandModel[];
  /** 0..1; 1 when not given. */
  utilization: number;
  /** Multipliers, e.g. [1, 10, 100]. */
  tiers: number[];
  notes: { tier: number; notes: string[] }[];
  /** Per tier: each demand at that tier, readable. */
  table: { tier: number; demands: { id: string; rate: Figure }[]; instances: { component: string; count: number }[] }[];
}

export interface CostItemModel {
  label: string;
  /** The expression as written. */
  text: string;
  /** Per tier, in tier order; monthly money. */
  perTier: Figure[];
  span: Span;
}

export interface UnitCostModel {
  demand: string;
  /** Money per one unit of the demand, at 1x. */
  cost: Figure;
}

export interface CostModel {
  items: CostItemModel[];
  /** Per tier, monthly. */
  totals: Figure[];
  budget?: Figure;
  /** Whether the 1x total is over the budget (E231); absent without a budget or a total. */
  overBudget?: boolean;
  unitCosts: UnitCostModel[];
}

// ── failures, security, monitoring ─────────────────────────────────────

export type FailureSeverity = "low" | "medium" | "high" | "critical";

export interface FailureModel {
  id?: string;
  title: string;
  affects: string[];
  impact?: string;
  mitigation?: string;
  severity?: FailureSeverity;
  span: Span;
}

export interface SecurityModel {
  controls: { text: string; on?: string; span: Span }[];
  /** Fields marked `pii`: "Entity.field". */
  piiFields: string[];
}

export interface MetricModel {
  id: string;
  title: string;
  unit?: string;
  of?: string;
  percentiles: string[];
  span: Span;
}

export interface AlertModel {
  id?: string;
  /** The condition as written. */
  condition: string;
  metric?: string;
  percentile?: string;
  operator: A.ComparisonOperator;
  threshold: Figure;
  text?: string;
  severity?: string;
  duration?: Figure;
  span: Span;
}

export interface MonitoringModel {
  metrics: MetricModel[];
  alerts: AlertModel[];
}

// ── decisions and questions ────────────────────────────────────────────

export interface DecisionModel {
  id: string;
  title: string;
  status?: string;
  context?: string;
  alternatives: string[];
  consequences?: string;
  span: Span;
}

export interface QuestionModel {
  text: string;
  resolved: boolean;
  answer?: string;
  span: Span;
}

export type ChecklistId =
  | "requirements"
  | "architecture"
  | "flows"
  | "data-model"
  | "api"
  | "scaling"
  | "failures"
  | "cost"
  | "security"
  | "monitoring";

export interface ChecklistItem {
  /** A stable key for tools. */
  id: ChecklistId;
  /** The section's name, as W300 names it. */
  section: string;
  done: boolean;
}
