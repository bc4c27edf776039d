/**
 * A flow as a sequence diagram: one lifeline per participant, headed by its
 * name in its kind's shape; the steps numbered top to bottom, a message as an
 * arrow between two lifelines, a step inside one component as a note hanging
 * off its lifeline. Participants of one boundary stand side by side under a
 * box with the boundary's name.
 *
 * Pure arithmetic, no ELK: every lifeline's x comes from one left-to-right
 * sweep over spacing constraints, every step's y from one top-to-bottom pass,
 * so the work grows linearly with the steps.
 */
import type { BoundaryModel, ComponentModel, FlowModel, SystemModel } from "../semantics/model.js";
import { technologyOf } from "./architecture.js";
import { FONTS, baselineOffset, normalizeSpace, textWidth, wrapText, type FontName, type WrappedText } from "./measure.js";
import { categoryOf, sizeShape } from "./shapes.js";
import type { DiagramContainer, DiagramNode, EdgeStyle, Point, Rect, TextBlock, TextLine } from "./types.js";

/** A step's number, drawn as a pill on the lifeline where the step starts. */
export interface SequenceBadge {
  box: Rect;
  text: TextLine;
}

export interface SequenceLifeline {
  id: string;
  ref: string;
  x: number;
  /** From the bottom of the head to the end of the last step. */
  y1: number;
  y2: number;
}

export interface SequenceMessage {
  id: string;
  number: number;
  from: string;
  to: string;
  style: Exclude<EdgeStyle, "relation">;
  /** At least two points; the arrowhead is at the last. A message to itself loops out to the right. */
  points: Point[];
  badge: SequenceBadge;
  label?: { box: Rect; texts: TextBlock[] };
  tooltip: string;
}

export interface SequenceNote {
  id: string;
  number: number;
  ref: string;
  box: Rect;
  texts: TextBlock[];
  badge: SequenceBadge;
  tooltip: string;
}

export interface SequenceDiagram {
  /** "flow-upload": prefixes every element id. */
  name: string;
  title: string;
  width: number;
  height: number;
  /** Boundaries around the heads of their members, outermost first. */
  groups: DiagramContainer[];
  /** One per lifeline, left to right: the participant's shape with its name. */
  heads: DiagramNode[];
  lifelines: SequenceLifeline[];
  /** In step order. */
  messages: SequenceMessage[];
  notes: SequenceNote[];
}

const DIAGRAM_PAD = 24;
const TITLE_MAX_WIDTH = 180;
const TITLE_MAX_LINES = 3;
const TECH_MAX_LINES = 2;
/** Between the heads of two neighbours, and between the frames of two boundaries. */
const HEAD_GAP = 28;
const GROUP_GAP = 16;
/** A boundary's frame around its members' heads. */
const GROUP_PAD = 12;
const GROUP_LABEL_TOP = 7;
const GROUP_LABEL_GAP = 7;
const GROUP_LABEL_MAX = 320;
const GROUP_LABEL_INSET = 10;
/** Between the heads (or frames) and the first step. */
const STEPS_TOP = 22;
const STEPS_BOTTOM = 14;
/** Between one step and the next. */
const ROW_GAP = 14;
const LABEL_MAX_WIDTH = 240;
/** When two lifelines stand far apart, a label may use the room: up to this wide. */
const LABEL_WIDE_MAX = 360;
const LABEL_MAX_LINES = 4;
const LABEL_PAD_X = 5;
const LABEL_PAD_Y = 2;
/** Between a label's box and its arrow. */
const LABEL_RISE = 3;
/** Room left at the arrowhead's end of a label, and beside the number. */
const LABEL_MARGIN = 10;
/** Shortest arrow between two neighbouring lifelines. */
const MIN_SPAN = 64;
const NOTE_MAX_WIDTH = 220;
const NOTE_MAX_LINES = 6;
const NOTE_PAD_X = 8;
const NOTE_PAD_Y = 5;
/** Between a number on a lifeline and the note or loop beside it. */
const BESIDE = 6;
/** Between a note, loop or loop label and the next lifeline to the right. */
const CLEAR = 14;
const LOOP_WIDTH = 34;
const LOOP_HEIGHT = 18;
const BADGE_HEIGHT = 16;
const BADGE_PAD_X = 4;

/** Makes `text` safe as (part of) an XML id. */
function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

// ── participants, boundaries and columns ───────────────────────────────

interface Column {
  ref: string;
  /** Boundaries drawn around this lifeline's head, outermost first. */
  groups: string[];
  head: Head;
  /** Half the head's width. */
  half: number;
}

interface TreeNode {
  /** A boundary drawn as a group, or undefined for the top level. */
  boundary?: string;
  /** The participant (when this is a lifeline). */
  participant?: string;
  children: TreeNode[];
}

/**
 * The lifelines' order: in order of first appearance, except that the members
 * of one boundary stand together, where the boundary's first member would.
 */
function columnOrder(participants: string[], chainOf: (p: string) => string[]): { ref: string; groups: string[] }[] {
  const root: TreeNode = { children: [] };
  const groupNodes = new Map<string, TreeNode>();
  for (const p of participants) {
    let parent = root;
    for (const b of chainOf(p)) {
      let node = groupNodes.get(b);
      if (!node) {
        node = { boundary: b, children: [] };
        groupNodes.set(b, node);
        parent.children.push(node);
      }
      parent = node;
    }
    parent.children.push({ participant: p, children: [] });
  }
  // Each child was added at its first appearance, so children are already in that order.
  const out: { ref: string; groups: string[] }[] = [];
  const walk = (node: TreeNode, chain: string[]): void => {
    for (const child of node.children) {
      if (child.participant !== undefined) out.push({ ref: child.participant, groups: chain });
      else walk(child, [...chain, child.boundary!]);
    }
  };
  walk(root, []);
  return out;
}

// ── text ───────────────────────────────────────────────────────────────

interface Piece {
  font: FontName;
  wrapped: WrappedText;
  muted: boolean;
  gap: number;
}

function placeCentred(pieces: Piece[], area: Rect): TextBlock[] {
  const blocks: TextBlock[] = [];
  let y = area.y;
  for (const piece of pieces) {
    y += piece.gap;
    const lh = FONTS[piece.font].lineHeight;
    const block: TextBlock = { font: piece.font, anchor: "middle", lines: [] };
    if (piece.muted) block.muted = true;
    for (const line of piece.wrapped.lines) {
      block.lines.push({ text: line, x: area.x + area.width / 2, y: y + lh / 2 + baselineOffset(piece.font) });
      y += lh;
    }
    blocks.push(block);
  }
  return blocks;
}

function linesAt(lines: string[], font: FontName, x: number, top: number, anchor: "start" | "middle"): TextBlock {
  const lh = FONTS[font].lineHeight;
  return { font, anchor, lines: lines.map((text, i) => ({ text, x, y: top + i * lh + lh / 2 + baselineOffset(font) })) };
}

interface Head {
  width: number;
  height: number;
  content: Rect;
  pieces: Piece[];
  tooltip: string;
  shape: ComponentModel["kind"]["shape"];
  category: DiagramNode["category"];
}

function prepareHead(component: ComponentModel | undefined, boundary: BoundaryModel | undefined): Head {
  const title = component?.title ?? boundary?.title ?? "";
  const shape = component ? component.kind.shape : "rounded";
  const pieces: Piece[] = [{ font: "title", wrapped: wrapText(title, "title", TITLE_MAX_WIDTH, TITLE_MAX_LINES), muted: false, gap: 0 }];
  let tooltip = normalizeSpace(title);
  const technology = component ? technologyOf(component) : undefined;
  if (technology) {
    pieces.push({ font: "technology", wrapped: wrapText(technology, "technology", TITLE_MAX_WIDTH, TECH_MAX_LINES), muted: true, gap: 2 });
    tooltip += ` [${normalizeSpace(technology)}]`;
  }
  let width = 0;
  let height = 0;
  for (const p of pieces) {
    width = Math.max(width, p.wrapped.width);
    height += p.gap + p.wrapped.lines.length * FONTS[p.font].lineHeight;
  }
  const size = sizeShape(shape, width, height);
  return { ...size, pieces, tooltip, shape, category: component ? categoryOf(shape) : "boundary" };
}

/**
 * Wraps `text` into as many lines as `maxWidth` needs, but as narrow as that
 * many lines allow, so the last line is not a lone word.
 */
function balancedWrap(text: string, font: FontName, maxWidth: number, maxLines: number): WrappedText {
  const wrapped = wrapText(text, font, maxWidth, maxLines);
  const n = wrapped.lines.length;
  if (n < 2 || wrapped.truncated) return wrapped;
  let best = wrapped;
  let low = maxWidth / n;
  let high = wrapped.width;
  for (let i = 0; i < 8 && high - low > 2; i++) {
    const mid = (low + high) / 2;
    const candidate = wrapText(text, font, mid, maxLines);
    if (candidate.lines.length <= n && !candidate.truncated) {
      best = candidate;
      high = candidate.width;
    } else {
      low = mid;
    }
  }
  return best;
}

function badgeWidth(number: number): number {
  return Math.max(BADGE_HEIGHT, Math.ceil(textWidth(String(number), "marker")) + 2 * BADGE_PAD_X);
}

function badgeAt(number: number, x: number, y: number): SequenceBadge {
  const width = badgeWidth(number);
  return {
    box: { x: x - width / 2, y: y - BADGE_HEIGHT / 2, width, height: BADGE_HEIGHT },
    text: { text: String(number), x, y: y + baselineOffset("marker") },
  };
}

// ── the layout ─────────────────────────────────────────────────────────

interface Row {
  number: number;
  kind: "message" | "self" | "note";
  from: number;
  to: number;
  text: string;
  style: "sync" | "async";
  wrapped: WrappedText;
  badge: number;
}

export function layoutSequence(system: SystemModel, flow: FlowModel): SequenceDiagram {
  const name = `flow-${idPart(flow.id)}`;
  const components = new Map(system.components.map((c) => [c.id, c]));
  const boundaries = new Map(system.boundaries.map((b) => [b.id, b]));
  const participants = [...new Set(flow.participants)].filter((p) => components.has(p) || boundaries.has(p));

  const parentOf = (id: string): string | undefined => {
    const parent = components.get(id)?.boundary ?? boundaries.get(id)?.parent;
    return parent !== undefined && boundaries.has(parent) ? parent : undefined;
  };
  const ancestorCache = new Map<string, string[]>();
  const ancestors = (id: string): string[] => {
    const cached = ancestorCache.get(id);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set<string>([id]);
    for (let b = parentOf(id); b !== undefined && !seen.has(b); b = parentOf(b)) {
      seen.add(b);
      chain.unshift(b);
    }
    ancestorCache.set(id, chain);
    return chain;
  };
  // Boundaries drawn as groups: those holding a participant.
  const drawn = new Set<string>();
  for (const p of participants) for (const b of ancestors(p)) drawn.add(b);
  // A boundary that is itself a participant and holds others stands inside its own group.
  const chainOf = (p: string): string[] => (drawn.has(p) ? [...ancestors(p), p] : ancestors(p));

  const columns: Column[] = columnOrder(participants, chainOf).map(({ ref, groups }) => {
    const head = prepareHead(components.get(ref), components.has(ref) ? undefined : boundaries.get(ref));
    return { ref, groups, head, half: head.width / 2 };
  });
  const index = new Map(columns.map((c, i) => [c.ref, i]));
  const titleOf = (ref: string): string => normalizeSpace(components.get(ref)?.title ?? boundaries.get(ref)?.title ?? ref);

  // ── rows, measured once ──
  const asyncOf = messageStyles(system, ancestors);
  const rows: Row[] = [];
  for (const step of flow.steps) {
    const from = index.get(step.from);
    if (from === undefined) continue;
    const text = normalizeSpace(step.text);
    if (step.type === "step" || step.to === undefined) {
      rows.push({ number: step.number, kind: "note", from, to: from, text, style: "sync", wrapped: balancedWrap(text, "step", NOTE_MAX_WIDTH, NOTE_MAX_LINES), badge: badgeWidth(step.number) });
      continue;
    }
    const to = index.get(step.to);
    if (to === undefined) continue;
    rows.push({
      number: step.number,
      kind: from === to ? "self" : "message",
      from,
      to,
      text,
      style: asyncOf(step.from, step.to),
      wrapped: balancedWrap(text, "label", LABEL_MAX_WIDTH, LABEL_MAX_LINES),
      badge: badgeWidth(step.number),
    });
  }

  // ── x: one sweep over the constraints, left to right ──
  // needs[j]: (i, d) pairs meaning x[j] >= x[i] + d, i < j.
  const needs: { i: number; d: number }[][] = columns.map(() => []);
  const need = (a: number, b: number, d: number): void => {
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    if (i !== j) needs[j]!.push({ i, d });
  };
  /** How far right of its lifeline a column's notes and loops reach. */
  const reach = columns.map((c) => c.half);
  for (const row of rows) {
    if (row.kind === "message") {
      need(row.from, row.to, Math.max(MIN_SPAN, row.badge / 2 + 2 * LABEL_MARGIN + row.wrapped.width + 2 * LABEL_PAD_X));
    } else if (row.kind === "self") {
      const right = row.badge / 2 + LOOP_WIDTH + BESIDE + row.wrapped.width + 2 * LABEL_PAD_X;
      reach[row.from] = Math.max(reach[row.from]!, right);
    } else {
      const right = row.badge / 2 + BESIDE + row.wrapped.width + 2 * NOTE_PAD_X;
      reach[row.from] = Math.max(reach[row.from]!, right);
    }
  }

  const groupLabels = new Map<string, { wrapped: WrappedText; tooltip: string }>();
  for (const b of drawn) {
    const title = boundaries.get(b)!.title;
    groupLabels.set(b, { wrapped: wrapText(title, "container", GROUP_LABEL_MAX, 1), tooltip: normalizeSpace(title) });
  }
  const groupLeft = new Map<string, number>();
  const groupRight = new Map<string, number>();
  const xs: number[] = [];
  let extent = DIAGRAM_PAD;
  for (let j = 0; j < columns.length; j++) {
    const column = columns[j]!;
    const prev = j > 0 ? columns[j - 1]! : undefined;
    let common = 0;
    if (prev) while (common < prev.groups.length && common < column.groups.length && prev.groups[common] === column.groups[common]) common++;
    const opening = column.groups.length - common;
    let x: number;
    if (!prev) {
      x = DIAGRAM_PAD + opening * GROUP_PAD + column.half;
    } else {
      // Close the previous column's groups that end here, innermost first; a frame is at least as wide as its name.
      let right = xs[j - 1]! + prev.half;
      for (let level = prev.groups.length - 1; level >= common; level--) {
        const g = prev.groups[level]!;
        right = Math.max(right + GROUP_PAD, groupLeft.get(g)! + groupLabelWidth(groupLabels.get(g)!.wrapped));
        groupRight.set(g, right);
      }
      const gap = opening + prev.groups.length - common > 0 ? GROUP_GAP : HEAD_GAP;
      x = Math.max(right + gap + opening * GROUP_PAD + column.half, xs[j - 1]! + reach[j - 1]! + CLEAR, xs[j - 1]! + MIN_SPAN);
    }
    for (const { i, d } of needs[j]!) x = Math.max(x, xs[i]! + d);
    xs.push(x);
    for (let level = common; level < column.groups.length; level++) {
      groupLeft.set(column.groups[level]!, x - column.half - (column.groups.length - level) * GROUP_PAD);
    }
    extent = Math.max(extent, x + reach[j]!);
  }
  if (columns.length > 0) {
    const last = columns[columns.length - 1]!;
    let right = xs[columns.length - 1]! + last.half;
    for (let level = last.groups.length - 1; level >= 0; level--) {
      const g = last.groups[level]!;
      right = Math.max(right + GROUP_PAD, groupLeft.get(g)! + groupLabelWidth(groupLabels.get(g)!.wrapped));
      groupRight.set(g, right);
    }
    extent = Math.max(extent, right);
  }

  // ── y of the heads and groups, relative to the line the heads stand on (0) ──
  const depthOf = new Map<string, number>();
  const parentGroup = new Map<string, string>();
  const contentTop = new Map<string, number>();
  const contentBottom = new Map<string, number>();
  let headsTop = 0;
  for (const c of columns) {
    headsTop = Math.min(headsTop, -c.head.height);
    c.groups.forEach((g, level) => {
      depthOf.set(g, level + 1);
      if (level > 0) parentGroup.set(g, c.groups[level - 1]!);
    });
    const inner = c.groups[c.groups.length - 1];
    if (inner !== undefined) contentTop.set(inner, Math.min(contentTop.get(inner) ?? 0, -c.head.height));
  }
  const labelBand = GROUP_LABEL_TOP + FONTS.container.lineHeight + GROUP_LABEL_GAP;
  const groupTop = new Map<string, number>();
  const groupBottom = new Map<string, number>();
  // Innermost first, so a group's frame encloses the frames inside it.
  for (const g of [...drawn].sort((a, b) => depthOf.get(b)! - depthOf.get(a)!)) {
    const top = (contentTop.get(g) ?? 0) - labelBand;
    const bottom = (contentBottom.get(g) ?? 0) + GROUP_PAD;
    groupTop.set(g, top);
    groupBottom.set(g, bottom);
    const parent = parentGroup.get(g);
    if (parent === undefined) continue;
    contentTop.set(parent, Math.min(contentTop.get(parent) ?? 0, top));
    contentBottom.set(parent, Math.max(contentBottom.get(parent) ?? 0, bottom));
  }
  let top = headsTop;
  let bottom = 0;
  for (const g of drawn) {
    top = Math.min(top, groupTop.get(g)!);
    bottom = Math.max(bottom, groupBottom.get(g)!);
  }
  const base = DIAGRAM_PAD - top;

  const heads: DiagramNode[] = columns.map((c, j) => {
    const box = { x: xs[j]! - c.half, y: base - c.head.height, width: c.head.width, height: c.head.height };
    const content = { x: box.x + c.head.content.x, y: box.y + c.head.content.y, width: c.head.content.width, height: c.head.content.height };
    return {
      id: `${name}-node-${idPart(c.ref)}`,
      ref: c.ref,
      shape: c.head.shape,
      category: c.head.category,
      box,
      texts: placeCentred(c.head.pieces, content),
      rules: [],
      tooltip: c.head.tooltip,
    };
  });

  const groups: DiagramContainer[] = [...drawn]
    .sort((a, b) => depthOf.get(a)! - depthOf.get(b)! || groupLeft.get(a)! - groupLeft.get(b)!)
    .map((g) => {
      const x = groupLeft.get(g)!;
      const y = base + groupTop.get(g)!;
      const box = { x, y, width: groupRight.get(g)! - x, height: base + groupBottom.get(g)! - y };
      const label = groupLabels.get(g)!;
      const text = linesAt(label.wrapped.lines, "container", x + GROUP_LABEL_INSET, y + GROUP_LABEL_TOP, "start");
      const labelBox = { x: x + GROUP_LABEL_INSET - 3, y: y + GROUP_LABEL_TOP - 1, width: label.wrapped.width + 6, height: FONTS.container.lineHeight + 2 };
      return { id: `${name}-boundary-${idPart(g)}`, ref: g, box, depth: depthOf.get(g)!, label: text, labelBox, notes: [], tooltip: label.tooltip };
    });

  // ── y of the steps: one pass, top to bottom ──
  let y = base + bottom + STEPS_TOP;
  const messages: SequenceMessage[] = [];
  const notes: SequenceNote[] = [];
  let right = extent;
  for (const row of rows) {
    const x = xs[row.from]!;
    const from = columns[row.from]!.ref;
    if (row.kind === "note") {
      // A note may use the room up to the next lifeline.
      const left = x + row.badge / 2 + BESIDE + NOTE_PAD_X;
      const room = row.from + 1 < xs.length ? xs[row.from + 1]! - CLEAR - NOTE_PAD_X - left : LABEL_WIDE_MAX;
      if (row.wrapped.lines.length > 1 || row.wrapped.truncated) {
        const wider = balancedWrap(row.text, "step", Math.min(LABEL_WIDE_MAX, Math.max(NOTE_MAX_WIDTH, room)), NOTE_MAX_LINES);
        if (wider.width <= Math.max(room, row.wrapped.width)) row.wrapped = wider;
      }
      const lines = row.wrapped.lines.length;
      const height = lines * FONTS.step.lineHeight + 2 * NOTE_PAD_Y;
      const box = { x: x + row.badge / 2 + BESIDE, y, width: Math.ceil(row.wrapped.width) + 2 * NOTE_PAD_X, height };
      const badge = badgeAt(row.number, x, y + NOTE_PAD_Y + FONTS.step.lineHeight / 2);
      notes.push({
        id: `${name}-step-${row.number}`,
        number: row.number,
        ref: from,
        box,
        texts: [linesAt(row.wrapped.lines, "step", box.x + NOTE_PAD_X, y + NOTE_PAD_Y, "start")],
        badge,
        tooltip: `${row.number}. ${titleOf(from)}: ${row.text}`,
      });
      right = Math.max(right, box.x + box.width);
      y += height + ROW_GAP;
      continue;
    }
    const to = columns[row.to]!.ref;
    const tooltip = `${row.number}. ${titleOf(from)} → ${titleOf(to)}: ${row.text}${row.style === "async" ? " (async)" : ""}`;
    const id = `${name}-step-${row.number}`;
    if (row.kind === "self") {
      const labelHeight = row.wrapped.lines.length * FONTS.label.lineHeight + 2 * LABEL_PAD_Y;
      const loopTop = y + Math.max(0, (labelHeight - LOOP_HEIGHT) / 2);
      const out = x + row.badge / 2 + LOOP_WIDTH;
      const points = [
        { x: x + row.badge / 2, y: loopTop },
        { x: out, y: loopTop },
        { x: out, y: loopTop + LOOP_HEIGHT },
        { x, y: loopTop + LOOP_HEIGHT },
      ];
      const message: SequenceMessage = { id, number: row.number, from, to, style: row.style, points, badge: badgeAt(row.number, x, loopTop), tooltip };
      if (row.wrapped.lines.length > 0) {
        const box = { x: out + BESIDE, y: loopTop + LOOP_HEIGHT / 2 - labelHeight / 2, width: Math.ceil(row.wrapped.width) + 2 * LABEL_PAD_X, height: labelHeight };
        message.label = { box, texts: [linesAt(row.wrapped.lines, "label", box.x + LABEL_PAD_X, box.y + LABEL_PAD_Y, "start")] };
        right = Math.max(right, box.x + box.width);
      }
      messages.push(message);
      y = Math.max(loopTop + LOOP_HEIGHT + BADGE_HEIGHT / 2, y + labelHeight) + ROW_GAP;
      continue;
    }
    const toX = xs[row.to]!;
    const direction = toX > x ? 1 : -1;
    const start = x + (direction * row.badge) / 2;
    // Room between the number and the arrowhead: a label may use more of it than the first guess.
    const room = Math.abs(toX - start) - 2 * LABEL_MARGIN - 2 * LABEL_PAD_X;
    let wrapped = row.wrapped;
    if (wrapped.lines.length > 1 || wrapped.truncated) {
      const wider = balancedWrap(row.text, "label", Math.min(LABEL_WIDE_MAX, Math.max(LABEL_MAX_WIDTH, room)), LABEL_MAX_LINES);
      if (wider.width <= room) wrapped = wider;
    }
    const labelHeight = wrapped.lines.length * FONTS.label.lineHeight + 2 * LABEL_PAD_Y;
    const arrowY = wrapped.lines.length > 0 ? y + labelHeight + LABEL_RISE : y + BADGE_HEIGHT / 2;
    const message: SequenceMessage = {
      id,
      number: row.number,
      from,
      to,
      style: row.style,
      points: [
        { x: start, y: arrowY },
        { x: toX, y: arrowY },
      ],
      badge: badgeAt(row.number, x, arrowY),
      tooltip,
    };
    if (wrapped.lines.length > 0) {
      const width = Math.ceil(wrapped.width) + 2 * LABEL_PAD_X;
      const centre = (start + toX) / 2;
      const box = { x: centre - width / 2, y, width, height: labelHeight };
      message.label = { box, texts: [linesAt(wrapped.lines, "label", centre, y + LABEL_PAD_Y, "middle")] };
    }
    messages.push(message);
    y = arrowY + BADGE_HEIGHT / 2 + ROW_GAP;
  }
  const end = y - ROW_GAP + STEPS_BOTTOM;
  const lifelines = columns.map((c, j) => ({ id: `${name}-lifeline-${idPart(c.ref)}`, ref: c.ref, x: xs[j]!, y1: base, y2: end }));
  return {
    name,
    title: `${system.title} — ${flow.title}`,
    width: Math.ceil(right + DIAGRAM_PAD),
    height: Math.ceil(end + DIAGRAM_PAD),
    groups,
    heads,
    lifelines,
    messages,
    notes,
  };
}

function groupLabelWidth(wrapped: WrappedText): number {
  return Math.ceil(wrapped.width) + 2 * GROUP_LABEL_INSET;
}

/**
 * Whether each message is drawn dashed: a message goes over the connection
 * that joins its two ends (the same way round first, then the other), or
 * failing that one that joins the boundaries around them, nearest first;
 * it is async when that connection is.
 */
function messageStyles(system: SystemModel, ancestors: (id: string) => string[]): (from: string, to: string) => "sync" | "async" {
  const connections = new Map<string, boolean>();
  for (const c of system.connections) {
    const key = `${c.from}\u0000${c.to}`;
    // Two connections the same way round: async only when both are.
    connections.set(key, (connections.get(key) ?? true) && c.async);
  }
  return (from, to) => {
    const left = [from, ...[...ancestors(from)].reverse()];
    const right = [to, ...[...ancestors(to)].reverse()];
    for (let distance = 0; distance <= left.length + right.length - 2; distance++) {
      for (let i = 0; i <= distance && i < left.length; i++) {
        const j = distance - i;
        if (j >= right.length) continue;
        const a = left[i]!;
        const b = right[j]!;
        const there = connections.get(`${a}\u0000${b}`);
        if (there !== undefined) return there ? "async" : "sync";
        const back = connections.get(`${b}\u0000${a}`);
        if (back !== undefined) return back ? "async" : "sync";
      }
    }
    return "sync";
  };
}

