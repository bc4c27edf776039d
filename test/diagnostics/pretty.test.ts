import { describe, expect, it } from "vitest";
import { formatPretty, formatSummary, makeDiagnostic, type Diagnostic } from "../../src/diagnostics/index.js";
import { renderSnippet } from "../../src/diagnostics/printers/pretty.js";
import { span, spanOf } from "./helpers.js";

const ESC = "\u001b";
const plain = (source: Record<string, string>, cwd?: string) => ({
  color: false,
  source: (file: string) => source[file],
  ...(cwd !== undefined ? { cwd } : {}),
});

/** Display column (0-based) of the first caret in a caret line, after the gutter. */
function caretColumn(caretLine: string): number {
  const bar = caretLine.indexOf("|");
  return caretLine.indexOf("^") - (bar + 2);
}

describe("formatPretty", () => {
  const text = "system Shop {\n  api -> db\n}\n";

  it("prints location, severity, code, message, source line and caret", () => {
    const d = makeDiagnostic("E201", spanOf("a.sysd", text, "db"), "unknown component `db`");
    expect(formatPretty([d], plain({ "a.sysd": text }))).toBe(
      [
        "a.sysd:2:10: error E201: unknown component `db`",
        " 2 |   api -> db",
        "   |          ^~",
        "",
        "1 error",
        "",
      ].join("\n"),
    );
  });

  it("puts the caret under the start of the range and underlines its width", () => {
    const d = makeDiagnostic("W300", spanOf("a.sysd", text, "Shop"), "missing section: cost");
    const lines = formatPretty([d], plain({ "a.sysd": text })).split("\n");
    expect(lines[1]).toBe(" 1 | system Shop {");
    expect(lines[2]).toBe("   |        ^~~~");
    expect(caretColumn(lines[2] ?? "")).toBe("system ".length);
  });

  it("widens the gutter to the line number", () => {
    const long = "x\n".repeat(119) + "bad here\n";
    const d = makeDiagnostic("E100", spanOf("a.sysd", long, "bad"), "unexpected token");
    const lines = formatPretty([d], plain({ "a.sysd": long })).split("\n");
    expect(lines[1]).toBe(" 120 | bad here");
    expect(lines[2]).toBe("     | ^~~");
  });

  it("expands tabs the same way in the line and the caret line", () => {
    const tabbed = "system S {\n\tapi ->\tdb\n}\n";
    const d = makeDiagnostic("E201", spanOf("a.sysd", tabbed, "db"), "unknown");
    const lines = formatPretty([d], plain({ "a.sysd": tabbed })).split("\n");
    expect(lines[1]).toBe(" 2 |     api ->  db");
    expect(lines[1]).not.toContain("\t");
    expect(caretColumn(lines[2] ?? "")).toBe("    api ->  ".length);
    const eight = formatPretty([d], { ...plain({ "a.sysd": tabbed }), tabWidth: 8 }).split("\n");
    expect(eight[1]).toBe(" 2 |         api ->  db");
    expect(caretColumn(eight[2] ?? "")).toBe("        api ->  ".length);
  });

  it("underlines a multi-line range to the end of its first line", () => {
    const src = "system S {\n  flow checkout {\n    a -> b\n  }\n}\n";
    const d = makeDiagnostic("W303", span("a.sysd", 2, 8, 4, 4), "x");
    const lines = formatPretty([d], plain({ "a.sysd": src })).split("\n");
    expect(lines[1]).toBe(" 2 |   flow checkout {");
    expect(lines[2]).toBe("   |        ^~~~~~~~~~");
  });

  it("shows a single caret for an empty range and at the end of the line", () => {
    const d = makeDiagnostic("E100", span("a.sysd", 1, 14, 1, 14), "expected `}`");
    const lines = formatPretty([d], plain({ "a.sysd": text })).split("\n");
    expect(lines[2]).toBe("   |              ^");
  });

  it("adds related locations as notes, relative to cwd", () => {
    const dup = "system S {\n  component db\n  component db\n}\n";
    const second = spanOf("/proj/src/a.sysd", dup, "db", dup.indexOf("db") + 2);
    const first = spanOf("/proj/src/a.sysd", dup, "db");
    const d = makeDiagnostic("E200", second, "duplicate component `db`", {
      related: [{ message: "first declared here", span: first }],
    });
    const out = formatPretty([d], plain({ "/proj/src/a.sysd": dup }, "/proj"));
    expect(out.split("\n")).toEqual([
      "src/a.sysd:3:13: error E200: duplicate component `db`",
      " 3 |   component db",
      "   |             ^~",
      "  note: src/a.sysd:2:13: first declared here",
      "",
      "1 error",
      "",
    ]);
  });

  it("keeps paths outside cwd as they are", () => {
    const d = makeDiagnostic("E101", span("/elsewhere/x.sysd", 1, 1), "import not found");
    expect(formatPretty([d], plain({}, "/proj"))).toMatch(/^\/elsewhere\/x\.sysd:1:1: error E101/);
    const sibling = makeDiagnostic("E101", span("/proj-other/x.sysd", 1, 1), "m");
    expect(formatPretty([sibling], plain({}, "/proj"))).toMatch(/^\/proj-other\/x\.sysd:1:1:/);
  });

  it("has no escape codes with color off, and some with color on", () => {
    const d = makeDiagnostic("E201", spanOf("a.sysd", text, "db"), "unknown", {
      related: [{ message: "n", span: span("a.sysd", 1, 1) }],
    });
    const off = formatPretty([d], plain({ "a.sysd": text }));
    expect(off).not.toContain(ESC);
    const on = formatPretty([d], { color: true, source: () => text });
    expect(on).toContain(ESC);
    // Stripping the escapes gives back the plain layout.
    expect(on.replace(/\u001b\[[0-9;]*m/g, "")).toBe(off);
  });

  it("prints diagnostics in sorted order and ends with a summary", () => {
    const diags: Diagnostic[] = [
      makeDiagnostic("W302", span("b.sysd", 1, 1), "lonely"),
      makeDiagnostic("E201", span("a.sysd", 2, 1), "second"),
      makeDiagnostic("E100", span("a.sysd", 1, 1), "first"),
    ];
    const out = formatPretty(diags, plain({}));
    expect(out).toBe(
      [
        "a.sysd:1:1: error E100: first",
        "",
        "a.sysd:2:1: error E201: second",
        "",
        "b.sysd:1:1: warning W302: lonely",
        "",
        "2 errors, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("prints nothing at all for no diagnostics", () => {
    expect(formatPretty([], plain({}))).toBe("");
    expect(formatSummary([])).toBe("");
  });

  it("names only non-zero counts in the summary", () => {
    const s = span("a.sysd", 1, 1);
    const info: Diagnostic = { ...makeDiagnostic("W301", s, "m"), severity: "info" };
    expect(formatSummary([makeDiagnostic("W301", s, "m")])).toBe("1 warning");
    expect(formatSummary([info, info])).toBe("2 infos");
    expect(formatSummary([makeDiagnostic("E100", s, "m"), info])).toBe("1 error, 1 info");
    expect(formatPretty([info], plain({}))).toBe("a.sysd:1:1: info W301: m\n\n1 info\n");
  });

  it("adds the fix's message as help", () => {
    const s = span("a.sysd", 1, 1);
    const d = makeDiagnostic("E201", s, "unknown", { fix: { message: "did you mean `db`?", span: s, replacement: "db" } });
    expect(formatPretty([d], plain({}))).toContain("\n  help: did you mean `db`?\n");
  });
});

describe("formatPretty on awkward input", () => {
  it("leaves out the snippet when the source is missing", () => {
    const d = makeDiagnostic("E201", span("gone.sysd", 3, 4, 3, 6), "unknown");
    expect(formatPretty([d], plain({}))).toBe("gone.sysd:3:4: error E201: unknown\n\n1 error\n");
  });

  it("survives a source callback that throws", () => {
    const d = makeDiagnostic("E201", span("a.sysd", 1, 1), "unknown");
    const out = formatPretty([d], {
      color: false,
      source: () => {
        throw new Error("EACCES");
      },
    });
    expect(out).toBe("a.sysd:1:1: error E201: unknown\n\n1 error\n");
  });

  it("leaves out the snippet for a line past the end of the text", () => {
    const d = makeDiagnostic("E100", span("a.sysd", 40, 1, 40, 2), "unexpected end of input");
    expect(formatPretty([d], plain({ "a.sysd": "system S {\n" }))).toBe(
      "a.sysd:40:1: error E100: unexpected end of input\n\n1 error\n",
    );
  });

  it("puts the caret at the end of the line for a column past it", () => {
    const d = makeDiagnostic("E100", span("a.sysd", 1, 80, 1, 90), "x");
    const lines = formatPretty([d], plain({ "a.sysd": "abc\n" })).split("\n");
    expect(lines[1]).toBe(" 1 | abc");
    expect(lines[2]).toBe("   |    ^");
  });

  it("tolerates nonsense positions", () => {
    const d = makeDiagnostic("E100", span("a.sysd", 0, 0, -3, -1), "x");
    const e = makeDiagnostic("E100", span("a.sysd", 1, 3, 1, 1), "reversed");
    const out = formatPretty([d, e], plain({ "a.sysd": "abc\n" }));
    expect(out).toContain("a.sysd:0:0: error E100: x\n\n");
    expect(out).toContain(" 1 | abc\n   |   ^\n");
  });

  it("handles CRLF text: no carriage return shown, caret in place", () => {
    const crlf = "system Shop {\r\n  api -> db\r\n}\r\n";
    const d = makeDiagnostic("E201", span("a.sysd", 2, 10, 2, 12), "unknown");
    const out = formatPretty([d], plain({ "a.sysd": crlf }));
    expect(out).not.toContain("\r");
    expect(out.split("\n").slice(1, 3)).toEqual([" 2 |   api -> db", "   |          ^~"]);
    // A range running into the line end stops at the visible text.
    const toEnd = makeDiagnostic("E100", span("a.sysd", 1, 8, 2, 1), "x");
    expect(formatPretty([toEnd], plain({ "a.sysd": crlf })).split("\n")[2]).toBe("   |        ^~~~~~");
  });

  it("handles an empty file", () => {
    const d = makeDiagnostic("W300", span("empty.sysd", 1, 1, 1, 1), "no system");
    expect(formatPretty([d], plain({ "empty.sysd": "" })).split("\n").slice(0, 3)).toEqual([
      "empty.sysd:1:1: warning W300: no system",
      " 1 |",
      "   | ^",
    ]);
  });

  it("cuts a 2 MB line to a window around the caret", () => {
    const before = "a".repeat(1_000_000);
    const line = `${before}TARGET${"b".repeat(1_000_000)}`;
    const col = before.length + 1;
    const d = makeDiagnostic("E100", span("big.sysd", 1, col, 1, col + 6), "x");
    const started = Date.now();
    const lines = formatPretty([d], plain({ "big.sysd": `${line}\n` })).split("\n");
    expect(Date.now() - started).toBeLessThan(2000);
    const shown = lines[1] ?? "";
    const carets = lines[2] ?? "";
    expect(shown.length).toBeLessThan(220);
    expect(shown).toMatch(/^ 1 \| …a+TARGETb+…$/);
    const at = carets.indexOf("^");
    expect(carets.slice(at)).toBe("^~~~~~");
    expect(shown.slice(at, at + 6)).toBe("TARGET");
  });

  it("cuts a long line near its end without losing the caret", () => {
    const line = "x".repeat(5000) + "END";
    const d = makeDiagnostic("E100", span("a.sysd", 1, 5001, 1, 5004), "x");
    const lines = formatPretty([d], plain({ "a.sysd": line })).split("\n");
    const at = (lines[2] ?? "").indexOf("^");
    expect(lines[1]).toMatch(/^ 1 \| …x+END$/);
    expect((lines[1] ?? "").slice(at, at + 3)).toBe("END");
    expect((lines[1] ?? "").length).toBeLessThan(220);
  });

  it("escapes control characters so a file cannot drive the terminal", () => {
    const src = "name \u001b[31m x\n";
    const d = makeDiagnostic("E100", span("a.sysd", 1, 1, 1, 5), "bad \u001b[2J message");
    const out = formatPretty([d], plain({ "a.sysd": src }));
    expect(out).not.toContain("\u001b");
    expect(out).toContain("bad \\u{1B}[2J message");
    expect(out).toContain(" 1 | name \\u{1B}[31m x");
  });

  it("aligns the caret after wide characters and surrogate pairs", () => {
    // "名前" is two CJK cells each; "😀" is one code point in two UTF-16 units and two cells.
    const src = 'label "名前😀" x\n';
    const col = src.indexOf("x") + 1;
    const d = makeDiagnostic("E100", span("a.sysd", 1, col, 1, col + 1), "x");
    const lines = formatPretty([d], plain({ "a.sysd": src })).split("\n");
    expect(caretColumn(lines[2] ?? "")).toBe('label "'.length + 2 + 2 + 2 + '" '.length);
  });
});

describe("renderSnippet", () => {
  it("never splits a surrogate pair when cutting", () => {
    const line = "😀".repeat(300);
    for (const start of [0, 1, 151, 299, 300, 599]) {
      const { text } = renderSnippet(line, start, start + 2, 4);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
