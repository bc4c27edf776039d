/**
 * The SVG diagrams of a system: `architecture.svg` (when it has components
 * or boundaries), one `flow-<id>.svg` (a sequence diagram) per flow that
 * touches anything, and `data-model.svg` when the system has entities.
 */
import { layoutArchitecture, layoutDataModel, layoutSequence } from "../../layout/index.js";
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
  if (system.components.length > 0 || system.boundaries.length > 0) jobs.push({ file: "architecture.svg", svg: layoutArchitecture(system).then(renderDiagram) });
  for (const flow of system.flows) {
    if (flow.participants.length > 0) jobs.push({ file: `flow-${flow.id}.svg`, svg: Promise.resolve(renderSequence(layoutSequence(system, flow))) });
  }
  if (system.types.entities.length > 0) jobs.push({ file: "data-model.svg", svg: layoutDataModel(system).then(renderDiagram) });
  const out: RenderedDiagram[] = [];
  for (const job of jobs) out.push({ file: job.file, svg: await job.svg });
  return out;
}
