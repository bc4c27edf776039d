// What `sysd build`, `sysd fmt` and `sysd check` do when a named pipe or a
// device sits where they read: they must say what it is, never wait on it.
// A plain read of a pipe blocks the whole process, so these run the CLI in a
// child process with a timeout; a hang fails the test instead of the suite.
import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.js";
import { runDiff } from "../../src/cli/diff.js";
import { openRevision } from "../../src/cli/revision.js";
import { temporaryName } from "../../src/cli/write.js";
import { describeFileError, MAX_SOURCE_BYTES, readRegularFile } from "../../src/syntax/index.js";
import { captureIo } from "../helpers/io.js";

const BIN = fileURLToPath(new URL("../../bin/sysd.js", import.meta.url));
const posix = process.platform !== "win32";
const design = 'system Shop "Shop" {\n  component Api : service\n}\n';
const other = 'system Other "Other" {\n  component A : service\n}\n';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-special-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function project(): string {
  const dir = fs.mkdtempSync(path.join(tmp, "p-"));
  fs.writeFileSync(path.join(dir, "shop.sysd"), design);
  fs.writeFileSync(path.join(dir, "other.sysd"), other);
  return dir;
}

function sysd(cwd: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 30_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) ?? null : 0;
      resolve({ code: typeof code === "number" ? code : null, out: `${stdout}${stderr}` });
    });
  });
}

/** Node has no mkfifo; the command is on every POSIX system. */
function mkfifo(file: string): void {
  expect(spawnSync("mkfifo", [file]).status).toBe(0);
}

describe("readRegularFile", () => {
  it("says when nothing is there, apart from every other reason", () => {
    expect(readRegularFile(path.join(tmp, "absent"))).toEqual({ error: "not found", missing: true });
    expect(readRegularFile(tmp)).toEqual({ error: "is a folder, not a file" });
  });

  it.runIf(posix)("does not open a device, and does not wait on a named pipe", () => {
    expect(readRegularFile("/dev/zero")).toEqual({ error: "is a device, not a file" });
    const pipe = path.join(tmp, "pipe");
    mkfifo(pipe);
    // In-process on purpose: with no writer, a blocking read would never return.
    expect(readRegularFile(pipe)).toEqual({ error: "is a named pipe, not a file" });
  });

  it("words a failed write as a write", () => {
    expect(describeFileError(Object.assign(new Error("x"), { code: "EWHATEVER" }), "written")).toBe("it cannot be written");
    expect(describeFileError(Object.assign(new Error("x"), { code: "EBUSY" }), "written")).toBe("it is in use");
  });
});

describe.runIf(posix)("sysd build and what already sits at an output's name", () => {
  it("refuses a named pipe at an output, names it and what it is, and still writes the other systems", async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, "out", "Shop"), { recursive: true });
    mkfifo(path.join(dir, "out", "Shop", "README.md"));
    const run = await sysd(dir, "build", "-o", "out", ".");
    expect(run.code, run.out).toBe(2);
    expect(run.out).toContain("not overwriting out/Shop/README.md: it is a named pipe, not a file; move it away");
    expect(run.out).toContain("Shop: nothing written to out/Shop/");
    expect(fs.statSync(path.join(dir, "out", "Shop", "README.md")).isFIFO()).toBe(true);
    expect(fs.readdirSync(path.join(dir, "out", "Other"))).toContain("README.md");
  });

  it("refuses a link to a device at an output without reading it", async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, "out", "Shop"), { recursive: true });
    fs.symlinkSync("/dev/zero", path.join(dir, "out", "Shop", "model.json"));
    const run = await sysd(dir, "build", "-o", "out", ".");
    expect(run.code, run.out).toBe(2);
    expect(run.out).toContain("not overwriting out/Shop/model.json: it is a device, not a file");
    expect(fs.readlinkSync(path.join(dir, "out", "Shop", "model.json"))).toBe("/dev/zero");
  });

  it("--check lists a named pipe at an output as a file that would change", async () => {
    const dir = project();
    fs.mkdirSync(path.join(dir, "out", "Shop"), { recursive: true });
    mkfifo(path.join(dir, "out", "Shop", "README.md"));
    const run = await sysd(dir, "build", "--check", "-o", "out", ".");
    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain("would change: out/Shop/README.md");
  });
});

describe("sysd build when a write fails", () => {
  it("says why in words, not with a Node error code", async () => {
    const dir = project();
    const folder = path.join(dir, "out", "Shop");
    fs.mkdirSync(folder, { recursive: true });
    // A folder at this process's temporary name makes the write fail (in-process, so the pid is known).
    fs.mkdirSync(path.join(temporaryName(path.join(folder, "README.md")), "x"), { recursive: true });
    const run = captureIo(dir);
    expect(await runBuild(["shop.sysd"], { format: "json", color: false, out: "out" }, run)).toBe(2);
    expect(run.err).toMatch(/sysd: cannot write out\/Shop\/README\.md: [a-z]/);
    expect(run.err).not.toMatch(/\bE[A-Z]{3,}\b|ERR_/);
  });
});

describe.runIf(posix)("sysd fmt and sysd check with a named pipe", () => {
  it("fmt says a named pipe given as input is one, instead of waiting for a writer", async () => {
    const dir = project();
    mkfifo(path.join(dir, "pipe.sysd"));
    const run = await sysd(dir, "fmt", "pipe.sysd");
    expect(run.code, run.out).toBe(2);
    expect(run.out).toContain("sysd: cannot read pipe.sysd: is a named pipe, not a file");
  });

  it("check reports a named pipe called sysd.json instead of waiting on it", async () => {
    const dir = project();
    mkfifo(path.join(dir, "sysd.json"));
    const run = await sysd(dir, "check", "shop.sysd");
    expect(run.code, run.out).toBe(1);
    expect(run.out).toMatch(/E101.*cannot read `sysd\.json`: is a named pipe, not a file/);
  });
});

describe("sysd diff and a file of a git revision", () => {
  it("reads no more of a blob than of a file on disk (64 MiB)", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "git-"));
    const git = (...args: string[]): void => {
      expect(spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir }).status).toBe(0);
    };
    git("init", "-q");
    fs.writeFileSync(path.join(dir, "shop.sysd"), design);
    // Zeros: git stores them in a few kilobytes.
    fs.writeFileSync(path.join(dir, "big.sysd"), "");
    fs.truncateSync(path.join(dir, "big.sysd"), MAX_SOURCE_BYTES + 1);
    git("add", ".");
    git("commit", "-qm", "designs");
    const revision = openRevision("HEAD", dir, undefined);
    if ("error" in revision) throw new Error(revision.error);
    expect(revision.host.read(path.join(dir, "big.sysd"))).toEqual({ error: expect.stringContaining("is larger than 64 MiB") });
    expect(revision.host.read(path.join(dir, "shop.sysd"))).toHaveProperty("text");
  });
});
