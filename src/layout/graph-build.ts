/**
 * Building the ELK graph of a `GraphSpec`: every text measured, boundaries
 * as nested compound nodes (laid out with their parent, INCLUDE_CHILDREN),
 * siblings in source order, edge labels as ELK labels.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "./elk.js";
import { CONTAINER_LABEL_INSET, edgeTooltip, prepareContainer, prepareLabel, prepareNode } from "./graph-content.js";
import type { PreparedContainer, PreparedLabel, PreparedNode } from "./graph-content.js";
import type { GraphSpec } from "./graph-spec.js";
import { normalizeSpace } from "./measure.js";

const CONTAINER_PAD = 20;
export const DIAGRAM_PAD = 24;

export const SPACING: LayoutOptions = {
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

/** A graph with its text measured, ready to be given to ELK (possibly more than once). */
export interface PreparedGraph {
  spec: GraphSpec;
  nodes: PreparedNode[];
  /** Parents before children. */
  containers: PreparedContainer[];
  /** By edge index; undefined for an edge without text. */
  labels: (PreparedLabel | undefined)[];
  /** ELK ids of each edge's ends, by edge index; undefined for an end that is not drawn. */
  ends: { source: string | undefined; target: string | undefined }[];
  /** Edges from a component into a person (or client). */
  intoPersons: Set<number>;
  tooltips: string[];
}

export function prepareGraph(spec: GraphSpec): PreparedGraph {
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
  const ends = spec.edges.map((edge) => ({ source: elkIdOf.get(edge.from), target: elkIdOf.get(edge.to) }));
  const persons = new Set(nodes.filter((n) => n.spec.entry === true || n.spec.shape === "person").map((n) => n.elkId));
  const intoPersons = new Set<number>();
  ends.forEach((e, i) => {
    if (e.target !== undefined && e.source !== undefined && persons.has(e.target) && !persons.has(e.source)) intoPersons.add(i);
  });
  return {
    spec,
    nodes,
    containers,
    labels: spec.edges.map(prepareLabel),
    ends,
    intoPersons,
    tooltips: spec.edges.map((edge) => edgeTooltip(edge, titles)),
  };
}

/**
 * The ELK graph, with `options` on its root and the edges in `flip` given
 * the other way round (they are turned back after layout).
 */
export function buildElkGraph(graph: PreparedGraph, options: LayoutOptions, flip: ReadonlySet<number>): ElkNode {
  const { spec } = graph;
  const layoutOptions: LayoutOptions = {
    "elk.algorithm": "layered",
    "elk.direction": spec.direction,
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.padding": `[top=${DIAGRAM_PAD},left=${DIAGRAM_PAD},bottom=${DIAGRAM_PAD},right=${DIAGRAM_PAD}]`,
    "elk.edgeLabels.placement": "CENTER",
    "elk.edgeLabels.inline": "true",
    "elk.randomSeed": "1",
    ...SPACING,
    ...options,
  };
  const root: ElkNode = { id: "root", layoutOptions, children: [], edges: [] };
  const elkContainers = new Map<string, ElkNode>();
  for (const c of graph.containers) {
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
  for (const n of graph.nodes) {
    const node: ElkNode = { id: n.elkId, width: n.width, height: n.height };
    const parent = n.spec.container !== undefined ? elkContainers.get(n.spec.container) : undefined;
    (parent ?? root).children!.push(node);
  }
  const orderOf = new Map<string, number>();
  for (const c of graph.containers) orderOf.set(c.elkId, c.spec.order);
  for (const n of graph.nodes) orderOf.set(n.elkId, n.spec.order);
  const sortChildren = (node: ElkNode): void => {
    if (!node.children) return;
    node.children.sort((a, b) => (orderOf.get(a.id) ?? 0) - (orderOf.get(b.id) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    node.children.forEach(sortChildren);
  };
  sortChildren(root);
  spec.edges.forEach((edge, i) => {
    const { source, target } = graph.ends[i]!;
    if (source === undefined || target === undefined) return;
    const flipped = flip.has(i);
    const elkEdge: ElkExtendedEdge = { id: `e:${i}`, sources: [flipped ? target : source], targets: [flipped ? source : target] };
    const label = graph.labels[i];
    if (label) {
      const text = normalizeSpace(`${edge.label ?? ""} ${edge.technology ?? ""}`) || "label";
      elkEdge.labels = [{ id: `l:${i}`, text, width: label.width, height: label.height, layoutOptions: { "elk.edgeLabels.inline": "true" } }];
    }
    root.edges!.push(elkEdge);
  });
  return root;
}

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
