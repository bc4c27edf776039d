import type { Property, Value } from "./ast.js";
import { SHAPES } from "./property-table.js";

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
  if (shape === undefined || shape === "any") return undefined;
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
