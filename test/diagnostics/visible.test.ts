import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostics, makeDiagnostic, DIAGNOSTIC_FORMATS, type Diagnostic } from "../../src/diagnostics/index.js";
import { check } from "../../src/index.js";
import { renderSnippet } from "../../src/diagnostics/printers/pretty.js";
import { visible } from "../../src/util/visible.js";
import { span } from "./helpers.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-visible-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Every character a terminal, CI log or bidi-aware viewer acts on instead of showing. */
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function diagnosticsOf(source: string): { diags: Diagnostic[]; file: string } {
  const dir = fs.mkdtempSync(path.join(scratch, "d-"));
  const file = path.join(dir, "design.sysd");
  fs.writeFileSync(file, source);
  return { diags: check([file], { root: dir, cwd: dir, rules: {} }).diagnostics, file };
}

function print(format: (typeof DIAGNOSTIC_FORMATS)[number], diags: Diagnostic[], file: string): string {
  return formatDiagnostics(format, diags, {
    cwd: path.dirname(file),
    toolVersion: "0.0.0",
    source: (f) => fs.readFileSync(f, "utf8"),
  });
}

describe("visible", () => {
  it("writes controls and bidi characters as sysd string escapes", () => {
    expect(visible("a\nb\tc\u001b[0m\u0085\u202Ed\u2066\u200F\u061C")).toBe("a\\nb\\tc\\u{1B}[0m\\u{85}\\u{202E}d\\u{2066}\\u{200F}\\u{61C}");
    expect(visible("plain `code` \\n ünïcödé 名前")).toBe("plain `code` \\n ünïcödé 名前");
  });
});

describe("source excerpts", () => {
  it("keep the caret under its column after an escape", () => {
    const snippet = renderSnippet("a\u202Eb\u001b x", 5, 6, 4);
    expect(snippet.text).toBe("a\\u{202E}b\\u{1B} x");
    expect(snippet.text.slice(snippet.caretColumn, snippet.caretColumn + 1)).toBe("x");
  });
});

describe("diagnostics carry no live control or bidi characters", () => {
  // A string escape in an import path is echoed by E101: before, the newline
  // reached the log raw and GitHub ran the second line as a workflow command.
  const source = 'import "x\\n::error file=evil.sysd,line=1::pwned"\nsystem S "S\\u{202E}x" {\n  component A "A" : service\n}\n';

  it("github: one workflow command per diagnostic, the injected one inert", () => {
    const { diags, file } = diagnosticsOf(source);
    expect(diags.some((d) => d.code === "E101")).toBe(true);
    const out = print("github", diags, file);
    const lines = out.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(diags.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:,]*,line=\d+,/);
    expect(out).toContain("cannot import `x\\n::error file=evil.sysd,line=1::pwned`");
  });

  it.each(DIAGNOSTIC_FORMATS)("%s: no raw control or bidi character in any message or excerpt", (format) => {
    // A raw override in the source line, as a Trojan Source file would have it.
    const { file } = diagnosticsOf(source.replace("\\u{202E}", "\u202E"));
    const hostile = "x\u001b]0;title\u0007\u202E\u2067\u0085y\r\nz";
    const d = makeDiagnostic("E201", span(file, 2, 10, 2, 14), `unknown component \`${hostile}\``, {
      related: [{ message: `see ${hostile}`, span: span(file, 1, 1) }],
    });
    const out = print(format, [d], file);
    // JSON escapes controls itself; parse it back to see what a viewer shows.
    const text = format === "json" || format === "sarif" ? collectStrings(JSON.parse(out)).join("\n") : out;
    expect(text).not.toMatch(HIDDEN);
    expect(text).toContain("x\\u{1B}]0;title\\u{7}\\u{202E}\\u{2067}\\u{85}y\\u{D}\\nz");
    if (format === "pretty") {
      expect(out.split("\n").filter((l) => l.includes("error E201"))).toHaveLength(1);
      expect(out).toContain(" 2 | system S \"S\\u{202E}x\" {");
    }
  });
});

function collectStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(collectStrings);
  return [];
}
