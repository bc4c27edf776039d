// The only entry point into the output stage: every file of one system's document.
import type { SystemModel } from "../semantics/index.js";
import { renderMarkdown, type MarkdownDiagrams } from "./markdown/index.js";
import { renderModelJson } from "./model-json.js";
import { renderOpenApi } from "./openapi.js";
import { renderDiagrams } from "./svg/index.js";

export interface RenderedFile {
  /** File name inside the system's output folder. */
  file: string;
  content: string;
}

/** Renders README.md, the SVG diagrams, openapi.yaml (when the system has APIs) and model.json. */
export async function renderSystem(system: SystemModel, options: { toolVersion: string }): Promise<RenderedFile[]> {
  const diagrams = await renderDiagrams(system);
  const openApi = renderOpenApi(system);
  const names = new Set(diagrams.map((d) => d.file));
  const flows: Record<string, string> = {};
  for (const flow of system.flows) {
    const file = `flow-${flow.id}.svg`;
    if (names.has(file)) flows[flow.id] = file;
  }
  const views: Record<string, string> = {};
  for (const view of system.views) {
    const file = `view-${view.id}.svg`;
    if (names.has(file)) views[view.id] = file;
  }
  const boundaries: Record<string, string> = {};
  for (const boundary of system.boundaries) {
    const file = `boundary-${boundary.id}.svg`;
    if (boundary.parent === undefined && names.has(file)) boundaries[boundary.id] = file;
  }
  const diagramFiles: MarkdownDiagrams = { flows, views, boundaries };
  if (names.has("architecture.svg")) diagramFiles.architecture = "architecture.svg";
  if (names.has("data-model.svg")) diagramFiles.dataModel = "data-model.svg";
  const files: RenderedFile[] = [
    { file: "README.md", content: renderMarkdown(system, { diagrams: diagramFiles, hasOpenApi: openApi !== undefined }) },
    ...diagrams.map((d) => ({ file: d.file, content: d.svg })),
  ];
  if (openApi !== undefined) files.push({ file: "openapi.yaml", content: openApi });
  files.push({ file: "model.json", content: renderModelJson(system, options) });
  return files;
}
