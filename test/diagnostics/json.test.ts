import { describe, expect, it } from "vitest";
import { formatJson, makeDiagnostic, type Diagnostic } from "../../src/diagnostics/index.js";
import { span } from "./helpers.js";

describe("formatJson", () => {
  it("prints [] and a newline when empty", () => {
    expect(formatJson([])).toBe("[]\n");
  });

  it("writes the contract's keys in the contract's order, nothing else", () => {
    const d = makeDiagnostic("E201", span("a.sysd", 2, 10, 2, 12), "unknown component `db`", {
      related: [{ message: "n", span: span("a.sysd", 1, 1) }],
      fix: { message: "f", span: span("a.sysd", 2, 10, 2, 12), replacement: "dx" },
    });
    const out = formatJson([d]);
    expect(out).toBe(
      [
        "[",
        "  {",
        '    "file": "a.sysd",',
        '    "line": 2,',
        '    "column": 10,',
        '    "endLine": 2,',
        '    "endColumn": 12,',
        '    "severity": "error",',
        '    "code": "E201",',
        '    "message": "unknown component `db`"',
        "  }",
        "]",
        "",
      ].join("\n"),
    );
    const parsed = JSON.parse(out) as Record<string, unknown>[];
    expect(Object.keys(parsed[0] ?? {})).toEqual(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message"]);
  });

  it("keeps key order whatever order the diagnostic was built in", () => {
    const d: Diagnostic = {
      span: span("a.sysd", 1, 1),
      message: "m",
      severity: "info",
      code: "W301",
    };
    const parsed = JSON.parse(formatJson([d])) as Record<string, unknown>[];
    expect(Object.keys(parsed[0] ?? {})).toEqual(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message"]);
    expect(parsed[0]?.["severity"]).toBe("info");
  });

  it("sorts, escapes, and relativizes paths under cwd", () => {
    const diags = [
      makeDiagnostic("W302", span("/p/b.sysd", 1, 1), 'quote " and\nnewline'),
      makeDiagnostic("E100", span("/p/sub/a.sysd", 1, 1), "x"),
      makeDiagnostic("E100", span("/other/c.sysd", 1, 1), "y"),
    ];
    const parsed = JSON.parse(formatJson(diags, { cwd: "/p" })) as { file: string; message: string }[];
    expect(parsed.map((p) => p.file)).toEqual(["/other/c.sysd", "b.sysd", "sub/a.sysd"]);
    // A line break in a message is shown as an escape (util/visible.ts), in every format.
    expect(parsed[1]?.message).toBe('quote " and\\nnewline');
    expect(formatJson(diags, { cwd: "/p" }).endsWith("]\n")).toBe(true);
  });
});
