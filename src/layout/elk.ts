/**
 * The one ELK instance of the process, loaded on first use. `sysd check`
 * never lays anything out, so it never pays for loading ELK (about 1.6 MB of
 * JavaScript): it is loaded on demand, not imported.
 *
 * Compiling that bundle is most of a small build's cold start, so V8's
 * compiled code is kept in a cache folder ($XDG_CACHE_HOME/sysd, else
 * ~/.cache/sysd), keyed by the elkjs and Node versions. A missing, stale or
 * unreadable cache only costs the compile; an unwritable folder is ignored.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { readRegularFile } from "../syntax/index.js";
import type { ELK, ElkNode } from "elkjs/lib/elk-api.js";

export interface CompiledElk {
  Constructor: new () => ELK;
  /** Whether V8 accepted the cached code. */
  cacheUsed: boolean;
  /** Writes V8's code (including the functions compiled since) to the cache when it was not used; never throws. */
  saveCache(): void;
}

/** The cache file for this elkjs and Node, or undefined when there is no home to put it in. */
export function elkCachePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const xdg = env["XDG_CACHE_HOME"];
    const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), ".cache");
    const require = createRequire(import.meta.url);
    const bundle = require.resolve("elkjs/lib/elk.bundled.js");
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(bundle), "..", "package.json"), "utf8")) as { version?: unknown };
    const version = typeof manifest.version === "string" ? manifest.version : "unknown";
    const key = `elk-${version}-node-${process.versions.node}-v8-${process.versions.v8}-${process.arch}`.replace(/[^A-Za-z0-9_.-]/g, "_");
    return path.join(base, "sysd", `${key}.code`);
  } catch {
    return undefined;
  }
}

/** Compiles and runs ELK's CommonJS bundle, with V8's code cache at `cachePath` when it has a usable one. */
export function compileElk(cachePath: string | undefined): CompiledElk {
  const require = createRequire(import.meta.url);
  const file = require.resolve("elkjs/lib/elk.bundled.js");
  const source = fs.readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  if (cachePath !== undefined) {
    // Regular files only: a named pipe left at the cache's name must not make a build wait.
    const read = readRegularFile(cachePath);
    cachedData = "error" in read ? undefined : read.bytes;
  }
  // The wrapper Node itself puts around a CommonJS module.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = cachedData ? new vm.Script(wrapped, { filename: file, cachedData }) : new vm.Script(wrapped, { filename: file });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const factory = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  const module: { exports: unknown } = { exports: {} };
  factory(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    Constructor: module.exports as new () => ELK,
    cacheUsed,
    saveCache: () => {
      if (cacheUsed || cachePath === undefined) return;
      const temporary = `${cachePath}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(path.dirname(cachePath), { recursive: true });
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cachePath);
      } catch {
        try {
          fs.rmSync(temporary, { force: true });
        } catch {
          // Nothing more to do: the cache is only a speed-up.
        }
      }
    },
  };
}

let instance: Promise<ELK> | undefined;
let afterFirstLayout: (() => void) | undefined;

function load(): Promise<ELK> {
  instance ??= Promise.resolve().then(() => {
    const compiled = compileElk(elkCachePath());
    afterFirstLayout = compiled.saveCache;
    return new compiled.Constructor();
  });
  return instance;
}

/** Lays out `graph` with ELK; the result has absolute sizes and relative positions, as ELK gives them. */
export async function runElk(graph: ElkNode): Promise<ElkNode> {
  const elk = await load();
  try {
    return await elk.layout(graph);
  } finally {
    // Saved after a layout, so the cache holds the code of the functions a
    // layout compiles, not only the bundle's top level.
    const save = afterFirstLayout;
    afterFirstLayout = undefined;
    save?.();
  }
}

export type { ElkExtendedEdge, ElkLabel, ElkNode, ElkPort, LayoutOptions } from "elkjs/lib/elk-api.js";
