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
  layoutSequence,
  layoutLandscape,
  layoutView,
  topLevelBoundaries,
  type Diagram,
} from "../../layout/index.js";
import type { SystemModel } from "../../semantics/model.js";
import { renderDiagram } from "./diagram.js";
import { renderSequence } from "./sequence.js";

export { renderDiagram } from "./diagram.js";

export interface RenderedDiagram {
  file: string;
  svg: string;
}

/** Lays out and draws every diagram of `system`, in a fixed order. */
export async function renderDiagrams(system: SystemModel): Promise<RenderedDiagram[]> {
  const jobs: { file: string; svg: Promise<string> }[] = [];
  const draw = (file: string, diagram: Promise<Diagram>): void => {
    jobs.push({ file, svg: diagram.then(renderDiagram) });
  };
  if (isLandscape(system)) {
    draw("architecture.svg", layoutLandscape(system));
    for (const id of topLevelBoundaries(system)) draw(`boundary-${id}.svg`, layoutBoundary(system, id));
  } else if (system.components.length > 0 || system.boundaries.length > 0) {
    draw("architecture.svg", layoutArchitecture(system));
  }
  for (const view of system.views) {
    if (view.components.length > 0) draw(`view-${view.id}.svg`, layoutView(system, view));
  }
  for (const flow of system.flows) {
    if (flow.participants.length > 0) jobs.push({ file: `flow-${flow.id}.svg`, svg: Promise.resolve(renderSequence(layoutSequence(system, flow))) });
  }
  if (system.types.entities.length > 0) jobs.push({ file: "data-model.svg", svg: layoutDataModel(system).then(renderDiagram) });
  const out: RenderedDiagram[] = [];
  for (const job of jobs) out.push({ file: job.file, svg: await job.svg });
  return out;
}
