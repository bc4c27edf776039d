import type * as A from "../syntax/ast.js";

/** Reading property values the syntax stage has already shape-checked. */

export function stringValue(property: A.Property | undefined): string | undefined {
  const value = property?.values[0];
  return value?.type === "String" ? value.value : undefined;
}

export function stringValues(property: A.Property | undefined): string[] {
  return (property?.values ?? []).filter((v): v is A.StringLiteral => v.type === "String").map((v) => v.value);
}

/** Names in a property that names things (`stores A, B`). */
export function nameValues(property: A.Property | undefined): A.QualifiedName[] {
  return (property?.values ?? []).filter((v): v is A.Reference => v.type === "Reference").map((v) => v.name);
}

export function wordValue(property: A.Property | undefined): string | undefined {
  const value = property?.values[0];
  if (value?.type === "Reference") return value.name.text;
  if (value?.type === "String") return value.value;
  return undefined;
}

export function findProperty(properties: readonly A.Property[], key: string): A.Property | undefined {
  return properties.find((p) => p.key.name === key);
}

/** An expression as the user wrote it, for documents and messages. */
export function expressionText(expression: A.Expression): string {
  switch (expression.type) {
    case "Quantity":
      return expression.text;
    case "Reference":
      return expression.name.text;
    case "Negation":
      return `-${expressionText(expression.operand)}`;
    case "Parenthesized":
      return `(${expressionText(expression.inner)})`;
    case "Binary": {
      const tight = expression.operator === "/" && expression.right.type === "Quantity" && expression.right.implicit === true;
      const separator = tight ? "" : " ";
      return `${expressionText(expression.left)}${separator}${expression.operator}${separator}${expressionText(expression.right)}`;
    }
  }
}

export function valueText(value: A.Value): string {
  switch (value.type) {
    case "String":
      return value.value;
    case "Range":
      return `${expressionText(value.min)}..${expressionText(value.max)}`;
    default:
      return expressionText(value);
  }
}
