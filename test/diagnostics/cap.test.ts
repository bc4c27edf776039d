import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { capPerFile, makeDiagnostic, MAX_DIAGNOSTICS_PER_FILE, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/index.js";
import { memoryHost } from "../../src/syntax/index.js";
import { span } from "./helpers.js";

function warnings(file: string, count: number): Diagnostic[] {
  return Array.from({ length: count }, (_, i) => makeDiagnostic("W302", span(file, i + 1, 1), `w${i}`));
}

describe("capPerFile", () => {
  it("leaves a file at the limit alone", () => {
    const list = warnings("a.sysd", 5);
    expect(capPerFile(list, 5)).toEqual(list);
  });

  it("keeps the first diagnostics of each file and says how many more there were", () => {
    const list = sortDiagnostics([...warnings("a.sysd", 7), ...warnings("b.sysd", 2)]);
    const capped = capPerFile(list, 5);
    expect(capped.map((d) => `${d.span.file}:${d.span.line} ${d.message}`)).toEqual([
      "a.sysd:1 w0",
      "a.sysd:2 w1",
      "a.sysd:3 w2",
      "a.sysd:4 w3",
      "a.sysd:5 w4",
      `a.sysd:6 2 more problems are not shown: sysd reports at most ${MAX_DIAGNOSTICS_PER_FILE} per file`,
      "b.sysd:1 w0",
      "b.sysd:2 w1",
    ]);
    expect(sortDiagnostics(capped)).toEqual(capped);
  });

  it("gives the summary the severity of the worst hidden diagnostic, so a hidden error still fails the run", () => {
    const list = [...warnings("a.sysd", 3), makeDiagnostic("E201", span("a.sysd", 9, 1), "unknown")];
    const summary = capPerFile(list, 2).at(-1)!;
    expect(summary).toMatchObject({ code: "E201", severity: "error", message: expect.stringMatching(/^2 more problems/) });
  });

  it("counts what a summary made earlier stood for", () => {
    const first = capPerFile(warnings("a.sysd", 10), 3);
    // w2, the summary of 7, and `late`.
    const again = capPerFile([...first, makeDiagnostic("W302", span("a.sysd", 20, 1), "late")], 2);
    expect(again.at(-1)!.message).toMatch(/^9 more problems/);
  });
});

describe("check", () => {
  it("reports at most 500 diagnostics for one file, then how many more", () => {
    const root = path.resolve("/virtual/cap");
    const uses = Array.from({ length: 700 }, (_, i) => `  Api -> Missing${i}`).join("\n");
    const file = path.join(root, "main.sysd");
    const result = check([file], { root, cwd: root, rules: {}, host: memoryHost({ [file]: `system S {\n  component Api\n${uses}\n}\n` }) });
    const inMain = result.diagnostics.filter((d) => d.span.file === "main.sysd");
    expect(inMain).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(inMain.filter((d) => d.code === "E201").length).toBeGreaterThan(400);
    expect(inMain.at(-1)!.message).toMatch(/^\d+ more problems are not shown: sysd reports at most 500 per file$/);
    expect(inMain.at(-1)!.severity).toBe("error");
  });
});
