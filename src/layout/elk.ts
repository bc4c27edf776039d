/**
 * The one ELK instance of the process, loaded on first use. `sysd check`
 * never lays anything out, so it never pays for loading ELK (about 2 MB of
 * JavaScript): the import is dynamic.
 */
import { createRequire } from "node:module";
import type { ELK, ElkNode } from "elkjs/lib/elk-api.js";

let instance: Promise<ELK> | undefined;

function load(): Promise<ELK> {
  // `require`, not `import()`: ELK's bundle is CommonJS, and importing it
  // from ESM makes Node scan its 2 MB for named exports first.
  instance ??= Promise.resolve().then(() => {
    const Constructor = createRequire(import.meta.url)("elkjs/lib/elk.bundled.js") as new () => ELK;
    return new Constructor();
  });
  return instance;
}

/** Lays out `graph` with ELK; the result has absolute sizes and relative positions, as ELK gives them. */
export async function runElk(graph: ElkNode): Promise<ElkNode> {
  const elk = await load();
  return elk.layout(graph);
}

export type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPort, LayoutOptions } from "elkjs/lib/elk-api.js";
