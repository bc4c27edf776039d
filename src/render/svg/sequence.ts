/**
 * Draws a flow's sequence diagram as one self-contained SVG document, in the
 * same theme (light and dark) and with the same pieces (heads as nodes,
 * boundaries as frames, labels on a patch of background) as the other
 * diagrams.
 */
import type { SequenceBadge, SequenceDiagram, SequenceMessage, SequenceNote } from "../../layout/sequence.js";
import type { Rect } from "../../layout/types.js";
import { container, containerLabel, edgePath, node, svgOpening, text, title } from "./diagram.js";
import { fontClass, sequenceStyleSheet, styleSheet } from "./theme.js";
import { PathData, el, escapeXml, num } from "./writer.js";

const MARKER = fontClass("marker");

// The per-step pieces are written as plain templates (not through `el`): a
// flow of 100,000 steps draws half a million of them. Same bytes as `el`.

function rect(box: Rect, rx: number, cls?: string): string {
  const c = cls === undefined ? "" : ` class="${cls}"`;
  return `<rect${c} x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="${num(rx)}"/>`;
}

function badge(b: SequenceBadge, step: string): string {
  const { box } = b;
  const label = `<text class="${MARKER}" x="${num(b.text.x)}" y="${num(b.text.y)}" text-anchor="middle">${escapeXml(b.text.text)}</text>`;
  return `<g class="step-number" data-step="${step}">${rect(box, box.height / 2)}${label}</g>`;
}

function message(m: SequenceMessage, markers: { arrow: string; open: string }): string {
  const marker = m.style === "async" ? markers.open : markers.arrow;
  const [a, b] = m.points;
  const d = m.points.length === 2 ? `M${num(a!.x)} ${num(a!.y)} L${num(b!.x)} ${num(b!.y)}` : edgePath(m.points);
  const path = `<path d="${d}" marker-end="url(#${marker})"/>`;
  return `<g id="${m.id}" class="message ${m.style}" data-from="${escapeXml(m.from)}" data-to="${escapeXml(m.to)}">${title(m.tooltip)}${path}</g>`;
}

function messageLabel(m: SequenceMessage): string {
  if (!m.label) return "";
  return `<g class="edge-label" data-edge="${m.id}">${rect(m.label.box, 3)}${m.label.texts.map(text).join("")}</g>`;
}

function note(n: SequenceNote): string {
  return `<g id="${n.id}" class="note" data-lifeline="${escapeXml(n.ref)}">${title(n.tooltip)}${rect(n.box, 3)}${n.texts.map(text).join("")}</g>`;
}

/** The SVG document for a flow's sequence diagram. */
export function renderSequence(d: SequenceDiagram): string {
  const markers = { arrow: `${d.name}-arrow`, open: `${d.name}-arrow-open` };
  // A very long flow keeps its coordinates and is shown smaller, whole (MAX_SVG_SIDE).
  const out = svgOpening(d.name, d.title, d.width, d.height, `${styleSheet()}\n${sequenceStyleSheet()}`);
  if (d.groups.length > 0) {
    out.push(`<g class="boundaries">`);
    for (const g of d.groups) out.push(container(g));
    out.push(`</g>`, `<g class="boundary-labels">`);
    for (const g of d.groups) out.push(containerLabel(g));
    out.push(`</g>`);
  }
  out.push(`<g class="lifelines">`);
  for (const l of d.lifelines) out.push(el("path", { id: l.id, class: "lifeline", "data-lifeline": l.ref, d: new PathData().M(l.x, l.y1).V(l.y2).toString() }));
  out.push(`</g>`, `<g class="nodes">`);
  for (const n of d.heads) out.push(node(n));
  out.push(`</g>`);
  if (d.messages.length > 0) {
    out.push(`<g class="messages">`);
    for (const m of d.messages) out.push(message(m, markers));
    out.push(`</g>`, `<g class="edge-labels">`);
    for (const m of d.messages) if (m.label) out.push(messageLabel(m));
    out.push(`</g>`);
  }
  if (d.notes.length > 0) {
    out.push(`<g class="notes">`);
    for (const n of d.notes) out.push(note(n));
    out.push(`</g>`);
  }
  const numbered = [...d.messages.map((m) => ({ id: m.id, number: m.number, badge: m.badge })), ...d.notes.map((n) => ({ id: n.id, number: n.number, badge: n.badge }))];
  if (numbered.length > 0) {
    out.push(`<g class="step-numbers">`);
    for (const s of numbered.sort((a, b) => a.number - b.number)) out.push(badge(s.badge, s.id));
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
