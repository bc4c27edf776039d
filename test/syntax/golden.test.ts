import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatPretty } from "../../src/diagnostics/index.js";
import { parseSource, SourceText } from "../../src/syntax/index.js";
import { compactSpan, expectGolden, toGoldenJson } from "../helpers/golden.js";

/**
 * Golden-file tests of the parser.
 *
 * - `fixtures/valid/NAME.sysd` must parse with no diagnostic; its AST (spans
 *   as `L:C-L:C`) and comments are compared with `NAME.ast.json`.
 * - `fixtures/errors/NAME.sysd` must give at least one diagnostic, all E100 or E102;
 *   the pretty printer's output (no color) is compared with
 *   `NAME.diagnostics.txt`.
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/syntax/golden.test.ts` rewrites them.
 * Files are parsed under their base name, so the output does not depend on
 * where the repository is checked out.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");
const validDir = path.join(fixtures, "valid");
const errorsDir = path.join(fixtures, "errors");

function sysdFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sysd"))
    .sort();
}

/** A fixture's text, exactly as stored. */
function read(dir: string, name: string): string {
  const text = fs.readFileSync(path.join(dir, name), "utf8");
  if (name.includes("crlf")) {
    // A checkout that normalizes line ends would silently test LF instead.
    expect(text, `${name} must keep its CRLF line ends`).toContain("\r\n");
  }
  return text;
}

function stem(name: string): string {
  return name.slice(0, -".sysd".length);
}

const validFixtures = sysdFiles(validDir);
const errorFixtures = sysdFiles(errorsDir);

describe("valid fixtures", () => {
  it("exist", () => {
    expect(validFixtures.length).toBeGreaterThan(0);
  });

  it.each(validFixtures)("%s parses with no diagnostic and matches its golden AST", (name) => {
    const text = read(validDir, name);
    const { ast, diagnostics, comments } = parseSource(text, name);
    const pretty = formatPretty(diagnostics, { color: false, source: () => text });
    expect(pretty, `${name} should parse cleanly`).toBe("");
    const source = new SourceText(name, text);
    const golden = {
      ast,
      comments: comments.map((c) => `${compactSpan(source.tokenSpan(c))} ${c.image}`),
    };
    expectGolden(path.join(validDir, `${stem(name)}.ast.json`), toGoldenJson(golden));
  });
});

describe("error fixtures", () => {
  it("exist", () => {
    expect(errorFixtures.length).toBeGreaterThan(0);
  });

  it.each(errorFixtures)("%s reports syntax errors matching its golden output", (name) => {
    const text = read(errorsDir, name);
    const { diagnostics } = parseSource(text, name);
    expect(diagnostics.length, `${name} should report at least one error`).toBeGreaterThan(0);
    // E102 is the parser's own too: a statement's first word that is no keyword.
    for (const d of diagnostics) expect(["E100", "E102"]).toContain(d.code);
    const pretty = formatPretty(diagnostics, { color: false, source: () => text });
    expectGolden(path.join(errorsDir, `${stem(name)}.diagnostics.txt`), pretty);
  });
});

describe("golden files", () => {
  it.each([
    [validDir, ".ast.json"],
    [errorsDir, ".diagnostics.txt"],
  ])("in %s each %s has its fixture", (dir, suffix) => {
    const orphans = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(suffix))
      .filter((name) => !fs.existsSync(path.join(dir, `${name.slice(0, -suffix.length)}.sysd`)));
    expect(orphans).toEqual([]);
  });
});
