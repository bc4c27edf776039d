import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W311",
  severity: "warning",
  title: "empty-view",
  explanation: "A view's selectors hold no component, so its diagram would be empty.",
  message: ({ view }: { view: string }) => `view \`${view}\` selects no component`,
  check({ system, symbols }, report) {
    for (const view of system.views) {
      if (view.components.length === 0) report(symbols.views.get(view.id)?.name.span ?? view.span, { view: view.id });
    }
  },
});
