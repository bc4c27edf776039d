// End-to-end tests of the `sysd` command (spec §6): each case spawns
// `node bin/sysd.js` in a temporary folder and looks at its exit code, stdout
// and stderr. `npm test` runs tsc first, so dist/ exists.
//
// Every process pays Node start-up plus the grammar's construction (about a
// second), so the cases run concurrently to keep the file fast.
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(REPO, "bin", "sysd.js");
const VALID_FIXTURE = path.join(REPO, "test", "fixtures", "valid", "video_pipeline.sysd");
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version;

// ── SARIF validation, as in test/diagnostics/sarif.test.ts ──────────────────

// ajv-formats is CommonJS with a `default` export; under NodeNext the default
// import is the module object in the types but the function at run time.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

function sarifValidator(): ValidateFunction {
  const schemaUrl = new URL("../schemas/sarif-schema-2.1.0.json", import.meta.url);
  const schema = JSON.parse(fs.readFileSync(schemaUrl, "utf8")) as Record<string, unknown>;
  // The official schema predates ajv's strict mode (e.g. `default` next to `$ref`).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// ── running the CLI ──────────────────────────────────────────────────────────

interface Run {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

const runs: Run[] = [];

/** Child environment: no color, whatever the terminal or the test runner sets. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["FORCE_COLOR"];
  return env;
}

function sysd(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: childEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 50_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as NodeJS.ErrnoException & { code?: unknown }).code : 0;
        const run: Run = { args, status: typeof code === "number" ? code : null, stdout, stderr };
        runs.push(run);
        resolve(run);
      },
    );
  });
}

/** A Node stack trace line (`    at fn (file:1:2)`) or an uncaught-error banner. */
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|node:internal|Uncaught|UnhandledPromiseRejection/m;

function expectNoStackTrace(run: Run): void {
  expect(run.stderr, `stderr of sysd ${run.args.join(" ")}`).not.toMatch(STACK_TRACE);
  expect(run.stdout, `stdout of sysd ${run.args.join(" ")}`).not.toMatch(STACK_TRACE);
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

function parseJsonOutput(run: Run): JsonDiagnostic[] {
  // The whole of stdout must be one JSON document: nothing before or after it.
  const parsed: unknown = JSON.parse(run.stdout);
  expect(Array.isArray(parsed)).toBe(true);
  return parsed as JsonDiagnostic[];
}

// ── the temporary project ────────────────────────────────────────────────────

let tmp = "";
const BAD = 'system S "S" {\n  component A "A" : service\n  component B @ "B"\n}\n';

function write(relative: string, text: string): void {
  const file = path.join(tmp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-cli-"));
  const valid = fs.readFileSync(VALID_FIXTURE, "utf8");
  write("clean.sysd", valid);
  write("bad.sysd", BAD);
  // A clean design plus a component that is never connected and has an unknown
  // property: warnings (W302, W307) once the checks exist, and no errors.
  const lastBrace = valid.lastIndexOf("}");
  write("warn.sysd", `${valid.slice(0, lastBrace)}  component Orphan "Orphan" : service { colour "red" }\n${valid.slice(lastBrace)}`);
  // A folder input: nested files are found, node_modules is skipped.
  write("tree/top.sysd", valid);
  write("tree/sub/deeper/nested.sysd", BAD);
  write("tree/node_modules/pkg/ignored.sysd", BAD);
  // --root: an import that leaves the root folder.
  write("rooted/proj/main.sysd", 'import "../shared/common.sysd" as common\n\nsystem S "S" {\n  component A "A" : service\n}\n');
  write("rooted/shared/common.sysd", 'kind special "Special" : service\n');
});

afterAll(() => {
  if (tmp !== "") fs.rmSync(tmp, { recursive: true, force: true });
});

// ── cases ────────────────────────────────────────────────────────────────────

describe.concurrent("sysd CLI", () => {
  it("--version prints the package.json version", async () => {
    const run = await sysd(["--version"], tmp);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(PACKAGE_VERSION);
    expectNoStackTrace(run);
  });

  it("--help lists the check and build commands", async () => {
    const run = await sysd(["--help"], tmp);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: sysd/);
    expect(run.stdout).toMatch(/^\s+check\b/m);
    expect(run.stdout).toMatch(/^\s+build\b/m);
    expectNoStackTrace(run);
  });

  it("with no arguments prints the help and exits 2", async () => {
    const run = await sysd([], tmp);
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/Usage: sysd/);
    expect(run.stdout + run.stderr).toMatch(/^\s+check\b/m);
    expectNoStackTrace(run);
  });

  it("exits 0 on a clean file", async () => {
    const run = await sysd(["check", "clean.sysd"], tmp);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 file checked/);
    expectNoStackTrace(run);
  });

  it("exits 1 on a syntax error, printing file:line:col: error E100:", async () => {
    const run = await sysd(["check", "bad.sysd"], tmp);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^bad\.sysd:3:15: error E100: /m);
    // The source line and a caret under the offending character.
    expect(run.stdout).toContain('component B @ "B"');
    expect(run.stdout).toMatch(/\^/);
    expectNoStackTrace(run);
  });

  it("--format json prints only a JSON array: [] when clean", async () => {
    const run = await sysd(["check", "clean.sysd", "--format", "json"], tmp);
    expect(run.status).toBe(0);
    expect(parseJsonOutput(run)).toEqual([]);
    expectNoStackTrace(run);
  });

  it("--format json objects have exactly the documented keys, in order", async () => {
    const run = await sysd(["check", "bad.sysd", "--format", "json"], tmp);
    expect(run.status).toBe(1);
    const diagnostics = parseJsonOutput(run);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(Object.keys(d)).toEqual(["file", "line", "column", "endLine", "endColumn", "severity", "code", "message"]);
    }
    expect(diagnostics.find((d) => d.code === "E100")).toMatchObject({ file: "bad.sysd", line: 3, column: 15, severity: "error" });
    expectNoStackTrace(run);
  });

  it("--format github prints workflow commands", async () => {
    const run = await sysd(["check", "bad.sysd", "--format", "github"], tmp);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=bad\.sysd,line=3,col=15,[^:]*title=E100::/m);
    for (const line of run.stdout.split("\n").filter((l) => l !== "")) expect(line).toMatch(/^::(error|warning|notice) /);
    expectNoStackTrace(run);
  });

  it("--format sarif prints a log that validates against the SARIF 2.1.0 schema", async () => {
    const validate = sarifValidator();
    const run = await sysd(["check", "bad.sysd", "--format", "sarif"], tmp);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId?: string }[] }[] };
    if (!validate(log)) throw new Error(JSON.stringify(validate.errors, null, 2));
    expect(log.version).toBe("2.1.0");
    expect((log.runs[0]?.results ?? []).map((r) => r.ruleId)).toContain("E100");
    expectNoStackTrace(run);
  });

  it("exits 2 on a path that does not exist", async () => {
    const run = await sysd(["check", "no-such-file.sysd"], tmp);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no-such-file.sysd");
    expectNoStackTrace(run);
  });

  it("searches a folder for nested .sysd files but skips node_modules", async () => {
    const run = await sysd(["check", "tree", "--format", "json"], tmp);
    expect(run.status).toBe(1);
    const files = new Set(parseJsonOutput(run).map((d) => d.file));
    expect(files).toContain("tree/sub/deeper/nested.sysd");
    expect([...files].filter((f) => f.includes("node_modules"))).toEqual([]);
    expectNoStackTrace(run);
  });

  it("--root makes an import outside it E101", async () => {
    const outside = await sysd(["check", "proj/main.sysd", "--root", "proj", "--format", "json"], path.join(tmp, "rooted"));
    expect(outside.status).toBe(1);
    const e101 = parseJsonOutput(outside).filter((d) => d.code === "E101");
    expect(e101).toHaveLength(1);
    expect(e101[0]).toMatchObject({ file: "proj/main.sysd", line: 1, severity: "error" });
    expectNoStackTrace(outside);

    // The same import is fine when the root (by default the current folder) holds it.
    const inside = await sysd(["check", "proj/main.sysd", "--format", "json"], path.join(tmp, "rooted"));
    expect(parseJsonOutput(inside).filter((d) => d.code === "E101")).toEqual([]);
    expect(parseJsonOutput(inside).filter((d) => d.severity === "error")).toEqual([]);
    expect(inside.status).toBe(0);
    expectNoStackTrace(inside);
  });

  it("--strict turns a warning into exit 1", async () => {
    const lenient = await sysd(["check", "warn.sysd", "--format", "json"], tmp);
    const diagnostics = parseJsonOutput(lenient);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(lenient.status).toBe(0);
    expect(diagnostics.some((d) => d.severity === "warning")).toBe(true);
    const strict = await sysd(["check", "warn.sysd", "--format", "json", "--strict"], tmp);
    expect(strict.status).toBe(1);
    expectNoStackTrace(strict);
  });

  // When the reader of stdout goes away early, as in `sysd check . | head`,
  // the next write fails with EPIPE; that must end the run quietly.
  it("prints no stack trace when stdout is closed early (sysd check | head)", async () => {
    let text = 'system S "S" {\n';
    for (let i = 0; i < 2000; i++) text += `  component C${i} @\n`;
    write("many-errors.sysd", `${text}}\n`);
    const stderr = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [BIN, "check", "many-errors.sysd"], { cwd: tmp, env: childEnv() });
      let err = "";
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", () => resolve(err));
    });
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(stderr).not.toMatch(/EPIPE/);
  });

  it("exits 2 on an unknown option", async () => {
    const run = await sysd(["check", "clean.sysd", "--bogus"], tmp);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown option/);
    expect(run.stdout).toBe("");
    expectNoStackTrace(run);
  });
});

describe("sysd CLI, all runs", () => {
  it("never printed a stack trace", () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const run of runs) expectNoStackTrace(run);
  });
});
