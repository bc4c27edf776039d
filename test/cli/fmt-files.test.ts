import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFmt } from "../../src/cli/fmt.js";
import { removeStaleTemporaries, STALE_TEMPORARY_MS, temporaryName, writeFileAtomic } from "../../src/cli/write.js";
import { captureIo } from "../helpers/io.js";

// What `sysd fmt` does to the files it rewrites: links, modes, hard links,
// and an edit made while it runs.
const messy = 'system S {\n    owner   "x"\n}\n';
const tidy = 'system S {\n  owner "x"\n}\n';
const options = { format: "pretty" as const, color: false };
const posix = process.platform !== "win32";
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-fmt-files-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function folder(): string {
  return fs.mkdtempSync(path.join(tmp, "case-"));
}

describe("sysd fmt and the files it writes", () => {
  it.runIf(posix)("formats the target of a link and keeps the link", () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, "real"));
    fs.writeFileSync(path.join(dir, "real", "design.sysd"), messy);
    fs.symlinkSync(path.join("real", "design.sysd"), path.join(dir, "link.sysd"));
    const run = captureIo(dir);
    expect(runFmt(["link.sysd"], options, run)).toBe(0);
    expect(fs.lstatSync(path.join(dir, "link.sysd")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "real", "design.sysd"), "utf8")).toBe(tidy);
    expect(run.err).toContain("formatted link.sysd");
  });

  it.runIf(posix)("keeps the file's mode", () => {
    const dir = folder();
    const file = path.join(dir, "design.sysd");
    fs.writeFileSync(file, messy);
    fs.chmodSync(file, 0o600);
    expect(runFmt([file], options, captureIo(dir))).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(tidy);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a file with more than one hard link, naming it, and exits 2", () => {
    const dir = folder();
    const file = path.join(dir, "design.sysd");
    fs.writeFileSync(file, messy);
    fs.linkSync(file, path.join(dir, "other-name.txt"));
    const run = captureIo(dir);
    expect(runFmt(["design.sysd"], options, run)).toBe(2);
    expect(run.err).toContain("not formatting design.sysd: it has 2 hard links");
    expect(fs.readFileSync(file, "utf8")).toBe(messy);
    expect(fs.readFileSync(path.join(dir, "other-name.txt"), "utf8")).toBe(messy);
  });

  it("writes nothing when the file is edited while it is being formatted, and says so", () => {
    const dir = folder();
    const file = path.join(dir, "design.sysd");
    fs.writeFileSync(file, messy);
    const edited = `${messy}// typed in the editor meanwhile\n`;
    const run = captureIo(dir);
    run.beforeReplace = (target) => fs.writeFileSync(target, edited);
    expect(runFmt(["design.sysd"], options, run)).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe(edited);
    expect(run.err).toContain("design.sysd changed while it was being formatted; nothing written");
    expect(fs.readdirSync(dir)).toEqual(["design.sysd"]);
  });

  it("notices an edit that keeps the size and the mtime", () => {
    const dir = folder();
    const file = path.join(dir, "design.sysd");
    fs.writeFileSync(file, messy);
    const run = captureIo(dir);
    run.beforeReplace = (target) => {
      const { atime, mtime } = fs.statSync(target);
      fs.writeFileSync(target, messy.replace('"x"', '"y"'));
      fs.utimesSync(target, atime, mtime);
    };
    expect(runFmt(["design.sysd"], options, run)).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe(messy.replace('"x"', '"y"'));
  });

  it("removes a temporary file left by a crashed run of itself", () => {
    const dir = folder();
    const file = path.join(dir, "design.sysd");
    fs.writeFileSync(file, messy);
    // No process has pid 2^22 + 1 (above Linux's pid_max).
    const leftover = temporaryName(file, 4194305);
    fs.writeFileSync(leftover, "half a design");
    expect(runFmt(["design.sysd"], options, captureIo(dir))).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["design.sysd"]);
  });
});

describe("removeStaleTemporaries", () => {
  it("removes only sysd's temporaries of the named files whose process is gone or that are old", () => {
    const dir = folder();
    const dead = path.join(dir, ".README.md.4194305.tmp");
    const live = path.join(dir, `.README.md.${process.ppid}.tmp`);
    const liveButOld = path.join(dir, `.model.json.${process.ppid}.tmp`);
    const otherName = path.join(dir, ".notes.md.4194305.tmp");
    const notOurs = path.join(dir, ".README.md.tmp");
    for (const file of [dead, live, liveButOld, otherName, notOurs]) fs.writeFileSync(file, "x");
    const old = new Date(Date.now() - STALE_TEMPORARY_MS - 60_000);
    fs.utimesSync(liveButOld, old, old);
    const removed = removeStaleTemporaries(dir, ["README.md", "model.json"]);
    expect(removed.sort()).toEqual([dead, liveButOld].sort());
    expect(fs.readdirSync(dir).sort()).toEqual([".README.md.tmp", `.README.md.${process.ppid}.tmp`, ".notes.md.4194305.tmp"].sort());
  });

  it.runIf(posix)("writeFileAtomic does not follow a link planted at its temporary name", () => {
    const dir = folder();
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "keep");
    const target = path.join(dir, "out.txt");
    fs.symlinkSync(victim, temporaryName(target));
    expect(writeFileAtomic(target, "new")).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("keep");
    expect(fs.readFileSync(target, "utf8")).toBe("new");
    expect(fs.lstatSync(target).isSymbolicLink()).toBe(false);
  });
});
