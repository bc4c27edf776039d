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

interface PlannedDiagram {
  file: string;
  draw(): Promise<string>;
}

/**
 * The diagrams `system` has, in their fixed order, decided from the model
 * alone: the document links to them before they are drawn.
 */
function planDiagrams(system: SystemModel): PlannedDiagram[] {
  const plan: PlannedDiagram[] = [];
  const layout = (file: string, diagram: () => Promise<Diagram>): void => {
    plan.push({ file, draw: () => diagram().then(renderDiagram) });
  };
  if (isLandscape(system)) {
    layout("architecture.svg", () => layoutLandscape(system));
    for (const id of topLevelBoundaries(system)) layout(`boundary-${id}.svg`, () => layoutBoundary(system, id));
  } else if (system.components.length > 0 || system.boundaries.length > 0) {
    layout("architecture.svg", () => layoutArchitecture(system));
  }
  for (const view of system.views) {
    if (view.components.length > 0) layout(`view-${view.id}.svg`, () => layoutView(system, view));
  }
  for (const flow of system.flows) {
    if (flow.participants.length > 0) plan.push({ file: `flow-${flow.id}.svg`, draw: async () => renderSequence(layoutSequence(system, flow)) });
  }
  if (system.types.entities.length > 0) layout("data-model.svg", () => layoutDataModel(system));
  return plan;
}

/** The file names `renderDiagrams` returns for `system`, without drawing anything. */
export function diagramFiles(system: SystemModel): string[] {
  return planDiagrams(system).map((planned) => planned.file);
}

/** Lays out and draws every diagram of `system`, in a fixed order. */
export async function renderDiagrams(system: SystemModel): Promise<RenderedDiagram[]> {
  // Every layout starts before the first is awaited, so ELK works on them together.
  const jobs = planDiagrams(system).map((planned) => ({ file: planned.file, svg: planned.draw() }));
  const out: RenderedDiagram[] = [];
  for (const job of jobs) out.push({ file: job.file, svg: await job.svg });
  return out;
}
