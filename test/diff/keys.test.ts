/**
 * The diff matches elements by the model's keys: what it names is what
 * model.json names, repeated elements are told apart, and inserting or
 * moving an element changes nothing about the others.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compareDesigns, type Change } from "../../src/diff/index.js";
import { check } from "../../src/index.js";
import type { SystemModel } from "../../src/semantics/model.js";
import { nodeHost, OverlayHost } from "../../src/syntax/index.js";

const ROOT = path.resolve("/virtual/keys");

function side(source: string): { systems: SystemModel[]; diagnostics: ReturnType<typeof check>["diagnostics"] } {
  const file = path.join(ROOT, "design.sysd");
  const host = new OverlayHost(nodeHost);
  host.set(file, source);
  const result = check([file], { root: ROOT, cwd: ROOT, rules: {}, host });
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return { systems: result.model.systems, diagnostics: result.diagnostics };
}

const design = (connections: string[], steps: string[], endpoint = "GET /links/{code}"): string => `system S {
  component A "A" : service
  component B "B" : database
  ${connections.join("\n  ")}
  flow f "F" {
    ${steps.join("\n    ")}
  }
  api Links "Links" {
    served_by A
    base "/v1"
    ${endpoint} "Get" {
      response 200 { code: string }
    }
  }
}
`;

const changes = (a: string, b: string): Change[] => compareDesigns(side(a), side(b)).systems.flatMap((s) => s.changes).filter((c) => c.section !== "figures");
const line = (c: Change): string => `${c.kind} ${c.section}: ${c.item}${c.property ? ` ${c.property} ${c.old}>${c.new}` : ""}${c.kind === "renamed" ? ` > ${c.new}` : ""}`;

describe("diff by model keys", () => {
  const connections = ['A -> B "reads"', 'A -> B "reads"'];
  const steps = ['A -> B "get"', 'B: "think"'];

  it("sees one of two identical connections go", () => {
    expect(changes(design(connections, steps), design(connections.slice(1), steps)).map(line)).toEqual(['removed connections: A -> B "reads" (2)']);
  });

  it("names elements as model.json does", () => {
    const after = side(design([...connections, 'B -> A "calls"'], steps));
    const found = compareDesigns(side(design(connections, steps)), after).systems[0]!.changes.find((c) => c.section === "connections")!;
    expect(after.systems[0]!.connections.map((c) => c.key)).toContain(found.item);
  });

  it("reports a step inserted before others as one step added, the others renumbered", () => {
    expect(changes(design(connections, steps), design(connections, ['A -> B "hello"', ...steps])).map(line)).toEqual([
      "changed flows: f steps 2>3",
      'added flow steps: f: A -> B "hello"',
      'changed flow steps: f: A -> B "get" number 1>2',
      'changed flow steps: f: B: "think" number 2>3',
    ]);
  });

  it("finds nothing when connections only moved", () => {
    expect(changes(design(['A -> B "reads"', 'B -> A "calls"'], steps), design(['B -> A "calls"', 'A -> B "reads"'], steps))).toEqual([]);
  });

  it("reports a renamed path parameter, and nothing else, as a rename, not a removed endpoint", () => {
    const found = changes(design(connections, steps), design(connections, steps, "GET /links/{slug}"));
    expect(found.map(line)).toContain("renamed endpoints: GET /v1/links/{code} > GET /v1/links/{slug}");
    expect(found.filter((c) => c.class === "breaking")).toEqual([]);
  });
});
