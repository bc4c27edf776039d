import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { nameAt, usesOf, type ReferenceIndex } from "../../src/semantics/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = path.join(root, "test/fixtures/valid/video_pipeline.sysd");

function declarationOf(index: ReferenceIndex, category: string, name: string) {
  const found = index.declarations.filter((d) => d.category === category && d.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The text a span covers, read back from its file. */
function textAt(file: string, span: { offset: number; endOffset: number }): string {
  return fs.readFileSync(file, "utf8").slice(span.offset, span.endOffset);
}

describe("the reference index of the video pipeline", () => {
  const result = check([fixture], { root, cwd: root, rules: {} });
  const index = result.references;

  it("finds every use of Workers, each tied to its declaration", () => {
    const workers = declarationOf(index, "component", "Workers");
    expect(workers.nameSpan.line).toBe(52);
    expect(textAt(fixture, workers.nameSpan)).toBe("Workers");
    const uses = usesOf(index, workers);
    // Four connections, six flow steps, a cost item, a failure and a metric.
    expect(uses.map((u) => u.nameSpan.line)).toEqual([84, 85, 86, 87, 104, 105, 106, 107, 108, 109, 181, 199, 216]);
    for (const use of uses) expect(textAt(fixture, use.nameSpan)).toBe("Workers");
    expect(textAt(fixture, uses.find((u) => u.nameSpan.line === 181)!.span)).toBe("Workers.instances");
  });

  it("resolves kinds to their declaration in std/ modules", () => {
    const use = index.uses.find((u) => u.category === "kind" && u.nameSpan.line === 52)!;
    expect(use.name).toBe("worker");
    expect(use.declaration?.nameSpan.file).toMatch(/^std\//);
  });

  it("resolves demands, metrics and requirements", () => {
    for (const [category, name] of [["demand", "uploads"], ["metric", "processing_time"]] as const) {
      const declaration = declarationOf(index, category, name);
      expect(usesOf(index, declaration).length).toBeGreaterThan(0);
    }
    const fr1 = declarationOf(index, "requirement", "FR1");
    expect(usesOf(index, fr1).length).toBeGreaterThan(0);
  });

  it("answers what a position names", () => {
    const workers = declarationOf(index, "component", "Workers");
    const line84 = usesOf(index, workers)[0]!;
    expect(nameAt(index, fixture.slice(root.length + 1), line84.nameSpan.offset + 2)?.declaration).toBe(workers);
    expect(nameAt(index, line84.nameSpan.file, workers.nameSpan.offset)?.declaration).toBe(workers);
  });

  it("has no use of a name that resolves to nothing in a valid design", () => {
    expect(index.uses.filter((u) => !u.declaration).map((u) => `${u.category} ${u.name} ${u.nameSpan.line}`)).toEqual([]);
  });
});

describe("unknown names", () => {
  it("are uses without a declaration, in the category the grammar expects", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-refs-"));
    const file = path.join(dir, "d.sysd");
    fs.writeFileSync(file, 'system S {\n  component A\n  A -> Bee\n  monitoring { alert lat.p99 > 5ms "slow" }\n}\n');
    const { references } = check([file], { root: dir, cwd: dir, rules: {} });
    const unresolved = references.uses.filter((u) => !u.declaration).map((u) => `${u.category} ${u.name}`);
    expect(unresolved).toEqual(["component Bee", "metric lat"]);
  });
});

describe("names used in views", () => {
  const file = path.join(root, "test/fixtures/valid/views.sysd");
  const index = check([file], { root, cwd: root, rules: {} }).references;

  it("are uses of the components, boundaries and kinds they name", () => {
    const billing = declarationOf(index, "boundary", "billing");
    const lines = usesOf(index, billing).map((u) => textAt(file, u.span) + "@" + u.nameSpan.line);
    expect(lines).toEqual(["billing@38", "billing@46"]);
    const orders = declarationOf(index, "component", "Orders");
    expect(usesOf(index, orders).some((u) => u.nameSpan.line === 42)).toBe(true);
    const ledger = declarationOf(index, "component", "Ledger");
    expect(usesOf(index, ledger).some((u) => u.nameSpan.line === 39)).toBe(true);
    expect(index.uses.some((u) => u.category === "kind" && u.name === "queue" && u.nameSpan.line === 38 && u.declaration)).toBe(true);
  });

  it("declare the view itself, and leave no name unresolved", () => {
    expect(declarationOf(index, "view", "payments").nameSpan.line).toBe(36);
    expect(index.uses.filter((u) => !u.declaration).map((u) => `${u.category} ${u.name} ${u.nameSpan.line}`)).toEqual([]);
  });
});
