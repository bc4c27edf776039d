import { describe, expect, it } from "vitest";
import { chooseSettings, workOf, BALANCED_WORK, CAREFUL_WORK } from "../../src/layout/graph-settings.js";
import { prepareGraph } from "../../src/layout/graph.js";
import { runLayout, settingsFor } from "../../src/layout/graph-run.js";
import { runElk, type ElkNode } from "../../src/layout/elk.js";
import type { GraphSpec } from "../../src/layout/graph.js";

function graph(components: number, connections: number, labelled: boolean): GraphSpec {
  const nodes = Array.from({ length: components }, (_, i) => ({ ref: `c${i}`, shape: "rectangle" as const, title: `C ${i}`, order: i }));
  const edges = Array.from({ length: connections }, (_, i) => ({
    from: `c${i % components}`,
    to: `c${(i * 7 + 1) % components}`,
    style: "sync" as const,
    ...(labelled ? { label: `call ${i}` } : {}),
  }));
  return { kind: "architecture", name: "a", title: "t", direction: "DOWN", nodes, containers: [], edges };
}

describe("layout settings", () => {
  it("counts nodes, boundaries, edges and labels as work", () => {
    expect(workOf({ nodes: 10, containers: 2, edges: 20, labels: 15 })).toBe(47);
  });

  it("keeps the careful settings and their extra runs for small work only", () => {
    const small = chooseSettings({ nodes: 8, containers: 2, edges: 11, labels: 11 });
    expect(small.tier).toBe("careful");
    expect(small.alternatives).toBe(true);
    expect(small.options["elk.layered.nodePlacement.strategy"]).toBe("NETWORK_SIMPLEX");
  });

  it("never uses network-simplex placement past the careful bound, and one run only", () => {
    for (const work of [CAREFUL_WORK + 1, BALANCED_WORK, BALANCED_WORK + 1, 10_000, 100_000]) {
      const settings = chooseSettings({ nodes: work, containers: 0, edges: 0, labels: 0 });
      expect(settings.tier).not.toBe("careful");
      expect(settings.alternatives).toBe(false);
      expect(settings.options["elk.layered.nodePlacement.strategy"]).toBe("BRANDES_KOEPF");
    }
  });

  it("picks the quick settings for big work", () => {
    const settings = chooseSettings({ nodes: 1000, containers: 20, edges: 2000, labels: 2000 });
    expect(settings.tier).toBe("quick");
    expect(settings.options["elk.layered.thoroughness"]).toBe("1");
  });

  it("counts the edges and labels of a graph, not only its nodes", () => {
    // 100 components were under the old 150-node bound, and did not finish.
    expect(settingsFor(prepareGraph(graph(100, 200, true))).tier).toBe("quick");
    expect(settingsFor(prepareGraph(graph(50, 50, true))).tier).toBe("balanced");
    expect(settingsFor(prepareGraph(graph(50, 50, false))).tier).toBe("careful");
  });

  it("keeps edge labels at every size", () => {
    const prepared = prepareGraph(graph(300, 600, true));
    expect(prepared.labels.every((l) => l !== undefined)).toBe(true);
  });

  it("lays out again with the quick settings when a careful layout throws", async () => {
    const prepared = prepareGraph(graph(5, 5, true));
    const tried: string[] = [];
    const elk = async (g: ElkNode): Promise<ElkNode> => {
      const placement = String(g.layoutOptions?.["elk.layered.nodePlacement.strategy"]);
      tried.push(placement);
      if (placement === "NETWORK_SIMPLEX") throw new RangeError("Maximum call stack size exceeded");
      return runElk(g);
    };
    const laid = await runLayout(prepared, elk);
    expect(tried).toEqual(["NETWORK_SIMPLEX", "BRANDES_KOEPF"]);
    expect(laid.settings.tier).toBe("quick");
    expect(laid.laid.children).toHaveLength(5);
  });

  it("lets an error of the quick settings through", async () => {
    const prepared = prepareGraph(graph(5, 5, true));
    const failing = (): Promise<ElkNode> => Promise.reject(new RangeError("Maximum call stack size exceeded"));
    await expect(runLayout(prepared, failing)).rejects.toThrow("Maximum call stack");
  });
});
