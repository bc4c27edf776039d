import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { againstReading, type OrderEdge } from "../../src/layout/reading-order.js";
import { fuzzParams } from "../helpers/fuzz.js";

const e = (from: string, to: string): OrderEdge => ({ from, to });

/** Whether the edges, with those in `turned` reversed, form no cycle (Kahn's algorithm). */
function acyclic(nodes: string[], edges: OrderEdge[], turned: Set<number>): boolean {
  const out = new Map(nodes.map((n) => [n, [] as string[]]));
  const indegree = new Map(nodes.map((n) => [n, 0]));
  edges.forEach((edge, i) => {
    if (edge.from === edge.to) return;
    const [a, b] = turned.has(i) ? [edge.to, edge.from] : [edge.from, edge.to];
    out.get(a)!.push(b);
    indegree.set(b, indegree.get(b)! + 1);
  });
  const ready = nodes.filter((n) => indegree.get(n) === 0);
  let seen = 0;
  while (ready.length > 0) {
    const n = ready.pop()!;
    seen++;
    for (const m of out.get(n)!) {
      indegree.set(m, indegree.get(m)! - 1);
      if (indegree.get(m) === 0) ready.push(m);
    }
  }
  return seen === nodes.length;
}

describe("againstReading", () => {
  it("turns the reply of a client's request, not the request", () => {
    expect([...againstReading(["Api", "App"], new Set(["App"]), [e("Api", "App"), e("App", "Api")])]).toEqual([0]);
  });

  it("turns nothing between two clients of the same gateway", () => {
    expect(againstReading(["Rider", "Driver", "Gateway"], new Set(["Rider", "Driver"]), [e("Rider", "Gateway"), e("Driver", "Gateway")]).size).toBe(0);
  });

  it("hangs a worker no client reaches below the store it uses, and the external that calls a client back below the worker", () => {
    const nodes = ["App", "Gateway", "Store", "Worker", "Push", "Provider"];
    const edges = [e("App", "Gateway"), e("Gateway", "Store"), e("Worker", "Store"), e("Worker", "Gateway"), e("Worker", "Push"), e("Push", "Provider"), e("Provider", "App")];
    expect([...againstReading(nodes, new Set(["App"]), edges)].sort()).toEqual([2, 3, 6]);
  });

  it("turns only the edge that closes a cycle among the parts a client reaches", () => {
    expect([...againstReading(["C", "X", "Y"], new Set(["C"]), [e("C", "X"), e("X", "Y"), e("Y", "X")])]).toEqual([2]);
  });

  it("never turns a self-loop, an edge to an undrawn end or a missing edge", () => {
    expect(againstReading(["A", "B"], new Set(), [e("A", "A"), undefined, e("B", "Z"), e("A", "B")]).size).toBe(0);
  });

  it("walks a chain of 50,000 components without exhausting the stack", () => {
    const nodes = Array.from({ length: 50_000 }, (_, i) => `n${i}`);
    const edges = nodes.slice(1).map((n, i) => e(nodes[i]!, n));
    edges.push(e(nodes[nodes.length - 1]!, nodes[0]!));
    expect([...againstReading(nodes, new Set(["n0"]), edges)]).toEqual([edges.length - 1]);
  });

  it("leaves no cycle, and turns no edge of a graph that has none", () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        edges: fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 30 }),
        entries: fc.array(fc.nat(size - 1), { maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ size, edges, entries }) => {
        const nodes = Array.from({ length: size }, (_, i) => `n${i}`);
        const list = edges.map(([a, b]) => e(`n${a}`, `n${b}`));
        const turned = againstReading(nodes, new Set(entries.map((i) => `n${i}`)), list);
        expect(acyclic(nodes, list, turned)).toBe(true);
        if (entries.length === 0 && acyclic(nodes, list, new Set())) expect(turned.size).toBe(0);
      }),
      fuzzParams(300),
    );
  });
});
