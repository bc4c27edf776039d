import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W304",
  severity: "warning",
  title: "stateful-without-failure",
  explanation: "A stateful component has no failure mode that affects it.",
  message: ({ component, kind }: { component: string; kind: string }) =>
    `stateful component \`${component}\` (${kind}) has no failure mode; add a \`failure\` that \`affects ${component}\``,
  check({ system, selfAndEnclosing, declarationOf }, report) {
    const affected = new Set(system.failures.flatMap((f) => f.affects));
    for (const component of system.components) {
      if (!component.kind.stateful) continue;
      if (!selfAndEnclosing(component.id).some((id) => affected.has(id))) report(declarationOf(component), { component: component.id, kind: component.kind.id });
    }
  },
});
