/**
 * Clean-up of the orthogonal routes ELK gives: sub-pixel slants, tiny jogs,
 * jogs just before a node, sections in path order, and a free spot for a
 * boundary's name among the edges crossing its top.
 */
import { CYLINDER_RY, HEXAGON_INSET, PERSON_BODY_RX, PERSON_HEAD_R, QUEUE_RX } from "./shapes.js";
import type { Shape } from "../semantics/model.js";
import type { ElkExtendedEdge } from "./elk.js";
import type { DiagramEdge, Point, Rect } from "./types.js";

/**
 * Makes nearly-straight segments straight: ELK joins the sections of an edge
 * that crosses a boundary with sub-pixel differences.
 */
function orthogonalize(points: Point[]): Point[] {
  const out = points.map((p) => ({ x: p.x, y: p.y }));
  const SNAP = 1.5;
  for (let i = 0; i + 1 < out.length; i++) {
    const p = out[i]!;
    const q = out[i + 1]!;
    const dx = Math.abs(q.x - p.x);
    const dy = Math.abs(q.y - p.y);
    if (dx > 0 && dx < SNAP && dy > dx) {
      const old = q.x;
      for (let j = i + 1; j < out.length && out[j]!.x === old; j++) {
        out[j]!.x = p.x;
        if (j + 1 < out.length && out[j + 1]!.x !== old) break;
      }
    } else if (dy > 0 && dy < SNAP && dx > dy) {
      const old = q.y;
      for (let j = i + 1; j < out.length && out[j]!.y === old; j++) {
        out[j]!.y = p.y;
        if (j + 1 < out.length && out[j + 1]!.y !== old) break;
      }
    }
  }
  return out;
}

/** Drops repeated points and the middle of three collinear points; straightens sub-pixel slants. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of orthogonalize(points)) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.05 && Math.abs(last.y - p.y) < 0.05) continue;
    out.push({ x: p.x, y: p.y });
  }
  for (let i = out.length - 2; i >= 1; i--) {
    const a = out[i - 1]!;
    const b = out[i]!;
    const c = out[i + 1]!;
    const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    if (Math.abs(cross) < 0.5) out.splice(i, 1);
  }
  return out;
}

/**
 * Removes tiny jogs ELK leaves in orthogonal routes (a 1 px step between two
 * long parallel segments) by moving the shorter neighbouring segment.
 */
export function straightenJogs(points: Point[]): Point[] {
  const p = points.map((q) => ({ ...q }));
  const JOG = 3;
  for (let i = 1; i + 2 < p.length; i++) {
    const a = p[i]!;
    const b = p[i + 1]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len === 0 || len >= JOG) continue;
    const horizontal = Math.abs(b.y - a.y) < 0.05;
    // Segment before (p[i-1] → a) and after (b → p[i+2]) are perpendicular to the jog.
    const before = i - 1;
    const after = i + 2;
    const canMoveBefore = before >= 1; // p[before] is a bend, not the start
    const canMoveAfter = after <= p.length - 2; // p[after] is a bend, not the end
    if (horizontal) {
      if (canMoveBefore) {
        p[before]!.x = b.x;
        a.x = b.x;
      } else if (canMoveAfter) {
        p[after]!.x = a.x;
        b.x = a.x;
      }
    } else {
      if (canMoveBefore) {
        p[before]!.y = b.y;
        a.y = b.y;
      } else if (canMoveAfter) {
        p[after]!.y = a.y;
        b.y = a.y;
      }
    }
  }
  return simplify(p);
}

/** Longest jog next to a node that is taken out by moving the end segment. */
const MAX_END_JOG = 40;
/** Closest two edge ends may come on one node side. */
const MIN_END_DISTANCE = 12;
/** How close to each corner an edge may end on a node's side (for a moved end). */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function endMargins(shape: Shape): Margins {
  switch (shape) {
    case "queue":
      return { left: 2 * QUEUE_RX + 4, right: 3 * QUEUE_RX, top: 14, bottom: 14 };
    case "hexagon":
      return { left: HEXAGON_INSET + 10, right: HEXAGON_INSET + 10, top: 16, bottom: 16 };
    case "cylinder":
      return { left: 20, right: 20, top: 2 * CYLINDER_RY + 6, bottom: 2 * CYLINDER_RY + 6 };
    case "person":
      return { left: PERSON_BODY_RX + 4, right: PERSON_BODY_RX + 4, top: 2 * PERSON_HEAD_R + 12, bottom: 16 };
    case "cloud":
      return { left: 30, right: 30, top: 24, bottom: 24 };
    case "rounded":
      return { left: 16, right: 16, top: 16, bottom: 16 };
    case "rectangle":
    case "dashed":
    case "document":
      return { left: 10, right: 10, top: 10, bottom: 10 };
  }
}

/**
 * ELK often bends an edge just before its target: a short jog between two
 * parallel segments. When the last segment can move onto the line of the one
 * before (still on the node's side, clear of the other edge ends), the jog
 * goes away.
 */
export function removeEndJog(points: Point[], box: Rect, margins: Margins, others: Point[], label?: Rect): Point[] {
  const n = points.length;
  if (n < 4) return points;
  const a = points[n - 4]!;
  const b = points[n - 3]!;
  const c = points[n - 2]!;
  const d = points[n - 1]!;
  const vertical = (p: Point, q: Point): boolean => Math.abs(p.x - q.x) < 0.05;
  const horizontal = (p: Point, q: Point): boolean => Math.abs(p.y - q.y) < 0.05;
  const jog = Math.hypot(c.x - b.x, c.y - b.y);
  if (jog === 0 || jog > MAX_END_JOG) return points;
  // The segment that moves must not be the one carrying the label.
  if (label && segmentTouches(c, d, label)) return points;
  const out = points.map((p) => ({ ...p }));
  if (vertical(a, b) && vertical(c, d) && horizontal(b, c)) {
    const x = b.x;
    if (x < box.x + margins.left || x > box.x + box.width - margins.right) return points;
    if (others.some((o) => Math.abs(o.y - d.y) < 1 && Math.abs(o.x - x) < MIN_END_DISTANCE)) return points;
    out[n - 2]!.x = x;
    out[n - 1]!.x = x;
  } else if (horizontal(a, b) && horizontal(c, d) && vertical(b, c)) {
    const y = b.y;
    if (y < box.y + margins.top || y > box.y + box.height - margins.bottom) return points;
    if (others.some((o) => Math.abs(o.x - d.x) < 1 && Math.abs(o.y - y) < MIN_END_DISTANCE)) return points;
    out[n - 2]!.y = y;
    out[n - 1]!.y = y;
  } else {
    return points;
  }
  return simplify(out);
}

function segmentTouches(p: Point, q: Point, r: Rect): boolean {
  const e = 2;
  return Math.max(p.x, q.x) >= r.x - e && Math.min(p.x, q.x) <= r.x + r.width + e && Math.max(p.y, q.y) >= r.y - e && Math.min(p.y, q.y) <= r.y + r.height + e;
}

/**
 * The leftmost x in `band` where a label `width` wide crosses no edge
 * segment; the band's left end when there is none.
 */
export function freeSpot(band: Rect, width: number, edges: DiagramEdge[]): number {
  const MARGIN = 8;
  const blocked: [number, number][] = [];
  for (const e of edges) {
    for (let i = 0; i + 1 < e.points.length; i++) {
      const p = e.points[i]!;
      const q = e.points[i + 1]!;
      const top = Math.min(p.y, q.y);
      const bottom = Math.max(p.y, q.y);
      if (bottom < band.y || top > band.y + band.height) continue;
      blocked.push([Math.min(p.x, q.x) - MARGIN, Math.max(p.x, q.x) + MARGIN]);
    }
    if (e.label) {
      const l = e.label.box;
      if (l.y + l.height >= band.y && l.y <= band.y + band.height) blocked.push([l.x - MARGIN, l.x + l.width + MARGIN]);
    }
  }
  blocked.sort((u, v) => u[0] - v[0] || u[1] - v[1]);
  let x = band.x;
  for (const [from, to] of blocked) {
    if (to <= x) continue;
    if (from >= x + width) break;
    x = to;
  }
  return x + width <= band.x + band.width ? x : band.x;
}

/** An edge's sections in path order (ELK gives one per hierarchy level it crosses, linked by ids). */
export function orderSections(edge: ElkExtendedEdge): NonNullable<ElkExtendedEdge["sections"]> {
  const sections = edge.sections ?? [];
  if (sections.length <= 1) return sections;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const first = sections.find((s) => !s.incomingSections || s.incomingSections.length === 0) ?? sections[0]!;
  const ordered = [first];
  const seen = new Set([first.id]);
  let current = first;
  while (current.outgoingSections && current.outgoingSections.length > 0) {
    const next = byId.get(current.outgoingSections[0]!);
    if (!next || seen.has(next.id)) break;
    ordered.push(next);
    seen.add(next.id);
    current = next;
  }
  return ordered.length === sections.length ? ordered : sections;
}
