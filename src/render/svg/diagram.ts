/**
 * Draws a positioned diagram as one self-contained SVG document: no script,
 * no external reference, every text escaped, numbers at one decimal, ids from
 * the model, so the same diagram always gives the same bytes.
 */
import { SANS_FAMILY } from "../../layout/measure.js";
import type { Diagram, DiagramContainer, DiagramEdge, DiagramNode, DiagramTable, Point, TextBlock } from "../../layout/types.js";
import { outline } from "./shapes.js";
import { xmlCommentMarker } from "../marker.js";
import { fontClass, styleSheet } from "./theme.js";
import { PathData, el, escapeXml, num } from "./writer.js";

const CORNER = 5;

export function text(block: TextBlock): string {
  if (block.lines.length === 0) return "";
  const cls = block.muted ? `${fontClass(block.font)} muted` : fontClass(block.font);
  const anchor = block.anchor === "start" ? undefined : block.anchor;
  if (block.lines.length === 1) {
    const line = block.lines[0]!;
    return el("text", { class: cls, x: line.x, y: line.y, "text-anchor": anchor }, escapeXml(line.text));
  }
  const spans = block.lines.map((line) => el("tspan", { x: line.x, y: line.y }, escapeXml(line.text))).join("");
  return el("text", { class: cls, "text-anchor": anchor }, spans);
}

/** A tooltip; its lines stay lines (browsers show them so). */
export function title(tooltip: string): string {
  return `<title>${tooltip.split(/\r?\n/).map(escapeXml).join("\n")}</title>`;
}

/** An orthogonal polyline with its bends slightly rounded. */
export function edgePath(points: Point[]): string {
  const d = new PathData();
  const first = points[0]!;
  d.M(first.x, first.y);
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const lenIn = Math.hypot(p.x - prev.x, p.y - prev.y);
    const lenOut = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(CORNER, lenIn / 2, lenOut / 2);
    if (r < 0.5) {
      d.L(p.x, p.y);
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / lenIn) * r, y: p.y - ((p.y - prev.y) / lenIn) * r };
    const b = { x: p.x + ((next.x - p.x) / lenOut) * r, y: p.y + ((next.y - p.y) / lenOut) * r };
    d.L(a.x, a.y).Q(p.x, p.y, b.x, b.y);
  }
  const last = points[points.length - 1]!;
  d.L(last.x, last.y);
  return d.toString();
}

function depthClass(c: DiagramContainer): string {
  return `depth-${Math.min(c.depth, 3)}`;
}

export function container(c: DiagramContainer): string {
  const frame = el("rect", { class: "frame", x: c.box.x, y: c.box.y, width: c.box.width, height: c.box.height, rx: 10 });
  return el("g", { id: c.id, class: `boundary ${depthClass(c)}`, "data-ref": c.ref }, title(c.tooltip) + frame);
}

/** A boundary's name, drawn above the edges on a patch of the boundary's fill. */
export function containerLabel(c: DiagramContainer): string {
  const b = c.labelBox;
  const parts = [el("rect", { class: "label-bg", x: b.x, y: b.y, width: b.width, height: b.height, rx: 3 }), text(c.label), ...c.notes.map(text)];
  return el("g", { class: `boundary-label ${depthClass(c)}`, "data-boundary": c.id }, parts.join(""));
}

export function node(n: DiagramNode): string {
  const parts = [title(n.tooltip), outline(n.shape, n.box)];
  for (const rule of n.rules) parts.push(el("path", { class: "rule", d: new PathData().M(rule.x1, rule.y).H(rule.x2).toString() }));
  for (const block of n.texts) parts.push(text(block));
  return el("g", { id: n.id, class: `node ${n.category} shape-${n.shape}`, "data-ref": n.ref }, parts.join(""));
}

function edge(e: DiagramEdge, markers: { arrow: string; open: string }): string {
  const marker = e.style === "async" ? markers.open : markers.arrow;
  const path = el("path", { d: edgePath(e.points), "marker-end": `url(#${marker})` });
  // The ends' model names let a reader (and the browser test) tie an edge to its nodes.
  return el("g", { id: e.id, class: `edge ${e.style}`, "data-from": e.from, "data-to": e.to }, title(e.tooltip) + path);
}

function edgeLabel(e: DiagramEdge): string {
  if (!e.label) return "";
  const { box } = e.label;
  const parts = [el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, rx: 3 }), ...e.label.texts.map(text)];
  const depth = Math.min(e.label.depth, 3);
  return el("g", { class: depth > 0 ? `edge-label on-depth-${depth}` : "edge-label", "data-edge": e.id }, parts.join(""));
}

function table(t: DiagramTable): string {
  const { x, y, width: w, height: h } = t.box;
  const r = 6;
  const parts = [title(t.tooltip), el("rect", { class: "outline", x, y, width: w, height: h, rx: r })];
  t.rows.forEach((row, i) => {
    if (i % 2 === 1) parts.push(el("rect", { class: "row-alt", x: row.box.x, y: row.box.y, width: row.box.width, height: row.box.height }));
  });
  const hb = t.header;
  const header = new PathData()
    .M(hb.x, hb.y + hb.height)
    .V(hb.y + r)
    .A(r, r, 0, 0, 1, hb.x + r, hb.y)
    .H(hb.x + hb.width - r)
    .A(r, r, 0, 0, 1, hb.x + hb.width, hb.y + r)
    .V(hb.y + hb.height)
    .Z();
  parts.push(el("path", { class: "header", d: header.toString() }));
  parts.push(text(t.title));
  if (t.subtitle) parts.push(text(t.subtitle));
  for (const row of t.rows) {
    for (const block of row.texts) parts.push(text(block));
    for (const badge of row.badges) {
      const b = badge.box;
      parts.push(
        el(
          "g",
          { class: `badge ${badge.kind}` },
          el("rect", { x: b.x, y: b.y, width: b.width, height: b.height, rx: 3 }) +
            el("text", { class: fontClass("marker"), x: badge.text.x, y: badge.text.y, "text-anchor": "middle" }, escapeXml(badge.text.text)),
        ),
      );
    }
  }
  // Redraw the frame on top so row fills do not cover it.
  parts.push(el("rect", { class: "frame", x, y, width: w, height: h, rx: r }));
  return el("g", { id: t.id, class: "table", "data-ref": t.ref }, parts.join(""));
}

export function markerDefs(arrow: string, open: string): string {
  const filled = el(
    "marker",
    { id: arrow, viewBox: "0 0 10 10", refX: 9.5, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto" },
    el("path", { class: "arrowhead", d: "M0 1L10 5L0 9Z" }),
  );
  const hollow = el(
    "marker",
    { id: open, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto" },
    el("path", { class: "arrowhead open", d: "M1 1L9 5L1 9" }),
  );
  return `<defs>${filled}${hollow}</defs>`;
}

/**
 * Largest side, in CSS pixels, an SVG is displayed at. Browsers and image
 * viewers refuse or choke on larger images; a larger diagram keeps its
 * coordinates in the viewBox and is shown scaled down to fit (zoom in to
 * read it).
 */
export const MAX_SVG_SIDE = 5000;

/** The displayed size of a diagram: its own, or scaled down to fit `MAX_SVG_SIDE`. */
export function displaySize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_SVG_SIDE / Math.max(width, height, 1));
  if (scale === 1) return { width, height };
  // Rounded down to one decimal, as written, so the written size never exceeds the bound.
  return { width: Math.floor(width * scale * 10) / 10, height: Math.floor(height * scale * 10) / 10 };
}

/**
 * What every diagram's SVG starts with: the root sized to fit MAX_SVG_SIDE,
 * the generated note first inside it (how `sysd build` knows it may
 * overwrite the file), the title, the style sheet, the arrow markers and
 * the background. The caller appends the drawing and `</svg>`.
 */
export function svgOpening(name: string, title: string, w: number, h: number, styles: string): string[] {
  const shown = displaySize(w, h);
  const titleId = `${name}-title`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(shown.width)}" height="${num(shown.height)}" viewBox="0 0 ${num(w)} ${num(h)}" role="img" aria-labelledby="${escapeXml(titleId)}" font-family="${escapeXml(SANS_FAMILY)}">`,
    xmlCommentMarker(),
    `<title id="${escapeXml(titleId)}">${escapeXml(title)}</title>`,
    `<style>\n${styles}\n</style>`,
    markerDefs(`${name}-arrow`, `${name}-arrow-open`),
    el("rect", { class: "bg", x: 0, y: 0, width: w, height: h }),
  ];
}

/** The SVG document for `diagram`. */
export function renderDiagram(diagram: Diagram): string {
  const markers = { arrow: `${diagram.name}-arrow`, open: `${diagram.name}-arrow-open` };
  const out = svgOpening(diagram.name, diagram.title, diagram.width, diagram.height, styleSheet());
  if (diagram.containers.length > 0) {
    out.push(`<g class="boundaries">`);
    for (const c of diagram.containers) out.push(container(c));
    out.push(`</g>`);
  }
  if (diagram.edges.length > 0) {
    out.push(`<g class="edges">`);
    for (const e of diagram.edges) out.push(edge(e, markers));
    out.push(`</g>`);
  }
  if (diagram.containers.length > 0) {
    out.push(`<g class="boundary-labels">`);
    for (const c of diagram.containers) out.push(containerLabel(c));
    out.push(`</g>`);
  }
  if (diagram.nodes.length > 0) {
    out.push(`<g class="nodes">`);
    for (const n of diagram.nodes) out.push(node(n));
    out.push(`</g>`);
  }
  if (diagram.tables.length > 0) {
    out.push(`<g class="tables">`);
    for (const t of diagram.tables) out.push(table(t));
    out.push(`</g>`);
  }
  const labels = diagram.edges.filter((e) => e.label);
  if (labels.length > 0) {
    out.push(`<g class="edge-labels">`);
    for (const e of labels) out.push(edgeLabel(e));
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
