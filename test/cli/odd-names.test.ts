// `sysd check` on files whose names hold a line break or a bidi override: the
// names are printed escaped, so a name cannot start a new line of a CI log (a
// GitHub workflow command) or reorder what a reader sees. Names are made in a
// temporary folder where the file system allows them.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/cli/check.js";
import { captureIo } from "../helpers/io.js";

const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// A component without a kind is an error in every file, so every file is named in the output.
const broken = (n: number): string => `system S${n} "S" {\n  component A : nowhere\n}\n`;

let dir: string;
const made: string[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-names-"));
  for (const [n, name] of ["new\n::error file=x,line=1::pwned.sysd", "\u202Egnp.sysd", "esc\u001b[31m.sysd"].entries()) {
    try {
      fs.writeFileSync(path.join(dir, name), broken(n));
      made.push(name);
    } catch {
      // This file system refuses the name (Windows refuses a line break): nothing to show.
    }
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("sysd check and file names with controls or bidi characters", () => {
  it("pretty: every name escaped, one diagnostic header per file", () => {
    const io = captureIo(dir);
    expect(runCheck([], { format: "pretty", color: false }, io)).toBe(1);
    expect(io.out + io.err).not.toMatch(HIDDEN);
    expect(made.length).toBeGreaterThan(0);
    for (const name of made) expect(io.out).toContain(`${name.replace("\n", "\\n").replace("\u202E", "\\u{202E}").replace("\u001b", "\\u{1B}")}:2:17: error E203`);
  });

  it("github: one workflow command per diagnostic; the name cannot open another", () => {
    const io = captureIo(dir);
    expect(runCheck([], { format: "github", color: false }, io)).toBe(1);
    const lines = io.out.split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThanOrEqual(made.length);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:,\n]*,line=\d+,/);
    expect(io.out).not.toMatch(HIDDEN);
    if (made.some((n) => n.includes("\n"))) expect(io.out).toContain("file=new\\n%3A%3Aerror file=x%2Cline=1%3A%3Apwned.sysd,");
  });

  it("a path that cannot be a file name is said in words and shown escaped", () => {
    const io = captureIo(dir);
    expect(runCheck(["bad\u0000name.sysd", "gone\u202E.sysd"], { format: "pretty", color: false }, io)).toBe(2);
    expect(io.err).toContain("sysd: bad\\u{0}name.sysd: the path is not a valid file name (it contains a NUL character)");
    expect(io.err).toContain("sysd: gone\\u{202E}.sysd: no such file or folder");
    expect(io.err).not.toMatch(HIDDEN);
  });
});
