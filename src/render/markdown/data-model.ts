import type { EntityModel, FieldModel, TypeModel } from "../../semantics/model.js";
import { nameOf, type Context } from "./context.js";
import { code, escapeText, fence, heading, image, nothing, table } from "./text.js";
import { typesAsTypeScript } from "./types.js";

function referenced(type: TypeModel): string | undefined {
  if (type.type === "entity") return type.name;
  if (type.type === "array") return referenced(type.element);
  return undefined;
}

function fieldList(fields: FieldModel[], keep: (f: FieldModel) => boolean): string {
  return fields
    .filter(keep)
    .map((f) => code(f.name))
    .join(", ");
}

/** One row of the keys table: primary key, references, unique and indexed fields, where it is stored. */
function keyRow(ctx: Context, entity: EntityModel): string[] {
  const references = entity.fields
    .filter((f) => f.fk || referenced(f.valueType) !== undefined)
    .map((f) => `${code(f.name)} → ${escapeText(referenced(f.valueType) ?? "?")}${f.fk ? " (fk)" : ""}`);
  const storedIn = ctx.system.components.filter((c) => c.stores.includes(entity.id)).map((c) => nameOf(ctx, c.id));
  return [
    code(entity.id),
    fieldList(entity.fields, (f) => f.pk),
    references.join(", "),
    fieldList(entity.fields, (f) => f.unique),
    fieldList(entity.fields, (f) => f.index),
    storedIn.join(", "),
  ];
}

export function renderDataModel(ctx: Context): string[] {
  const { types } = ctx.system;
  const blocks = [heading(2, "Data Model")];
  if (ctx.options.diagrams.dataModel !== undefined) blocks.push(image("Data model", ctx.options.diagrams.dataModel));
  if (types.entities.length === 0 && types.enums.length === 0) {
    blocks.push(nothing("No entities or enums are recorded."));
    return blocks;
  }
  blocks.push(fence(typesAsTypeScript(types), "typescript"));
  if (types.entities.length > 0) {
    blocks.push(
      "**Keys and storage:**",
      table(
        ["Entity", "Primary key", "References", "Unique", "Indexed", "Stored in"],
        types.entities.map((e) => keyRow(ctx, e)),
      ),
    );
  }
  return blocks;
}
