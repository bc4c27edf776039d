import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { layoutArchitecture, layoutDataModel, textWidth, type Diagram, type Rect, type TextBlock } from "../../src/layout/index.js";
import { removeEndJog, freeSpot, simplify, straightenJogs } from "../../src/layout/graph.js";
import { clipToOutline, insideShape } from "../../src/layout/shapes.js";
import type { SystemModel } from "../../src/semantics/model.js";

const root = path.resolve(import.meta.dirname, "../..");

function system(file: string): SystemModel {
  const result = check([path.join(root, file)], { root, cwd: root, rules: {} });
  const s = result.model.systems[0];
  if (!s) throw new Error(`${file}: no system`);
  return s;
}

const FIXTURES = [
  "test/fixtures/valid/video_pipeline.sysd",
  "test/fixtures/valid/boundaries.sysd",
  "test/fixtures/valid/flows.sysd",
  "test/fixtures/valid/kinds.sysd",
  "test/fixtures/valid/data_model.sysd",
  "examples/url-shortener/shortener.sysd",
];

async function diagramsOf(s: SystemModel): Promise<Diagram[]> {
  // Flows are sequence diagrams, tested in sequence.test.ts.
  const out = [await layoutArchitecture(s)];
  if (s.types.entities.length > 0) out.push(await layoutDataModel(s));
  return out;
}

const E = 0.5;

function inside(inner: Rect, outer: Rect, margin = 0): boolean {
  return (
    inner.x >= outer.x + margin - E &&
    inner.y >= outer.y + margin - E &&
    inner.x + inner.width <= outer.x + outer.width - margin + E &&
    inner.y + inner.height <= outer.y + outer.height - margin + E
  );
}

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - E && b.x < a.x + a.width - E && a.y < b.y + b.height - E && b.y < a.y + a.height - E;
}

/** The boxes a text block's lines take, from the same measurement the layout uses. */
function lineBoxes(block: TextBlock): Rect[] {
  return block.lines.map((line) => {
    const width = textWidth(line.text, block.font);
    const x = block.anchor === "middle" ? line.x - width / 2 : block.anchor === "end" ? line.x - width : line.x;
    return { x, y: line.y - 12, width, height: 14 };
  });
}

describe.each(FIXTURES)("layout of %s", (file) => {
  const s = system(file);

  it("keeps nodes apart, in their boundaries, with their text inside", async () => {
    for (const d of await diagramsOf(s)) {
      const canvas: Rect = { x: 0, y: 0, width: d.width, height: d.height };
      const boxes = [...d.nodes.map((n) => ({ id: n.id, box: n.box })), ...d.tables.map((t) => ({ id: t.id, box: t.box }))];
      for (let i = 0; i < boxes.length; i++) {
        expect(inside(boxes[i]!.box, canvas), `${boxes[i]!.id} on the canvas`).toBe(true);
        for (let j = i + 1; j < boxes.length; j++) {
          expect(overlap(boxes[i]!.box, boxes[j]!.box), `${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
        }
      }
      const containerByRef = new Map(d.containers.map((c) => [c.ref, c]));
      for (const n of d.nodes) {
        for (const block of n.texts) for (const r of lineBoxes(block)) expect(inside(r, n.box), `text of ${n.id}`).toBe(true);
        const component = s.components.find((c) => c.id === n.ref);
        if (component?.boundary !== undefined) {
          const c = containerByRef.get(component.boundary);
          expect(c, `boundary of ${n.id} drawn`).toBeDefined();
          expect(inside(n.box, c!.box, 10), `${n.id} inside ${c!.id}`).toBe(true);
        }
      }
      for (const c of d.containers) {
        const parent = s.boundaries.find((b) => b.id === c.ref)?.parent;
        if (parent !== undefined && containerByRef.has(parent)) {
          expect(inside(c.box, containerByRef.get(parent)!.box, 10), `${c.id} inside its parent`).toBe(true);
        }
        for (const r of lineBoxes(c.label)) expect(inside(r, c.box), `label of ${c.id}`).toBe(true);
        // Wide enough for the name (ELK's transposed minimum size for DOWN is worked around).
        expect(c.box.width).toBeGreaterThanOrEqual(textWidth(c.label.lines[0]!.text, "container") + 28);
        // Container labels overlap no node.
        for (const n of d.nodes) expect(overlap(c.labelBox, n.box), `label of ${c.id} over ${n.id}`).toBe(false);
      }
      for (const t of d.tables) {
        for (const r of lineBoxes(t.title)) expect(inside(r, t.header), `title of ${t.id}`).toBe(true);
        for (const row of t.rows) {
          expect(inside(row.box, t.box)).toBe(true);
          for (const block of row.texts) for (const r of lineBoxes(block)) expect(inside(r, row.box), `row of ${t.id}`).toBe(true);
          for (const badge of row.badges) expect(inside(badge.box, row.box)).toBe(true);
        }
      }
    }
  });

  it("draws orthogonal edges whose labels sit clear of the nodes, text inside the label box", async () => {
    for (const d of await diagramsOf(s)) {
      for (const e of d.edges) {
        expect(e.points.length, e.id).toBeGreaterThanOrEqual(2);
        for (let i = 0; i + 1 < e.points.length; i++) {
          const p = e.points[i]!;
          const q = e.points[i + 1]!;
          const straight = Math.abs(p.x - q.x) < 0.01 || Math.abs(p.y - q.y) < 0.01;
          // The first and last segment may be shortened onto a curved outline, still along one axis.
          expect(straight, `${e.id} segment ${i}`).toBe(true);
        }
        if (!e.label) continue;
        for (const n of d.nodes) expect(overlap(e.label.box, n.box), `${e.id} label over ${n.id}`).toBe(false);
        for (const t of d.tables) expect(overlap(e.label.box, t.box), `${e.id} label over ${t.id}`).toBe(false);
        for (const block of e.label.texts) for (const r of lineBoxes(block)) expect(r.x >= e.label.box.x - E && r.x + r.width <= e.label.box.x + e.label.box.width + E).toBe(true);
      }
    }
  });

  it("ends edges on the drawn outline of their nodes", async () => {
    for (const d of await diagramsOf(s)) {
      const byRef = new Map(d.nodes.map((n) => [n.ref, n]));
      for (const e of d.edges) {
        if (e.from === e.to) continue;
        const ends = [
          { node: byRef.get(e.to), end: e.points[e.points.length - 1]!, prev: e.points[e.points.length - 2]! },
          { node: byRef.get(e.from), end: e.points[0]!, prev: e.points[1]! },
        ];
        for (const { node, end, prev } of ends) {
          if (!node) continue;
          const len = Math.hypot(end.x - prev.x, end.y - prev.y);
          const ux = (end.x - prev.x) / len;
          const uy = (end.y - prev.y) / len;
          expect(insideShape(node.shape, node.box, { x: end.x + ux * 0.5, y: end.y + uy * 0.5 }), `${e.id} reaches ${node.id}`).toBe(true);
          if (len > 12) expect(insideShape(node.shape, node.box, { x: end.x - ux * 1.5, y: end.y - uy * 1.5 }), `${e.id} stops at ${node.id}`).toBe(false);
        }
      }
    }
  });

  it("gives every element a unique id", async () => {
    for (const d of await diagramsOf(s)) {
      const ids = [...d.nodes, ...d.containers, ...d.edges, ...d.tables].map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_.-]*$/);
    }
  });
});

describe("data-model diagram", () => {
  it("draws a table per entity and runs a reference from the field's row to the key row", async () => {
    const s = system("test/fixtures/valid/video_pipeline.sysd");
    const d = await layoutDataModel(s);
    expect(d.tables.map((t) => t.ref)).toEqual(["Upload", "ProcessingJob"]);
    const job = d.tables.find((t) => t.ref === "ProcessingJob")!;
    const upload = d.tables.find((t) => t.ref === "Upload")!;
    expect(job.rows.map((r) => r.texts[0]!.lines[0]!.text)).toEqual(["id", "upload", "attempts", "error?"]);
    expect(job.rows[1]!.badges.map((b) => b.kind)).toEqual(["fk"]);
    expect(upload.rows[0]!.badges.map((b) => b.kind)).toEqual(["pk"]);
    expect(d.edges).toHaveLength(1);
    const e = d.edges[0]!;
    const first = e.points[0]!;
    const last = e.points[e.points.length - 1]!;
    const row = job.rows[1]!.box;
    expect(first.x).toBeCloseTo(job.box.x + job.box.width, 1);
    expect(first.y).toBeGreaterThan(row.y);
    expect(first.y).toBeLessThan(row.y + row.height);
    expect(last.x).toBeCloseTo(upload.box.x, 1);
    const key = upload.rows[0]!.box;
    expect(last.y).toBeGreaterThan(key.y);
    expect(last.y).toBeLessThan(key.y + key.height);
  });
});

describe("outlines", () => {
  it("moves an edge end from the bounding box onto a cylinder's top, a cloud and a person's body", () => {
    const box = { x: 0, y: 0, width: 100, height: 60 };
    const cylinder = clipToOutline("cylinder", box, { x: 5, y: -50 }, { x: 5, y: 0 }, 40);
    expect(cylinder.x).toBe(5);
    expect(cylinder.y).toBeGreaterThan(3);
    expect(insideShape("cylinder", box, cylinder)).toBe(true);
    const cloud = clipToOutline("cloud", box, { x: 50, y: -50 }, { x: 50, y: 0 }, 40);
    expect(cloud.y).toBeGreaterThan(3);
    const person = clipToOutline("person", box, { x: 10, y: -50 }, { x: 10, y: 0 }, 40);
    expect(person.y).toBeCloseTo(28, 0);
    // Through the head, the edge ends on the head.
    expect(clipToOutline("person", box, { x: 50, y: -50 }, { x: 50, y: 0 }, 40).y).toBeLessThan(1);
    // A rectangle's outline is its box.
    expect(clipToOutline("rectangle", box, { x: 5, y: -50 }, { x: 5, y: 0 }, 40)).toEqual({ x: 5, y: 0 });
    // Never further than allowed.
    expect(clipToOutline("cylinder", box, { x: 5, y: -50 }, { x: 5, y: 0 }, 1)).toEqual({ x: 5, y: 0 });
  });
});

describe("route clean-up", () => {
  it("simplify drops repeated and collinear points", () => {
    expect(simplify([{ x: 0, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 5 }, { x: 0, y: 10 }, { x: 5, y: 10 }])).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 5, y: 10 },
    ]);
  });

  it("straightenJogs removes a 1 px step", () => {
    const out = straightenJogs([{ x: 0, y: 0 }, { x: 0, y: 20 }, { x: 20, y: 20 }, { x: 20, y: 40 }, { x: 21, y: 40 }, { x: 21, y: 60 }, { x: 30, y: 60 }]);
    expect(out.every((p, i) => i === 0 || p.x === out[i - 1]!.x || p.y === out[i - 1]!.y)).toBe(true);
    expect(out.length).toBeLessThan(7);
  });

  it("removeEndJog moves the last segment onto the one before when the node allows", () => {
    const box = { x: 0, y: 100, width: 100, height: 40 };
    const margins = { left: 10, right: 10, top: 10, bottom: 10 };
    const route = [{ x: 40, y: 0 }, { x: 40, y: 80 }, { x: 50, y: 80 }, { x: 50, y: 100 }];
    expect(removeEndJog(route, box, margins, [])).toEqual([{ x: 40, y: 0 }, { x: 40, y: 100 }]);
    // Not onto another edge's end, not past the corner margin, not when the moved segment carries the label.
    expect(removeEndJog(route, box, margins, [{ x: 42, y: 100 }])).toEqual(route);
    expect(removeEndJog(route, { ...box, x: 35 }, margins, [])).toEqual(route);
    expect(removeEndJog(route, box, margins, [], { x: 45, y: 85, width: 10, height: 10 })).toEqual(route);
  });

  it("freeSpot finds room for a boundary name beside crossing edges", () => {
    const band = { x: 0, y: 0, width: 300, height: 20 };
    const edge = (x: number) => ({ id: "e", from: "a", to: "b", style: "sync" as const, points: [{ x, y: -10 }, { x, y: 50 }], tooltip: "" });
    expect(freeSpot(band, 100, [])).toBe(0);
    expect(freeSpot(band, 100, [edge(50)])).toBe(58);
    expect(freeSpot(band, 100, [edge(50), edge(150)])).toBe(158);
    expect(freeSpot(band, 100, [edge(50), edge(150), edge(250)])).toBe(0);
  });
});

describe("loading", () => {
  it("imports ELK only dynamically, from src/layout/elk.ts", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts")) files.push(full);
      }
    };
    walk(path.join(root, "src"));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const staticImport = /^\s*import\s+(?!type\b)[^;]*from\s+["']elkjs/m.test(text) || /^\s*import\s+["']elkjs/m.test(text);
      expect(staticImport, `${path.relative(root, file)} imports elkjs statically`).toBe(false);
      if (/import\(\s*["']elkjs/.test(text)) expect(path.relative(root, file).split(path.sep).join("/")).toBe("src/layout/elk.ts");
    }
  });
});
