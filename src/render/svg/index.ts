/**
 * The SVG diagrams of a system: `architecture.svg` (when it has components
 * or boundaries; the landscape for a large system, with one
 * `boundary-<id>.svg` per top-level boundary), one `view-<id>.svg` per view
 * that holds a component, one `flow-<id>.svg` per flow that touches
 * anything, and `data-model.svg` when the system has entities.
 */
import {
  isLandscape,
  layoutArchitecture,
  layoutBoundary,
  layoutDataModel,
  layoutFlow,
  layoutLandscape,
  layoutView,
  topLevelBoundaries,
  type Diagram,
} from "../../layout/index.js";
import type { SystemModel } from "../../semantics/model.js";
import { renderDiagram } from "./diagram.js";

export { renderDiagram } from "./diagram.js";

export interface RenderedDiagram {
  file: string;
  svg: string;
}

/** Lays out and draws every diagram of `system`, in a fixed order. */
export async function renderDiagrams(system: SystemModel): Promise<RenderedDiagram[]> {
  const jobs: { file: string; diagram: Promise<Diagram> }[] = [];
  if (isLandscape(system)) {
    jobs.push({ file: "architecture.svg", diagram: layoutLandscape(system) });
    for (const id of topLevelBoundaries(system)) jobs.push({ file: `boundary-${id}.svg`, diagram: layoutBoundary(system, id) });
  } else if (system.components.length > 0 || system.boundaries.length > 0) {
    jobs.push({ file: "architecture.svg", diagram: layoutArchitecture(system) });
  }
  for (const view of system.views) {
    if (view.components.length > 0) jobs.push({ file: `view-${view.id}.svg`, diagram: layoutView(system, view) });
  }
  for (const flow of system.flows) {
    if (flow.participants.length > 0) jobs.push({ file: `flow-${flow.id}.svg`, diagram: layoutFlow(system, flow) });
  }
  if (system.types.entities.length > 0) jobs.push({ file: "data-model.svg", diagram: layoutDataModel(system) });
  const out: RenderedDiagram[] = [];
  for (const job of jobs) out.push({ file: job.file, svg: renderDiagram(await job.diagram) });
  return out;
}
