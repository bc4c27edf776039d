import type { EntityModel, FieldModel, TypeModel, TypesModel } from "../../semantics/model.js";
import { oneLine } from "./text.js";

/**
 * Types as TypeScript, in the style of the design template: `string`,
 * `number`, `boolean`, `Date`, `T[]`, `?` for optional fields. Enums are
 * declared once as `type Status = 'a' | 'b'` and named where used; unions of
 * string literals written on a field stay inline.
 */

const BUILTIN_TS: Readonly<Record<string, string>> = {
  string: "string",
  text: "string",
  uuid: "string",
  url: "string",
  email: "string",
  bytes: "string",
  duration: "string",
  int: "number",
  float: "number",
  decimal: "number",
  bool: "boolean",
  date: "Date",
  datetime: "Date",
  json: "unknown",
};

/** Builtins whose TypeScript type loses something worth a comment: `id: string; // uuid`. */
const NOTED_BUILTINS = new Set(["uuid", "url", "email", "bytes", "duration", "decimal", "date", "json"]);

/** A string literal in single quotes, as the template writes them. */
export function tsStringLiteral(value: string): string {
  const escaped = value
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
  return `'${escaped}'`;
}

/** A type as compact TypeScript: `{ a: string, b?: number }[]`, `'x' | 'y'`, `Upload`. */
export function tsType(type: TypeModel): string {
  switch (type.type) {
    case "builtin":
      return BUILTIN_TS[type.name] ?? type.name;
    case "enum":
    case "entity":
    case "unknown":
      return type.name;
    case "union":
      return type.options.map(tsStringLiteral).join(" | ");
    case "record":
      return tsRecord(type.fields);
    case "array": {
      const element = tsType(type.element);
      return type.element.type === "union" ? `(${element})[]` : `${element}[]`;
    }
  }
}

/** An inline record on one line: `{ filename: string, size: number }`. */
export function tsRecord(fields: FieldModel[]): string {
  if (fields.length === 0) return "{}";
  return `{ ${fields.map((f) => `${f.name}${f.optional ? "?" : ""}: ${tsType(f.valueType)}`).join(", ")} }`;
}

/** The sysd type name a TypeScript type hides (`uuid`, `url[]`), if worth showing. */
function builtinNote(type: TypeModel): string | undefined {
  if (type.type === "builtin") return NOTED_BUILTINS.has(type.name) ? type.name : undefined;
  if (type.type === "array") {
    const inner = builtinNote(type.element);
    return inner === undefined ? undefined : `${inner}[]`;
  }
  return undefined;
}

/**
 * A foreign key's type: the key of the entity it references
 * (`Upload['id']`) when that entity has exactly one `pk` field, else the
 * entity itself.
 */
function foreignKeyType(type: TypeModel, entities: Map<string, EntityModel>): string {
  if (type.type === "array") {
    const element = foreignKeyType(type.element, entities);
    return `${element}[]`;
  }
  if (type.type === "entity") {
    const keys = entities.get(type.name)?.fields.filter((f) => f.pk) ?? [];
    if (keys.length === 1) return `${type.name}[${tsStringLiteral(keys[0]!.name)}]`;
  }
  return tsType(type);
}

function referencedEntity(type: TypeModel): string | undefined {
  if (type.type === "entity") return type.name;
  if (type.type === "array") return referencedEntity(type.element);
  return undefined;
}

/** A comment for one field: what its TypeScript type hides, its attributes, its description. */
function fieldComment(field: FieldModel): string {
  const notes: string[] = [];
  const note = builtinNote(field.valueType);
  if (note !== undefined) notes.push(note);
  if (field.pk) notes.push("pk");
  if (field.fk) {
    const target = referencedEntity(field.valueType);
    notes.push(target !== undefined ? `fk → ${target}` : "fk");
  }
  if (field.unique) notes.push("unique");
  if (field.index) notes.push("index");
  if (field.pii) notes.push("pii");
  if (field.default !== undefined) notes.push(`default ${oneLine(field.default)}`);
  const description = field.description !== undefined ? oneLine(field.description) : "";
  const text = notes.join(", ") + (notes.length > 0 && description !== "" ? " — " : "") + description;
  return text === "" ? "" : ` // ${text}`;
}

function entityInterface(entity: EntityModel, entities: Map<string, EntityModel>): string {
  const lines: string[] = [];
  if (entity.title !== undefined && oneLine(entity.title) !== "") {
    lines.push(`/** ${oneLine(entity.title).replace(/\*\//g, "*\\/")} */`);
  }
  if (entity.fields.length === 0) {
    lines.push(`interface ${entity.id} {}`);
    return lines.join("\n");
  }
  lines.push(`interface ${entity.id} {`);
  for (const field of entity.fields) {
    const type = field.fk ? foreignKeyType(field.valueType, entities) : tsType(field.valueType);
    lines.push(`  ${field.name}${field.optional ? "?" : ""}: ${type};${fieldComment(field)}`);
  }
  lines.push("}");
  return lines.join("\n");
}

/** The data model as one TypeScript text: enum types first, then one interface per entity. */
export function typesAsTypeScript(types: TypesModel): string {
  const entities = new Map(types.entities.map((e) => [e.id, e]));
  const parts: string[] = [];
  if (types.enums.length > 0) {
    parts.push(types.enums.map((e) => `type ${e.id} = ${e.members.length > 0 ? e.members.map(tsStringLiteral).join(" | ") : "never"};`).join("\n"));
  }
  for (const entity of types.entities) parts.push(entityInterface(entity, entities));
  return parts.join("\n\n");
}
