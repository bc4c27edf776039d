/**
 * A typo gives one diagnostic, at the typo, with the fix: no dimension
 * error, unknown property or unknown name follows from it.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { parseSource } from "../../src/syntax/index.js";
import { fuzzParams } from "../helpers/fuzz.js";
import { assertValidDiagnostic } from "../helpers/spans.js";

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

describe("a block left open in the middle of a file", () => {
  it("gives one error at its `{` and lets the rest of the file check as written", () => {
    expect(problems("unclosed_block.sysd")).toEqual([
      "3:23 E100 unclosed `{`: no `}` closes this block (read as closed before line 6)",
      "12:22 E100 unclosed `{`: no `}` closes this block (read as closed before line 16)",
      "13:31 E100 unclosed `{`: no `}` closes this block (read as closed before line 16)",
    ]);
    const result = check([path.join(errors, "unclosed_block.sysd")], { root: errors, cwd: errors, rules: {} });
    const [shop, admin, reports] = result.model.systems;
    expect(shop!.components.map((c) => c.id)).toEqual(["Api", "Db"]);
    expect(shop!.connections).toHaveLength(1);
    expect(admin!.components.map((c) => c.id)).toEqual(["Console"]);
    expect(reports!.components.map((c) => c.id)).toEqual(["Builder"]);
    const unclosed = result.diagnostics.find((d) => d.code === "E100")!;
    expect(unclosed.related?.map((r) => `${r.span.line}:${r.span.column} ${r.message}`)).toEqual(["18:2 the file ends with the block still open"]);
  });

  it("leaves a file whose only open block is the last one to the end of the file", () => {
    expect(problems("missing_rbrace_eof.sysd")).toEqual(["5:26 E100 expected `}`, found the end of the file"]);
  });
});

describe("recovery never misleads", () => {
  const fixture = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/valid/video_pipeline.sysd"), "utf8");

  it("a design missing any one `}`: no exception, valid spans, and at most two syntax errors", () => {
    // Braces after white space: a `}` inside a URL path is part of the path.
    const closers = [...fixture.matchAll(/(?<=\s)\}/g)].map((m) => m.index);
    fc.assert(
      fc.property(fc.constantFrom(...closers), (at) => {
        const text = fixture.slice(0, at) + fixture.slice(at + 1);
        const { diagnostics } = parseSource(text, "design.sysd");
        for (const d of diagnostics) assertValidDiagnostic(d, text);
        expect(diagnostics.filter((d) => d.code === "E100").length).toBeGreaterThanOrEqual(1);
        expect(diagnostics.filter((d) => d.code === "E100").length).toBeLessThanOrEqual(2);
      }),
      fuzzParams(60),
    );
  });

  it("a design whose words are each respelled by one edit: no exception and valid spans", () => {
    const words = [...fixture.matchAll(/(?<=\n\s*)[a-z]{4,}/g)].map((m) => m.index);
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.nat(3), (at, i) => {
        const text = fixture.slice(0, at + i) + fixture.slice(at + i + 1);
        const { diagnostics } = parseSource(text, "design.sysd");
        for (const d of diagnostics) assertValidDiagnostic(d, text);
      }),
      fuzzParams(100),
    );
  });
});
