/**
 * The server's view of the designs: open buffers laid over the disk, one
 * project per root folder, each checked as `sysd check` would check that
 * folder, with parsed files kept between checks.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { check, type CheckResult } from "../index.js";
import { nodeHost, OverlayHost, ParseCache, type LoadedFile } from "../syntax/index.js";

/** Folders never searched for designs, as `sysd check` skips them. */
const SKIPPED = new Set(["node_modules", "out", "dist"]);
/** A workspace with more designs than this is checked from its open files only. */
const MAX_FILES = 5000;

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** One check of a project, and how to go between its display paths, files and URIs. */
export class Analysis {
  private readonly byDisplay = new Map<string, LoadedFile>();
  private readonly byAbsolute = new Map<string, LoadedFile>();

  constructor(
    readonly root: string,
    readonly result: CheckResult,
    private readonly uris: ReadonlyMap<string, string>,
  ) {
    for (const file of result.program.files) {
      this.byDisplay.set(file.displayPath, file);
      this.byAbsolute.set(file.absolutePath, file);
    }
  }

  fileOfDisplay(displayPath: string): LoadedFile | undefined {
    return this.byDisplay.get(displayPath);
  }

  fileOfUri(uri: string): LoadedFile | undefined {
    const file = uriToPath(uri);
    return file === undefined ? undefined : this.byAbsolute.get(file);
  }

  /** The URI the editor knows a file by (its own spelling for open files). */
  uriOfDisplay(displayPath: string): string | undefined {
    const file = this.byDisplay.get(displayPath);
    if (!file) return undefined;
    return this.uris.get(file.absolutePath) ?? pathToUri(file.absolutePath);
  }

  /** Files of this project that are the user's (not `std/`), as URIs. */
  projectUris(): string[] {
    return this.result.program.files.filter((f) => !f.isStdlib).map((f) => this.uris.get(f.absolutePath) ?? pathToUri(f.absolutePath));
  }
}

export class Workspace {
  private readonly host = new OverlayHost(nodeHost);
  private readonly cache = new ParseCache();
  /** Open documents: absolute path → the URI as the editor spelled it. */
  private readonly open = new Map<string, string>();
  private readonly analyses = new Map<string, Analysis>();

  constructor(private folders: string[] = []) {}

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => path.resolve(f));
    this.analyses.clear();
  }

  /** A buffer opened or edited; returns the root whose project it changes. */
  update(uri: string, text: string): string | undefined {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    this.open.set(file, uri);
    this.host.set(file, text);
    const root = this.rootOf(file);
    this.analyses.delete(root);
    return root;
  }

  close(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    this.open.delete(file);
    this.host.delete(file);
    const root = this.rootOf(file);
    this.analyses.delete(root);
    return root;
  }

  /** A file changed on disk (saved elsewhere, created, deleted). */
  invalidate(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    const root = this.rootOf(file);
    this.analyses.delete(root);
    return root;
  }

  text(uri: string): string | undefined {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    const read = this.host.read(file);
    return "text" in read ? read.text : undefined;
  }

  /** The workspace folder holding the file (the innermost), else the file's own folder. */
  rootOf(file: string): string {
    let best: string | undefined;
    for (const folder of this.folders) if (isInside(folder, file) && (best === undefined || folder.length > best.length)) best = folder;
    return best ?? path.dirname(file);
  }

  analysisOf(uri: string): Analysis | undefined {
    const file = uriToPath(uri);
    return file === undefined ? undefined : this.analyze(this.rootOf(file));
  }

  analyze(root: string): Analysis {
    const known = this.analyses.get(root);
    if (known) return known;
    const entries = new Set<string>();
    if (this.folders.includes(root)) walk(root, entries);
    for (const file of this.open.keys()) if (this.rootOf(file) === root && file.endsWith(".sysd")) entries.add(file);
    const result = check([...entries].sort(), { root, cwd: root, host: this.host, parseCache: this.cache });
    const analysis = new Analysis(root, result, this.open);
    this.analyses.set(root, analysis);
    return analysis;
  }
}

function walk(folder: string, files: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (files.size >= MAX_FILES) return;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name) && !entry.name.startsWith(".")) walk(full, files);
    } else if (entry.isFile() && entry.name.endsWith(".sysd")) {
      files.add(full);
    }
  }
}
