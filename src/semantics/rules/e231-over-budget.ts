import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "E231",
  severity: "error",
  title: "over-budget",
  explanation: "The computed cost total is higher than the declared budget.",
  message: ({ total, budget }: { total: string; budget: string }) => `the cost total ${total} is over the budget of ${budget}`,
  check({ system, symbols }, report) {
    // The verdict is the evaluator's (the model's `overBudget`), on the 1x total.
    const { cost } = system;
    const total = cost.totals[0];
    const declared = symbols.budgets[0];
    if (cost.overBudget !== true || total === undefined || cost.budget === undefined || declared === undefined) return;
    report(declared.keywordSpan, { total: total.text, budget: cost.budget.text });
  },
});
