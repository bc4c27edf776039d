/**
 * Lays out a graph of components in boundaries: the architecture diagram and
 * the flow diagrams are both built as a `GraphSpec` and laid out here, with
 * ELK's layered algorithm, boundaries as nested compound nodes
 * (`INCLUDE_CHILDREN`), orthogonal edges and edge labels that ELK places.
 */
import type { Shape } from "../semantics/model.js";
import { runElk, type ElkExtendedEdge, type ElkNode, type LayoutOptions } from "./elk.js";
import { FONTS, baselineOffset, ellipsize, normalizeSpace, textWidth, wrapText, type FontName, type WrappedText } from "./measure.js";
import { CYLINDER_RY, HEXAGON_INSET, PERSON_BODY_RX, PERSON_HEAD_R, QUEUE_RX, categoryOf, clipToOutline, sizeShape } from "./shapes.js";
import type {
  Diagram,
  DiagramContainer,
  DiagramEdge,
  DiagramKind,
  DiagramNode,
  EdgeStyle,
  NodeCategory,
  Point,
  Rect,
  TextBlock,
} from "./types.js";

export interface NodeSpec {
  /** The model id (component or boundary). */
  ref: string;
  shape: Shape;
  category?: NodeCategory;
  title: string;
  technology?: string;
  /** Lines listed under the name, in order (steps of a flow). */
  steps?: string[];
  /** The boundary it is drawn in. */
  container?: string;
  /** Position in the source: siblings are given to ELK in this order. */
  order: number;
  /** A user or client: where the story starts, drawn on top when possible. */
  entry?: boolean;
}

export interface ContainerSpec {
  ref: string;
  title: string;
  parent?: string;
  /** Extra lines under the boundary's name (steps of a flow inside a boundary). */
  steps?: string[];
  order: number;
}

export interface EdgeSpec {
  from: string;
  to: string;
  label?: string;
  technology?: string;
  style: EdgeStyle;
  /** Lay it out as if it pointed the other way (a reply in a flow); it is still drawn from → to. */
  backward?: boolean;
}

export interface GraphSpec {
  kind: DiagramKind;
  name: string;
  title: string;
  direction: "DOWN" | "RIGHT";
  /** In the order ELK should prefer (source order). */
  nodes: NodeSpec[];
  /** Parents before children. */
  containers: ContainerSpec[];
  edges: EdgeSpec[];
}

/** Widest a name line may be (px); longer names wrap onto up to 3 lines. */
export const TITLE_MAX_WIDTH = 180;
const TITLE_MAX_LINES = 3;
const TECH_MAX_LINES = 2;
const STEP_MAX_WIDTH = 220;
const STEP_MAX_LINES = 3;
const LABEL_MAX_WIDTH = 170;
const LABEL_MAX_LINES = 3;
const LABEL_PAD_X = 5;
const LABEL_PAD_Y = 3;
const CONTAINER_PAD = 20;
const CONTAINER_LABEL_MAX = 320;
const DIAGRAM_PAD = 24;
/** Wider than this, a diagram is shrunk on a GitHub page until its text is hard to read. */
const MAX_WIDTH = 1100;

const SPACING: LayoutOptions = {
  "elk.spacing.nodeNode": "44",
  "elk.layered.spacing.nodeNodeBetweenLayers": "36",
  "elk.spacing.edgeNode": "22",
  "elk.layered.spacing.edgeNodeBetweenLayers": "20",
  "elk.spacing.edgeEdge": "14",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
  "elk.spacing.edgeLabel": "4",
  "elk.spacing.labelNode": "6",
  "elk.spacing.nodeSelfLoop": "20",
};

/** Makes `text` safe as (part of) an XML id. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

// ── text blocks ────────────────────────────────────────────────────────

interface Piece {
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
function placePieces(pieces: Piece[], area: Rect): { texts: TextBlock[]; rules: number[] } {
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

interface PreparedNode {
  spec: NodeSpec;
  elkId: string;
  width: number;
  height: number;
  content: Rect;
  pieces: Piece[];
  tooltip: string;
}

function prepareNode(spec: NodeSpec): PreparedNode {
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

interface PreparedContainer {
  spec: ContainerSpec;
  elkId: string;
  pieces: Piece[];
  labelHeight: number;
  labelWidth: number;
  depth: number;
  tooltip: string;
}

function prepareContainer(spec: ContainerSpec, depth: number): PreparedContainer {
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

interface PreparedLabel {
  width: number;
  height: number;
  pieces: Piece[];
}

function prepareLabel(edge: EdgeSpec): PreparedLabel | undefined {
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

function edgeTooltip(edge: EdgeSpec, titles: Map<string, string>): string {
  const from = titles.get(edge.from) ?? edge.from;
  const to = titles.get(edge.to) ?? edge.to;
  let text = `${from} → ${to}`;
  if (edge.label) text += `: ${normalizeSpace(edge.label)}`;
  if (edge.technology) text += ` [${normalizeSpace(edge.technology)}]`;
  if (edge.style === "async") text += " (async)";
  return text;
}

// ── points ─────────────────────────────────────────────────────────────

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

// ── layout ─────────────────────────────────────────────────────────────

/** Above this many nodes and boundaries a layout trades polish for time. */
const LARGE_GRAPH = 150;

export async function layoutGraph(spec: GraphSpec): Promise<Diagram> {
  const name = spec.name;
  const depthOf = new Map<string, number>();
  const containers: PreparedContainer[] = [];
  for (const c of spec.containers) {
    const depth = c.parent !== undefined ? (depthOf.get(c.parent) ?? 0) + 1 : 1;
    depthOf.set(c.ref, depth);
    containers.push(prepareContainer(c, depth));
  }
  const nodes = spec.nodes.map(prepareNode);
  const elkIdOf = new Map<string, string>();
  for (const c of containers) elkIdOf.set(c.spec.ref, c.elkId);
  for (const n of nodes) elkIdOf.set(n.spec.ref, n.elkId);
  const titles = new Map<string, string>();
  for (const c of spec.containers) titles.set(c.ref, normalizeSpace(c.title));
  for (const n of spec.nodes) titles.set(n.ref, normalizeSpace(n.title));

  // Thorough crossing minimisation and network-simplex placement read best,
  // but grow much faster than the graph; a large design gets ELK's defaults
  // and one layout run, so that it finishes in seconds rather than minutes.
  const large = nodes.length + containers.length > LARGE_GRAPH || spec.edges.length > 2 * LARGE_GRAPH;
  // The ELK graph: containers nest, nodes sit in their container.
  const layoutOptions: LayoutOptions = {
    "elk.algorithm": "layered",
    "elk.direction": spec.direction,
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.padding": `[top=${DIAGRAM_PAD},left=${DIAGRAM_PAD},bottom=${DIAGRAM_PAD},right=${DIAGRAM_PAD}]`,
    "elk.edgeLabels.placement": "CENTER",
    "elk.edgeLabels.inline": "true",
    "elk.layered.considerModelOrder.strategy": large ? "NONE" : "NODES_AND_EDGES",
    "elk.layered.nodePlacement.strategy": large ? "BRANDES_KOEPF" : "NETWORK_SIMPLEX",
    "elk.layered.thoroughness": large ? "1" : "30",
    "elk.randomSeed": "1",
    ...SPACING,
  };
  const root: ElkNode = { id: "root", layoutOptions, children: [], edges: [] };
  const elkContainers = new Map<string, ElkNode>();
  for (const c of containers) {
    const node: ElkNode = {
      id: c.elkId,
      layoutOptions: {
        "elk.padding": `[top=${Math.ceil(c.labelHeight) + 26},left=${CONTAINER_PAD},bottom=${CONTAINER_PAD},right=${CONTAINER_PAD}]`,
        "elk.nodeSize.constraints": "[MINIMUM_SIZE]",
        "elk.contentAlignment": "[H_CENTER, V_TOP]",
        "elk.nodeSize.minimum": minimumSize(spec.direction, containerMinWidth(c.labelWidth), Math.ceil(c.labelHeight) + 60),
        ...SPACING,
      },
      children: [],
    };
    elkContainers.set(c.spec.ref, node);
    const parent = c.spec.parent !== undefined ? elkContainers.get(c.spec.parent) : undefined;
    (parent ?? root).children!.push(node);
  }
  for (const n of nodes) {
    const node: ElkNode = { id: n.elkId, width: n.width, height: n.height };
    const parent = n.spec.container !== undefined ? elkContainers.get(n.spec.container) : undefined;
    (parent ?? root).children!.push(node);
  }
  const orderOf = new Map<string, number>();
  for (const c of containers) orderOf.set(c.elkId, c.spec.order);
  for (const n of nodes) orderOf.set(n.elkId, n.spec.order);
  const sortChildren = (node: ElkNode): void => {
    if (!node.children) return;
    node.children.sort((a, b) => (orderOf.get(a.id) ?? 0) - (orderOf.get(b.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    node.children.forEach(sortChildren);
  };
  sortChildren(root);
  // Thousands of edge labels cannot be read anyway, and each is a node to ELK:
  // a large diagram keeps them only in the edges' tooltips.
  const labels = spec.edges.map((edge) => (large ? undefined : prepareLabel(edge)));
  const ends = spec.edges.map((edge) => ({ source: elkIdOf.get(edge.from), target: elkIdOf.get(edge.to) }));
  const persons = new Set(nodes.filter((n) => n.spec.entry === true || n.spec.shape === "person").map((n) => n.elkId));
  const intoPersons = new Set<number>();
  ends.forEach((e, i) => {
    if (e.target !== undefined && e.source !== undefined && persons.has(e.target) && !persons.has(e.source)) intoPersons.add(i);
  });
  /** The ELK graph with the edges in `flip` given the other way round (turned back after layout). */
  const build = (flip: Set<number>, extra: LayoutOptions): ElkNode => {
    const graph = structuredClone(root);
    graph.layoutOptions = { ...graph.layoutOptions, ...extra };
    spec.edges.forEach((edge, i) => {
      const { source, target } = ends[i]!;
      if (source === undefined || target === undefined) return;
      const flipped = flip.has(i);
      const elkEdge: ElkExtendedEdge = { id: `e:${i}`, sources: [flipped ? target : source], targets: [flipped ? source : target] };
      const label = labels[i];
      if (label) {
        const text = normalizeSpace(`${edge.label ?? ""} ${edge.technology ?? ""}`) || "label";
        elkEdge.labels = [{ id: `l:${i}`, text, width: label.width, height: label.height, layoutOptions: { "elk.edgeLabels.inline": "true" } }];
      }
      graph.edges!.push(elkEdge);
    });
    return graph;
  };
  /** Lower is better: edges drawn against the direction, and edges into people drawn with the direction. */
  const score = (laid: ElkNode): number => {
    const centre = new Map<string, number>();
    const walkCentres = (node: ElkNode, oy: number): void => {
      const y = oy + (node.y ?? 0);
      centre.set(node.id, y + (node.height ?? 0) / 2);
      for (const child of node.children ?? []) walkCentres(child, y);
    };
    walkCentres(laid, 0);
    let total = 0;
    ends.forEach((e, i) => {
      if (e.source === undefined || e.target === undefined || e.source === e.target) return;
      const down = (centre.get(e.target) ?? 0) > (centre.get(e.source) ?? 0) + 1;
      const up = (centre.get(e.target) ?? 0) < (centre.get(e.source) ?? 0) - 1;
      if (intoPersons.has(i)) total += down ? 3 : 0;
      else total += up ? 1 : 0;
    });
    return total;
  };

  // People start the story. ELK breaks cycles without knowing that; when it
  // puts someone below a component that answers them, lay out again with
  // the edges into people turned round, and keep the better of the two.
  let flipped = new Set<number>();
  spec.edges.forEach((edge, i) => {
    if (edge.backward) flipped.add(i);
  });
  // The people-first layout is tried first, as it is usually the one kept:
  // when nothing in it runs against the reading direction, one run is enough.
  let laid: ElkNode;
  if (!large && spec.direction === "DOWN" && [...intoPersons].some((i) => !flipped.has(i))) {
    const alternative = new Set([...flipped, ...intoPersons]);
    const peopleFirst = await runElk(build(alternative, {}));
    const peopleFirstScore = score(peopleFirst);
    laid = peopleFirst;
    if (peopleFirstScore > 0) {
      const plain = await runElk(build(flipped, {}));
      if (score(plain) <= peopleFirstScore) laid = plain;
    }
    if (laid === peopleFirst) flipped = alternative;
  } else {
    laid = await runElk(build(flipped, {}));
  }
  // Many unconnected components would stand in one very wide row: bound
  // the nodes per layer and lay out again.
  if (!large && (laid.width ?? 0) > MAX_WIDTH && nodes.length > 3) {
    const average = nodes.reduce((sum, n) => sum + n.width, 0) / nodes.length;
    const spacing = Number(SPACING["elk.spacing.nodeNode"]);
    const bound = Math.max(2, Math.floor((MAX_WIDTH + spacing) / (average + spacing)));
    const bounded = await runElk(
      build(flipped, { "elk.layered.layering.strategy": "COFFMAN_GRAHAM", "elk.layered.layering.coffmanGraham.layerBound": String(bound) }),
    );
    if ((bounded.width ?? 0) < (laid.width ?? 0)) laid = bounded;
  }

  // Absolute positions of every ELK node.
  const origin = new Map<string, Point>();
  const boxes = new Map<string, Rect>();
  const edgesOut = new Map<string, ElkExtendedEdge>();
  const walk = (node: ElkNode, ox: number, oy: number): void => {
    const x = ox + (node.x ?? 0);
    const y = oy + (node.y ?? 0);
    origin.set(node.id, { x, y });
    boxes.set(node.id, { x, y, width: node.width ?? 0, height: node.height ?? 0 });
    for (const e of node.edges ?? []) edgesOut.set(e.id, e);
    for (const child of node.children ?? []) walk(child, x, y);
  };
  walk(laid, 0, 0);

  const nodeShapes = new Map<string, { shape: Shape; box: Rect }>();
  const diagramNodes: DiagramNode[] = nodes.map((n) => {
    const box = boxes.get(n.elkId)!;
    nodeShapes.set(n.elkId, { shape: n.spec.shape, box });
    const area = { x: box.x + n.content.x, y: box.y + n.content.y, width: n.content.width, height: n.content.height };
    const placed = placePieces(n.pieces, area);
    return {
      id: `${name}-node-${idPart(n.spec.ref)}`,
      ref: n.spec.ref,
      shape: n.spec.shape,
      category: n.spec.category ?? categoryOf(n.spec.shape),
      box,
      texts: placed.texts,
      rules: placed.rules.map((y) => ({ x1: box.x + 12, x2: box.x + box.width - 12, y })),
      tooltip: n.tooltip,
    };
  });

  // Edge routes in absolute coordinates, with ELK's small jogs taken out.
  interface Route {
    index: number;
    out: ElkExtendedEdge;
    /** ELK ids of the real ends (ELK may have been given the edge flipped). */
    source: string;
    target: string;
    offset: Point;
    points: Point[];
  }
  const routes: Route[] = [];
  spec.edges.forEach((_edge, index) => {
    const out = edgesOut.get(`e:${index}`);
    if (!out) return;
    const container = (out as ElkExtendedEdge & { container?: string }).container ?? "root";
    const offset = origin.get(container) ?? { x: 0, y: 0 };
    const points: Point[] = [];
    for (const section of orderSections(out)) {
      const raw = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      for (const p of raw) points.push({ x: p.x + offset.x, y: p.y + offset.y });
    }
    const flip = flipped.has(index);
    const clean = straightenJogs(simplify(flip ? points.reverse() : points));
    const [source, target] = flip ? [out.targets[0]!, out.sources[0]!] : [out.sources[0]!, out.targets[0]!];
    if (clean.length >= 2) routes.push({ index, out, source, target, offset, points: clean });
  });
  const endpoints = (elkId: string, except: Route): Point[] => {
    const list: Point[] = [];
    for (const r of routes) {
      if (r === except) continue;
      if (r.source === elkId) list.push(r.points[0]!);
      if (r.target === elkId) list.push(r.points[r.points.length - 1]!);
    }
    return list;
  };
  const labelRect = (route: Route): Rect | undefined => {
    const label = labels[route.index];
    const elkLabel = route.out.labels?.[0];
    if (!label || !elkLabel) return undefined;
    return { x: (elkLabel.x ?? 0) + route.offset.x, y: (elkLabel.y ?? 0) + route.offset.y, width: label.width, height: label.height };
  };
  for (const route of routes) {
    if (route.source === route.target) continue; // a self-loop is all jog
    const target = boxes.get(route.target);
    const source = boxes.get(route.source);
    const targetShape = nodeShapes.get(route.target);
    const sourceShape = nodeShapes.get(route.source);
    if (target && targetShape) {
      route.points = removeEndJog(route.points, target, endMargins(targetShape.shape), endpoints(route.target, route), labelRect(route));
    }
    if (source && sourceShape) {
      const reversed = route.points.slice().reverse();
      route.points = removeEndJog(reversed, source, endMargins(sourceShape.shape), endpoints(route.source, route), labelRect(route)).reverse();
    }
  }

  const used = new Map<string, number>();
  const diagramEdges: DiagramEdge[] = [];
  for (const route of routes) {
    const edge = spec.edges[route.index]!;
    const points = route.points;
    // End on the drawn outline, not on the bounding box.
    const sourceShape = nodeShapes.get(route.source);
    const targetShape = nodeShapes.get(route.target);
    if (targetShape) {
      const n = points.length;
      const prev = points[n - 2]!;
      const last = points[n - 1]!;
      points[n - 1] = clipToOutline(targetShape.shape, targetShape.box, prev, last, Math.hypot(last.x - prev.x, last.y - prev.y) - 8);
    }
    if (sourceShape) {
      const next = points[1]!;
      const first = points[0]!;
      points[0] = clipToOutline(sourceShape.shape, sourceShape.box, next, first, Math.hypot(first.x - next.x, first.y - next.y) - 8);
    }
    const key = `${idPart(edge.from)}-${idPart(edge.to)}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    const diagramEdge: DiagramEdge = {
      id: `${name}-edge-${key}${count > 1 ? `-${count}` : ""}`,
      from: edge.from,
      to: edge.to,
      style: edge.style,
      points,
      tooltip: edgeTooltip(edge, titles),
    };
    const label = labels[route.index];
    const elkLabel = route.out.labels?.[0];
    if (label && elkLabel) {
      const box = { x: (elkLabel.x ?? 0) + route.offset.x, y: (elkLabel.y ?? 0) + route.offset.y, width: label.width, height: label.height };
      const placed = placePieces(label.pieces, { x: box.x + LABEL_PAD_X, y: box.y + LABEL_PAD_Y, width: box.width - 2 * LABEL_PAD_X, height: box.height - 2 * LABEL_PAD_Y });
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      let depth = 0;
      for (const c of containers) {
        const b = boxes.get(c.elkId)!;
        if (c.depth > depth && centre.x >= b.x && centre.x <= b.x + b.width && centre.y >= b.y && centre.y <= b.y + b.height) depth = c.depth;
      }
      diagramEdge.label = { box, texts: placed.texts, depth };
    }
    diagramEdges.push(diagramEdge);
  }

  // Boundary names go at the top left, or further right where no edge crosses them.
  const diagramContainers: DiagramContainer[] = containers.map((c) => {
    const box = boxes.get(c.elkId)!;
    const band: Rect = { x: box.x + CONTAINER_LABEL_INSET, y: box.y + 8, width: box.width - 2 * CONTAINER_LABEL_INSET, height: c.labelHeight + 8 };
    const x = freeSpot(band, Math.ceil(c.labelWidth), diagramEdges);
    const placed = placePieces(c.pieces, { x, y: box.y + 12, width: c.labelWidth, height: c.labelHeight });
    return {
      id: `${name}-boundary-${idPart(c.spec.ref)}`,
      ref: c.spec.ref,
      box,
      depth: c.depth,
      label: placed.texts[0]!,
      notes: placed.texts.slice(1),
      labelBox: { x: x - 4, y: box.y + 10, width: Math.ceil(c.labelWidth) + 8, height: c.labelHeight + 4 },
      tooltip: c.tooltip,
    };
  });

  return {
    kind: spec.kind,
    name,
    title: spec.title,
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    containers: diagramContainers,
    nodes: diagramNodes,
    tables: [],
    edges: diagramEdges,
  };
}

const CONTAINER_LABEL_INSET = 14;

/**
 * ELK 0.12 reads a compound node's minimum size transposed when the
 * direction is DOWN and children are laid out with their parent
 * (INCLUDE_CHILDREN); the structural tests notice if that changes.
 */
function minimumSize(direction: "DOWN" | "RIGHT", width: number, height: number): string {
  return direction === "DOWN" ? `(${height}, ${width})` : `(${width}, ${height})`;
}

/**
 * A boundary is at least wide enough for its name twice over (up to a
 * point), so an edge crossing its top still leaves room for the name on one
 * side.
 */
function containerMinWidth(labelWidth: number): number {
  const w = Math.ceil(labelWidth);
  return 2 * CONTAINER_LABEL_INSET + w + Math.min(w, 160) + 24;
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

function endMargins(shape: Shape): Margins {
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
function orderSections(edge: ElkExtendedEdge): NonNullable<ElkExtendedEdge["sections"]> {
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
