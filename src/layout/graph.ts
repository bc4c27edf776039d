/**
 * Lays out a graph of components in boundaries: the architecture diagram and
 * the flow diagrams are both built as a `GraphSpec` and laid out here, with
 * ELK's layered algorithm. Three steps, one file each: building the ELK
 * graph (graph-build.ts), running ELK with settings fit for the graph's size
 * (graph-run.ts, graph-settings.ts), and converting the result into a
 * diagram (graph-convert.ts).
 */
import { buildElkGraph, prepareGraph } from "./graph-build.js";
import { convertLayout } from "./graph-convert.js";
import { runLayout } from "./graph-run.js";
import type { GraphSpec } from "./graph-spec.js";
import type { Diagram } from "./types.js";

export type { ContainerSpec, EdgeSpec, GraphSpec, NodeSpec } from "./graph-spec.js";
export { TITLE_MAX_WIDTH } from "./graph-content.js";
export { idPart } from "./graph-convert.js";
export { freeSpot, removeEndJog, simplify, straightenJogs, type Margins } from "./routes.js";
export { buildElkGraph, prepareGraph };

export async function layoutGraph(spec: GraphSpec): Promise<Diagram> {
  const graph = prepareGraph(spec);
  const { laid, flipped } = await runLayout(graph);
  return convertLayout(graph, laid, flipped);
}
