// The only entry point into the output stage: every file of one system's document.
import type { SystemModel } from "../semantics/index.js";
import { renderMarkdown, type MarkdownDiagrams } from "./markdown/index.js";
import { renderModelJson } from "./model-json.js";
import { hasOpenApi, renderOpenApi } from "./openapi.js";
import { diagramFiles, renderDiagrams } from "./svg/index.js";

export interface RenderedFile {
  /** File name inside the system's output folder. */
  file: string;
  content: string;
}

export interface EmitContext {
  readonly toolVersion: string;
  /** Every file the emitters write for this system: what the document may link to. */
  readonly files: ReadonlySet<string>;
}

/** One kind of output. Adding an output is adding an emitter to `EMITTERS`. */
export interface Emitter {
  readonly name: string;
  /**
   * The files it writes for `system`, in the order `emit` returns them,
   * decided from the model alone so other outputs can link to them first.
   */
  files(system: SystemModel): string[];
  emit(system: SystemModel, context: EmitContext): RenderedFile[] | Promise<RenderedFile[]>;
}

/** Which diagrams the document shows: those the diagrams emitter writes. */
function linkedDiagrams(system: SystemModel, files: ReadonlySet<string>): MarkdownDiagrams {
  const flows: Record<string, string> = {};
  for (const flow of system.flows) {
    const file = `flow-${flow.id}.svg`;
    if (files.has(file)) flows[flow.id] = file;
  }
  const views: Record<string, string> = {};
  for (const view of system.views) {
    const file = `view-${view.id}.svg`;
    if (files.has(file)) views[view.id] = file;
  }
  const boundaries: Record<string, string> = {};
  for (const boundary of system.boundaries) {
    const file = `boundary-${boundary.id}.svg`;
    if (boundary.parent === undefined && files.has(file)) boundaries[boundary.id] = file;
  }
  const diagrams: MarkdownDiagrams = { flows, views, boundaries };
  if (files.has("architecture.svg")) diagrams.architecture = "architecture.svg";
  if (files.has("data-model.svg")) diagrams.dataModel = "data-model.svg";
  return diagrams;
}

const markdown: Emitter = {
  name: "markdown",
  files: () => ["README.md"],
  emit: (system, { files }) => [
    { file: "README.md", content: renderMarkdown(system, { diagrams: linkedDiagrams(system, files), hasOpenApi: files.has("openapi.yaml") }) },
  ],
};

const svg: Emitter = {
  name: "svg",
  files: diagramFiles,
  emit: async (system) => (await renderDiagrams(system)).map((d) => ({ file: d.file, content: d.svg })),
};

const openApi: Emitter = {
  name: "openapi",
  files: (system) => (hasOpenApi(system) ? ["openapi.yaml"] : []),
  emit: (system) => {
    const content = renderOpenApi(system);
    return content === undefined ? [] : [{ file: "openapi.yaml", content }];
  },
};

const modelJson: Emitter = {
  name: "model-json",
  files: () => ["model.json"],
  emit: (system, { toolVersion }) => [{ file: "model.json", content: renderModelJson(system, { toolVersion }) }],
};

/** Every output of a system, in the order its files are listed and written. */
export const EMITTERS: readonly Emitter[] = [markdown, svg, openApi, modelJson];

/** Renders README.md, the SVG diagrams, openapi.yaml (when the system has APIs) and model.json. */
export async function renderSystem(
  system: SystemModel,
  options: { toolVersion: string },
  emitters: readonly Emitter[] = EMITTERS,
): Promise<RenderedFile[]> {
  const planned = emitters.map((emitter) => emitter.files(system));
  const context: EmitContext = { toolVersion: options.toolVersion, files: new Set(planned.flat()) };
  const emitted = await Promise.all(emitters.map((emitter) => emitter.emit(system, context)));
  for (const [i, emitter] of emitters.entries()) {
    // The document links to the planned files: an emitter that writes others is a bug, not bad input.
    const written = emitted[i]!.map((f) => f.file);
    if (written.join("\n") !== planned[i]!.join("\n")) {
      throw new Error(`emitter ${emitter.name} wrote ${written.join(", ") || "nothing"} but planned ${planned[i]!.join(", ") || "nothing"}`);
    }
  }
  if (context.files.size !== planned.flat().length) throw new Error("two emitters plan the same file");
  return emitted.flat();
}
