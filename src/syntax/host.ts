/**
 * How the compiler reaches files. `check()` and `compile()` read only
 * through a host, so an editor can lay its unsaved buffers over the disk and
 * a long-running process (language server, live preview) can keep parsed
 * files between runs.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseSource, type ParseResult } from "./parse.js";
import type { ReadResult } from "./read.js";

export type { ReadResult };

export interface SourceHost {
  /** Reads a file as text; an error is a plain-words reason ("not found"). */
  read(absolutePath: string): ReadResult;
  exists(absolutePath: string): boolean;
  /** The path with every link resolved; the path itself when that fails. */
  realpath(absolutePath: string): string;
  /** Names of the entries of a folder; empty when it cannot be listed. */
  list(absoluteFolder: string): string[];
}

/** The file system as it is, but for reading, which `read.ts` owns (it knows the limits of a source file). */
export const nodeFileSystem: Omit<SourceHost, "read"> = {
  exists: (absolutePath) => {
    try {
      return fs.existsSync(absolutePath);
    } catch {
      return false;
    }
  },
  realpath: (absolutePath) => {
    try {
      return fs.realpathSync(absolutePath);
    } catch {
      return absolutePath;
    }
  },
  list: (absoluteFolder) => {
    try {
      return fs.readdirSync(absoluteFolder);
    } catch {
      return [];
    }
  },
};

/**
 * Another host with some files replaced by texts held in memory (an editor's
 * unsaved buffers), or added when they exist nowhere else.
 */
export class OverlayHost implements SourceHost {
  private readonly texts = new Map<string, string>();

  constructor(private readonly base: SourceHost) {}

  set(absolutePath: string, text: string): void {
    this.texts.set(path.resolve(absolutePath), text);
  }

  delete(absolutePath: string): void {
    this.texts.delete(path.resolve(absolutePath));
  }

  has(absolutePath: string): boolean {
    return this.texts.has(path.resolve(absolutePath));
  }

  read(absolutePath: string): ReadResult {
    const text = this.texts.get(absolutePath);
    return text !== undefined ? { text } : this.base.read(absolutePath);
  }

  exists(absolutePath: string): boolean {
    return this.texts.has(absolutePath) || this.base.exists(absolutePath);
  }

  realpath(absolutePath: string): string {
    return this.texts.has(absolutePath) ? absolutePath : this.base.realpath(absolutePath);
  }

  list(absoluteFolder: string): string[] {
    const names = new Set(this.base.list(absoluteFolder));
    for (const file of this.texts.keys()) if (path.dirname(file) === absoluteFolder) names.add(path.basename(file));
    return [...names].sort();
  }
}

/** A host made only of texts in memory, for tests and tools that never touch a disk. */
export function memoryHost(files: Record<string, string>): OverlayHost {
  const empty: SourceHost = { read: () => ({ error: "not found" }), exists: () => false, realpath: (p) => p, list: () => [] };
  const host = new OverlayHost(empty);
  for (const [file, text] of Object.entries(files)) host.set(file, text);
  return host;
}

/**
 * Parsed files kept between runs, keyed by the name diagnostics use and a
 * hash of the text: re-checking a project after one file changed re-parses
 * only that file. Parse results are never mutated downstream, so sharing is safe.
 */
export class ParseCache {
  private readonly entries = new Map<string, { hash: string; result: ParseResult }>();
  /** How many parses the cache did itself (for tests and benchmarks). */
  parses = 0;

  parse(text: string, displayPath: string): ParseResult {
    const hash = crypto.createHash("sha256").update(text).digest("base64");
    const known = this.entries.get(displayPath);
    if (known && known.hash === hash) return known.result;
    const result = parseSource(text, displayPath);
    this.parses++;
    this.entries.set(displayPath, { hash, result });
    return result;
  }

  /** Forgets files not seen since `keep` was taken, so a long session does not grow without end. */
  retainOnly(displayPaths: Iterable<string>): void {
    const keep = new Set(displayPaths);
    for (const key of this.entries.keys()) if (!keep.has(key)) this.entries.delete(key);
  }
}
