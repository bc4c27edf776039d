/**
 * The geometry of each node shape: how big a box its text needs, where the
 * text sits, and which points are inside the drawn outline (so an edge can
 * end on the outline rather than on the bounding box). The renderer draws the
 * outlines from the same constants.
 */
import type { Shape } from "../semantics/model.js";
import type { NodeCategory, Point, Rect } from "./types.js";

/** Vertical radius of a cylinder's top and bottom ellipses. */
export const CYLINDER_RY = 9;
/** Horizontal radius of a queue pipe's end ellipses. */
export const QUEUE_RX = 10;
/** How far a hexagon's corners sit in from its left and right points. */
export const HEXAGON_INSET = 16;
/** A person's head radius, and the gap between head and body. */
export const PERSON_HEAD_R = 13;
export const PERSON_GAP = 2;
/** Corner radius of a person's body. */
export const PERSON_BODY_RX = 20;
/** Corner radius of `rounded` and of boundaries. */
export const ROUNDED_RX = 12;
export const RECT_RX = 4;
/** Height of a document's wavy bottom edge. */
export const DOCUMENT_WAVE = 8;

/**
 * The cloud outline in unit coordinates (0..1 of the box): a start point and
 * cubic Bézier segments (two control points and an end point each), closed
 * by a straight bottom edge.
 */
export const CLOUD_START: readonly [number, number] = [0.24, 0.97];
export const CLOUD_CURVES: readonly (readonly [number, number, number, number, number, number])[] = [
  [0.09, 0.97, 0.01, 0.8, 0.07, 0.62],
  [0.0, 0.45, 0.1, 0.3, 0.22, 0.33],
  [0.24, 0.12, 0.4, 0.02, 0.52, 0.14],
  [0.6, 0.0, 0.8, 0.03, 0.81, 0.27],
  [0.95, 0.27, 1.0, 0.5, 0.93, 0.66],
  [0.99, 0.82, 0.9, 0.98, 0.76, 0.97],
];

/** Padding around a node's text inside its outline. */
const PAD_X = 16;
const PAD_Y = 12;
export const MIN_NODE_WIDTH = 132;
export const MIN_NODE_HEIGHT = 52;

export interface ShapeSize {
  width: number;
  height: number;
  /** Where the text block goes, relative to the box's top left. */
  content: Rect;
}

/** The box a node of `shape` needs around a block of text of `contentWidth` × `contentHeight`. */
export function sizeShape(shape: Shape, contentWidth: number, contentHeight: number): ShapeSize {
  const cw = Math.ceil(contentWidth);
  const ch = Math.ceil(contentHeight);
  switch (shape) {
    case "cylinder": {
      const width = Math.max(MIN_NODE_WIDTH, cw + 2 * PAD_X);
      const top = 2 * CYLINDER_RY + PAD_Y - 2;
      const height = Math.max(MIN_NODE_HEIGHT + 2 * CYLINDER_RY, top + ch + PAD_Y + CYLINDER_RY);
      return { width, height, content: centred(width, top, height - CYLINDER_RY, cw, ch) };
    }
    case "queue": {
      const width = Math.max(MIN_NODE_WIDTH + 2 * QUEUE_RX, cw + 2 * PAD_X + 3 * QUEUE_RX);
      const height = Math.max(MIN_NODE_HEIGHT, ch + 2 * PAD_Y);
      // The front face (right ellipse) is drawn; centre the text on the pipe's side.
      return { width, height, content: centredIn({ x: QUEUE_RX, y: 0, width: width - 3 * QUEUE_RX, height }, cw, ch) };
    }
    case "hexagon": {
      const width = Math.max(MIN_NODE_WIDTH + 2 * HEXAGON_INSET, cw + 2 * (PAD_X + HEXAGON_INSET) - 8);
      const height = Math.max(MIN_NODE_HEIGHT, ch + 2 * PAD_Y);
      return { width, height, content: centred(width, 0, height, cw, ch) };
    }
    case "person": {
      const head = 2 * PERSON_HEAD_R + PERSON_GAP;
      const width = Math.max(MIN_NODE_WIDTH, cw + 2 * PAD_X);
      const height = head + Math.max(MIN_NODE_HEIGHT - 6, ch + 2 * PAD_Y);
      return { width, height, content: centred(width, head, height, cw, ch) };
    }
    case "cloud": {
      // The text sits in the cloud's middle band: about 72% of its width and 62% of its height.
      const width = Math.max(MIN_NODE_WIDTH + 24, Math.ceil((cw + 12) / 0.74));
      const height = Math.max(MIN_NODE_HEIGHT + 16, Math.ceil((ch + 6) / 0.6));
      return { width, height, content: centredIn({ x: 0, y: height * 0.1, width, height: height * 0.85 }, cw, ch) };
    }
    case "document": {
      const width = Math.max(MIN_NODE_WIDTH, cw + 2 * PAD_X);
      const height = Math.max(MIN_NODE_HEIGHT + DOCUMENT_WAVE, ch + 2 * PAD_Y + DOCUMENT_WAVE);
      return { width, height, content: centred(width, 0, height - DOCUMENT_WAVE, cw, ch) };
    }
    case "rectangle":
    case "rounded":
    case "dashed": {
      const width = Math.max(MIN_NODE_WIDTH, cw + 2 * PAD_X);
      const height = Math.max(MIN_NODE_HEIGHT, ch + 2 * PAD_Y);
      return { width, height, content: centred(width, 0, height, cw, ch) };
    }
  }
}

function centred(width: number, top: number, bottom: number, cw: number, ch: number): Rect {
  return centredIn({ x: 0, y: top, width, height: bottom - top }, cw, ch);
}

function centredIn(area: Rect, cw: number, ch: number): Rect {
  return { x: area.x + (area.width - cw) / 2, y: area.y + (area.height - ch) / 2, width: cw, height: ch };
}

export function categoryOf(shape: Shape): NodeCategory {
  switch (shape) {
    case "cylinder":
      return "store";
    case "queue":
      return "queue";
    case "hexagon":
      return "gateway";
    case "person":
      return "person";
    case "cloud":
      return "cdn";
    case "dashed":
      return "external";
    case "document":
      return "document";
    case "rectangle":
    case "rounded":
      return "service";
  }
}

// ── outlines ───────────────────────────────────────────────────────────

function inEllipse(p: Point, cx: number, cy: number, rx: number, ry: number): boolean {
  const dx = (p.x - cx) / rx;
  const dy = (p.y - cy) / ry;
  return dx * dx + dy * dy <= 1.0001;
}

function inRect(p: Point, x: number, y: number, w: number, h: number): boolean {
  const e = 0.01;
  return p.x >= x - e && p.x <= x + w + e && p.y >= y - e && p.y <= y + h + e;
}

function cubic(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

/** The cloud outline of `box` as a polygon (sampled curves). */
export function cloudPolygon(box: Rect): Point[] {
  const points: Point[] = [];
  let [u0, v0] = CLOUD_START;
  const at = (u: number, v: number): Point => ({ x: box.x + u * box.width, y: box.y + v * box.height });
  points.push(at(u0, v0));
  for (const [u1, v1, u2, v2, u3, v3] of CLOUD_CURVES) {
    for (let i = 1; i <= 16; i++) {
      const t = i / 16;
      points.push(at(cubic(u0, u1, u2, u3, t), cubic(v0, v1, v2, v3, t)));
    }
    u0 = u3;
    v0 = v3;
  }
  return points;
}

function inPolygon(p: Point, polygon: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether `p` is inside (or on) the outline drawn for `shape` in `box`. */
export function insideShape(shape: Shape, box: Rect, p: Point): boolean {
  const { x, y, width: w, height: h } = box;
  switch (shape) {
    case "cylinder":
      return (
        inRect(p, x, y + CYLINDER_RY, w, h - 2 * CYLINDER_RY) ||
        inEllipse(p, x + w / 2, y + CYLINDER_RY, w / 2, CYLINDER_RY) ||
        inEllipse(p, x + w / 2, y + h - CYLINDER_RY, w / 2, CYLINDER_RY)
      );
    case "queue":
      return (
        inRect(p, x + QUEUE_RX, y, w - 2 * QUEUE_RX, h) ||
        inEllipse(p, x + QUEUE_RX, y + h / 2, QUEUE_RX, h / 2) ||
        inEllipse(p, x + w - QUEUE_RX, y + h / 2, QUEUE_RX, h / 2)
      );
    case "hexagon": {
      if (!inRect(p, x, y, w, h)) return false;
      const fromMiddle = Math.abs(p.y - (y + h / 2)) / (h / 2);
      const edge = HEXAGON_INSET * fromMiddle;
      return p.x >= x + edge - 0.01 && p.x <= x + w - edge + 0.01;
    }
    case "person": {
      const bodyTop = y + 2 * PERSON_HEAD_R + PERSON_GAP;
      return inRect(p, x, bodyTop, w, y + h - bodyTop) || inEllipse(p, x + w / 2, y + PERSON_HEAD_R, PERSON_HEAD_R, PERSON_HEAD_R);
    }
    case "cloud":
      return inPolygon(p, cloudPolygon(box));
    case "rectangle":
    case "rounded":
    case "dashed":
    case "document":
      return inRect(p, x, y, w, h);
  }
}

/**
 * Moves `end` (on the bounding box of a node) along the segment from `from`
 * towards it, until it meets the drawn outline; never past `maxShift`.
 */
export function clipToOutline(shape: Shape, box: Rect, from: Point, end: Point, maxShift: number): Point {
  if (insideShape(shape, box, end) || maxShift <= 0) return end;
  const length = Math.hypot(end.x - from.x, end.y - from.y);
  if (length === 0) return end;
  const ux = (end.x - from.x) / length;
  const uy = (end.y - from.y) / length;
  const at = (t: number): Point => ({ x: end.x + ux * t, y: end.y + uy * t });
  // Search no further than the middle of the box, which is inside every outline.
  const limit = Math.min(maxShift, Math.abs(ux) * (box.width / 2) + Math.abs(uy) * (box.height / 2));
  if (!insideShape(shape, box, at(limit))) return end;
  let low = 0;
  let high = limit;
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (insideShape(shape, box, at(mid))) high = mid;
    else low = mid;
  }
  return at(high);
}
