import type { Property, Value } from "./ast.js";

/**
 * The shape of value a well-known property takes. A property whose values
 * have another shape is a syntax error ("expected a string after
 * `technology`"); which keys belong where is checked later (W307).
 */
type Shape = "string" | "strings" | "stringOrBlock" | "name" | "names" | "none";

const SHAPES: ReadonlyMap<string, Shape> = new Map(Object.entries({
  description: "string",
  owner: "string",
  overview: "string",
  impact: "string",
  mitigation: "string",
  context: "string",
  consequences: "string",
  link: "string",
  base: "string",
  auth: "string",
  language: "string",
  framework: "string",
  database: "string",
  runtime: "string",
  horizontal: "string",
  vertical: "string",
  responsibilities: "strings",
  failure_handling: "strings",
  alternatives: "strings",
  in: "strings",
  out: "strings",
  open: "string",
  resolved: "strings",
  technology: "stringOrBlock",
  scaling: "stringOrBlock",
  handles: "name",
  served_by: "name",
  from: "name",
  status: "name",
  severity: "name",
  shape: "name",
  stores: "names",
  exposes: "names",
  affects: "names",
} satisfies Record<string, Shape>));

/** Keys whose blocks hold free-form settings, not properties of the language. */
export const FREE_FORM_BLOCKS: ReadonlySet<string> = new Set(["properties", "lint"]);

export interface ValueProblem {
  message: string;
  at: Value | Property;
}

function describe(value: Value): string {
  switch (value.type) {
    case "String":
      return "a string";
    case "Quantity":
      return `\`${value.text}\``;
    case "Reference":
      return `\`${value.name.text}\``;
    case "Range":
      return "a range";
    default:
      return "an expression";
  }
}

function isName(value: Value): boolean {
  return value.type === "Reference";
}

export function checkPropertyValues(property: Property): ValueProblem | undefined {
  const shape = SHAPES.get(property.key.name);
  if (shape === undefined) return undefined;
  const key = `\`${property.key.name}\``;
  const values = property.values;
  const first = values[0];
  const wantsString = shape === "string" || shape === "strings" || shape === "stringOrBlock";
  if (shape === "stringOrBlock" && property.block !== undefined && values.length === 0) return undefined;
  if (!first) {
    const what = shape === "stringOrBlock" ? "a string or a `{ ... }` block" : wantsString ? "a string" : "a name";
    return { message: `expected ${what} after ${key}`, at: property };
  }
  const expectsOne = shape === "string" || shape === "name" || shape === "stringOrBlock";
  for (const value of values) {
    if (wantsString && value.type !== "String") {
      return { message: `expected a string after ${key}, found ${describe(value)}`, at: value };
    }
    if (!wantsString && !isName(value)) {
      return { message: `expected a name after ${key}, found ${describe(value)}`, at: value };
    }
  }
  if (expectsOne && values.length > 1) {
    return { message: `${key} takes one value, found ${values.length}`, at: values[1]! };
  }
  if (property.block !== undefined && shape !== "stringOrBlock") {
    return { message: `${key} takes no \`{ ... }\` block`, at: property };
  }
  return undefined;
}
