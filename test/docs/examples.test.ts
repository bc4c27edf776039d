import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkExample, EXAMPLE_FILE } from "../../src/docs/example.js";
import { designText, sysdFences, WHOLE_SYSTEM_CODES, type Fence } from "./fences.js";
import { buildSteps, matchStep } from "./steps.js";

// Every design shown in the docs must stay true as the language grows: it checks, and
// it has exactly the warnings its fence says (see fences.ts for the conventions).
const repo = path.resolve(import.meta.dirname, "../..");
const docs = ["README.md", ...fs.readdirSync(path.join(repo, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/** Constructs a fence may require, each with a design that uses it: supported when that parses. */
const PROBES: Record<string, string> = {
  views: "system S {\n  component A\n  view all { include * }\n}\n",
};

function supported(feature: string): boolean {
  const probe = PROBES[feature];
  if (probe === undefined) throw new Error(`unknown requires=${feature}`);
  return !checkExample({ [EXAMPLE_FILE]: probe }).diagnostics.some((d) => d.code === "E100");
}

function run(fence: Fence, provided: ReadonlyMap<string, string> = new Map(), text = designText(fence)): { errors: string[]; codes: string[]; warnings: string[] } {
  const files: Record<string, string> = { [EXAMPLE_FILE]: text };
  for (const [, imported] of text.matchAll(/import "\.\/([^"]+)"/g)) files[imported!] = provided.get(imported!) ?? "";
  const { diagnostics } = checkExample(files);
  const counted = diagnostics.filter((d) => !(fence.fragment && WHOLE_SYSTEM_CODES.has(d.code)));
  return {
    errors: counted.filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`),
    codes: [...new Set(counted.map((d) => d.code))],
    warnings: [...new Set(counted.filter((d) => d.severity !== "error").map((d) => d.code))].sort(),
  };
}

describe("fence conventions", () => {
  it("reads attributes and refuses unknown ones", () => {
    const [fence] = sysdFences("x.md", "text\n```sysd fragment warns=W302,W304\ncomponent A\n```\n");
    expect(fence).toMatchObject({ line: 2, fragment: true, warns: ["W302", "W304"], source: "component A\n" });
    expect(() => sysdFences("x.md", "```sysd warn=W302\n```\n")).toThrow(/unknown attribute `warn=W302`/);
  });

  it("checks a fragment inside a system of its own", () => {
    const [fence] = sysdFences("x.md", "```sysd fragment\ncomponent A\n```\n");
    expect(run(fence!).warnings).toEqual(["W302"]);
  });
});

describe("tutorial steps", () => {
  const file = ["system S {", "  component A : database { stores T }", "  component B", "  A -> B", "}"].join("\n");

  it("match lines of the file in order, indentation included, and may show a line before it grows", () => {
    const built = buildSteps(["system S {\n  component A : database\n}\n", "  // …\n  component B\n  A -> B\n", "  component A : database { stores T }\n"], file);
    expect(built.unmatched).toEqual([undefined, undefined, undefined]);
    expect(built.states[0]).toBe("system S {\n  component A : database\n}\n");
    expect(built.states[1]).toBe("system S {\n  component A : database\n  component B\n  A -> B\n}\n");
    expect(built.states[2]).toContain("{ stores T }");
    expect(built.unshown).toEqual([]);
  });

  it("report a line the file does not have, and the lines no step shows", () => {
    expect(matchStep("component B\n", file.split("\n")).unmatched).toBe("component B");
    expect(buildSteps(["system S {\n}\n"], file).unshown).toEqual([2, 3, 4]);
  });
});

describe.each(docs)("%s", (doc) => {
  const fences = sysdFences(doc, fs.readFileSync(path.join(repo, doc), "utf8"));
  if (fences.length === 0) return void it("has no sysd example", () => expect(fences).toEqual([]));

  // Files named by a fence, for the fences after it to import.
  const provided = new Map<string, string>();
  const cases = fences.map((fence) => {
    const known = new Map(provided);
    if (fence.file !== undefined) provided.set(fence.file, fence.source);
    return [`line ${fence.line}`, fence, known] as const;
  });

  // The design a tutorial builds, after each of its steps.
  const stepped = new Map<Fence, string>();
  for (const file of new Set(fences.flatMap((f) => (f.step !== undefined ? [f.step] : [])))) {
    const steps = fences.filter((f) => f.step === file);
    const built = buildSteps(steps.map((f) => f.source), fs.readFileSync(path.join(repo, "docs", file), "utf8"));
    steps.forEach((fence, i) => stepped.set(fence, built.states[i]!));

    it(`shows every line of docs/${file}, in its steps`, () => {
      expect(built.unmatched.flatMap((line, i) => (line === undefined ? [] : [`step at line ${steps[i]!.line}: ${line.trim()}`]))).toEqual([]);
      expect(built.unshown, `lines of docs/${file} no step shows`).toEqual([]);
    });
  }

  // Shown as skipped, so an example waiting for its construct stays visible in the report.
  const skipped = (fence: Fence): boolean => fence.ignore || (fence.requires !== undefined && !supported(fence.requires));
  for (const [where] of cases.filter(([, fence]) => skipped(fence))) it.skip(`example at ${where}`, () => undefined);

  it.each(cases.filter(([, fence]) => !skipped(fence)))("example at %s", (_where, fence, known) => {
    const result = run(fence, known, stepped.get(fence));
    if (fence.example !== undefined) {
      expect(result.codes, `${doc}:${fence.line} should yield ${fence.example}`).toContain(fence.example);
      return;
    }
    expect(result.errors, `${doc}:${fence.line}`).toEqual([]);
    if (fence.fixes !== undefined) {
      expect(result.codes, `${doc}:${fence.line} still yields ${fence.fixes}`).not.toContain(fence.fixes);
      return;
    }
    expect(result.warnings, `${doc}:${fence.line}: the warnings the fence names (warns=…)`).toEqual(fence.warns);
  });
});
