import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProgram, parseSource } from "../../src/syntax/index.js";
import type { ParseResult, Program } from "../../src/syntax/index.js";
import { lex, MAX_TOKENS, tokenLimitOffset } from "../../grammar/index.js";
import { MAX_DIAGNOSTICS_PER_FILE } from "../../src/diagnostics/index.js";
import { assertAllSpansValid, assertValidDiagnostic } from "../helpers/spans.js";

const FILE = "hostile.sysd";

/** Parses `text`, checks every diagnostic and AST span against it, and returns the result. */
function check(text: string): ParseResult {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseSource(text, FILE);
  }).not.toThrow();
  const { ast, diagnostics } = result!;
  for (const diagnostic of diagnostics) {
    expect(diagnostic.code).toBe("E100");
    expect(diagnostic.span.file).toBe(FILE);
    assertValidDiagnostic(diagnostic, text);
  }
  assertAllSpansValid(ast, text, FILE);
  return result!;
}

function codes(result: { diagnostics: { code: string }[] }): string[] {
  return result.diagnostics.map((d) => d.code);
}

/** A small deterministic generator, so the "random" inputs are the same on every run. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

describe("empty and blank input", () => {
  it("parses an empty file to an empty AST", () => {
    const result = check("");
    expect(result.diagnostics).toEqual([]);
    expect(result.ast.members).toEqual([]);
    expect(result.ast.imports).toEqual([]);
  });

  it.each([
    ["spaces", "   "],
    ["newlines", "\n\n\n"],
    ["CRLF", "\r\n\r\n"],
    ["tabs and mixed", " \t \n\t\r\n \f\v\n"],
    ["a line comment", "// nothing here"],
    ["a line comment with newline", "// nothing here\n"],
    ["a block comment", "/* nothing\n here */"],
    ["comments and blank lines", "\n// a\n\n/* b */\n   // c\r\n/**/"],
  ])("accepts only %s", (_name, text) => {
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.ast.members).toEqual([]);
  });
});

describe("random bytes", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("parses random bytes decoded as UTF-8 (seed %i)", (seed) => {
    const next = xorshift(seed * 7919);
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
    check(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  });

  it("parses random ASCII punctuation and words", () => {
    const next = xorshift(42);
    const alphabet = 'abcXYZ_019 \t\n\r{}()[]<>=!"\\/*-+.:;,|?$%#@`\'~&^';
    let text = "";
    for (let i = 0; i < 20_000; i++) text += alphabet[next() % alphabet.length];
    check(text);
  });
});

describe("very long lines", () => {
  const twoMB = 2 * 1024 * 1024;

  it("reads a 2 MB string literal on one line", () => {
    const text = `system S { owner "${"x".repeat(twoMB)}" }`;
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads a 2 MB identifier on one line", () => {
    const text = `system ${"a".repeat(twoMB)} { owner "x" }`;
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
  });

  it("survives 2 MB of identifiers on one line at the top level", () => {
    check("ab ".repeat(twoMB / 3));
  });

  it("survives 180 KB of identifiers on one line in a block, reporting 500 of its 30,000 errors", () => {
    // One error per pair; the 1 MB version (175,000 errors) is in bench/inputs.mjs.
    const text = `system S { ${"ab ".repeat(60_000)}}`;
    const result = check(text);
    expect(result.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(result.diagnostics.at(-1)!.message).toBe("29499 more syntax errors are not shown: sysd reports at most 500 per file");
  });

  it("reads a 10 MB string literal on one line (a regular expression overflowed the stack)", () => {
    const result = check(`system S { owner "${"x".repeat(10 * 1024 * 1024)}" }`);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads 1 MB of escapes, a block comment and a triple string around it", () => {
    const mb = 1024 * 1024;
    const text = `/*${"*".repeat(mb)}*/\nsystem S {\n  owner "${'\\"'.repeat(mb / 2)}"\n  overview """${"x".repeat(mb)}"""\n}\n`;
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.comments).toHaveLength(1);
  });

  it("survives a 2 MB unterminated string", () => {
    const result = check(`system S { owner "${"x".repeat(twoMB)}`);
    expect(codes(result)).toContain("E100");
  });
});

describe("deep nesting", () => {
  const nestingError = (result: ParseResult) => result.diagnostics.filter((d) => /nested/.test(d.message));

  it("reports 5,000 nested boundaries once, without overflowing the stack", () => {
    const depth = 5000;
    const text = `system S {\n${"boundary b {\n".repeat(depth)}${"}\n".repeat(depth)}}\n`;
    const result = check(text);
    expect(codes(result)).toEqual(["E100"]);
    expect(nestingError(result)).toHaveLength(1);
  });

  it("reports 5,000 nested boundaries on one line once", () => {
    const depth = 5000;
    const result = check(`system S { ${"boundary b { ".repeat(depth)}${"} ".repeat(depth)}}`);
    expect(codes(result)).toEqual(["E100"]);
  });

  it("reports 5,000 unclosed braces once", () => {
    const result = check("system S {".repeat(5000));
    expect(nestingError(result)).toHaveLength(1);
  });

  it("reports 5,000 nested parentheses in an expression", () => {
    const depth = 5000;
    const result = check(`system S {\n  cost { budget ${"(".repeat(depth)}$1${")".repeat(depth)} }\n}\n`);
    expect(codes(result)).toEqual(["E100"]);
    expect(nestingError(result)).toHaveLength(1);
  });

  it("accepts nesting well inside the limit", () => {
    const depth = 100;
    const result = check(`system S {\n  cost { budget ${"(".repeat(depth)}$1${")".repeat(depth)} }\n}\n`);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads 100,000 unary minus signs without overflowing the stack", () => {
    const result = check(`system S {\n  cost { budget ${"-".repeat(100_000)}$1 }\n}\n`);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["E100", "more than 200 `-` signs in a row"]]);
  });

  it("keeps the AST of 100,000 unary minus signs shallow enough for recursive consumers", () => {
    // MAX_NESTING bounds brackets so that "no stage overflows the stack"; a run of
    // `-` signs nests Negation nodes just as deeply and must be bounded too.
    const result = check(`system S {\n  cost { budget ${"-".repeat(100_000)}$1 }\n}\n`);
    expect(() => JSON.stringify(result.ast)).not.toThrow();
  });

  it("reads 100,000 minus signs in a binary chain", () => {
    // `1 - 1 - 1 ...`: a long left-associative chain.
    check(`system S {\n  cost { budget $1${" - $1".repeat(20_000)} }\n}\n`);
  });
});

describe("many syntax errors", () => {
  // Each line is a syntax error; recovery must not use one stack frame per error
  // (about 3,000 of them overflowed the stack when this test was written).
  const lines = 6_000;
  it.each([
    ["unterminated strings at the top level", '"\n'.repeat(lines)],
    ["unterminated strings in a system", `system S {\n${'"\n'.repeat(lines)}}\n`],
    ["bare numbers in a system", `system S {\n${"1\n".repeat(lines)}}\n`],
    ["colons in a system", `system S {\n${":\n".repeat(lines)}}\n`],
    ["strings in an entity", `model { entity E {\n${'"x"\n'.repeat(lines)}} }\n`],
    ["NUL characters in a system", `system S {\n${"\u0000\n".repeat(lines)}}\n`],
    ["a 6,000-part qualified name as a connection end", `system S { A -> B${".b".repeat(lines)} }`],
  ])("survives 6,000 errors in a row: %s", (_name, text) => {
    const result = check(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS_PER_FILE + 1);
  });

  it("stops parsing after 500 syntax errors and says so last", () => {
    const result = check(`system S {\n${"1\n".repeat(lines)}}\n`);
    expect(result.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(result.diagnostics.at(-1)!.message).toBe("more than 500 syntax errors: the rest of the file is not read");
    expect(result.diagnostics.at(-2)!.span.line).toBeLessThanOrEqual(result.diagnostics.at(-1)!.span.line);
  });
});

describe("unterminated constructs at end of file", () => {
  it.each([
    ["block comment", "system S {}\n/* never closed", /comment/],
    ["block comment alone", "/*", /comment/],
    ["string", 'system S {\n  owner "never closed', /string/],
    ["string with trailing backslash", 'system S {\n  owner "abc\\', /string/],
    ["triple string", 'system S {\n  overview """\n  never closed\n', /"""/],
    ["triple string alone", '"""', /"""/],
    ["two quotes", 'system S { owner ""', /./],
    ["four quotes", '""""', /./],
  ])("reports an unterminated %s", (_name, text, pattern) => {
    const result = check(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.some((d) => pattern.test(d.message))).toBe(true);
  });

  it("reports an unterminated string at the end of a CRLF line and keeps reading", () => {
    const text = 'system S {\r\n  owner "x\r\n  status draft\r\n}\r\n';
    const result = check(text);
    expect(codes(result)).toContain("E100");
    expect(result.diagnostics[0]!.span.line).toBe(2);
  });
});

describe("names that are special in JavaScript", () => {
  const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf", "__defineGetter__"];

  it.each(names)("accepts `%s` as a component, field and property name", (name) => {
    const text = [
      "model {",
      `  entity ${name} {`,
      `    ${name}: string [pk]`,
      `    other: ${name}`,
      "  }",
      `  enum E_${name} { ${name}, b }`,
      "}",
      `system ${name} "t" {`,
      `  component ${name} "c" {`,
      `    ${name} "value"`,
      `    properties { ${name} 1 }`,
      "  }",
      `  boundary B_${name} { component X_${name} }`,
      `  ${name} -> X_${name} "calls"`,
      `  scaling { demand ${name} 10/day }`,
      `  monitoring { metric ${name} unit ms\n    alert ${name} > 5ms }`,
      "}",
      "",
    ].join("\n");
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
    expect(JSON.stringify(result.ast)).toContain(`"name":"${name}"`);
    // No property name may have reached Object.prototype.
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("odd characters", () => {
  it("reports NUL characters as E100 and keeps going", () => {
    const result = check('system S {\n  owner "a"\u0000\n  \u0000status draft\n}\n');
    expect(codes(result)).toContain("E100");
    expect(result.diagnostics.some((d) => d.message.includes("\\u{0}"))).toBe(true);
  });

  it("keeps NUL inside a string literal", () => {
    check('system S { owner "a\u0000b" }');
  });

  it("parses a file made only of NULs", () => {
    const result = check("\u0000".repeat(1000));
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("skips a byte order mark at the start", () => {
    const result = check('\ufeffsystem S {\n  owner "x"\n}\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.ast.members[0]!.span.column).toBe(2);
  });

  it("accepts lone CR line ends", () => {
    const text = 'system S {\r  owner "x"\r  status draft\r  component A\r}\r';
    const result = check(text);
    expect(result.diagnostics).toEqual([]);
  });

  it("counts lone CR as a line end in diagnostic positions", () => {
    const text = "system S {\r  owner \"x\"\r  owner \"y\" status draft\r}\r";
    const result = check(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]!.span.line).toBe(3);
  });

  it("handles mixed CR, LF and CRLF line ends", () => {
    check('system S {\r\n  owner "x"\r  status draft\n  component A\r\n\r\r\n}');
  });

  it("handles astral characters, combining marks and lone surrogates", () => {
    check('system S { owner "😀\u0301\ud800" }\n😀 \udc00 \u2028 \u2029 \u0085');
  });
});

describe("loading files", () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-robust-"));
    root = path.join(dir, "root");
    fs.mkdirSync(root);
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(relative: string, content: string | Uint8Array): string {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  function load(...entries: string[]): Program {
    let program: Program | undefined;
    expect(() => {
      program = loadProgram(entries, { root, cwd: root });
    }).not.toThrow();
    // Every span must be valid in the text of the file it names.
    const texts = new Map(program!.files.map((f) => [f.displayPath, f.text]));
    for (const diagnostic of program!.diagnostics) {
      const text = texts.get(diagnostic.span.file) ?? "";
      assertValidDiagnostic(diagnostic, text);
    }
    for (const file of program!.files) assertAllSpansValid(file.ast, file.text, file.displayPath);
    return program!;
  }

  const userFiles = (program: Program) => program.files.filter((f) => !f.isStdlib).map((f) => f.displayPath);

  it("reports invalid UTF-8 as E100", () => {
    const bytes = Buffer.concat([
      Buffer.from('system S {\n  owner "a'),
      Buffer.from([0xff, 0xc3, 0x28, 0xe2, 0x82]),
      Buffer.from('"\n}\n'),
    ]);
    write("root/bad.sysd", bytes);
    const program = load("bad.sysd");
    const utf8 = program.diagnostics.filter((d) => d.code === "E100" && /UTF-8/.test(d.message));
    expect(utf8).toHaveLength(1);
    expect(utf8[0]!.span).toMatchObject({ file: "bad.sysd", line: 2, column: 11 });
  });

  it("points the UTF-8 error at the bad byte, not at an earlier real U+FFFD", () => {
    const bytes = Buffer.concat([
      Buffer.from('system S {\n  owner "\ufffd"\n  status '),
      Buffer.from([0xff]),
      Buffer.from("\n}\n"),
    ]);
    write("root/replacement.sysd", bytes);
    const program = load("replacement.sysd");
    const utf8 = program.diagnostics.filter((d) => /UTF-8/.test(d.message));
    expect(utf8).toHaveLength(1);
    expect(utf8[0]!.span).toMatchObject({ line: 3, column: 10 });
  });

  it("reports a file of random invalid bytes once as not UTF-8", () => {
    const next = xorshift(99);
    const bytes = Buffer.alloc(2048);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 | (next() & 0x7f);
    write("root/noise.sysd", bytes);
    const program = load("noise.sysd");
    expect(program.diagnostics.filter((d) => /UTF-8/.test(d.message))).toHaveLength(1);
  });

  it("reports an import of a missing file as E101", () => {
    write("root/missing.sysd", 'import "./nowhere.sysd"\n');
    const program = load("missing.sysd");
    expect(codes(program)).toEqual(["E101"]);
    expect(program.diagnostics[0]!.span).toMatchObject({ file: "missing.sysd", line: 1, column: 8 });
    expect(userFiles(program)).toEqual(["missing.sysd"]);
  });

  it("reports an import outside the root as E101 and does not read it", () => {
    write("outside.sysd", "system Outside {}\n");
    write("root/escape.sysd", 'import "../outside.sysd"\n');
    const program = load("escape.sysd");
    expect(codes(program)).toEqual(["E101"]);
    expect(program.diagnostics[0]!.message).toMatch(/outside/);
    expect(program.files.some((f) => f.absolutePath === path.join(dir, "outside.sysd"))).toBe(false);
    expect(userFiles(program)).toEqual(["escape.sysd"]);
  });

  it("reports an escaping import written without the extension as E101", () => {
    write("root/escape2.sysd", 'import "../outside"\n');
    const program = load("escape2.sysd");
    expect(codes(program)).toEqual(["E101"]);
    expect(userFiles(program)).toEqual(["escape2.sysd"]);
  });

  it("reports an import through a link that leaves the root as E101", () => {
    const link = path.join(root, "link.sysd");
    try {
      fs.symlinkSync(path.join(dir, "outside.sysd"), link);
    } catch {
      return; // no symlinks here (e.g. Windows without rights)
    }
    write("root/via-link.sysd", 'import "./link.sysd"\n');
    const program = load("via-link.sysd");
    expect(codes(program)).toEqual(["E101"]);
    expect(userFiles(program)).toEqual(["via-link.sysd"]);
  });

  it.each([
    ["an absolute path", `import "${path.join(os.tmpdir(), "x.sysd").replace(/\\/g, "/")}"`],
    ["an empty path", 'import ""'],
    ["the current folder", 'import "."'],
    ["the parent folder", 'import ".."'],
    ["std alone", 'import "std/"'],
    ["a NUL in the path", 'import "a\u0000b"'],
  ])("reports an import of %s as E101 without throwing", (_name, statement) => {
    write("root/odd-import.sysd", `${statement}\n`);
    const program = load("odd-import.sysd");
    expect(codes(program)).toEqual(["E101"]);
  });

  it("reads each file of an import cycle once", () => {
    write("root/cycle/a.sysd", 'import "./b.sysd"\nsystem A {}\n');
    write("root/cycle/b.sysd", 'import "./a.sysd"\nkind K : service\n');
    const program = load("cycle/a.sysd");
    expect(program.diagnostics).toEqual([]);
    expect(userFiles(program)).toEqual(["cycle/a.sysd", "cycle/b.sysd"]);
    // a → b and b → a both resolve.
    expect(program.imports.filter((i) => i.target !== undefined)).toHaveLength(2);
  });

  it("reads a file that imports itself once", () => {
    write("root/self.sysd", 'import "./self.sysd"\nsystem Self {}\n');
    const program = load("self.sysd");
    expect(program.diagnostics).toEqual([]);
    expect(userFiles(program)).toEqual(["self.sysd"]);
  });

  it("reads a file named twice as an entry once", () => {
    write("root/twice.sysd", "system Twice {}\n");
    const program = load("twice.sysd", "./twice.sysd", path.join(root, "twice.sysd"));
    expect(userFiles(program)).toEqual(["twice.sysd"]);
    expect(program.entries).toHaveLength(1);
  });

  it("reports a missing entry file as E101", () => {
    const program = load("does-not-exist.sysd");
    expect(codes(program)).toEqual(["E101"]);
  });

  it("reports importing a folder as E101", () => {
    fs.mkdirSync(path.join(root, "folder.sysd"), { recursive: true });
    write("root/imports-folder.sysd", 'import "./folder.sysd"\n');
    const program = load("imports-folder.sysd");
    expect(codes(program)).toEqual(["E101"]);
  });

  it("reports an import escaping the standard library as E101", () => {
    write("root/std-escape.sysd", 'import "std/../../outside"\n');
    const program = load("std-escape.sysd");
    expect(codes(program)).toEqual(["E101"]);
  });
});

describe("the token limit", () => {
  it("refuses a file of more than 2,000,000 tokens before lexing it, with one diagnostic", () => {
    const text = `system S {\n${"a ".repeat(MAX_TOKENS)}}\n`;
    const result = check(text);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toBe(
      "the file holds more than 2,000,000 words and symbols, the most sysd reads from one file: split it into files joined by `import`",
    );
    expect(result.ast.members).toEqual([]);
  });

  it("counts at least as many tokens as the lexer makes", () => {
    const next = xorshift(7);
    const alphabet = 'ab_19 \t\n\r{}()[]<>="\\/*-+.:;,|?$%é';
    for (let run = 0; run < 50; run++) {
      let text = "";
      for (let i = 0; i < 400; i++) text += alphabet[next() % alphabet.length];
      const lexed = lex(text);
      const lexerCount = lexed.tokens.length + lexed.comments.length;
      expect(tokenLimitOffset(text, lexerCount - 1), excerpt(text)).toBeGreaterThanOrEqual(lexerCount > 0 ? 0 : -1);
    }
  });
});

function excerpt(text: string): string {
  return JSON.stringify(text.slice(0, 200));
}
