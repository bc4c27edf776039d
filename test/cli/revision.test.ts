/**
 * Reading designs from a git revision: a blob over the size cap is refused
 * before it is read, with the words of the same refusal from disk, and the
 * check reports it as E101 like any unreadable file.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRevision } from "../../src/cli/revision.js";
import { check } from "../../src/index.js";
import { MAX_SOURCE_BYTES } from "../../src/syntax/read.js";

const DESIGN = 'system S "S" {\n  component A "A" : service\n  component B "B" : database\n  A -> B "reads"\n}\n';
let folder: string;

const gitIn = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

beforeAll(() => {
  folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sysd-revision-")));
  gitIn(folder, "init", "-q");
  // A byte that is not UTF-8 inside a string, committed first: HEAD~1.
  const at = DESIGN.indexOf('ds"');
  fs.writeFileSync(path.join(folder, "design.sysd"), Buffer.concat([Buffer.from(DESIGN.slice(0, at)), Buffer.from([0xff]), Buffer.from(DESIGN.slice(at))]));
  gitIn(folder, "add", ".");
  gitIn(folder, "commit", "-qm", "bad bytes");
  fs.writeFileSync(path.join(folder, "design.sysd"), DESIGN);
  gitIn(folder, "commit", "-qam", "design");
});

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function open(limit?: number) {
  const revision = openRevision("HEAD", folder, undefined, limit);
  if ("error" in revision) throw new Error(revision.error);
  return revision;
}

describe("a git revision's files", () => {
  it("are read whole under the cap (64 MiB unless a test says less)", () => {
    expect(MAX_SOURCE_BYTES).toBe(64 * 1024 * 1024);
    const revision = open();
    expect(revision.inputs).toEqual([path.join(folder, "design.sysd")]);
    expect(revision.host.read(revision.inputs[0]!)).toEqual({ text: DESIGN });
  });

  it("are refused over the cap, in the words used for a file on disk", () => {
    const revision = open(DESIGN.length - 1);
    expect(revision.host.read(revision.inputs[0]!)).toEqual({ error: `is larger than ${DESIGN.length - 1} bytes, the most sysd reads from one file` });
    expect(open(DESIGN.length).host.read(revision.inputs[0]!)).toEqual({ text: DESIGN });
  });

  it("that are not UTF-8 are E100, as on disk", () => {
    const revision = openRevision("HEAD~1", folder, undefined);
    if ("error" in revision) throw new Error(revision.error);
    const result = check(revision.inputs, { root: revision.root, cwd: revision.cwd, host: revision.host });
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["E100"]);
  });

  it("over the cap are an E101 error of the check, not a crash", () => {
    const revision = open(10);
    const result = check(revision.inputs, { root: revision.root, cwd: revision.cwd, host: revision.host });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code)).toEqual(["E101"]);
    expect(errors[0]!.message).toMatch(/^cannot read `[^`]*design\.sysd`: is larger than 10 bytes, the most sysd reads from one file$/);
  });
});
