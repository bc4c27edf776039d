/**
 * Running ELK on a prepared graph: with the settings its size allows, trying
 * the alternatives they allow and keeping the best, and falling back to the
 * quick settings when a careful layout throws (ELK's recursion can exhaust
 * the stack on some graphs).
 */
import { runElk, type ElkNode, type LayoutOptions } from "./elk.js";
import { buildElkGraph, SPACING, type PreparedGraph } from "./graph-build.js";
import { chooseSettings, QUICK_OPTIONS, type LayoutSettings } from "./graph-settings.js";
import { againstReading } from "./reading-order.js";

/** Wider than this, a diagram is shrunk on a GitHub page until its text is hard to read. */
const MAX_WIDTH = 1100;

type Elk = (graph: ElkNode) => Promise<ElkNode>;

export interface LaidGraph {
  laid: ElkNode;
  /** Edges given to ELK the other way round. */
  flipped: Set<number>;
  settings: LayoutSettings;
}

export function settingsFor(graph: PreparedGraph): LayoutSettings {
  return chooseSettings({
    nodes: graph.nodes.length,
    containers: graph.containers.length,
    edges: graph.spec.edges.length,
    labels: graph.labels.filter((l) => l !== undefined).length,
  });
}

/** `elk` is ELK itself, or a stand-in in tests. */
export async function runLayout(graph: PreparedGraph, elk: Elk = runElk): Promise<LaidGraph> {
  const settings = settingsFor(graph);
  const backward = new Set<number>();
  graph.spec.edges.forEach((edge, i) => {
    if (edge.backward) backward.add(i);
  });
  if (graph.spec.kind === "architecture") for (const i of againstStory(graph)) backward.add(i);
  try {
    return await runWith(graph, settings, backward, elk);
  } catch (error) {
    if (settings.tier === "quick") throw error;
    const quick: LayoutSettings = { tier: "quick", options: QUICK_OPTIONS, alternatives: false };
    return { laid: await elk(buildElkGraph(graph, quick.options, backward)), flipped: backward, settings: quick };
  }
}

async function runWith(graph: PreparedGraph, settings: LayoutSettings, backward: Set<number>, elk: Elk): Promise<LaidGraph> {
  const run = (flip: Set<number>, extra: LayoutOptions = {}): Promise<ElkNode> => elk(buildElkGraph(graph, { ...settings.options, ...extra }, flip));
  const { spec, intoPersons } = graph;
  let flipped = backward;
  let laid: ElkNode;
  // People start the story. ELK breaks cycles without knowing that; when it
  // puts someone below a component that answers them, lay out again with
  // the edges into people turned round, and keep the better of the two.
  // The people-first layout is tried first, as it is usually the one kept:
  // when nothing in it runs against the reading direction, one run is enough.
  if (settings.alternatives && spec.direction === "DOWN" && [...intoPersons].some((i) => !flipped.has(i))) {
    const alternative = new Set([...flipped, ...intoPersons]);
    const peopleFirst = await run(alternative);
    const peopleFirstScore = score(graph, peopleFirst);
    laid = peopleFirst;
    if (peopleFirstScore > 0) {
      const plain = await run(flipped);
      if (score(graph, plain) <= peopleFirstScore) laid = plain;
    }
    if (laid === peopleFirst) flipped = alternative;
  } else {
    laid = await run(flipped);
  }
  // Many unconnected components would stand in one very wide row: bound
  // the nodes per layer and lay out again.
  if (settings.alternatives && (laid.width ?? 0) > MAX_WIDTH && graph.nodes.length > 3) {
    const average = graph.nodes.reduce((sum, n) => sum + n.width, 0) / graph.nodes.length;
    const spacing = Number(SPACING["elk.spacing.nodeNode"]);
    const bound = Math.max(2, Math.floor((MAX_WIDTH + spacing) / (average + spacing)));
    const bounded = await run(flipped, { "elk.layered.layering.strategy": "COFFMAN_GRAHAM", "elk.layered.layering.coffmanGraham.layerBound": String(bound) });
    if ((bounded.width ?? 0) < (laid.width ?? 0)) laid = bounded;
  }
  return { laid, flipped, settings };
}

/** The edges of an architecture that run against its reading order (see reading-order.ts), by ELK id. */
function againstStory(graph: PreparedGraph): Set<number> {
  const order = new Map<string, number>();
  for (const c of graph.containers) order.set(c.elkId, c.spec.order);
  for (const n of graph.nodes) order.set(n.elkId, n.spec.order);
  const ids = [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const entries = new Set(graph.nodes.filter((n) => n.spec.entry === true || n.spec.shape === "person").map((n) => n.elkId));
  const edges = graph.ends.map((e) => (e.source !== undefined && e.target !== undefined ? { from: e.source, to: e.target } : undefined));
  return againstReading(ids, entries, edges);
}

/** Lower is better: edges drawn against the direction, and edges into people drawn with the direction. */
function score(graph: PreparedGraph, laid: ElkNode): number {
  const centre = new Map<string, number>();
  const walkCentres = (node: ElkNode, oy: number): void => {
    const y = oy + (node.y ?? 0);
    centre.set(node.id, y + (node.height ?? 0) / 2);
    for (const child of node.children ?? []) walkCentres(child, y);
  };
  walkCentres(laid, 0);
  let total = 0;
  graph.ends.forEach((e, i) => {
    if (e.source === undefined || e.target === undefined || e.source === e.target) return;
    const down = (centre.get(e.target) ?? 0) > (centre.get(e.source) ?? 0) + 1;
    const up = (centre.get(e.target) ?? 0) < (centre.get(e.source) ?? 0) - 1;
    if (graph.intoPersons.has(i)) total += down ? 3 : 0;
    else total += up ? 1 : 0;
  });
  return total;
}
