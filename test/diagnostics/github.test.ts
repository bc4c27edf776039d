import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub, makeDiagnostic, type Diagnostic } from "../../src/diagnostics/index.js";
import { span } from "./helpers.js";

describe("formatGithub", () => {
  it("prints one ::error command per diagnostic", () => {
    const d = makeDiagnostic("E201", span("/repo/src/a.sysd", 2, 10, 2, 12), "unknown component `db`");
    expect(formatGithub([d], { cwd: "/repo" })).toBe(
      "::error file=src/a.sysd,line=2,col=10,endLine=2,endColumn=12,title=E201::unknown component `db`\n",
    );
  });

  it("maps warning to ::warning and info to ::notice", () => {
    const w = makeDiagnostic("W302", span("a.sysd", 1, 1, 1, 3), "lonely");
    const i: Diagnostic = { ...makeDiagnostic("W301", span("a.sysd", 2, 1, 2, 3), "count"), severity: "info" };
    expect(formatGithub([i, w]).split("\n")).toEqual([
      "::warning file=a.sysd,line=1,col=1,endLine=1,endColumn=3,title=W302::lonely",
      "::notice file=a.sysd,line=2,col=1,endLine=2,endColumn=3,title=W301::count",
      "",
    ]);
  });

  it("omits columns for a range over several lines, as GitHub requires", () => {
    const d = makeDiagnostic("W303", span("a.sysd", 2, 5, 4, 3), "m");
    expect(formatGithub([d])).toBe("::warning file=a.sysd,line=2,endLine=4,title=W303::m\n");
  });

  it("escapes the message and the properties", () => {
    const d = makeDiagnostic("E100", span("dir,x/a:b%.sysd", 1, 1, 1, 2), "100% bad\r\nline two: a,b");
    expect(formatGithub([d])).toBe(
      "::error file=dir%2Cx/a%3Ab%25.sysd,line=1,col=1,endLine=1,endColumn=2,title=E100::100%25 bad\\u{D}\\nline two: a,b\n",
    );
  });

  it("escapes % before the sequences it introduces", () => {
    expect(escapeData("%0A\n")).toBe("%250A%0A");
    expect(escapeProperty("a:b,c%\r")).toBe("a%3Ab%2Cc%25%0D");
  });

  it("prints nothing when empty", () => {
    expect(formatGithub([])).toBe("");
  });
});
