import { isOutsideComponent } from "../topology.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  code: "W301",
  severity: "warning",
  title: "component-count",
  explanation: "The system has fewer than 3 or more than 7 components besides clients, users and externals.",
  message: ({ count }: { count: number }) =>
    `the system has ${count} component${count === 1 ? "" : "s"} (not counting clients, users and externals), ${
      count < 3 ? "fewer than 3: name the parts the system is made of" : "more than 7: merge parts that scale and fail together, or split the design into systems"
    }`,
  check({ system, symbols }, report) {
    const inside = system.components.filter((c) => !isOutsideComponent(c)).length;
    if (inside < 3 || inside > 7) report(symbols.system.name.span, { count: inside });
  },
});
