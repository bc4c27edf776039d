import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { nodeHost, OverlayHost } from "../../src/syntax/index.js";

const ROOT = path.resolve("/virtual/figures");

function checkText(source: string): ReturnType<typeof check> {
  const file = path.join(ROOT, "design.sysd");
  const host = new OverlayHost(nodeHost);
  host.set(file, source);
  return check([file], { root: ROOT, cwd: ROOT, rules: {}, host });
}

function design(requirements: string, scaling: string, cost: string): string {
  return `system S "S" {
  requirements { nonfunctional {
${requirements}
  } }
  component A "A" : service
  scaling {
${scaling}
  }
  cost { ${cost} }
}
`;
}

describe("a target that divides by zero", () => {
  it.each([
    ["cost.total / zero <= $1", "`cost.total / zero` divides by zero"],
    ["cost.total / zero >= $1", "`cost.total / zero` divides by zero"],
    ["cost.total <= $1/month / zero", "`$1/month / zero` divides by zero"],
  ])("`%s` fails with E230 and is never met", (target, why) => {
    const result = checkText(design(`    NFR1 "x" target ${target}`, "    demand zero 0/day", 'item "x" $5/month'));
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.message])).toEqual([["E230", `\`NFR1\` fails its target: ${why}`]]);
    const requirement = result.model.systems[0]!.requirements.find((r) => r.id === "NFR1")!;
    expect(requirement.target?.status).toBe("failed");
    expect(requirement.target?.computed).toBeUndefined();
  });
});

describe("figures in messages carry no float noise", () => {
  it("prints a tiny cost in scale notation, not as $0", () => {
    const result = checkText(design('    NFR1 "x" target cost.total <= $0/month', "    demand d 1/s", 'item "x" $0.0000000000000001/month'));
    const messages = result.diagnostics.filter((d) => d.code === "E230").map((d) => d.message);
    expect(messages).toEqual(["`NFR1` fails its target: cost.total is $1.0e-16/month, which is not <= $0/month"]);
  });

  it("prints a huge demand in scale notation, never as exponent noise, NaN or Infinity", () => {
    const huge = "1" + "0".repeat(60);
    const result = checkText(design(`    NFR1 "x" target big <= 1/s`, `    demand big ${huge}/s`, 'item "x" $5/month'));
    const messages = result.diagnostics.filter((d) => d.code === "E230").map((d) => d.message);
    expect(messages).toEqual(["`NFR1` fails its target: big is 1.0e60/s, which is not <= 1/s"]);
    const all = result.diagnostics.map((d) => d.message).join("\n");
    expect(all).not.toMatch(/e\+|NaN|Infinity|∞/);
  });
});

describe("a demand or cost item that divides by zero", () => {
  it("is E210 at its expression, not a figure without a value in the document", () => {
    const result = checkText(
      design('    NFR1 "x" target cost.total <= $100/month', "    demand zero 0/day\n    demand d 5/s / (zero * 1day)", 'item "x" $5/month / (zero * 1day)'),
    );
    const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message]);
    expect(errors).toEqual([
      ["E210", "demand `d` divides by zero"],
      ["E210", "cost item `x` divides by zero"],
    ]);
  });
});
