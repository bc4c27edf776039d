/**
 * The architecture diagram: every component, boundaries as nested
 * containers, every connection with its label.
 */
import type { BoundaryModel, ComponentModel, SystemModel } from "../semantics/model.js";
import { layoutGraph, type ContainerSpec, type EdgeSpec, type NodeSpec } from "./graph.js";
import type { Diagram } from "./types.js";

/** The technology line of a component: its own, or its kind's. */
export function technologyOf(component: ComponentModel): string | undefined {
  return component.technology?.summary ?? component.kind.technology;
}

/** Users and clients (and anything drawn as a person): where a story starts. */
export function isEntry(component: ComponentModel): boolean {
  return component.kind.shape === "person" || component.kind.chain.includes("client") || component.kind.chain.includes("user");
}

/** Boundaries ordered so that every parent comes before its children, then by source position. */
export function boundariesParentFirst(boundaries: BoundaryModel[]): BoundaryModel[] {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const depth = (b: BoundaryModel): number => {
    let d = 0;
    let current: BoundaryModel | undefined = b;
    const seen = new Set<string>();
    while (current?.parent !== undefined && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parent);
      d++;
    }
    return d;
  };
  return boundaries
    .map((b, i) => ({ b, i, d: depth(b) }))
    .sort((x, y) => x.d - y.d || x.b.span.offset - y.b.span.offset || x.i - y.i)
    .map((x) => x.b);
}

export function layoutArchitecture(system: SystemModel): Promise<Diagram> {
  const boundaryIds = new Set(system.boundaries.map((b) => b.id));
  const containers: ContainerSpec[] = boundariesParentFirst(system.boundaries).map((b) => {
    const spec: ContainerSpec = { ref: b.id, title: b.title, order: b.span.offset };
    if (b.parent !== undefined && boundaryIds.has(b.parent)) spec.parent = b.parent;
    return spec;
  });
  const nodes: NodeSpec[] = system.components.map((c) => {
    const spec: NodeSpec = { ref: c.id, shape: c.kind.shape, title: c.title, order: c.span.offset };
    if (isEntry(c)) spec.entry = true;
    const technology = technologyOf(c);
    if (technology) spec.technology = technology;
    if (c.boundary !== undefined && boundaryIds.has(c.boundary)) spec.container = c.boundary;
    return spec;
  });
  const edges: EdgeSpec[] = system.connections.map((c) => {
    const spec: EdgeSpec = { from: c.from, to: c.to, style: c.async ? "async" : "sync" };
    if (c.label) spec.label = c.label;
    if (c.technology) spec.technology = c.technology;
    return spec;
  });
  return layoutGraph({
    kind: "architecture",
    name: "architecture",
    title: `${system.title} — architecture`,
    direction: "DOWN",
    nodes,
    containers,
    edges,
  });
}
