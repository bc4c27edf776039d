import { expressionText } from "../values.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W306",
  severity: "warning",
  title: "target-without-alert",
  explanation: "A requirement targets a metric that no alert watches.",
  message: ({ metric, requirement, left }: { metric: string; requirement: string; left: string }) =>
    `no alert watches metric \`${metric}\`, which \`${requirement}\` targets; add \`alert ${left} ...\``,
  check({ system, symbols }, report) {
    for (const requirement of system.requirements) {
      const target = requirement.target;
      if (target?.status !== "unmonitored" || target.metric === undefined) continue;
      const declared = symbols.requirements.get(requirement.id)?.target;
      if (!declared) continue;
      report(declared.keywordSpan, { metric: target.metric, requirement: requirement.id, left: expressionText(declared.comparison.left) });
    }
  },
});
