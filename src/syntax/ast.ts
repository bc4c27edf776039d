import type { Span } from "./span.js";

/**
 * The abstract syntax of a `.sysd` file. Every node has a `span`. Nodes keep
 * the order in which they were written (`members`), which the formatter and
 * the document need; nothing here is resolved — names are just names.
 */

export interface Node {
  span: Span;
}

export interface Identifier extends Node {
  type: "Identifier";
  name: string;
}

/** `aws.S3`, `processing_time.p95`, `Workers.instances`. */
export interface QualifiedName extends Node {
  type: "QualifiedName";
  parts: Identifier[];
  /** The parts joined with dots. */
  text: string;
}

export interface StringLiteral extends Node {
  type: "String";
  /** Escapes decoded; triple-quoted text dedented. */
  value: string;
  triple: boolean;
}

// ── expressions ────────────────────────────────────────────────────────

/**
 * A number as written, with its unit. `value` is the literal without its
 * magnitude suffix; `magnitude` is 1e3 for `k` etc. `unit` is a unit word,
 * `%`, `$` (money) or absent for a count. A unit word alone after `/` in
 * `1000/day` becomes a Quantity with `implicit: true` and value 1.
 */
export interface Quantity extends Node {
  type: "Quantity";
  value: number;
  magnitude: number;
  unit?: string;
  implicit?: boolean;
  /** The source text, for the formatter and messages. */
  text: string;
  /** Its unit is not understood (reported as E100): it has no value, and nothing is checked against it. */
  invalid?: true;
}

export interface Reference extends Node {
  type: "Reference";
  name: QualifiedName;
}

export type BinaryOperator = "+" | "-" | "*" | "/";

export interface Binary extends Node {
  type: "Binary";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface Negation extends Node {
  type: "Negation";
  operand: Expression;
}

export interface Parenthesized extends Node {
  type: "Parenthesized";
  inner: Expression;
}

export type Expression = Quantity | Reference | Binary | Negation | Parenthesized;

export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "==";

export interface Comparison extends Node {
  type: "Comparison";
  left: Expression;
  operator: ComparisonOperator;
  operatorSpan: Span;
  right: Expression;
}

export interface Range extends Node {
  type: "Range";
  min: Expression;
  max: Expression;
}

export type Value = StringLiteral | Expression | Range;

// ── generic properties ─────────────────────────────────────────────────

/**
 * `key value, value { ... }`. Most settings (`technology`, `owner`,
 * `status`, `scope`, `lint`, `questions` …) are properties; which keys are
 * known is decided in src/semantics (W307).
 */
export interface Property extends Node {
  type: "Property";
  key: Identifier;
  values: Value[];
  /** Present when the property has a `{ ... }` block. */
  block?: Property[];
}

// ── file level ─────────────────────────────────────────────────────────

export interface SourceFile extends Node {
  type: "File";
  path: string;
  imports: Import[];
  members: TopLevelMember[];
}

export type TopLevelMember = KindDecl | ModelBlock | SystemDecl;

export interface Import extends Node {
  type: "Import";
  path: StringLiteral;
  alias?: Identifier;
}

export interface KindDecl extends Node {
  type: "Kind";
  name: Identifier;
  title?: StringLiteral;
  base?: QualifiedName;
  properties: Property[];
}

export interface SystemDecl extends Node {
  type: "System";
  name: Identifier;
  title?: StringLiteral;
  members: SystemMember[];
}

export type SystemMember =
  | ComponentDecl
  | BoundaryDecl
  | Connection
  | FlowDecl
  | ModelBlock
  | RequirementsBlock
  | ScalingBlock
  | ApiDecl
  | WebhookDecl
  | CostBlock
  | FailureDecl
  | SecurityBlock
  | MonitoringBlock
  | DecisionDecl
  | ViewDecl
  | Property;

// ── architecture ───────────────────────────────────────────────────────

export interface ComponentDecl extends Node {
  type: "Component";
  name: Identifier;
  title?: StringLiteral;
  kind?: QualifiedName;
  properties: Property[];
}

export interface BoundaryDecl extends Node {
  type: "Boundary";
  name: Identifier;
  title?: StringLiteral;
  /** Components, nested boundaries, connections and properties. */
  members: SystemMember[];
}

export interface Connection extends Node {
  type: "Connection";
  from: Identifier;
  to: Identifier;
  label?: StringLiteral;
  properties: Property[];
}

// ── flows ──────────────────────────────────────────────────────────────

export interface FlowDecl extends Node {
  type: "Flow";
  name: Identifier;
  title?: StringLiteral;
  members: FlowMember[];
}

export type FlowMember = FlowMessage | FlowStep | Satisfies | Property;

export interface FlowMessage extends Node {
  type: "FlowMessage";
  from: Identifier;
  to: Identifier;
  text?: StringLiteral;
}

export interface FlowStep extends Node {
  type: "FlowStep";
  at: Identifier;
  text: StringLiteral;
}

export interface Satisfies extends Node {
  type: "Satisfies";
  requirements: Identifier[];
}

// ── requirements ───────────────────────────────────────────────────────

export interface RequirementsBlock extends Node {
  type: "Requirements";
  groups: RequirementGroup[];
}

export type RequirementKind = "functional" | "nonfunctional";

export interface RequirementGroup extends Node {
  type: "RequirementGroup";
  kind: RequirementKind;
  keyword: Identifier;
  requirements: Requirement[];
}

export interface Requirement extends Node {
  type: "Requirement";
  kind: RequirementKind;
  id: Identifier;
  text: StringLiteral;
  target?: Target;
}

export interface Target extends Node {
  type: "Target";
  /** The `target` keyword, where E230 and W306 point. */
  keywordSpan: Span;
  comparison: Comparison;
}

// ── data model ─────────────────────────────────────────────────────────

export interface ModelBlock extends Node {
  type: "Model";
  members: (EnumDecl | EntityDecl)[];
}

export interface EnumDecl extends Node {
  type: "Enum";
  name: Identifier;
  members: Identifier[];
}

export interface EntityDecl extends Node {
  type: "Entity";
  name: Identifier;
  title?: StringLiteral;
  fields: Field[];
}

export interface Field extends Node {
  type: "Field";
  name: Identifier;
  optional: boolean;
  valueType: TypeExpression;
  description?: StringLiteral;
  attributes: Attribute[];
}

export interface Attribute extends Node {
  type: "Attribute";
  name: Identifier;
  value?: Value;
}

export type TypeExpression = NamedType | RecordType | UnionType | ArrayType;

export interface NamedType extends Node {
  type: "NamedType";
  name: QualifiedName;
}

export interface RecordType extends Node {
  type: "RecordType";
  fields: Field[];
}

export interface UnionType extends Node {
  type: "UnionType";
  options: StringLiteral[];
}

export interface ArrayType extends Node {
  type: "ArrayType";
  element: TypeExpression;
}

// ── scaling ────────────────────────────────────────────────────────────

export interface ScalingBlock extends Node {
  type: "Scaling";
  members: (Demand | TierNotes | Property)[];
}

export interface Demand extends Node {
  type: "Demand";
  name: Identifier;
  rate: Expression;
  title?: StringLiteral;
}

export interface TierNotes extends Node {
  type: "TierNotes";
  multiplier: Expression;
  notes: StringLiteral[];
}

// ── APIs ───────────────────────────────────────────────────────────────

export interface ApiDecl extends Node {
  type: "Api";
  name: Identifier;
  title?: StringLiteral;
  members: (Endpoint | Property)[];
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

export interface UrlPath extends Node {
  type: "UrlPath";
  value: string;
}

export interface Endpoint extends Node {
  type: "Endpoint";
  method: HttpMethod;
  methodSpan: Span;
  path: UrlPath;
  title?: StringLiteral;
  members: EndpointMember[];
}

export type EndpointMember = BodyClause | ResponseClause | ErrorsClause | Property;

export type BodyClauseKind = "request" | "params" | "query" | "payload";

export interface BodyClause extends Node {
  type: "BodyClause";
  clause: BodyClauseKind;
  body: TypeExpression;
}

export interface StatusCode extends Node {
  type: "StatusCode";
  code: number;
}

export interface ResponseClause extends Node {
  type: "Response";
  status: StatusCode;
  body?: TypeExpression;
}

export interface ErrorsClause extends Node {
  type: "Errors";
  statuses: StatusCode[];
}

export interface WebhookDecl extends Node {
  type: "Webhook";
  name: Identifier;
  /** The event name, `"upload.completed"`. */
  title?: StringLiteral;
  members: (BodyClause | Property)[];
}

// ── cost, failures, security ───────────────────────────────────────────

export interface CostBlock extends Node {
  type: "Cost";
  members: (CostItem | Budget | Property)[];
}

export interface CostItem extends Node {
  type: "CostItem";
  label: StringLiteral;
  amount: Expression;
}

export interface Budget extends Node {
  type: "Budget";
  keywordSpan: Span;
  amount: Expression;
}

export interface FailureDecl extends Node {
  type: "Failure";
  name?: Identifier;
  title?: StringLiteral;
  properties: Property[];
}

export interface SecurityBlock extends Node {
  type: "Security";
  members: (Control | Property)[];
}

export interface Control extends Node {
  type: "Control";
  text: StringLiteral;
  on?: Identifier;
}

// ── monitoring ─────────────────────────────────────────────────────────

export interface MonitoringBlock extends Node {
  type: "Monitoring";
  members: (Metric | Alert | Property)[];
}

/** `%`, `$`, `s`, `GB/month`: unit words joined by `/`. */
export interface UnitSpec extends Node {
  type: "UnitSpec";
  parts: string[];
  text: string;
}

export interface Metric extends Node {
  type: "Metric";
  name: Identifier;
  title?: StringLiteral;
  unit?: UnitSpec;
  of?: Identifier;
  percentiles: Identifier[];
}

export interface Alert extends Node {
  type: "Alert";
  name?: Identifier;
  condition: Comparison;
  text?: StringLiteral;
  severity?: Identifier;
  duration?: Expression;
}

// ── decisions ──────────────────────────────────────────────────────────

export interface DecisionDecl extends Node {
  type: "Decision";
  name: Identifier;
  title?: StringLiteral;
  properties: Property[];
}

// ── views ──────────────────────────────────────────────────────────────

export interface ViewDecl extends Node {
  type: "View";
  name: Identifier;
  title?: StringLiteral;
  members: ViewMember[];
}

export type ViewMember = ViewSelection | ViewFocus | ViewCollapse | Property;

/** `include …` or `exclude …`. */
export interface ViewSelection extends Node {
  type: "ViewSelection";
  mode: "include" | "exclude";
  selectors: Selector[];
}

/** `X`, `boundary X`, `kind K`, `tag "t"` or `*`. */
export type Selector =
  | (Node & { type: "Selector"; selector: "component"; name: Identifier })
  | (Node & { type: "Selector"; selector: "boundary"; name: Identifier })
  | (Node & { type: "Selector"; selector: "kind"; kind: QualifiedName })
  | (Node & { type: "Selector"; selector: "tag"; tag: StringLiteral })
  | (Node & { type: "Selector"; selector: "all" });

/** `focus C depth N`; `depth` absent means 1. */
export interface ViewFocus extends Node {
  type: "ViewFocus";
  component: Identifier;
  depth?: { value: number; span: Span };
}

export interface ViewCollapse extends Node {
  type: "ViewCollapse";
  boundaries: Identifier[];
}

export type AnyNode =
  | SourceFile
  | Import
  | TopLevelMember
  | SystemMember
  | FlowMember
  | RequirementGroup
  | Requirement
  | Target
  | EnumDecl
  | EntityDecl
  | Field
  | Attribute
  | TypeExpression
  | Demand
  | TierNotes
  | Endpoint
  | EndpointMember
  | StatusCode
  | UrlPath
  | CostItem
  | Budget
  | Control
  | Metric
  | Alert
  | ViewMember
  | Selector
  | UnitSpec
  | Value
  | Comparison
  | Identifier
  | QualifiedName;
