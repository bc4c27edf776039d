// Reading source files from disk: only regular files, never more than the size
// limit, and reasons in plain words. A named pipe or a device would hang or fill
// memory in-process, so those cases run the CLI in a child process with a timeout.
import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { describeFileError, MAX_SOURCE_BYTES, readSourceFile } from "../../src/syntax/index.js";

const BIN = fileURLToPath(new URL("../../bin/sysd.js", import.meta.url));
const posix = process.platform !== "win32";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-read-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function messagesOf(files: string[]): string[] {
  return check(files, { root: dir, cwd: dir, rules: {} })
    .diagnostics.filter((d) => d.code === "E101")
    .map((d) => d.message);
}

/** Runs `sysd check` in `dir`; a process that hangs or runs away is killed and fails the test. */
function runCheck(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, "check", ...args], { cwd: dir, timeout: 20_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code as number | null) ?? null : 0;
      resolve({ code: typeof code === "number" ? code : null, out: `${stdout}${stderr}` });
    });
  });
}

describe("reading a source file", () => {
  it("reads a regular file and notes where its bytes stop being UTF-8", () => {
    const file = path.join(dir, "latin1.sysd");
    fs.writeFileSync(file, Buffer.from([0x61, 0x62, 0xe9, 0x63]));
    expect(readSourceFile(file)).toEqual({ text: "ab\ufffdc", invalidUtf8At: 2 });
  });

  it("reads a file of exactly the limit and refuses one byte more", () => {
    const file = write("limit.sysd", "x".repeat(100));
    expect(readSourceFile(file, 100)).toEqual({ text: "x".repeat(100) });
    expect(readSourceFile(file, 99)).toEqual({ error: "is larger than 99 bytes, the most sysd reads from one file" });
  });

  it("refuses a file over 64 MiB without reading it", () => {
    const file = path.join(dir, "huge.sysd");
    // Sparse: the file claims the size without taking the disk space.
    fs.writeFileSync(file, "");
    fs.truncateSync(file, MAX_SOURCE_BYTES + 1);
    expect(readSourceFile(file)).toEqual({ error: "is larger than 64 MiB, the most sysd reads from one file" });
    fs.rmSync(file);
  });

  it("says a folder is a folder", () => {
    fs.mkdirSync(path.join(dir, "folder.sysd"), { recursive: true });
    expect(readSourceFile(path.join(dir, "folder.sysd"))).toEqual({ error: "is a folder, not a file" });
  });

  it.runIf(posix)("says a device is a device", () => {
    expect(readSourceFile("/dev/null")).toEqual({ error: "is a device, not a file" });
  });

  it("speaks of the path, not of Node, for a name with a NUL character", () => {
    write("nul.sysd", 'import "./x\\u{0}y"\n');
    const [message] = messagesOf([path.join(dir, "nul.sysd")]);
    expect(message).toMatch(/not a valid file name \(it contains a NUL character\)/);
    expect(message).not.toMatch(/ERR_|EINVAL/);
  });

  it("maps every error code to words, never to the code itself", () => {
    for (const code of ["ENOENT", "EACCES", "ELOOP", "ENAMETOOLONG", "ENOTDIR", "EIO", "EWHATEVER", "ERR_INVALID_ARG_VALUE"]) {
      expect(describeFileError(Object.assign(new Error("x"), { code }))).not.toMatch(/E[A-Z]{3,}/);
    }
    expect(describeFileError(undefined)).toBe("it cannot be read");
  });
});

describe.runIf(posix)("files that are not regular files", () => {
  it("reports a named pipe given as input instead of waiting for a writer", async () => {
    mkfifo(path.join(dir, "pipe.sysd"));
    const run = await runCheck("pipe.sysd");
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/E101.*pipe\.sysd`: is a named pipe, not a file/);
  });

  it("reports an imported named pipe", async () => {
    mkfifo(path.join(dir, "pipe2.sysd"));
    write("imports-pipe.sysd", 'import "./pipe2"\n');
    const run = await runCheck("imports-pipe.sysd");
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/E101.*is a named pipe, not a file/);
  });

  it("reports an import that links to /dev/zero instead of reading it forever", async () => {
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.sysd"));
    write("imports-zero.sysd", 'import "./zero"\n');
    // The root must hold the link's target for the import to be read at all.
    const run = await runCheck("--root", "/", "imports-zero.sysd");
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/E101.*is a device, not a file/);
  });
});

/** Node has no mkfifo; the command is on every POSIX system. */
function mkfifo(file: string): void {
  expect(spawnSync("mkfifo", [file]).status).toBe(0);
}
