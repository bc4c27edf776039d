import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W308",
  severity: "warning",
  title: "entity-without-pk",
  explanation: "An entity has no field marked `pk`.",
  message: ({ entity }: { entity: string }) => `entity \`${entity}\` has no field marked \`[pk]\``,
  check({ system, symbols }, report) {
    for (const entity of system.types.entities) {
      if (entity.fields.some((f) => f.pk)) continue;
      const declaration = symbols.types.get(entity.id);
      report(declaration && declaration.type === "Entity" ? declaration.name.span : entity.span, { entity: entity.id });
    }
  },
});
