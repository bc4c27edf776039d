import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W302",
  severity: "warning",
  title: "unconnected-component",
  explanation: "A component takes part in no connection.",
  message: ({ component }: { component: string }) => `component \`${component}\` has no connection`,
  check({ system, selfAndEnclosing, declarationOf }, report) {
    // A connection to or from a boundary connects everything inside it.
    const connected = new Set<string>();
    for (const connection of system.connections) {
      connected.add(connection.from);
      connected.add(connection.to);
    }
    for (const component of system.components) {
      if (!selfAndEnclosing(component.id).some((id) => connected.has(id))) report(declarationOf(component), { component: component.id });
    }
  },
});
