/**
 * `sysd diff` on a temporary git history of the URL shortener example with
 * each kind of change (golden pretty, markdown and json), its exit codes,
 * and properties over generated designs: a design diffed with itself shows
 * nothing, and diff(A, B) is diff(B, A) with added and removed swapped.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDesigns, type DesignDiff } from "../../src/diff/index.js";
import { check } from "../../src/index.js";
import { generateMessyDesign } from "../format/generate.js";
import { fuzzParams } from "../helpers/fuzz.js";
import { expectGolden } from "../helpers/golden.js";

const repo = path.resolve(import.meta.dirname, "../..");
const bin = path.join(repo, "bin/sysd.js");
const golden = (name: string): string => path.join(repo, "test/diff/golden", name);
const original = fs.readFileSync(path.join(repo, "examples/url-shortener/shortener.sysd"), "utf8");

/** Every kind of change the diff knows, applied to the example. */
function changed(text: string): string {
  const edits: [string | RegExp, string][] = [
    ['component Counter "Click counter"', 'component Counter "Click aggregator"'],
    [/\bOwner\b/g, "Creator"],
    ["  Api -> Clicks", '  component Audit "Audit log" : database\n  Api -> Audit "audit events"\n  Api -> Clicks'],
    ["      expires_at?: datetime\n    }", "    }"],
    ["      created_at: datetime", "      created_at: date"],
    ['    DELETE /links/{code} "Delete a link" {\n      response 204\n    }\n', ""],
    ["request { url: url, expires_at?: datetime }", "request { url: url, expires_at?: datetime, owner: string }"],
    ["response 200 { link: Link, daily: DailyClicks[] }", "response 200 { link: Link }"],
    ["demand redirects 2000/s", "demand redirects 2500/s"],
    ['"Run for under $6,000 a month"             target cost.total <= $6000/month', '"Run for under $3,000 a month"             target cost.total <= $3000/month'],
    ["budget $6000/month", "budget $3000/month"],
    ['item "CloudFront"                  $1200/month', 'item "CloudFront"                  $1500/month'],
    ['Counter: "Sum clicks per link and day"', 'Counter: "Sum clicks per link and hour"'],
    [/  failure stream_down[\s\S]*?\n  }\n/, ""],
    ['    control "Only signed-in', '    control "Audit log kept for a year" on Audit\n    control "Only signed-in'],
    ["    metric click_lag \"Click counter lag\" unit s of Counter\n", ""],
    ["    alert click_lag > 10min severity ticket\n", ""],
    ["    status accepted", "    status superseded"],
    ['open "Do links expire by default?"', 'resolved "Do links expire by default?" "No"'],
  ];
  let result = text;
  for (const [from, to] of edits) {
    const next = result.replace(from, to);
    if (next === result) throw new Error(`edit did nothing: ${String(from)}`);
    result = next;
  }
  return result;
}

let folder: string;
function sysd(args: string[], cwd = folder): { stdout: string; stderr: string; status: number } {
  try {
    const stdout = execFileSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    return { stdout, stderr: "", status: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; status: number };
    return { stdout: e.stdout, stderr: e.stderr, status: e.status };
  }
}
const gitIn = (cwd: string, ...args: string[]): string =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-diff-"));
  gitIn(folder, "init", "-q");
  fs.writeFileSync(path.join(folder, "README.txt"), "before the design existed\n");
  gitIn(folder, "add", ".");
  gitIn(folder, "commit", "-qm", "empty");
  fs.mkdirSync(path.join(folder, "design"));
  fs.writeFileSync(path.join(folder, "design/shortener.sysd"), original);
  gitIn(folder, "add", ".");
  gitIn(folder, "commit", "-qm", "design");
  fs.writeFileSync(path.join(folder, "design/shortener.sysd"), changed(original));
  gitIn(folder, "commit", "-qam", "changes");
});

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("sysd diff between git revisions", () => {
  it("prints every kind of change, classed, as pretty text", () => {
    const result = sysd(["diff", "HEAD~1", "HEAD"]);
    expect(result.status).toBe(0);
    expectGolden(golden("changes.pretty.txt"), result.stdout);
  });

  it("writes a pull-request comment in markdown, breaking changes first", () => {
    const result = sysd(["diff", "HEAD~1", "HEAD", "--format", "markdown"]);
    expectGolden(golden("changes.md"), result.stdout);
    expect(result.stdout.indexOf("### Breaking changes")).toBeLessThan(result.stdout.indexOf("### Figures that moved"));
  });

  it("writes json, the same bytes every time", () => {
    const first = sysd(["diff", "HEAD~1", "HEAD", "--format", "json"]);
    expectGolden(golden("changes.json"), first.stdout);
    expect(sysd(["diff", "HEAD~1", "HEAD", "--format", "json"]).stdout).toBe(first.stdout);
    const parsed = JSON.parse(first.stdout) as { summary: Record<string, number> };
    expect(parsed.summary["breaking"]).toBeGreaterThan(0);
  });

  it("classes what breaks a promise as breaking", () => {
    const diff = JSON.parse(sysd(["diff", "HEAD~1", "HEAD", "--format", "json"]).stdout) as DesignDiff;
    const reasons = new Set(diff.systems.flatMap((s) => s.changes).filter((c) => c.class === "breaking").map((c) => c.reason));
    for (const reason of [
      "an endpoint was removed",
      "a required request field was added",
      "a response field was removed",
      "an entity field was removed",
      "an entity field changed its type",
      "a requirement that was met now fails",
      "the cost is over budget",
    ]) {
      expect(reasons).toContain(reason);
    }
    const renamed = diff.systems[0]!.changes.find((c) => c.kind === "renamed" && c.section === "components");
    expect(renamed).toMatchObject({ old: "Owner", new: "Creator" });
  });

  it("exits 1 with --fail-on breaking or warning when such a change exists, 0 otherwise", () => {
    expect(sysd(["diff", "HEAD~1", "HEAD", "--fail-on", "breaking"]).status).toBe(1);
    expect(sysd(["diff", "HEAD~1", "HEAD", "--fail-on", "warning"]).status).toBe(1);
    expect(sysd(["diff", "HEAD", "HEAD", "--fail-on", "warning"]).status).toBe(0);
  });

  it("compares HEAD with the working tree by default", () => {
    expect(sysd(["diff"]).stdout).toBe("\nNo changes.\n");
    fs.writeFileSync(path.join(folder, "design/shortener.sysd"), changed(original).replace("demand redirects 2500/s", "demand redirects 2600/s"));
    try {
      expect(sysd(["diff"]).stdout).toContain("redirects rate: 2,500/s → 2,600/s");
    } finally {
      gitIn(folder, "checkout", "--", ".");
    }
  });

  it("shows everything as added from a revision without the design", () => {
    const result = sysd(["diff", "HEAD~2", "HEAD~1"]);
    expect(result.stdout).toContain("+ system Shortener (added)");
    expect(result.stdout).not.toMatch(/^ {2}- /m);
  });

  it("reports errors in a revision and still diffs what resolved", () => {
    const result = sysd(["diff", "HEAD~1", "HEAD"]);
    expect(result.stdout).toMatch(/\+ design\/shortener\.sysd: error E23[01]/);
  });

  it("refuses what is neither a path nor a revision", () => {
    const result = sysd(["diff", "no-such-rev"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("`no-such-rev` is neither a file or folder nor a revision");
  });

  it("draws the new architecture with what changed marked, and a legend", () => {
    const out = path.join(folder, "diff.svg");
    sysd(["diff", "HEAD~1", "HEAD", "--svg", out]);
    const svg = fs.readFileSync(out, "utf8");
    expect(svg).toMatch(/class="diff-added node[^"]*" data-ref="Audit"/);
    expect(svg).toMatch(/class="diff-changed node[^"]*" data-ref="Counter"/);
    expect(svg).toContain('class="diff-legend"');
  });
});

describe("diff properties over generated designs", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-diff-prop-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const load = (text: string, name: string) => {
    const file = path.join(scratch, `${name}.sysd`);
    fs.writeFileSync(file, text.replace(/system \w+/, "system Generated"));
    const result = check([file], { root: scratch, cwd: scratch, rules: {} });
    return { systems: result.model.systems, diagnostics: result.diagnostics.map((d) => ({ ...d, span: { ...d.span, file: "design.sysd" } })) };
  };

  it("reports a view that was added, removed or now holds other components", () => {
    const design = (views: string) => `system S {\n component A; component B; component C\n A -> B; B -> C\n ${views}\n}`;
    const a = load(design('view v "V" { include A }\n view gone { include * }'), "views-a");
    const b = load(design('view v "V" { include A, B }\n view fresh { focus C }'), "views-b");
    const changes = compareDesigns(a, b).systems.flatMap((s) => s.changes).filter((c) => c.section === "views");
    expect(changes.map((c) => `${c.kind} ${c.item} ${c.property ?? ""} ${c.old ?? ""}>${c.new ?? ""}`).sort()).toEqual([
      "added fresh  >",
      "changed v components A>A, B",
      "removed gone  >",
    ]);
  });

  it("finds nothing between a design and itself", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const a = load(generateMessyDesign(seed), "a");
        const diff = compareDesigns(a, a);
        expect(diff.summary).toEqual({ breaking: 0, warning: 0, info: 0 });
      }),
      fuzzParams(15),
    );
  });

  it("swaps added and removed when the sides swap", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (s1, s2) => {
        const a = load(generateMessyDesign(s1), "a");
        const b = load(generateMessyDesign(s2), "b");
        const forward = compareDesigns(a, b);
        const backward = compareDesigns(b, a);
        const added = (d: DesignDiff) => d.systems.flatMap((s) => s.changes).filter((c) => c.kind === "added").map((c) => `${c.section}|${c.item}|${c.property ?? ""}`).sort();
        const removed = (d: DesignDiff) => d.systems.flatMap((s) => s.changes).filter((c) => c.kind === "removed").map((c) => `${c.section}|${c.item}|${c.property ?? ""}`).sort();
        expect(added(forward)).toEqual(removed(backward));
        expect(removed(forward)).toEqual(added(backward));
        const changedPairs = (d: DesignDiff, flip: boolean) =>
          d.systems.flatMap((s) => s.changes).filter((c) => c.kind === "changed").map((c) => `${c.section}|${c.item}|${c.property}|${flip ? `${c.new}>${c.old}` : `${c.old}>${c.new}`}`).sort();
        expect(changedPairs(forward, false)).toEqual(changedPairs(backward, true));
      }),
      fuzzParams(10),
    );
  });
});

describe("the json output", () => {
  it("follows docs/diff.schema.json", async () => {
    const { Ajv2020 } = await import("ajv/dist/2020.js");
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repo, "docs/diff.schema.json"), "utf8")) as object);
    const output = JSON.parse(fs.readFileSync(golden("changes.json"), "utf8")) as unknown;
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
  });
});
