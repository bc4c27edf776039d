/**
 * The properties of the language (spec §3): which keys each block takes,
 * the shape of their values, and the closed sets some of them draw from.
 * The parser reads the shapes, the checks read the rest; a new property is
 * one entry here.
 *
 * Statement keywords (`component`, `demand`, …) are not listed: they are the
 * grammar's own alternatives (grammar/parser.ts), read from it where needed.
 */

/**
 * The shape of value a property takes. A value of another shape is a syntax
 * error ("expected a string after `technology`"); `any` is checked later, if
 * at all.
 */
export type Shape = "string" | "strings" | "stringOrBlock" | "name" | "names" | "any";

export interface PropertySpec {
  readonly shape: Shape;
  /** The words the value must be one of (E102 otherwise). */
  readonly oneOf?: readonly string[];
  /** The block its `{ ... }` holds, when the language defines one. */
  readonly block?: BlockName;
  /** A system property with a place of its own in the model, not listed among the free properties. */
  readonly modelled?: true;
}

const STRING: PropertySpec = { shape: "string" };
const STRINGS: PropertySpec = { shape: "strings" };
const NAME: PropertySpec = { shape: "name" };
const NAMES: PropertySpec = { shape: "names" };
const ANY: PropertySpec = { shape: "any" };
const oneOf = (...words: string[]): PropertySpec => ({ shape: "name", oneOf: words });

export const SYSTEM_STATUSES = ["draft", "review", "approved", "deprecated"] as const;
export const FAILURE_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const DECISION_STATUSES = ["proposed", "accepted", "rejected", "superseded"] as const;
/** `alert … severity page`: a clause of the alert, not a property, but a closed set all the same. */
export const ALERT_SEVERITIES = ["page", "ticket", "info"] as const;

export interface BlockSpec {
  /** How a message names the block: "unknown property `x` in a component". */
  readonly place: string;
  readonly properties: Readonly<Record<string, PropertySpec>>;
}

export type BlockName =
  | "system" | "component" | "kind" | "connection" | "boundary" | "flow" | "failure" | "decision" | "api" | "endpoint"
  | "webhook" | "scaling" | "scope" | "technology" | "componentScaling" | "questions" | "view" | "cost" | "security" | "monitoring";

export const BLOCKS: Readonly<Record<BlockName, BlockSpec>> = {
  system: {
    place: "a system",
    properties: {
      owner: { ...STRING, modelled: true },
      status: { ...oneOf(...SYSTEM_STATUSES), modelled: true },
      overview: { ...STRING, modelled: true },
      description: { ...STRING, modelled: true },
      scope: { shape: "any", block: "scope", modelled: true },
      lint: { ...ANY, modelled: true },
      questions: { shape: "any", block: "questions", modelled: true },
      tags: ANY,
      link: STRING,
      version: ANY,
    },
  },
  component: {
    place: "a component",
    properties: {
      description: STRING,
      technology: { shape: "stringOrBlock", block: "technology" },
      responsibilities: STRINGS,
      scaling: { shape: "stringOrBlock", block: "componentScaling" },
      handles: NAME,
      capacity: ANY,
      instances: ANY,
      stores: NAMES,
      exposes: NAMES,
      failure_handling: STRINGS,
      owner: STRING,
      tags: ANY,
      link: STRING,
      properties: ANY,
    },
  },
  kind: { place: "a kind", properties: { shape: NAME, description: STRING, technology: { shape: "stringOrBlock" } } },
  connection: { place: "a connection", properties: { technology: { shape: "stringOrBlock" }, async: ANY, description: STRING, tags: ANY } },
  boundary: {
    place: "a boundary",
    properties: { description: STRING, owner: STRING, tags: ANY, link: STRING, technology: { shape: "stringOrBlock" } },
  },
  flow: { place: "a flow", properties: { description: STRING } },
  view: { place: "a view", properties: { description: STRING } },
  failure: {
    place: "a failure",
    properties: { affects: NAMES, impact: STRING, mitigation: STRING, severity: oneOf(...FAILURE_SEVERITIES), description: STRING },
  },
  decision: {
    place: "a decision",
    properties: {
      status: oneOf(...DECISION_STATUSES),
      context: STRING,
      alternatives: STRINGS,
      consequences: STRING,
      description: STRING,
      date: ANY,
      owner: STRING,
    },
  },
  api: { place: "an api", properties: { served_by: NAME, base: STRING, auth: STRING, description: STRING, version: ANY } },
  endpoint: { place: "an endpoint", properties: { description: STRING, auth: STRING } },
  webhook: { place: "a webhook", properties: { from: NAME, description: STRING } },
  scaling: { place: "`scaling`", properties: { utilization: ANY, tiers: ANY } },
  scope: { place: "`scope`", properties: { in: STRINGS, out: STRINGS } },
  technology: { place: "`technology`", properties: { language: STRING, framework: STRING, database: STRING, runtime: STRING } },
  componentScaling: { place: "a component's `scaling`", properties: { horizontal: STRING, vertical: STRING } },
  questions: { place: "`questions`", properties: { open: STRING, resolved: STRINGS } },
  cost: { place: "`cost`", properties: {} },
  security: { place: "`security`", properties: {} },
  monitoring: { place: "`monitoring`", properties: {} },
};

export function blockSpec(name: BlockName): BlockSpec {
  return BLOCKS[name];
}

export function propertySpec(block: BlockName, key: string): PropertySpec | undefined {
  const properties = BLOCKS[block].properties;
  return Object.hasOwn(properties, key) ? properties[key] : undefined;
}

/** Keys whose blocks hold free-form settings, not properties of the language. */
export const FREE_FORM_BLOCKS: ReadonlySet<string> = new Set(["properties", "lint"]);

/**
 * The shape of each key, wherever it appears: the parser checks values
 * before it knows the block, so a key has one shape in every block (a test
 * holds the table to that).
 */
export const SHAPES: ReadonlyMap<string, Shape> = (() => {
  const shapes = new Map<string, Shape>();
  for (const block of Object.values(BLOCKS) as BlockSpec[]) {
    for (const [key, spec] of Object.entries(block.properties)) {
      if (!shapes.has(key)) shapes.set(key, spec.shape);
    }
  }
  return shapes;
})();

/** Every property key of every block: words that are never a misspelled keyword. */
export const PROPERTY_NAMES: readonly string[] = [...SHAPES.keys()].sort();
