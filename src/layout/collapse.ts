/**
 * The graph of part of an architecture (spec §3.14, §3.15): the components
 * a view holds inside the boundaries that hold them, some boundaries
 * collapsed into one box each, and, for a boundary's own diagram, the
 * outside components its members talk to as dashed stubs. Connections are
 * mapped onto the boxes that are drawn; those into a collapsed box are
 * merged, one line per pair of boxes, labelled with how many they stand for.
 */
import type { BoundaryModel, ComponentModel, ConnectionModel, SystemModel } from "../semantics/model.js";
import { boundariesParentFirst, isEntry, technologyOf } from "./architecture.js";
import type { ContainerSpec, EdgeSpec, NodeSpec } from "./graph.js";

export interface PartSpec {
  /** The components drawn, each in its place (or inside a collapsed box). */
  held: ReadonlySet<string>;
  /** Boundaries drawn as one box; one inside another is drawn as the outer one. */
  collapsed: ReadonlySet<string>;
  /** Draw components and boundaries outside `held` that a held component connects to as dashed stubs. */
  stubs?: boolean;
}

export interface GraphParts {
  nodes: NodeSpec[];
  containers: ContainerSpec[];
  edges: EdgeSpec[];
}

/** "1 component", "12 components". */
export function countLabel(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function buildParts(system: SystemModel, part: PartSpec): GraphParts {
  const boundaries = new Map(system.boundaries.map((b) => [b.id, b]));
  const components = new Map(system.components.map((c) => [c.id, c]));
  const parentOf = (id: string): string | undefined => {
    const parent = components.get(id)?.boundary ?? boundaries.get(id)?.parent;
    return parent !== undefined && boundaries.has(parent) ? parent : undefined;
  };
  const ancestors = (id: string): string[] => {
    const list: string[] = [];
    const seen = new Set<string>();
    for (let b = parentOf(id); b !== undefined && !seen.has(b); b = parentOf(b)) {
      seen.add(b);
      list.push(b);
    }
    return list;
  };
  /** The outermost collapsed boundary holding `id` (or `id` itself when it is one), if any. */
  const collapsedBox = (id: string): string | undefined => {
    let box = part.collapsed.has(id) && boundaries.has(id) ? id : undefined;
    for (const b of ancestors(id)) if (part.collapsed.has(b)) box = b;
    return box;
  };

  // Where each held component is drawn, and how many each collapsed box holds.
  const boxOf = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const c of system.components) {
    if (!part.held.has(c.id)) continue;
    const box = collapsedBox(c.id) ?? c.id;
    boxOf.set(c.id, box);
    if (box !== c.id) counts.set(box, (counts.get(box) ?? 0) + 1);
  }
  // Boundaries drawn as containers: around a drawn box, never inside a collapsed one.
  const containerIds = new Set<string>();
  for (const box of new Set(boxOf.values())) for (const b of ancestors(box)) containerIds.add(b);
  const containerOf = (id: string): string | undefined => {
    const parent = parentOf(id);
    return parent !== undefined && containerIds.has(parent) ? parent : undefined;
  };

  const containers: ContainerSpec[] = boundariesParentFirst([...containerIds].map((id) => boundaries.get(id)!)).map((b) => {
    const spec: ContainerSpec = { ref: b.id, title: b.title, order: b.span.offset };
    const parent = containerOf(b.id);
    if (parent !== undefined) spec.parent = parent;
    return spec;
  });

  const nodes: NodeSpec[] = [];
  for (const c of system.components) if (boxOf.get(c.id) === c.id) nodes.push(componentNode(c, containerOf(c.id)));
  for (const [id, count] of [...counts].sort((a, b) => boundaries.get(a[0])!.span.offset - boundaries.get(b[0])!.span.offset)) {
    nodes.push(collapsedNode(boundaries.get(id)!, count, containerOf(id)));
  }

  /** The drawn box a connection end lands on, if it is drawn. */
  const endBox = (end: string): string | undefined => {
    if (components.has(end)) return boxOf.get(end);
    const box = collapsedBox(end);
    if (box !== undefined) return counts.has(box) ? box : undefined;
    return containerIds.has(end) ? end : undefined;
  };
  const stubs = new Map<string, NodeSpec>();
  const stub = (end: string): string | undefined => {
    if (!part.stubs) return undefined;
    const title = components.get(end)?.title ?? boundaries.get(end)?.title;
    if (title === undefined) return undefined;
    if (!stubs.has(end)) {
      const order = components.get(end)?.span.offset ?? boundaries.get(end)?.span.offset ?? 0;
      const spec: NodeSpec = { ref: end, shape: "dashed", category: "external", title, order };
      // Where the neighbour lives, so a reader knows which other diagram shows it.
      const home = ancestors(end).pop();
      if (home !== undefined) spec.technology = `in ${boundaries.get(home)!.title}`;
      stubs.set(end, spec);
    }
    return end;
  };

  const groups = new Map<string, { from: string; to: string; connections: ConnectionModel[] }>();
  const order: string[] = [];
  for (const connection of system.connections) {
    let from = endBox(connection.from);
    let to = endBox(connection.to);
    if (from === undefined && to === undefined) continue;
    if (from === undefined) from = stub(connection.from);
    if (to === undefined) to = stub(connection.to);
    if (from === undefined || to === undefined) continue;
    // A connection inside one collapsed box stays inside it.
    if (from === to && counts.has(from)) continue;
    const merged = counts.has(from) || counts.has(to);
    const key = merged ? `${from}\u0000${to}` : `#${order.length}`;
    const group = groups.get(key);
    if (group) group.connections.push(connection);
    else {
      groups.set(key, { from, to, connections: [connection] });
      order.push(key);
    }
  }
  const edges = order.map((key) => edgeOf(groups.get(key)!));
  nodes.push(...stubs.values());
  return { nodes, containers, edges };
}

function componentNode(c: ComponentModel, container: string | undefined): NodeSpec {
  const spec: NodeSpec = { ref: c.id, shape: c.kind.shape, title: c.title, order: c.span.offset };
  if (isEntry(c)) spec.entry = true;
  const technology = technologyOf(c);
  if (technology) spec.technology = technology;
  if (container !== undefined) spec.container = container;
  return spec;
}

function collapsedNode(b: BoundaryModel, count: number, container: string | undefined): NodeSpec {
  const spec: NodeSpec = { ref: b.id, shape: "rounded", category: "boundary", title: b.title, technology: countLabel(count, "component"), order: b.span.offset };
  if (container !== undefined) spec.container = container;
  return spec;
}

function edgeOf(group: { from: string; to: string; connections: ConnectionModel[] }): EdgeSpec {
  const { from, to, connections } = group;
  const style = connections.every((c) => c.async) ? "async" : "sync";
  const spec: EdgeSpec = { from, to, style };
  if (connections.length > 1) {
    spec.label = countLabel(connections.length, "connection");
    return spec;
  }
  const only = connections[0]!;
  if (only.label) spec.label = only.label;
  if (only.technology) spec.technology = only.technology;
  return spec;
}
