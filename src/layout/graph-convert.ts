/**
 * Converting ELK's result into a `Diagram`: absolute positions, edge routes
 * cleaned up and ended on the drawn outlines, text placed in its boxes,
 * boundary names where no edge crosses them.
 */
import type { Shape } from "../semantics/model.js";
import type { ElkExtendedEdge, ElkNode } from "./elk.js";
import { CONTAINER_LABEL_INSET, LABEL_PAD_X, LABEL_PAD_Y, placePieces } from "./graph-content.js";
import type { PreparedGraph } from "./graph-build.js";
import { categoryOf, clipToOutline } from "./shapes.js";
import { endMargins, freeSpot, orderSections, removeEndJog, simplify, straightenJogs } from "./routes.js";
import type { Diagram, DiagramContainer, DiagramEdge, DiagramNode, Point, Rect } from "./types.js";

/** Makes `text` safe as (part of) an XML id. */
export function idPart(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

/** Edge routes in absolute coordinates, with ELK's small jogs taken out. */
interface Route {
  index: number;
  out: ElkExtendedEdge;
  /** ELK ids of the real ends (ELK may have been given the edge flipped). */
  source: string;
  target: string;
  offset: Point;
  points: Point[];
}

export function convertLayout(graph: PreparedGraph, laid: ElkNode, flipped: ReadonlySet<number>): Diagram {
  const { spec, nodes, containers, labels } = graph;
  const name = spec.name;
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
      tooltip: graph.tooltips[route.index]!,
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
