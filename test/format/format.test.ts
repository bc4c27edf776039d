/**
 * `sysd fmt`: a golden file for a messy design, properties over every valid
 * fixture and over generated messy designs (idempotent, keeps every comment
 * in order, never changes the resolved model or the diagnostics), files
 * with syntax errors left alone, and the command line.
 *
 * The property tests run with the suite's fixed seed (helpers/fuzz.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { fuzzParams } from "../helpers/fuzz.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFmt } from "../../src/cli/fmt.js";
import { formatSource } from "../../src/format/index.js";
import { check } from "../../src/index.js";
import { parseSource } from "../../src/syntax/index.js";
import { expectGolden } from "../helpers/golden.js";
import { generateMessyDesign } from "./generate.js";
import { lex } from "../../grammar/index.js";
import { captureIo } from "../helpers/io.js";


function params<T>(numRuns: number): fc.Parameters<T> {
  return fuzzParams(numRuns);
}

const repo = path.resolve(import.meta.dirname, "../..");
const here = import.meta.dirname;
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-fmt-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// ── helpers ──────────────────────────────────────────────────────────────

function format(text: string, file = "design.sysd"): string {
  const result = formatSource(text, file);
  expect(result.diagnostics, `unexpected syntax errors in ${file}`).toEqual([]);
  return result.formatted;
}

function commentTexts(text: string): string[] {
  // Line ends as `\n`; the formatter drops trailing white space of `//` comments.
  return parseSource(text, "x.sysd").comments.map((c) => (c.image.startsWith("//") ? c.image.trimEnd() : c.image.replace(/\r\n?/g, "\n")));
}

/**
 * The formatter writes quantities without inner spaces (`1 GB` → `1GB`,
 * `$ 5` → `$5`), and the model keeps expressions as written; so strings
 * are compared with that spacing removed, on both sides alike.
 */
const UNIT = "(?:ms|sec|min|hours?|days?|weeks?|months?|years?|s|h|d|[KMGTP]i?B|B|[KMG]?bps|x|k|M|bn)";
function normalizeQuantities(text: string): string {
  return text
    .replace(/\$\s+(?=\d)/g, "$")
    .replace(new RegExp(`(\\d)\\s+(?=${UNIT}(?![A-Za-z0-9_]))`, "g"), "$1")
    .replace(/(\d)\s+%/g, "$1%");
}

/** JSON of a value without positions, strings normalized as above. */
function withoutPositions(value: unknown): string {
  return JSON.stringify(
    value,
    (key, v: unknown) => {
      if (key === "span" || key.endsWith("Span") || key === "related" || key === "fix") return undefined;
      if (typeof v === "string") return normalizeQuantities(v);
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      return v;
    },
    1,
  );
}

/** Checks `text` as `<dir>/<name>` with `dir` as root and working folder. */
function checkText(dir: string, name: string, text: string) {
  fs.writeFileSync(path.join(dir, name), text);
  const result = check([path.join(dir, name)], { root: dir, cwd: dir, rules: {} });
  const diagnostics = result.diagnostics
    .map((d) => `${d.span.file} ${d.code} ${d.severity} ${normalizeQuantities(d.message)}`)
    .sort();
  return { model: withoutPositions(result.model), diagnostics };
}

/** Properties (a)–(c) for one input; `dirs` hold copies of the files it imports. */
function checkProperties(text: string, name: string, dirs: { before: string; after: string }): void {
  const result = formatSource(text, name, { verify: true });
  expect(result.diagnostics).toEqual([]);
  const formatted = result.formatted;
  expect(result.changed).toBe(formatted !== text);
  // (a) idempotent
  expect(format(formatted, name), "formatting twice changes the text").toBe(formatted);
  // (b) every comment kept, in order
  expect(commentTexts(formatted)).toEqual(commentTexts(text));
  // (c) same model and diagnostics, positions aside
  const before = checkText(dirs.before, name, text);
  const after = checkText(dirs.after, name, formatted);
  expect(after.diagnostics).toEqual(before.diagnostics);
  expect(after.model).toBe(before.model);
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 3000 ? `${text.slice(0, 3000)}…` : text);
}

// ── golden ───────────────────────────────────────────────────────────────

describe("sysd fmt: golden", () => {
  it("formats the messy fixture", () => {
    const text = fs.readFileSync(path.join(here, "fixtures/messy.sysd"), "utf8");
    const formatted = format(text, "messy.sysd");
    expectGolden(path.join(here, "fixtures/messy.formatted.sysd"), formatted);
    expect(format(formatted, "messy.sysd")).toBe(formatted);
    expect(formatSource(formatted, "messy.sysd").changed).toBe(false);
  });

  it("keeps one-line blocks, aligns requirements and keeps every comment", () => {
    const text = [
      "system S { // the system",
      "  requirements {",
      "    nonfunctional {",
      '      N1 "short" target uploads >= 10/day',
      '      NFR20   "a longer text"   target   availability >= 99.9 %  // watched',
      '      N3 "no target"',
      "    }",
      "  }",
      '  component A { technology "Go" ; async }',
      "  model { enum E { a, b,",
      "    c } }",
      "}",
      "",
    ].join("\n");
    expect(format(text)).toBe(
      [
        "system S { // the system",
        "  requirements {",
        "    nonfunctional {",
        '      N1    "short"         target uploads >= 10/day',
        '      NFR20 "a longer text" target availability >= 99.9% // watched',
        '      N3    "no target"',
        "    }",
        "  }",
        "",
        '  component A { technology "Go"; async }',
        "",
        "  model {",
        "    enum E {",
        "      a, b",
        "      c",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("re-quotes strings and re-indents triple-quoted texts", () => {
    const text = 'system S {\n  owner "caf\\u{E9} \\u{1F600}\ttab"\n    overview """\n        Line one\n          indented\n\n        Line three\n            """\n}\n';
    expect(format(text)).toBe('system S {\n  owner "café 😀\\ttab"\n  overview """\n    Line one\n      indented\n\n    Line three\n  """\n}\n');
  });

  it("keeps CRLF line ends and a byte-order mark", () => {
    const text = "\ufeffsystem S {\r\n  owner   \"x\"\r\n}\r\n";
    expect(format(text)).toBe('\ufeffsystem S {\r\n  owner "x"\r\n}\r\n');
  });

  it("formats an empty file and a file of comments", () => {
    expect(format("")).toBe("");
    expect(format("\n\n  \n")).toBe("");
    expect(format("// a\n\n\n/* b */  // c\n")).toBe("// a\n\n/* b */ // c\n");
  });
});

// ── properties over the fixtures ─────────────────────────────────────────

interface Fixture {
  name: string;
  dir: string;
}

function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  const add = (dir: string, filter: (name: string) => boolean): void => {
    for (const name of fs.readdirSync(dir).sort()) if (name.endsWith(".sysd") && filter(name)) out.push({ name, dir });
  };
  add(path.join(repo, "test/fixtures/valid"), () => true);
  add(path.join(repo, "test/fixtures/checks"), (name) => name.includes("_near_miss"));
  for (const example of fs.readdirSync(path.join(repo, "examples"), { withFileTypes: true })) {
    if (example.isDirectory()) add(path.join(repo, "examples", example.name), () => true);
  }
  add(path.join(repo, "stdlib"), () => true);
  return out;
}

const fixtures = listFixtures();

describe("sysd fmt: properties over the fixtures", () => {
  const copies = new Map<string, { before: string; after: string }>();
  const copiesOf = (dir: string): { before: string; after: string } => {
    let found = copies.get(dir);
    if (!found) {
      const base = fs.mkdtempSync(path.join(tmp, "fixture-"));
      found = { before: path.join(base, "before"), after: path.join(base, "after") };
      fs.cpSync(dir, found.before, { recursive: true });
      fs.cpSync(dir, found.after, { recursive: true });
      copies.set(dir, found);
    }
    return found;
  };

  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  it.each(fixtures.map((f) => [path.relative(repo, path.join(f.dir, f.name)), f] as const))(
    "%s: idempotent, keeps comments, same model and diagnostics",
    (_label, fixture) => {
      const text = fs.readFileSync(path.join(fixture.dir, fixture.name), "utf8");
      checkProperties(text, fixture.name, copiesOf(fixture.dir));
    },
  );
});

// ── properties over generated designs ────────────────────────────────────

describe("sysd fmt: properties over generated messy designs", () => {
  let dirs: { before: string; after: string };
  beforeAll(() => {
    dirs = { before: path.join(tmp, "gen-before"), after: path.join(tmp, "gen-after") };
    fs.mkdirSync(dirs.before);
    fs.mkdirSync(dirs.after);
  });

  const design = fc.tuple(fc.nat(), fc.constantFrom(0.3, 1, 2, 4)).map(([seed, messiness]) => ({
    seed,
    messiness,
    text: generateMessyDesign(seed, messiness),
  }));

  it("generates valid files", () => {
    fc.assert(
      fc.property(design, ({ text }) => {
        const diagnostics = parseSource(text, "design.sysd").diagnostics;
        if (diagnostics.length > 0) throw new Error(`${diagnostics[0]!.message} in ${excerpt(text)}`);
      }),
      params(200),
    );
  });

  it("formats idempotently, keeps every comment in order, and keeps the model and diagnostics", () => {
    fc.assert(
      fc.property(design, ({ text }) => {
        try {
          checkProperties(text, "design.sysd", dirs);
        } catch (error) {
          throw new Error(`${(error as Error).message}\non input ${excerpt(text)}`, { cause: error });
        }
      }),
      params(150),
    );
  });

  it("leaves a file with syntax errors untouched and reports its errors", () => {
    const breakage = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.constantFrom("@", "}", "{", '"', "/*", "1__0", "5 parsecs", "->"));
    fc.assert(
      fc.property(design, breakage, ({ text }, [at, insert]) => {
        const position = Math.floor(at * (text.length + 1));
        const broken = text.slice(0, position) + insert + text.slice(position);
        const parsed = parseSource(broken, "broken.sysd");
        const result = formatSource(broken, "broken.sysd");
        if (parsed.diagnostics.length === 0) return; // the insertion happened to be valid
        expect(result.formatted).toBe(broken);
        expect(result.changed).toBe(false);
        expect(result.diagnostics).toEqual(parsed.diagnostics);
      }),
      params(150),
    );
  });
});

// ── comments between any two tokens ───────────────────────────────────────

const CONTINUATION = new Set([",", "{", "(", "[", "|", "->", "+", "-", "*", "/"]);

/**
 * Inserts comments into a valid text: a block comment (with spaces around
 * it) between any two tokens, a `//` comment before a line break or after
 * a token that continues the line. The result is valid and means the same.
 */
function insertComments(text: string, picks: [number, number][]): string {
  const lexed = lex(text);
  const tokens = [...lexed.tokens, ...lexed.comments]
    .filter((t) => Number.isFinite(t.startOffset) && t.image.length > 0)
    .sort((a, b) => a.startOffset - b.startOffset);
  const inserts: { at: number; text: string }[] = [];
  picks.forEach(([where, kind], n) => {
    const i = Math.floor(where * (tokens.length - 1));
    const before = tokens[i];
    const after = tokens[i + 1];
    if (!before || !after) return;
    const gapStart = before.startOffset + before.image.length;
    if (gapStart > after.startOffset) return;
    const gap = text.slice(gapStart, after.startOffset);
    const newline = gap.search(/[\r\n]/);
    if (kind < 0.5) {
      inserts.push({ at: gapStart, text: ` /* i${n} */ ` });
    } else if (newline >= 0) {
      inserts.push({ at: gapStart + newline, text: kind < 0.75 ? ` // i${n}` : `\n// i${n}` });
    } else if (CONTINUATION.has(before.image)) {
      inserts.push({ at: gapStart, text: ` // i${n}\n` });
    }
  });
  inserts.sort((a, b) => b.at - a.at);
  let out = text;
  for (const insert of inserts) out = out.slice(0, insert.at) + insert.text + out.slice(insert.at);
  return out;
}

describe("sysd fmt: comments between any two tokens", () => {
  const sources = fixtures.map((f) => fs.readFileSync(path.join(f.dir, f.name), "utf8"));
  const input = fc.oneof(
    fc.constantFrom(...sources),
    fc.tuple(fc.nat(), fc.constantFrom(0.3, 1, 2)).map(([seed, messiness]) => generateMessyDesign(seed, messiness)),
  );
  const picks = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
    minLength: 1,
    maxLength: 12,
  });

  it("keeps every comment in order, means the same and is idempotent", () => {
    fc.assert(
      fc.property(input, picks, (text, where) => {
        const mutated = insertComments(text, where);
        if (parseSource(mutated, "m.sysd").diagnostics.length > 0) throw new Error(`the insertion broke ${excerpt(mutated)}`);
        try {
          // `verify` re-parses the result and compares comments and syntax trees.
          const formatted = formatSource(mutated, "m.sysd", { verify: true }).formatted;
          expect(commentTexts(formatted)).toEqual(commentTexts(mutated));
          expect(format(formatted, "m.sysd")).toBe(formatted);
        } catch (error) {
          throw new Error(`${(error as Error).message}\non input ${excerpt(mutated)}`, { cause: error });
        }
      }),
      params(150),
    );
  });
});

describe("sysd fmt: files with syntax errors", () => {
  const dir = path.join(repo, "test/fixtures/errors");
  it.each(fs.readdirSync(dir).filter((n) => n.endsWith(".sysd")).sort())("%s is returned unchanged with its errors", (name) => {
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    const result = formatSource(text, name);
    expect(result.formatted).toBe(text);
    expect(result.changed).toBe(false);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.code === "E100" || d.code === "E102")).toBe(true);
  });
});

// ── the command line ─────────────────────────────────────────────────────

const io = captureIo;

describe("sysd fmt: command line", () => {
  const messy = 'system S {\n    owner   "x"\n  component A : service { technology "Go" }  // kept\n}\n';
  const tidy = 'system S {\n  owner "x"\n\n  component A : service { technology "Go" } // kept\n}\n';
  const options = { format: "pretty" as const, color: false };
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(tmp, "cli-"));
    fs.mkdirSync(path.join(dir, "sub"));
  });

  it("--check lists the files that would change and exits 1, writing nothing", () => {
    fs.writeFileSync(path.join(dir, "a.sysd"), messy);
    fs.writeFileSync(path.join(dir, "sub", "b.sysd"), tidy);
    const run = io(dir);
    expect(runFmt([], { ...options, check: true }, run)).toBe(1);
    expect(run.out).toBe("would reformat: a.sysd\n");
    expect(fs.readFileSync(path.join(dir, "a.sysd"), "utf8")).toBe(messy);
  });

  it("rewrites files in place, then --check exits 0", () => {
    const run = io(dir);
    expect(runFmt([], options, run)).toBe(0);
    expect(fs.readFileSync(path.join(dir, "a.sysd"), "utf8")).toBe(tidy);
    expect(run.err).toContain("formatted a.sysd");
    const again = io(dir);
    expect(runFmt(["."], { ...options, check: true }, again)).toBe(0);
    expect(again.out).toBe("");
  });

  it("--stdout prints the formatted text and writes nothing", () => {
    fs.writeFileSync(path.join(dir, "c.sysd"), messy);
    const run = io(dir);
    expect(runFmt(["c.sysd"], { ...options, stdout: true }, run)).toBe(0);
    expect(run.out).toBe(tidy);
    expect(fs.readFileSync(path.join(dir, "c.sysd"), "utf8")).toBe(messy);
  });

  it("leaves a file with syntax errors untouched, prints its errors and exits 1", () => {
    const broken = 'system S {\n  component A "x\n}\n';
    fs.writeFileSync(path.join(dir, "broken.sysd"), broken);
    const run = io(dir);
    expect(runFmt(["broken.sysd", "c.sysd"], { ...options, format: "json" }, run)).toBe(1);
    expect(fs.readFileSync(path.join(dir, "broken.sysd"), "utf8")).toBe(broken);
    const printed = JSON.parse(run.out) as { file: string; code: string }[];
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.every((d) => d.file === "broken.sysd" && d.code === "E100")).toBe(true);
    // The other file is still formatted.
    expect(fs.readFileSync(path.join(dir, "c.sysd"), "utf8")).toBe(tidy);
    fs.rmSync(path.join(dir, "broken.sysd"));
  });

  it("exits 2 for a path that does not exist", () => {
    const run = io(dir);
    expect(runFmt(["missing.sysd"], options, run)).toBe(2);
    expect(run.err).toContain("missing.sysd: no such file or folder");
  });
});
