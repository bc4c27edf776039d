import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W310",
  severity: "warning",
  title: "instances-exceeded",
  explanation: "A scaling tier needs more instances than the component's `instances` bound allows.",
  message: ({ component, needs, max }: { component: string; needs: { count: number; tier: number }[]; max: number }) =>
    `\`${component}\` needs ${needs.map((t) => `${t.count} at ${t.tier}x`).join(", ")}: more instances than its bound of ${max}`,
  check({ figures }, report) {
    for (const found of figures.overBound) report(found.span, { component: found.component, needs: found.over, max: found.max });
  },
});
