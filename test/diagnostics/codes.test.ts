import { describe, expect, it } from "vitest";
import {
  ALL_CODES,
  DIAGNOSTIC_CODES,
  codeInfo,
  isDiagnosticCode,
  isWarningCode,
  makeDiagnostic,
  type Diagnostic,
} from "../../src/diagnostics/index.js";
import { span } from "./helpers.js";

const SPEC_CODES = [
  "E100", "E101", "E102", "E200", "E201", "E202", "E203", "E204", "E206", "E207", "E210", "E221", "E230", "E231",
  "W300", "W301", "W302", "W303", "W304", "W305", "W306", "W307", "W308", "W309", "W310", "W311",
];

describe("code table", () => {
  it("holds exactly the codes of the language reference, in order", () => {
    expect([...ALL_CODES]).toEqual(SPEC_CODES);
  });

  it("keys each entry by its own code with the severity its letter implies", () => {
    for (const code of ALL_CODES) {
      const info = DIAGNOSTIC_CODES[code];
      expect(info.code).toBe(code);
      expect(info.severity).toBe(code.startsWith("E") ? "error" : "warning");
    }
  });

  it("has unique kebab-case titles and one-line explanations", () => {
    const titles = ALL_CODES.map((c) => DIAGNOSTIC_CODES[c].title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const code of ALL_CODES) {
      const { title, explanation } = DIAGNOSTIC_CODES[code];
      expect(title).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(explanation.length).toBeGreaterThan(10);
      expect(explanation).not.toMatch(/\n/);
    }
  });

  it("classifies warning codes", () => {
    expect(isWarningCode("W301")).toBe(true);
    expect(isWarningCode("W310")).toBe(true);
    expect(isWarningCode("E100")).toBe(false);
    expect(isWarningCode("W999")).toBe(false);
    expect(isWarningCode("toString")).toBe(false);
    expect(isDiagnosticCode("constructor")).toBe(false);
    expect(codeInfo("E201")?.title).toBe("unknown-component");
    expect(codeInfo("nope")).toBeUndefined();
  });
});

describe("makeDiagnostic", () => {
  it("takes the default severity from the table", () => {
    const s = span("a.sysd", 1, 1);
    expect(makeDiagnostic("E201", s, "unknown component `db`")).toEqual({
      code: "E201",
      severity: "error",
      message: "unknown component `db`",
      span: s,
    });
    expect(makeDiagnostic("W302", s, "x").severity).toBe("warning");
  });

  it("types a diagnostic's code as a code of the table (tsc -p tsconfig.test.json checks the directive)", () => {
    const s = span("a.sysd", 1, 1);
    // @ts-expect-error: a code outside the table is not a Diagnostic's code.
    const foreign: Diagnostic = { code: "X999", severity: "error", message: "x", span: s };
    expect(isDiagnosticCode(foreign.code)).toBe(false);
  });

  it("attaches related locations and a fix, and omits empty extras", () => {
    const s = span("a.sysd", 3, 5);
    const first = span("a.sysd", 1, 5);
    const fix = { message: "rename", span: s, replacement: "db2" };
    const d = makeDiagnostic("E200", s, "duplicate", { related: [{ message: "first here", span: first }], fix });
    expect(d.related).toEqual([{ message: "first here", span: first }]);
    expect(d.fix).toBe(fix);
    expect("related" in makeDiagnostic("E200", s, "x", { related: [] })).toBe(false);
  });
});
