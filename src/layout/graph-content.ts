/**
 * The text of a graph diagram, measured before layout: a node's name,
 * technology and steps, a boundary's name, an edge's label. Sizes go to ELK;
 * the pieces are placed once ELK has positioned their box.
 */
import { FONTS, baselineOffset, ellipsize, normalizeSpace, textWidth, wrapText, type FontName, type WrappedText } from "./measure.js";
import { sizeShape } from "./shapes.js";
import type { ContainerSpec, EdgeSpec, NodeSpec } from "./graph-spec.js";
import type { Rect, TextBlock } from "./types.js";

/** Widest a name line may be (px); longer names wrap onto up to 3 lines. */
export const TITLE_MAX_WIDTH = 180;
const TITLE_MAX_LINES = 3;
const TECH_MAX_LINES = 2;
const STEP_MAX_WIDTH = 220;
const STEP_MAX_LINES = 3;
const LABEL_MAX_WIDTH = 170;
const LABEL_MAX_LINES = 3;
export const LABEL_PAD_X = 5;
export const LABEL_PAD_Y = 3;
const CONTAINER_LABEL_MAX = 320;
/** How far a boundary's name stands from its left edge. */
export const CONTAINER_LABEL_INSET = 14;

export interface Piece {
  font: FontName;
  wrapped: WrappedText;
  muted: boolean;
  anchor: "start" | "middle";
  /** Space above this piece. */
  gap: number;
  rule?: boolean;
}

function piecesHeight(pieces: Piece[]): number {
  let h = 0;
  for (const p of pieces) h += p.gap + p.wrapped.lines.length * FONTS[p.font].lineHeight;
  return h;
}

function piecesWidth(pieces: Piece[]): number {
  return Math.max(0, ...pieces.map((p) => p.wrapped.width));
}

/** Places `pieces` in `area` (absolute); returns the text blocks and the y of any rules. */
export function placePieces(pieces: Piece[], area: Rect): { texts: TextBlock[]; rules: number[] } {
  const texts: TextBlock[] = [];
  const rules: number[] = [];
  let y = area.y;
  for (const piece of pieces) {
    if (piece.rule) rules.push(y + piece.gap / 2 - 1);
    y += piece.gap;
    const spec = FONTS[piece.font];
    const x = piece.anchor === "middle" ? area.x + area.width / 2 : area.x;
    const block: TextBlock = { font: piece.font, anchor: piece.anchor, lines: [] };
    if (piece.muted) block.muted = true;
    for (const line of piece.wrapped.lines) {
      block.lines.push({ text: line, x, y: y + spec.lineHeight / 2 + baselineOffset(piece.font) });
      y += spec.lineHeight;
    }
    texts.push(block);
  }
  return { texts, rules };
}

export interface PreparedNode {
  spec: NodeSpec;
  elkId: string;
  width: number;
  height: number;
  content: Rect;
  pieces: Piece[];
  tooltip: string;
}

export function prepareNode(spec: NodeSpec): PreparedNode {
  const pieces: Piece[] = [];
  const title = wrapText(spec.title, "title", TITLE_MAX_WIDTH, TITLE_MAX_LINES);
  pieces.push({ font: "title", wrapped: title, muted: false, anchor: "middle", gap: 0 });
  const tooltip: string[] = [normalizeSpace(spec.title)];
  if (spec.technology) {
    const tech = wrapText(spec.technology, "technology", TITLE_MAX_WIDTH, TECH_MAX_LINES);
    pieces.push({ font: "technology", wrapped: tech, muted: true, anchor: "middle", gap: 2 });
    tooltip[0] += ` [${normalizeSpace(spec.technology)}]`;
  }
  const steps = spec.steps ?? [];
  steps.forEach((step, i) => {
    const wrapped = wrapText(step, "step", STEP_MAX_WIDTH, STEP_MAX_LINES);
    pieces.push({ font: "step", wrapped, muted: false, anchor: "start", gap: i === 0 ? 14 : 4, rule: i === 0 });
    tooltip.push(normalizeSpace(step));
  });
  const size = sizeShape(spec.shape, piecesWidth(pieces), piecesHeight(pieces));
  return {
    spec,
    elkId: `n:${spec.ref}`,
    width: size.width,
    height: size.height,
    content: size.content,
    pieces,
    tooltip: tooltip.join("\n"),
  };
}

export interface PreparedContainer {
  spec: ContainerSpec;
  elkId: string;
  pieces: Piece[];
  labelHeight: number;
  labelWidth: number;
  depth: number;
  tooltip: string;
}

export function prepareContainer(spec: ContainerSpec, depth: number): PreparedContainer {
  const pieces: Piece[] = [
    { font: "container", wrapped: wrapText(spec.title, "container", CONTAINER_LABEL_MAX, 1), muted: false, anchor: "start", gap: 0 },
  ];
  (spec.steps ?? []).forEach((step) => {
    pieces.push({ font: "step", wrapped: wrapText(step, "step", STEP_MAX_WIDTH, STEP_MAX_LINES), muted: false, anchor: "start", gap: 4 });
  });
  return {
    spec,
    elkId: `c:${spec.ref}`,
    pieces,
    labelHeight: piecesHeight(pieces),
    labelWidth: piecesWidth(pieces),
    depth,
    tooltip: [normalizeSpace(spec.title), ...(spec.steps ?? []).map(normalizeSpace)].join("\n"),
  };
}

export interface PreparedLabel {
  width: number;
  height: number;
  pieces: Piece[];
}

export function prepareLabel(edge: EdgeSpec): PreparedLabel | undefined {
  const pieces: Piece[] = [];
  if (edge.label && normalizeSpace(edge.label) !== "") {
    pieces.push({ font: "label", wrapped: wrapText(edge.label, "label", LABEL_MAX_WIDTH, LABEL_MAX_LINES), muted: false, anchor: "middle", gap: 0 });
  }
  if (edge.technology && normalizeSpace(edge.technology) !== "") {
    const text = `[${normalizeSpace(edge.technology)}]`;
    const cut = ellipsize(text, "labelTechnology", LABEL_MAX_WIDTH);
    const wrapped: WrappedText = { lines: [cut.text], truncated: cut.truncated, width: textWidth(cut.text, "labelTechnology") };
    pieces.push({ font: "labelTechnology", wrapped, muted: true, anchor: "middle", gap: 0 });
  }
  if (pieces.length === 0) return undefined;
  return {
    width: Math.ceil(piecesWidth(pieces) + 2 * LABEL_PAD_X),
    height: Math.ceil(piecesHeight(pieces) + 2 * LABEL_PAD_Y),
    pieces,
  };
}

export function edgeTooltip(edge: EdgeSpec, titles: Map<string, string>): string {
  const from = titles.get(edge.from) ?? edge.from;
  const to = titles.get(edge.to) ?? edge.to;
  let text = `${from} → ${to}`;
  if (edge.label) text += `: ${normalizeSpace(edge.label)}`;
  if (edge.technology) text += ` [${normalizeSpace(edge.technology)}]`;
  if (edge.style === "async") text += " (async)";
  return text;
}

