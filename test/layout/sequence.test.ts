import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { layoutSequence, textWidth, type Rect, type SequenceDiagram, type TextBlock } from "../../src/layout/index.js";
import { renderSequence } from "../../src/render/svg/sequence.js";
import type { FlowModel, FlowStepModel, SystemModel } from "../../src/semantics/model.js";
import { compileSystem, compileText } from "../helpers/compile.js";
import { fuzzParams } from "../helpers/fuzz.js";

const root = path.resolve(import.meta.dirname, "../..");
const video = compileSystem(path.join(root, "test/fixtures/valid/video_pipeline.sysd"), root);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-sequence-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const flowOf = (s: SystemModel, id: string): FlowModel => s.flows.find((f) => f.id === id)!;

const E = 0.5;
function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - E && b.x < a.x + a.width - E && a.y < b.y + b.height - E && b.y < a.y + a.height - E;
}
function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x - E && inner.y >= outer.y - E && inner.x + inner.width <= outer.x + outer.width + E && inner.y + inner.height <= outer.y + outer.height + E;
}
/** The boxes a text block's lines take, from the same measurement the layout uses. */
function lineBoxes(block: TextBlock): Rect[] {
  return block.lines.map((line) => {
    const width = textWidth(line.text, block.font);
    const x = block.anchor === "middle" ? line.x - width / 2 : block.anchor === "end" ? line.x - width : line.x;
    return { x, y: line.y - 11, width, height: 14 };
  });
}

/** Every box drawn below the heads, and the ones that must hold text. */
function stepBoxes(d: SequenceDiagram): { id: string; box: Rect }[] {
  const out: { id: string; box: Rect }[] = [];
  for (const m of d.messages) {
    out.push({ id: `${m.id} number`, box: m.badge.box });
    if (m.label) out.push({ id: `${m.id} label`, box: m.label.box });
  }
  for (const n of d.notes) out.push({ id: `${n.id} number`, box: n.badge.box }, { id: `${n.id} note`, box: n.box });
  return out;
}

/** Asserts the drawing's geometry: nothing overlaps, texts sit in their boxes, all on the canvas. */
function expectTidy(d: SequenceDiagram): void {
  const problems: string[] = [];
  const want = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const canvas: Rect = { x: 0, y: 0, width: d.width, height: d.height };
  const heads = d.heads.map((h) => ({ id: h.id, box: h.box }));
  const all = [...heads, ...stepBoxes(d)];
  for (const { id, box } of all) want(inside(box, canvas), `${id} off the canvas`);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) want(!overlap(all[i]!.box, all[j]!.box), `${all[i]!.id} and ${all[j]!.id} overlap`);
  }
  for (const h of d.heads) for (const block of h.texts) for (const r of lineBoxes(block)) want(inside(r, h.box), `text of ${h.id} outside`);
  const within = (r: Rect, box: Rect): boolean => r.x >= box.x - E && r.x + r.width <= box.x + box.width + E;
  for (const m of d.messages) {
    if (m.label) for (const block of m.label.texts) for (const r of lineBoxes(block)) want(within(r, m.label.box), `label of ${m.id} outside`);
    for (const p of m.points) want(p.x >= 0 && p.x <= d.width && p.y >= 0 && p.y <= d.height, `${m.id} off the canvas`);
    want(textWidth(m.badge.text.text, "marker") <= m.badge.box.width, `number of ${m.id} wider than its pill`);
  }
  for (const n of d.notes) for (const block of n.texts) for (const r of lineBoxes(block)) want(within(r, n.box), `text of ${n.id} outside`);
  // A frame holds the heads of its members and the frames inside it.
  const group = new Map(d.groups.map((g) => [g.ref, g]));
  const parentOf = (ref: string): string | undefined => video.components.find((c) => c.id === ref)?.boundary ?? video.boundaries.find((b) => b.id === ref)?.parent;
  for (const h of d.heads) {
    const g = group.get(h.ref) ?? group.get(parentOf(h.ref) ?? "");
    if (g) want(inside(h.box, g.box), `${h.id} outside ${g.id}`);
  }
  for (const g of d.groups) {
    const parent = group.get(parentOf(g.ref) ?? "");
    if (parent) want(inside(g.box, parent.box), `${g.id} outside ${parent.id}`);
    for (const r of lineBoxes(g.label)) want(inside(r, g.box), `name of ${g.id} outside`);
  }
  expect(problems).toEqual([]);
}

describe("sequence diagram of a flow", () => {
  const processing = layoutSequence(video, flowOf(video, "processing"));
  const upload = layoutSequence(video, flowOf(video, "upload"));

  it("puts lifelines in order of first appearance, a boundary's members side by side", () => {
    expect(upload.lifelines.map((l) => l.ref)).toEqual(["Client", "Gateway", "UploadService", "Storage", "Queue"]);
    // Storage (in aws) joins Workers (in aws, vpc) rather than standing after Queue.
    expect(processing.lifelines.map((l) => l.ref)).toEqual(["Workers", "Storage", "Queue", "Database", "Notifier"]);
    const xs = processing.lifelines.map((l) => l.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(processing.heads.map((h) => h.ref)).toEqual(processing.lifelines.map((l) => l.ref));
  });

  it("heads each lifeline with the participant's title in its kind's shape", () => {
    const queue = upload.heads.find((h) => h.ref === "Queue")!;
    expect(queue.shape).toBe("queue");
    expect(queue.texts.flatMap((t) => t.lines.map((l) => l.text))).toEqual(["Processing Queue", "Amazon SQS"]);
    expect(upload.heads.find((h) => h.ref === "Client")!.shape).toBe("person");
    expect(upload.heads.find((h) => h.ref === "Storage")!.shape).toBe("cylinder");
    // Every lifeline starts at the bottom of its head.
    for (const l of upload.lifelines) {
      const h = upload.heads.find((x) => x.ref === l.ref)!;
      expect(l.x).toBeCloseTo(h.box.x + h.box.width / 2, 5);
      expect(l.y1).toBeCloseTo(h.box.y + h.box.height, 5);
    }
  });

  it("numbers the steps top to bottom, each message from its sender's lifeline to its receiver's", () => {
    const numbered = [...upload.messages.map((m) => ({ n: m.number, y: m.badge.box.y })), ...upload.notes.map((n) => ({ n: n.number, y: n.badge.box.y }))].sort((a, b) => a.y - b.y);
    expect(numbered.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const x = new Map(upload.lifelines.map((l) => [l.ref, l.x]));
    for (const m of upload.messages) {
      expect(m.badge.text.text).toBe(String(m.number));
      expect(m.badge.box.x + m.badge.box.width / 2).toBeCloseTo(x.get(m.from)!, 5);
      expect(m.points[m.points.length - 1]!.x).toBeCloseTo(x.get(m.to)!, 5);
      expect(m.points[0]!.y).toBeCloseTo(m.points[1]!.y, 5);
    }
    const reply = upload.messages.find((m) => m.number === 8)!;
    expect([reply.from, reply.to]).toEqual(["Gateway", "Client"]);
    expect(reply.points[1]!.x).toBeLessThan(reply.points[0]!.x);
    expect(reply.label!.texts[0]!.lines[0]!.text).toBe("Return upload_id");
  });

  it("draws a step inside one component as a numbered note on its lifeline", () => {
    expect(processing.notes).toHaveLength(1);
    const note = processing.notes[0]!;
    expect(note.number).toBe(3);
    expect(note.ref).toBe("Workers");
    expect(note.texts[0]!.lines.map((l) => l.text)).toEqual(["Transcode and thumbnail"]);
    const workers = processing.lifelines.find((l) => l.ref === "Workers")!;
    expect(note.badge.box.x + note.badge.box.width / 2).toBeCloseTo(workers.x, 5);
    expect(note.box.x).toBeGreaterThan(note.badge.box.x + note.badge.box.width);
    // Between step 2 and step 4.
    const y = (n: number) => processing.messages.find((m) => m.number === n)!.points[0]!.y;
    expect(note.box.y).toBeGreaterThan(y(2));
    expect(note.box.y + note.box.height).toBeLessThan(y(4));
    // Clear of the next lifeline.
    const next = processing.lifelines[1]!;
    expect(note.box.x + note.box.width).toBeLessThan(next.x);
  });

  it("dashes a message over an async connection, and only those", () => {
    expect(upload.messages.filter((m) => m.style === "async").map((m) => m.number)).toEqual([7]);
    const svg = renderSequence(upload);
    expect(svg).toContain(`<g id="flow-upload-step-7" class="message async" data-from="UploadService" data-to="Queue">`);
    expect(svg.match(/class="message async"/g)).toHaveLength(1);
    expect(svg).toContain(".message.async path{stroke-dasharray:6 4}");
  });

  it("groups participants under their boundary's name, nested boundaries inside", () => {
    expect(processing.groups.map((g) => [g.ref, g.depth, g.label.lines[0]!.text])).toEqual([
      ["aws", 1, "AWS us-east-1"],
      ["vpc", 2, "Private VPC"],
    ]);
    expect(upload.groups.map((g) => g.ref)).toEqual(["aws"]);
    const aws = processing.groups[0]!;
    const queue = processing.heads.find((h) => h.ref === "Queue")!;
    expect(overlap(aws.box, queue.box)).toBe(false);
    // The frames hold the heads only: the steps start below them.
    const firstStep = Math.min(...processing.messages.map((m) => m.label?.box.y ?? m.badge.box.y));
    expect(aws.box.y + aws.box.height).toBeLessThan(firstStep);
  });

  it("keeps boxes apart, texts inside them, everything on the canvas", () => {
    expectTidy(processing);
    expectTidy(upload);
  });

  it("gives the same diagram every time", () => {
    expect(layoutSequence(video, flowOf(video, "processing"))).toEqual(processing);
  });
});

describe("sequence diagrams of hand-written flows", () => {
  it("loops a message to itself, wraps a long label and widens the gap for it", () => {
    const long = "Ask the other service for every record changed since the last synchronisation, page by page";
    const s = compileText(
      [
        `system S "S" {`,
        `  component A "Alpha"`,
        `  component B "Beta"`,
        `  A -> B "calls"`,
        `  flow f "F" {`,
        `    A -> A "Retry with backoff"`,
        `    A -> B "${long}"`,
        `    B: "${long}"`,
        `  }`,
        `}`,
        ``,
      ].join("\n"),
      scratch,
    );
    const d = layoutSequence(s, s.flows[0]!);
    expectTidy(d);
    const loop = d.messages[0]!;
    expect([loop.from, loop.to]).toEqual(["A", "A"]);
    expect(loop.points).toHaveLength(4);
    const x = d.lifelines[0]!.x;
    expect(loop.points[3]!.x).toBeCloseTo(x, 5);
    expect(loop.points[1]!.x).toBeGreaterThan(x);
    const message = d.messages[1]!;
    const lines = message.label!.texts[0]!.lines.map((l) => l.text);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(long);
    // The gap grew so the label fits between the number and the arrowhead.
    expect(d.lifelines[1]!.x - d.lifelines[0]!.x).toBeGreaterThanOrEqual(message.label!.box.width + message.badge.box.width / 2);
    expect(d.notes[0]!.texts[0]!.lines.join(" ")).not.toBe("");
  });

  it("puts a boundary that takes part itself inside its own group, with its members", () => {
    const s = compileText(
      [
        `system S "S" {`,
        `  component Web "Web" : client`,
        `  boundary cloud "Cloud" {`,
        `    component Api "API"`,
        `    component Db "DB" : database`,
        `  }`,
        `  component Mail "Mail"`,
        `  Web -> cloud "uses"`,
        `  Api -> Db "reads"`,
        `  Api -> Mail "sends"`,
        `  flow f "F" {`,
        `    Web -> cloud "Open"`,
        `    Web -> Mail "Ping"`,
        `    Api -> Db "Read"`,
        `  }`,
        `}`,
        ``,
      ].join("\n"),
      scratch,
    );
    const d = layoutSequence(s, s.flows[0]!);
    expect(d.lifelines.map((l) => l.ref)).toEqual(["Web", "cloud", "Api", "Db", "Mail"]);
    expect(d.groups.map((g) => g.ref)).toEqual(["cloud"]);
    const frame = d.groups[0]!.box;
    for (const ref of ["cloud", "Api", "Db"]) expect(inside(d.heads.find((h) => h.ref === ref)!.box, frame), ref).toBe(true);
    for (const ref of ["Web", "Mail"]) expect(overlap(d.heads.find((h) => h.ref === ref)!.box, frame), ref).toBe(false);
    expect(d.heads.find((h) => h.ref === "cloud")!.category).toBe("boundary");
    expect(d.messages.map((m) => m.style)).toEqual(["sync", "sync", "sync"]);
  });

  it("takes a message's style from the connection around its ends when there is none between them", () => {
    const s = compileText(
      [
        `system S "S" {`,
        `  component P "Producer"`,
        `  boundary bus "Bus" { component T "Topic" }`,
        `  P -> bus "publish" { async }`,
        `  flow f "F" { P -> T "Publish event" }`,
        `}`,
        ``,
      ].join("\n"),
      scratch,
    );
    expect(layoutSequence(s, s.flows[0]!).messages[0]!.style).toBe("async");
  });
});

describe("a very long flow", () => {
  it("is laid out whole and drawn no larger than 5000 px a side, its viewBox at full size", () => {
    const base = video.flows[0]!;
    const steps: FlowStepModel[] = Array.from({ length: 300 }, (_, i) =>
      i % 5 === 4
        ? { key: `long ${i}`, number: i + 1, type: "step", from: "Workers", text: `Work ${i + 1}`, span: base.span }
        : { key: `long ${i}`, number: i + 1, type: "message", from: "Workers", to: i % 2 === 0 ? "Queue" : "Database", text: `Message ${i + 1}`, span: base.span },
    );
    const flow: FlowModel = { id: "long", title: "Long", satisfies: [], steps, participants: ["Workers", "Queue", "Database"], span: base.span };
    const d = layoutSequence(video, flow);
    expect(d.messages.length + d.notes.length).toBe(300);
    expect(d.height).toBeGreaterThan(5000);
    const svg = renderSequence(d);
    const [, width, height, viewBox] = /^<svg [^>]*width="([\d.]+)" height="([\d.]+)" viewBox="([^"]+)"/.exec(svg)!;
    expect(Number(height)).toBe(5000);
    expect(Number(width)).toBeCloseTo((d.width * 5000) / d.height, 0);
    expect(viewBox).toBe(`0 0 ${d.width} ${d.height}`);
  });
});

describe("sequence layout, fuzzed", () => {
  const participants = [...video.components.map((c) => c.id), ...video.boundaries.map((b) => b.id)];
  const word = fc.oneof(fc.constantFrom("poll", "a", "upload", "x", "transcode", "notify", "écrire", "数据"), fc.string({ minLength: 1, maxLength: 40 }).map((w) => w.replace(/\s/g, "") || "w"));
  const text = fc.array(word, { minLength: 0, maxLength: 18 }).map((ws) => ws.join(" "));
  const step = fc.record({
    from: fc.constantFrom(...participants),
    to: fc.option(fc.constantFrom(...participants), { nil: undefined }),
    text,
  });

  it("never overlaps two boxes, whatever the flow", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (raw) => {
        const steps: FlowStepModel[] = raw.map((s, i) => {
          const base = { key: `fuzz ${i}`, number: i + 1, from: s.from, text: s.text, span: video.flows[0]!.span };
          return s.to === undefined ? { ...base, type: "step" as const } : { ...base, type: "message" as const, to: s.to };
        });
        const seen = new Set<string>();
        for (const s of steps) {
          seen.add(s.from);
          if (s.to !== undefined) seen.add(s.to);
        }
        const flow: FlowModel = { id: "fuzz", title: "Fuzz", satisfies: [], steps, participants: [...seen], span: video.flows[0]!.span };
        const d = layoutSequence(video, flow);
        expectTidy(d);
        expect(d.lifelines.map((l) => l.ref).sort()).toEqual([...seen].sort());
        expect(d.messages.length + d.notes.length).toBe(steps.length);
      }),
      fuzzParams(60),
    );
  });
});
