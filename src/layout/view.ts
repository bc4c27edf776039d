/**
 * The diagrams of part of an architecture: one per `view` (spec §3.14), the
 * landscape that `architecture.svg` becomes for a large system, and one per
 * top-level boundary beside the landscape (spec §3.15).
 */
import type { SystemModel, ViewModel } from "../semantics/model.js";
import { buildParts } from "./collapse.js";
import { idPart, layoutGraph } from "./graph.js";
import type { Diagram } from "./types.js";

/**
 * Above this many components `architecture.svg` is the landscape: a diagram
 * of 30 components and their connections already fills a page, and ELK's
 * layered layout of more is hard to follow.
 */
export const LANDSCAPE_LIMIT = 30;

/** Top-level boundaries, in source order. */
export function topLevelBoundaries(system: SystemModel): string[] {
  return system.boundaries.filter((b) => b.parent === undefined).map((b) => b.id);
}

/** Whether `architecture.svg` is the landscape: too many components, and boundaries to fold them into. */
export function isLandscape(system: SystemModel): boolean {
  return system.components.length > LANDSCAPE_LIMIT && topLevelBoundaries(system).length > 0;
}

export function layoutView(system: SystemModel, view: ViewModel): Promise<Diagram> {
  const parts = buildParts(system, { held: new Set(view.components), collapsed: new Set(view.collapsed) });
  return layoutGraph({
    kind: "architecture",
    name: `view-${idPart(view.id)}`,
    title: `${system.title} — ${view.title}`,
    direction: "DOWN",
    ...parts,
  });
}

/** Every component, each top-level boundary collapsed into one box. */
export function layoutLandscape(system: SystemModel): Promise<Diagram> {
  const parts = buildParts(system, { held: new Set(system.components.map((c) => c.id)), collapsed: new Set(topLevelBoundaries(system)) });
  return layoutGraph({
    kind: "architecture",
    name: "architecture",
    title: `${system.title} — architecture (landscape)`,
    direction: "DOWN",
    ...parts,
  });
}

/** A top-level boundary's members and their connections, with the outside components they talk to as stubs. */
export function layoutBoundary(system: SystemModel, boundary: string): Promise<Diagram> {
  const inside = new Set<string>();
  const parents = new Map(system.boundaries.map((b) => [b.id, b.parent]));
  for (const c of system.components) {
    const seen = new Set<string>();
    for (let b = c.boundary; b !== undefined && !seen.has(b); b = parents.get(b)) {
      if (b === boundary) inside.add(c.id);
      seen.add(b);
    }
  }
  const title = system.boundaries.find((b) => b.id === boundary)?.title ?? boundary;
  const parts = buildParts(system, { held: inside, collapsed: new Set(), stubs: true });
  return layoutGraph({
    kind: "architecture",
    name: `boundary-${idPart(boundary)}`,
    title: `${system.title} — ${title}`,
    direction: "DOWN",
    ...parts,
  });
}
