import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W305",
  severity: "warning",
  title: "unsatisfied-requirement",
  explanation: "A functional requirement is not satisfied by any flow.",
  message: ({ requirement }: { requirement: string }) => `functional requirement \`${requirement}\` is not satisfied by any flow`,
  check({ system }, report) {
    for (const requirement of system.requirements) {
      if (requirement.kind === "functional" && requirement.satisfiedBy.length === 0) report(requirement.span, { requirement: requirement.id });
    }
  },
});
