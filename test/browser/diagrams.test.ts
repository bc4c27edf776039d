import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { renderDiagrams } from "../../src/render/svg/index.js";
import type { SystemModel } from "../../src/semantics/index.js";

/**
 * Loads every generated diagram in Chromium and checks its geometry as a
 * browser draws it: texts stay inside their boxes, nodes do not overlap,
 * nodes sit inside their boundaries, and edges start and end on the borders
 * of the nodes they join; flows (sequence diagrams) also with no two texts
 * or boxes overlapping and nothing outside the canvas.
 *
 * Without Chromium these tests are skipped, and say so, unless
 * SYSD_REQUIRE_BROWSER=1 (as `.ci/run` sets), when its absence fails.
 */
const CHROMIUM = process.env["SYSD_CHROMIUM"] ?? "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);
const required = process.env["SYSD_REQUIRE_BROWSER"] === "1";
const root = path.resolve(import.meta.dirname, "../..");

if (!haveChromium && !required) {
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set SYSD_CHROMIUM)`);
}

function designs(): SystemModel[] {
  const files = [
    ...fs.readdirSync(path.join(root, "test/fixtures/valid")).map((f) => path.join(root, "test/fixtures/valid", f)),
    ...fs.readdirSync(path.join(root, "examples"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .flatMap((e) => fs.readdirSync(path.join(root, "examples", e.name)).map((f) => path.join(root, "examples", e.name, f))),
  ].filter((f) => f.endsWith(".sysd"));
  const systems: SystemModel[] = [];
  for (const file of files) {
    const result = check([file], { root, cwd: root, rules: {} });
    if (result.diagnostics.some((d) => d.severity === "error")) continue;
    systems.push(...result.model.systems);
  }
  return systems;
}

interface Problems {
  texts: string[];
  overlaps: string[];
  outside: string[];
  ends: string[];
}

/** Draws one SVG in the page and measures what the checks need. */
async function inspect(page: import("playwright-core").Page, svg: string, parentList: [string, string][]): Promise<Problems> {
  await page.setContent(svg);
  return page.evaluate((parentList: [string, string][]) => {
      const out: Problems = { texts: [], overlaps: [], outside: [], ends: [] };
      const bbox = (e: Element): DOMRect => (e as SVGGraphicsElement).getBBox();
      const within = (inner: DOMRect, outer: DOMRect, slack: number): boolean =>
        inner.x >= outer.x - slack &&
        inner.y >= outer.y - slack &&
        inner.x + inner.width <= outer.x + outer.width + slack &&
        inner.y + inner.height <= outer.y + outer.height + slack;
      const outlineOf = (g: Element): Element | null =>
        g.querySelector(":scope > .outline:not(circle)") ?? g.querySelector(":scope > .outline") ?? g.querySelector(":scope > .frame");

      // Texts inside nodes, boundaries' names inside boundaries, table rows inside tables, labels inside their patches.
      const textsInside = (container: Element, frame: DOMRect, what: string): void => {
        for (const t of container.querySelectorAll("text")) {
          if (!within(bbox(t), frame, 1)) out.texts.push(`${what}: "${t.textContent}"`);
        }
      };
      for (const g of document.querySelectorAll("g.node, g.table")) {
        const outline = outlineOf(g);
        if (outline) textsInside(g, bbox(outline), g.id);
      }
      for (const g of document.querySelectorAll("g.edge-label")) {
        const rect = g.querySelector("rect");
        if (rect) textsInside(g, bbox(rect), g.getAttribute("data-edge") ?? "label");
      }
      for (const g of document.querySelectorAll("g.boundary-label")) {
        const frame = document.getElementById(g.getAttribute("data-boundary") ?? "")?.querySelector(".frame");
        if (frame) textsInside(g, bbox(frame), g.getAttribute("data-boundary") ?? "boundary");
      }

      // No two nodes (or tables) overlap.
      const boxes = [...document.querySelectorAll("g.node, g.table")]
        .map((g) => ({ id: g.id, box: outlineOf(g) ? bbox(outlineOf(g)!) : bbox(g) }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.box;
          const b = boxes[j]!.box;
          const overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 &&
            Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
          if (overlap) out.overlaps.push(`${boxes[i]!.id} and ${boxes[j]!.id}`);
        }
      }

      // Every node and boundary inside the boundary that holds it.
      const byRef = new Map<string, Element>();
      for (const g of document.querySelectorAll("[data-ref]")) byRef.set(g.getAttribute("data-ref")!, g);
      for (const [child, parent] of parentList) {
        const inner = byRef.get(child);
        const outer = byRef.get(parent)?.querySelector(".frame");
        if (!inner || !outer) continue;
        const innerOutline = outlineOf(inner);
        if (!within(innerOutline ? bbox(innerOutline) : bbox(inner), bbox(outer), 0.5)) out.outside.push(`${child} outside ${parent}`);
      }

      // Nothing outside the drawing: every node, boundary, edge and label within the viewBox.
      const svgElement = document.querySelector("svg") as SVGSVGElement | null;
      const view = svgElement?.viewBox.baseVal;
      if (view) {
        const drawing = new DOMRect(view.x, view.y, view.width, view.height);
        for (const g of document.querySelectorAll("g.node, g.table, g.boundary, g.edge, g.edge-label, g.boundary-label")) {
          if (!within(bbox(g), drawing, 0.5)) out.outside.push(`${g.id || g.getAttribute("data-edge") || g.getAttribute("data-boundary") || g.getAttribute("class")} outside the drawing`);
        }
      }

      // Edges start and end on their nodes' borders: just outside the end is
      // outside the shape, just past it is inside (or on its stroke).
      const onBorder = (g: Element, point: DOMPoint, toward: DOMPoint): boolean => {
        const shapes = [...g.querySelectorAll(":scope > .outline, :scope > .frame")] as SVGGeometryElement[];
        if (shapes.length === 0) return true;
        const length = Math.hypot(toward.x - point.x, toward.y - point.y) || 1;
        const dx = (toward.x - point.x) / length;
        const dy = (toward.y - point.y) / length;
        const at = (d: number) => new DOMPoint(point.x + dx * d, point.y + dy * d);
        const hit = (p: DOMPoint) => shapes.some((s) => s.isPointInFill(p) || s.isPointInStroke(p));
        // Allow for the stroke width and for rounded corners.
        return [0, 1, 2, 3, 4].some((d) => hit(at(-d))) && !hit(at(6));
      };
      for (const g of document.querySelectorAll("g.edge")) {
        const pathElement = g.querySelector("path") as SVGPathElement | null;
        const from = byRef.get(g.getAttribute("data-from") ?? "");
        const to = byRef.get(g.getAttribute("data-to") ?? "");
        if (!pathElement || !from || !to) {
          out.ends.push(`${g.id}: no path or unknown ends`);
          continue;
        }
        const total = pathElement.getTotalLength();
        const start = pathElement.getPointAtLength(0);
        const afterStart = pathElement.getPointAtLength(Math.min(6, total));
        const end = pathElement.getPointAtLength(total);
        const beforeEnd = pathElement.getPointAtLength(Math.max(0, total - 6));
        // The end is outside its node: stepping back along the edge leaves the shape.
        if (!onBorder(from, start, afterStart)) out.ends.push(`${g.id} does not start on ${from.id}`);
        if (!onBorder(to, end, beforeEnd)) out.ends.push(`${g.id} does not end on ${to.id}`);
      }
      return out;
  }, parentList);
}

/**
 * What a sequence diagram (a flow) must hold besides: no two texts overlap,
 * the texts of notes and step numbers sit inside their boxes, no two boxes
 * (heads, notes, labels, numbers) overlap, nothing is drawn outside the
 * canvas, and every message runs from its sender's lifeline to its
 * receiver's.
 */
async function inspectSequence(page: import("playwright-core").Page, svg: string): Promise<Problems> {
  await page.setContent(svg);
  return page.evaluate(() => {
    const out: Problems = { texts: [], overlaps: [], outside: [], ends: [] };
    const bbox = (e: Element): DOMRect => (e as SVGGraphicsElement).getBBox();
    const meet = (a: DOMRect, b: DOMRect): boolean =>
      Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;
    const within = (inner: DOMRect, outer: DOMRect, slack: number): boolean =>
      inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack;
    const svgElement = document.querySelector("svg")!;
    const canvas = svgElement.viewBox.baseVal;
    const frame = new DOMRect(canvas.x, canvas.y, canvas.width, canvas.height);

    const texts = [...document.querySelectorAll("text")].map((t) => ({ t, box: bbox(t) }));
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (meet(texts[i]!.box, texts[j]!.box)) out.overlaps.push(`text "${texts[i]!.t.textContent}" and "${texts[j]!.t.textContent}"`);
      }
    }
    for (const g of document.querySelectorAll("g.note, g.step-number")) {
      const rect = g.querySelector("rect")!;
      for (const t of g.querySelectorAll("text")) if (!within(bbox(t), bbox(rect), 1)) out.texts.push(`${g.id || g.getAttribute("data-step")}: "${t.textContent}"`);
    }
    const boxes = [
      ...[...document.querySelectorAll("g.node")].map((g) => ({ id: g.id, box: bbox(g.querySelector(".outline")!) })),
      ...[...document.querySelectorAll("g.note, g.edge-label, g.step-number")].map((g) => ({
        id: g.id || `${g.getAttribute("class")} of ${g.getAttribute("data-edge") ?? g.getAttribute("data-step")}`,
        box: bbox(g.querySelector("rect")!),
      })),
    ];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) if (meet(boxes[i]!.box, boxes[j]!.box)) out.overlaps.push(`${boxes[i]!.id} and ${boxes[j]!.id}`);
    }
    for (const e of document.querySelectorAll("text, rect, path, circle")) {
      if (e.closest("defs") || e.classList.contains("bg")) continue;
      if (!within(bbox(e), frame, 0.5)) out.outside.push(`${e.closest("[id]")?.id ?? e.tagName} ${e.tagName} outside the canvas`);
    }
    const lifeline = new Map<string, number>();
    for (const l of document.querySelectorAll("path.lifeline")) lifeline.set(l.getAttribute("data-lifeline")!, bbox(l).x);
    for (const g of document.querySelectorAll("g.message")) {
      const path = g.querySelector("path") as SVGPathElement;
      const start = path.getPointAtLength(0);
      const end = path.getPointAtLength(path.getTotalLength());
      const from = lifeline.get(g.getAttribute("data-from") ?? "");
      const to = lifeline.get(g.getAttribute("data-to") ?? "");
      // The arrow leaves from the edge of the number on the sender's lifeline.
      if (from === undefined || Math.abs(start.x - from) > 20) out.ends.push(`${g.id} does not start on its sender's lifeline`);
      if (to === undefined || Math.abs(end.x - to) > 0.5) out.ends.push(`${g.id} does not end on its receiver's lifeline`);
    }
    return out;
  });
}

describe.runIf(haveChromium || required)("diagrams in Chromium", () => {
  // Imported lazily so that machines without a browser never load it.
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`SYSD_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const systems = designs();

  it("has designs to draw", () => {
    expect(systems.length).toBeGreaterThanOrEqual(5);
  });

  it("notices each kind of fault in a damaged diagram", async () => {
    const fixture = path.join(root, "test/fixtures/valid/video_pipeline.sysd");
    const video = check([fixture], { root, cwd: root, rules: {} }).model.systems[0]!;
    const svg = (await renderDiagrams(video)).find((d) => d.file === "architecture.svg")!.svg;
    const parents: [string, string][] = [["Workers", "vpc"]];
    expect(await inspect(page, svg, parents)).toEqual({ texts: [], overlaps: [], outside: [], ends: [] });
    // Where Storage is drawn (the top-left corner of its cylinder), wherever the layout puts it.
    const storage = /id="architecture-node-Storage"[^]*?<path class="outline" d="M([\d.]+) ([\d.]+)/.exec(svg)!;
    const damaged = svg
      // a title far wider than its box
      .replace(">Upload Service</text>", ">Upload Service with a name far too long for its box</text>")
      // Workers moved out of its boundary and onto Storage
      .replace(/(id="architecture-node-Workers"[^]*?<rect class="outline") x="[\d.]+" y="[\d.]+"/, `$1 x="${Number(storage[1]) + 36}" y="${Number(storage[2]) + 20}"`)
      // an edge that starts in open space
      .replace(/(id="architecture-edge-Client-Gateway"[^]*?<path d=")M[\d.]+ [\d.]+/, "$1M5 5");
    const problems = await inspect(page, damaged, parents);
    expect(problems.texts.join()).toContain("Upload Service with a name far too long");
    expect(problems.overlaps.join()).toContain("architecture-node-Workers");
    expect(problems.outside).toContain("Workers outside vpc");
    expect(problems.ends.join()).toContain("architecture-edge-Client-Gateway does not start on architecture-node-Client");
    // A node pushed past the right edge of the drawing.
    const pushed = svg.replace(/(id="architecture-node-UploadService"[^]*?<rect class="outline") x="[\d.]+"/, '$1 x="5000"');
    expect((await inspect(page, pushed, parents)).outside.join()).toContain("architecture-node-UploadService outside the drawing");
  });

  it("notices each kind of fault in a damaged sequence diagram", async () => {
    const fixture = path.join(root, "test/fixtures/valid/video_pipeline.sysd");
    const video = check([fixture], { root, cwd: root, rules: {} }).model.systems[0]!;
    const svg = (await renderDiagrams(video)).find((d) => d.file === "flow-processing.svg")!.svg;
    expect(await inspectSequence(page, svg)).toEqual({ texts: [], overlaps: [], outside: [], ends: [] });
    const damaged = svg
      // a note's text far wider than its box
      .replace(">Transcode and thumbnail</text>", ">Transcode and thumbnail, then package every rendition</text>")
      // step 2's label moved onto the note of step 3
      .replace(/(data-edge="flow-processing-step-2"><rect x="[\d.]+") y="[\d.]+"/, '$1 y="282"')
      // a number pushed off the canvas
      .replace(/(data-step="flow-processing-step-6"><rect) x="[\d.]+"/, '$1 x="-40"')
      // a message that stops short of its receiver
      .replace(/(id="flow-processing-step-5"[^]*?<path d="M[\d.]+ [\d.]+ L)[\d.]+/, "$1600");
    const problems = await inspectSequence(page, damaged);
    expect(problems.texts.join()).toContain("Transcode and thumbnail, then package");
    expect(problems.overlaps.join()).toContain("edge-label of flow-processing-step-2");
    expect(problems.outside.join()).toContain("rect outside the canvas");
    expect(problems.ends).toContain("flow-processing-step-5 does not end on its receiver's lifeline");
  });

  it("draws a view and the landscape cleanly, collapsed boxes and stubs included", async () => {
    const valid = path.join(root, "test/fixtures/valid");
    const views = check([path.join(valid, "views.sysd")], { root, cwd: root, rules: {} }).model.systems[0]!;
    const landscape = check([path.join(valid, "landscape.sysd")], { root, cwd: root, rules: {} }).model.systems[0]!;
    const drawn = [...(await renderDiagrams(views)), ...(await renderDiagrams(landscape))];
    const files = drawn.map((d) => d.file);
    expect(files).toEqual(expect.arrayContaining(["view-payments.svg", "view-overview.svg", "architecture.svg", "boundary-money.svg"]));
    const parents = new Map<string, string>();
    for (const system of [views, landscape]) {
      for (const c of system.components) if (c.boundary !== undefined) parents.set(c.id, c.boundary);
    }
    for (const diagram of drawn.filter((d) => d.file.startsWith("view-") || d.file.startsWith("boundary-") || d.svg.includes('class="node boundary'))) {
      expect(await inspect(page, diagram.svg, [...parents.entries()]), diagram.file).toEqual({ texts: [], overlaps: [], outside: [], ends: [] });
    }
  }, 120_000);

  it.each(systems.map((s) => [`${s.file} ${s.id}`, s] as const))("%s: texts, nodes, boundaries and edge ends", async (_id, system) => {
    const parents = new Map<string, string>();
    for (const c of system.components) if (c.boundary !== undefined) parents.set(c.id, c.boundary);
    for (const b of system.boundaries) if (b.parent !== undefined) parents.set(b.id, b.parent);

    for (const diagram of await renderDiagrams(system)) {
      const problems = await inspect(page, diagram.svg, [...parents.entries()]);
      expect(problems, diagram.file).toEqual({ texts: [], overlaps: [], outside: [], ends: [] });
      if (!diagram.file.startsWith("flow-")) continue;
      // Also in the widest common fallback font.
      for (const font of ["", `"DejaVu Sans"`]) {
        const svg = font === "" ? diagram.svg : diagram.svg.replace("</style>", `text{font-family:${font} !important}\n</style>`);
        expect(await inspectSequence(page, svg), `${diagram.file} ${font || "default fonts"}`).toEqual({ texts: [], overlaps: [], outside: [], ends: [] });
      }
    }
  }, 120_000);
});
