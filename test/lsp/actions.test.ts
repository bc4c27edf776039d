/**
 * The editor's quick fixes for typos: each did-you-mean diagnostic offers
 * one edit, and applying them all leaves a file with none of those errors.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/index.js";
import { check } from "../../src/index.js";
import { quickFixes } from "../../src/lsp/actions.js";
import { offsetAt, toLspDiagnostic } from "../../src/lsp/convert.js";
import { parseSource } from "../../src/syntax/index.js";
import * as fs from "node:fs";

const uri = "file:///design.sysd";

function fixesFor(diagnostics: Diagnostic[]) {
  return quickFixes(uri, diagnostics.map((d) => toLspDiagnostic(d, () => uri)));
}

function applyAll(text: string, actions: ReturnType<typeof quickFixes>): string {
  const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  return result;
}

describe("quick fixes for typos", () => {
  it("respell keywords and units and mend arrows and rates", () => {
    const text = [
      "system Shop {",
      '  componnet Cache "Cache" : cache',
      "  component Api",
      "  Api --> Cache",
      "  scaling {",
      "    demand uploads 5 mins",
      "    demand reads 1000/dya",
      "  }",
      '  cost { item "x" $50 per month }',
      "}",
      "",
    ].join("\n");
    const { diagnostics } = parseSource(text, "design.sysd");
    const actions = fixesFor([...diagnostics].sort((a, b) => a.span.offset - b.span.offset));
    expect(actions.map((a) => a.title)).toEqual([
      "Change to `component`",
      "Change to `->`",
      "Change to `min`",
      "Change to `day`",
      "Change to `$50/month`",
    ]);
    const fixed = applyAll(text, actions);
    expect(fixed).toContain('  component Cache "Cache" : cache\n  component Api\n  Api -> Cache\n');
    expect(fixed).toContain("demand uploads 5 min\n    demand reads 1000/day\n");
    expect(fixed).toContain('item "x" $50/month }');
    expect(parseSource(fixed, "design.sysd").diagnostics).toEqual([]);
  });

  it("pick the word of a closed set", () => {
    const dir = path.resolve(import.meta.dirname, "../fixtures/checks");
    const file = path.join(dir, "E102_fires_closed_sets.sysd");
    const { diagnostics } = check([file], { root: dir, cwd: dir, rules: {} });
    const actions = fixesFor(diagnostics.filter((d) => d.code === "E102"));
    expect(actions.map((a) => a.title)).toEqual(["Change to `draft`", "Change to `high`", "Change to `page`", "Change to `accepted`"]);
    const fixed = applyAll(fs.readFileSync(file, "utf8"), actions);
    expect(fixed).toMatch(/status draft\n[\s\S]*severity high\n[\s\S]*severity page\n[\s\S]*severity urgent\n[\s\S]*status accepted/);
  });
});
