/**
 * Which connections of an architecture run against the way a reader follows
 * it: from the users and clients along the connections they start, then
 * the parts no client reaches (workers, schedulers) hung below what they
 * use. Those connections are given to ELK turned round, so ELK has no cycle
 * of its own to break: left alone, it turns whichever edge its heuristic
 * picks, often one on the main request path, and the diagram folds back on
 * itself (bench/RESULTS.md, "Detours").
 */

export interface OrderEdge {
  from: string;
  to: string;
}

/**
 * The indices of `edges` that run from a later node to an earlier one when
 * nodes are ranked in three groups — entries and all they reach, then the
 * nodes nothing points at and all they reach, then the rest — each group in
 * reverse post-order of a depth-first walk (starting from its nodes in the
 * order given), so that inside a group only the edges that close a cycle
 * run backwards. An undefined edge (an end not drawn) is never turned.
 */
export function againstReading(nodes: readonly string[], entries: ReadonlySet<string>, edges: readonly (OrderEdge | undefined)[]): Set<number> {
  const out = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const n of nodes) {
    out.set(n, []);
    indegree.set(n, 0);
  }
  for (const e of edges) {
    if (e === undefined || !out.has(e.from) || !out.has(e.to) || e.from === e.to) continue;
    out.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  const groups = [nodes.filter((n) => entries.has(n)), nodes.filter((n) => !entries.has(n) && indegree.get(n) === 0), nodes];
  const visited = new Set<string>();
  const rank = new Map<string, number>();
  for (const group of groups) {
    const finished: string[] = [];
    for (const start of group) {
      if (visited.has(start)) continue;
      // Iterative, so a long chain of components cannot exhaust the stack.
      visited.add(start);
      const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const targets = out.get(top.node)!;
        if (top.next < targets.length) {
          const m = targets[top.next++]!;
          if (!visited.has(m)) {
            visited.add(m);
            stack.push({ node: m, next: 0 });
          }
        } else {
          stack.pop();
          finished.push(top.node);
        }
      }
    }
    for (let k = finished.length - 1; k >= 0; k--) rank.set(finished[k]!, rank.size);
  }
  const against = new Set<number>();
  edges.forEach((e, i) => {
    if (e === undefined) return;
    const from = rank.get(e.from);
    const to = rank.get(e.to);
    if (from !== undefined && to !== undefined && from > to) against.add(i);
  });
  return against;
}
