/**
 * A typo gives one diagnostic, at the typo, with the fix: no dimension
 * error, unknown property or unknown name follows from it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const errors = path.resolve(import.meta.dirname, "../fixtures/errors");

function problems(file: string): string[] {
  const result = check([path.join(errors, file)], { root: errors, cwd: errors, rules: {} });
  return result.diagnostics
    .filter((d) => d.severity === "error" || d.code === "W307")
    .map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`);
}

describe("unit and operator typos", () => {
  it("give one error each, with did-you-mean, and nothing downstream", () => {
    expect(problems("unit_typos.sysd")).toEqual([
      "5:7 E100 `-->` is not an arrow — did you mean `->`?",
      "6:7 E100 `=>` is not an arrow — did you mean `->`?",
      "8:21 E100 unknown unit `mins` — did you mean `min`?",
      "9:20 E100 unknown unit `mins` — did you mean `min`?",
      "10:24 E100 unknown unit `dya` — did you mean `day`?",
      "16:18 E100 a rate is written with `/`, not `per` — did you mean `$50/month`?",
    ]);
  });
});
