/**
 * `sysd diff` outputs fed design text chosen to break them: a newline and a
 * CI command, HTML, a markdown link and table pipe, `$` math, an entity and
 * a right-to-left override. Pretty text shows them as escapes, markdown as
 * plain text, json keeps them as they were (JSON-escaped).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compareDesigns, formatJson, formatMarkdown, formatPretty } from "../../src/diff/index.js";
import { check } from "../../src/index.js";
import { nodeHost, OverlayHost } from "../../src/syntax/index.js";
import { eventHandlers, renderHtml, sysdString, unsafeLinks, visibleHtmlText } from "../helpers/hostile.js";

const HOSTILE = "x\n::error::pwned <script>alert(1)</script> [go](javascript:alert(1)) a | b $1$ &lt; \u202Eevil";
const ROOT = path.resolve("/virtual/diff");

function side(source: string): Parameters<typeof compareDesigns>[0] {
  const file = path.join(ROOT, "design.sysd");
  const host = new OverlayHost(nodeHost);
  host.set(file, source);
  const result = check([file], { root: ROOT, cwd: ROOT, rules: {}, host });
  return { systems: result.model.systems, diagnostics: result.diagnostics };
}

const design = (text: string): string => `system S ${sysdString(text)} {
  component A ${sysdString(text)} : service
  component B "B" : database
  A -> B ${sysdString(text)}
  flow f "F" {
    A -> B ${sysdString(text)}
  }
}
`;

const diff = compareDesigns(side(design("plain")), side(design(HOSTILE)));

describe("diff outputs of hostile design text", () => {
  it("has changes that carry the text as written", () => {
    const changes = diff.systems.flatMap((s) => s.changes);
    expect(changes.some((c) => c.new === HOSTILE)).toBe(true);
    expect(changes.some((c) => c.kind === "renamed" && c.new?.includes(HOSTILE))).toBe(true);
  });

  it("pretty: no forged line, no control or bidi character, the escapes shown", () => {
    const text = formatPretty(diff);
    for (const line of text.split("\n")) expect(line.startsWith("::")).toBe(false);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain("x\\n::error::pwned");
    expect(text).toContain("\\u{202E}evil");
  });

  it("markdown: no HTML, no link, no extra table cell; the text reads as written", () => {
    const markdown = formatMarkdown(diff);
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    for (const line of markdown.split("\n")) expect(line.startsWith("::")).toBe(false);
    const html = renderHtml(markdown, true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<a\s/i);
    expect(unsafeLinks(html)).toEqual([]);
    expect(eventHandlers(html)).toEqual([]);
    expect(html).not.toMatch(/<(em|code|del|img)[\s>]/);
    expect(html.match(/<strong>/g)).toHaveLength(1);
    // Every row of a table has as many cells as its header.
    const rows = markdown.split("\n").filter((l) => l.startsWith("| "));
    const cells = (row: string): number => row.replace(/\\\|/g, "").split("|").length;
    // Only the details table here: three columns.
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) expect(cells(row)).toBe(5);
    const shown = visibleHtmlText(html);
    expect(shown).toContain("<script>alert(1)</script>");
    expect(shown).toContain("[go](javascript:alert(1)) a | b $1$ &lt; \\u{202E}evil");
  });

  it("json: the text as written, JSON-escaped", () => {
    const json = formatJson(diff);
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(json).toContain("\\u202e");
    const parsed = JSON.parse(json) as { systems: { changes: { new?: string }[] }[] };
    expect(parsed.systems[0]!.changes.some((c) => c.new === HOSTILE)).toBe(true);
  });
});
