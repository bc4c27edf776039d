import { expressionText } from "../values.js";
import { defineRule } from "./rule.js";

type Failure =
  | { requirement: string; left: string; computed: string; operator: string; threshold: string }
  | { requirement: string; dividesByZero: string };

export const rule = defineRule({
  code: "E230",
  severity: "error",
  title: "target-not-met",
  explanation: "A non-functional requirement's target fails against the computed value.",
  message: (failure: Failure) =>
    "dividesByZero" in failure
      ? `\`${failure.requirement}\` fails its target: \`${failure.dividesByZero}\` divides by zero`
      : `\`${failure.requirement}\` fails its target: ${failure.left} is ${failure.computed}, which is not ${failure.operator} ${failure.threshold}`,
  check({ system, symbols, figures }, report) {
    for (const requirement of system.requirements) {
      const target = requirement.target;
      if (target?.status !== "failed") continue;
      const declared = symbols.requirements.get(requirement.id)?.target;
      if (!declared) continue;
      // The evaluator fails a target either on its comparison (with the computed figure) or on a division by zero.
      if (target.computed !== undefined) {
        report(declared.keywordSpan, {
          requirement: requirement.id,
          left: expressionText(declared.comparison.left),
          computed: target.computed.text,
          operator: target.operator,
          threshold: target.threshold.text,
        });
        continue;
      }
      const zero = figures.dividedByZero.find((found) => found.requirement === requirement.id);
      if (zero) report(declared.keywordSpan, { requirement: requirement.id, dividesByZero: zero.expression });
    }
  },
});
