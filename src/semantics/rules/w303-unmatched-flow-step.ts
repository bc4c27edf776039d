import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W303",
  severity: "warning",
  title: "unmatched-flow-step",
  explanation: "A flow step sends a message between components that have no connection.",
  message: ({ flow, step, from, to }: { flow: string; step: number; from: string; to: string }) =>
    `flow \`${flow}\` step ${step}: no connection joins \`${from}\` and \`${to}\`; add \`${from} -> ${to}\``,
  check({ system, selfAndEnclosing }, report) {
    const joined = new Set(system.connections.map((c) => `${c.from}\u0000${c.to}`));
    const linked = (a: string, b: string): boolean => {
      const left = selfAndEnclosing(a);
      const right = selfAndEnclosing(b);
      return left.some((x) => right.some((y) => joined.has(`${x}\u0000${y}`) || joined.has(`${y}\u0000${x}`)));
    };
    for (const flow of system.flows) {
      for (const step of flow.steps) {
        if (step.type !== "message" || step.to === undefined || step.from === step.to) continue;
        if (!linked(step.from, step.to)) report(step.span, { flow: flow.id, step: step.number, from: step.from, to: step.to });
      }
    }
  },
});
