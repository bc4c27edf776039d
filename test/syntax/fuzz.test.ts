import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { fuzzParams } from "../helpers/fuzz.js";
import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/syntax/index.js";
import type { ParseResult } from "../../src/syntax/index.js";
import { assertAllSpansValid, assertValidDiagnostic } from "../helpers/spans.js";

/**
 * Property tests of the parser. The seed is fixed (see helpers/fuzz.ts); a failure
 * prints it with the shrunk counterexample and its path.
 */

function params<T>(numRuns = 250): fc.Parameters<T> {
  return fuzzParams(numRuns);
}

const FILE = "fuzz.sysd";

function excerpt(text: string): string {
  return JSON.stringify(text.length > 1500 ? `${text.slice(0, 1500)}…(${text.length} chars)` : text);
}

/**
 * Parses `text` and throws unless it did not throw, every diagnostic is an
 * allowed code with a valid span, and every AST span is valid.
 */
function checkParse(text: string, allowed: ReadonlySet<string> = new Set(["E100"])): ParseResult {
  let result: ParseResult;
  try {
    result = parseSource(text, FILE);
  } catch (error) {
    throw new Error(`parseSource threw ${String(error)} on ${excerpt(text)}`, { cause: error });
  }
  try {
    for (const diagnostic of result.diagnostics) {
      if (!allowed.has(diagnostic.code)) throw new Error(`unexpected diagnostic code ${diagnostic.code}: ${diagnostic.message}`);
      if (diagnostic.span.file !== FILE) throw new Error(`diagnostic names file ${diagnostic.span.file}`);
      assertValidDiagnostic(diagnostic, text);
    }
    assertAllSpansValid(result.ast, text, FILE);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n  on input ${excerpt(text)}`, { cause: error });
  }
  return result;
}

function readFixtures(): { name: string; text: string }[] {
  const dir = fileURLToPath(new URL("../fixtures/valid/", import.meta.url));
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sysd"))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(`${dir}${name}`, "utf8") }));
}

const fixtures = readFixtures();

// ── (a) arbitrary strings ────────────────────────────────────────────────

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Characters the lexer cares about, so random text reaches past the first token. */
const languageChar = fc.constantFrom(
  ..."abzAZ_09 \t\n\r{}()[]<>=\"\\/*-+.:;,|?$%".split(""),
  "\r\n",
  "\ufeff",
  "\u0000",
  "😀",
);

describe("arbitrary strings", () => {
  it.each([
    ["graphemes", fc.string({ unit: "grapheme", maxLength: 300 })],
    ["binary code points", fc.string({ unit: "binary", maxLength: 300 })],
    ["UTF-16 code units (lone surrogates)", fc.string({ unit: codeUnit, maxLength: 300 })],
    ["language characters", fc.string({ unit: languageChar, maxLength: 400 })],
  ] as const)("never throw and keep spans valid: %s", (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        checkParse(text);
      }),
      params(),
    );
  });
});

// ── (b) mutated valid files ──────────────────────────────────────────────

const KEYWORDS = [
  "import", "as", "kind", "model", "system", "component", "boundary", "flow", "satisfies", "requirements",
  "functional", "nonfunctional", "target", "enum", "entity", "scaling", "demand", "tier", "tiers", "utilization",
  "api", "webhook", "request", "response", "params", "query", "errors", "payload", "cost", "item", "budget",
  "failure", "security", "control", "on", "monitoring", "metric", "alert", "unit", "of", "percentiles",
  "severity", "for", "decision", "questions", "open", "resolved", "scope", "in", "out", "owner", "status",
  "overview", "technology", "responsibilities", "handles", "capacity", "instances", "stores", "exposes",
  "properties", "lint", "served_by", "base", "auth", "from", "affects", "impact", "mitigation", "description",
  "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "std", "aws", "uuid", "string", "int",
  "pk", "fk", "index", "unique", "pii", "default", "p95", "page", "draft", "high", "x", "__proto__",
];

const PUNCTUATION = [
  "{", "}", "(", ")", "[", "]", "->", "..", ".", ":", ",", ";", "|", "?", "+", "-", "*", "/", "$", "%",
  "<", "<=", ">", ">=", "==", "=", "\"", "\"\"\"", "'", "\\", "//", "/*", "*/", "#", "@", "`",
];

const LITERALS = [
  "1", "0", "42", "1_000_000", "1__0", "1_", "0.5", "2.5M", "10k", "3bn", "5min", "1 GB", "99.9%", "$0.50",
  "$560", "1000/day", "1/5min", "100GB/month", "10x", "2..500", "5 parsecs", "\"text\"", "\"\"",
  "\"esc \\\" \\\\ \\n \\t \\u{1F600} \\u{110000} \\q\"", "\"\"\"\n  long\n\"\"\"", "/uploads/{id}", "/a/{b/{c}}",
  "\"a\" | \"b\"", "T[]", "{ a: int }[]",
];

const WHITESPACE = ["\n", "\r\n", "\r", " ", "\t", "\n\n", "\ufeff", "\u0000", "\u00a0", "😀", "\ud800"];

const vocabularyToken = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
);

/** Insertions: one token or a short run of them, space-separated or glued. */
const insertion = fc
  .tuple(fc.array(vocabularyToken, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([tokens, glue]) => tokens.join(glue ? "" : " "));

/** Positions are fractions of the current length, so a mutation fits any text. */
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

type Mutation =
  | { op: "delete"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "swapLines"; a: number; b: number }
  | { op: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant("duplicate" as const), at: fraction, length: fc.integer({ min: 1, max: 120 }) }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant("insert" as const), at: fraction, text: insertion }) },
  fc.record({ op: fc.constant("swapLines" as const), a: fraction, b: fraction }),
  { weight: 1, arbitrary: fc.record({ op: fc.constant("truncate" as const), at: fraction }) },
);

function applyMutation(text: string, m: Mutation): string {
  const pos = (f: number) => Math.floor(f * (text.length + 1));
  switch (m.op) {
    case "delete": {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case "duplicate": {
      const at = pos(m.at);
      const piece = text.slice(at, at + m.length);
      return text.slice(0, at) + piece + piece + text.slice(at + m.length);
    }
    case "insert": {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "swapLines": {
      const lines = text.split("\n");
      const a = Math.floor(m.a * lines.length);
      const b = Math.floor(m.b * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, pos(m.at));
  }
}

describe("token soup", () => {
  it("never throws and keeps spans valid on random sequences of language tokens", () => {
    const separator = fc.constantFrom(" ", "", "\n", " ", "\r\n", "\t");
    const soup = fc
      .array(fc.tuple(vocabularyToken, separator), { maxLength: 120 })
      .map((pairs) => pairs.map(([token, sep]) => token + sep).join(""));
    fc.assert(
      fc.property(soup, (text) => {
        checkParse(text);
      }),
      params(),
    );
  });
});

describe("mutated valid files", () => {
  it("has valid fixtures to mutate", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it("never throws, keeps spans valid and reports only E100/E101/E102", () => {
    const mutated = fc
      .tuple(fc.nat({ max: Math.max(0, fixtures.length - 1) }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
      .map(([index, mutations]) => ({ fixture: fixtures[index]!.name, mutations }));
    fc.assert(
      fc.property(mutated, ({ fixture, mutations }) => {
        const original = fixtures.find((f) => f.name === fixture)!.text;
        const text = mutations.reduce(applyMutation, original);
        checkParse(text, new Set(["E100", "E101", "E102"]));
      }),
      params(),
    );
  });

  it("survives many small insertions of vocabulary tokens", () => {
    const mutated = fc.tuple(
      fc.nat({ max: Math.max(0, fixtures.length - 1) }),
      fc.array(fc.record({ op: fc.constant("insert" as const), at: fraction, text: vocabularyToken }), {
        minLength: 10,
        maxLength: 40,
      }),
    );
    fc.assert(
      fc.property(mutated, ([index, mutations]) => {
        const text = mutations.reduce<string>(applyMutation, fixtures[index]!.text);
        checkParse(text, new Set(["E100", "E101", "E102"]));
      }),
      params(100),
    );
  });
});

// ── (c) determinism ──────────────────────────────────────────────────────

describe("determinism", () => {
  it.each(fixtures.map((f) => [f.name, f.text] as const))("parses %s cleanly and the same way twice", (_name, text) => {
    const first = checkParse(text);
    expect(first.diagnostics).toEqual([]);
    const second = parseSource(text, FILE);
    expect(second).toEqual(first);
  });

  it("gives the same result before and after parsing arbitrary other text", () => {
    // The parser instance is shared: a bad input must leave no state behind.
    const other = fc.oneof(
      fc.string({ unit: languageChar, maxLength: 200 }),
      fc.tuple(fc.nat({ max: Math.max(0, fixtures.length - 1) }), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(
        ([index, mutations]) => mutations.reduce(applyMutation, fixtures[index]!.text),
      ),
    );
    const expected = fixtures.map((f) => parseSource(f.text, FILE));
    fc.assert(
      fc.property(fc.nat({ max: Math.max(0, fixtures.length - 1) }), other, (index, noise) => {
        parseSource(noise, FILE);
        expect(parseSource(fixtures[index]!.text, FILE)).toEqual(expected[index]);
      }),
      params(60),
    );
  });

  it("gives the same result for the same mutated text twice", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Math.max(0, fixtures.length - 1) }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (index, mutations) => {
          const text = mutations.reduce(applyMutation, fixtures[index]!.text);
          expect(parseSource(text, FILE)).toEqual(parseSource(text, FILE));
        },
      ),
      params(60),
    );
  });
});
