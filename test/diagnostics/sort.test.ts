import { describe, expect, it } from "vitest";
import { countBySeverity, makeDiagnostic, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/index.js";
import { span } from "./helpers.js";

describe("sortDiagnostics", () => {
  it("orders by file, line, column, end, code, then message", () => {
    const expected: Diagnostic[] = [
      makeDiagnostic("E201", span("a.sysd", 1, 1, 1, 2), "m"),
      makeDiagnostic("E201", span("a.sysd", 1, 1, 1, 3), "m"),
      makeDiagnostic("E201", span("a.sysd", 1, 1, 2, 1), "m"),
      makeDiagnostic("E100", span("a.sysd", 1, 2, 1, 3), "z"),
      makeDiagnostic("E201", span("a.sysd", 1, 2, 1, 3), "a"),
      makeDiagnostic("E201", span("a.sysd", 1, 2, 1, 3), "b"),
      makeDiagnostic("W300", span("a.sysd", 2, 1), "m"),
      makeDiagnostic("E100", span("a.sysd", 10, 1), "m"),
      makeDiagnostic("E100", span("b.sysd", 1, 1), "m"),
      makeDiagnostic("E100", span("b/a.sysd", 1, 1), "m"),
    ];
    const shuffled = [expected[7], expected[2], expected[9], expected[0], expected[5], expected[4], expected[1], expected[8], expected[3], expected[6]] as Diagnostic[];
    const before = [...shuffled];
    expect(sortDiagnostics(shuffled)).toEqual(expected);
    expect(shuffled).toEqual(before);
    expect(sortDiagnostics([...expected].reverse())).toEqual(expected);
  });

  it("compares by code unit, not by locale", () => {
    const upper = makeDiagnostic("E100", span("B.sysd", 1, 1), "m");
    const lower = makeDiagnostic("E100", span("a.sysd", 1, 1), "m");
    expect(sortDiagnostics([lower, upper])).toEqual([upper, lower]);
  });
});

describe("countBySeverity", () => {
  it("counts every severity, zero included", () => {
    const s = span("a.sysd", 1, 1);
    const info: Diagnostic = { ...makeDiagnostic("W301", s, "m"), severity: "info" };
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
    expect(
      countBySeverity([makeDiagnostic("E100", s, "m"), makeDiagnostic("E101", s, "m"), makeDiagnostic("W301", s, "m"), info]),
    ).toEqual({ error: 2, warning: 1, info: 1 });
  });
});
