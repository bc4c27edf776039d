/** Questions about where components sit, asked by several rules and the renderers. */
import type * as M from "./model.js";

/** Kinds that are not parts of the system itself (W301). */
const OUTSIDE_KINDS = new Set(["client", "user", "external"]);

export function isOutsideComponent(component: M.ComponentModel): boolean {
  return component.kind.chain.some((k) => OUTSIDE_KINDS.has(k));
}

/** For each component or boundary: itself, then the boundaries holding it, innermost first. */
export function containment(system: M.SystemModel): Map<string, string[]> {
  const parents = new Map<string, string | undefined>();
  for (const c of system.components) parents.set(c.id, c.boundary);
  for (const b of system.boundaries) parents.set(b.id, b.parent);
  const result = new Map<string, string[]>();
  for (const id of parents.keys()) {
    const chain = [id];
    let current = parents.get(id);
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = parents.get(current);
    }
    result.set(id, chain);
  }
  return result;
}
