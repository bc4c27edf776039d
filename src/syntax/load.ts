import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { IToken } from "chevrotain";
import { makeDiagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Import, SourceFile } from "./ast.js";
import { nodeFileSystem, type ParseCache, type SourceHost } from "./host.js";
import { parseSource } from "./parse.js";
import { readSourceFile } from "./read.js";
import { SourceText } from "./source-text.js";

/** One file of a program, parsed. */
export interface LoadedFile {
  /** Absolute path; the file's identity. */
  absolutePath: string;
  /** The name diagnostics use: relative to the working folder, or `std/x.sysd`. */
  displayPath: string;
  text: string;
  ast: SourceFile;
  comments: IToken[];
  isStdlib: boolean;
}

/** An `import` statement and what it resolved to. */
export interface ResolvedImport {
  /** Absolute path of the importing file. */
  from: string;
  statement: Import;
  namespace: string;
  /** Absolute path of the imported file; absent when it could not be loaded (E101). */
  target?: string;
}

export interface Program {
  /** Every file read, each once, in the order first reached. */
  files: LoadedFile[];
  /** Absolute paths of the files named as inputs. */
  entries: string[];
  imports: ResolvedImport[];
  /** The implicit `std/core`, when the stdlib was found. */
  core?: string;
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Imports must stay inside this folder (spec §2). */
  root: string;
  /** Folder that display paths are relative to; defaults to `root`. */
  cwd?: string;
  /** Defaults to the package's own `stdlib/`. */
  stdlibDir?: string;
  /** Where files are read from; defaults to the disk. */
  host?: SourceHost;
  /** Parsed files kept from earlier runs. */
  parseCache?: ParseCache;
  /**
   * Show a file outside `cwd` as `../…` instead of its absolute path: the
   * build records these paths in its outputs, which must not depend on the machine.
   */
  relativeOutsideCwd?: boolean;
}

export { readSourceFile };

/** The disk, as the loader reads it: regular files only, up to a size limit (`read.ts`). */
export const nodeHost: SourceHost = { ...nodeFileSystem, read: (absolutePath) => readSourceFile(absolutePath) };

let cachedStdlibDir: string | undefined;

/** The `stdlib/` folder shipped beside the compiled code (or the sources, under test). */
export function defaultStdlibDir(): string {
  if (cachedStdlibDir) return cachedStdlibDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "stdlib", "core.sysd"))) return (cachedStdlibDir = path.join(dir, "stdlib"));
    dir = path.dirname(dir);
  }
  return (cachedStdlibDir = path.resolve("stdlib"));
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function namespaceOf(file: string): string {
  return path.basename(file).replace(/\.sysd$/, "");
}

/**
 * Reads the entry files and everything they import, each file once. Imports
 * may form cycles. A missing or escaping import is E101 and is not read.
 */
export function loadProgram(entryPaths: string[], options: LoadOptions): Program {
  const root = path.resolve(options.root);
  const cwd = path.resolve(options.cwd ?? options.root);
  const stdlibDir = path.resolve(options.stdlibDir ?? defaultStdlibDir());
  const host = options.host ?? nodeHost;
  const program: Program = { files: [], entries: [], imports: [], diagnostics: [] };
  const byPath = new Map<string, LoadedFile>();

  const displayPathOf = (absolutePath: string): string => {
    if (isInside(stdlibDir, absolutePath)) return `std/${path.relative(stdlibDir, absolutePath).split(path.sep).join("/")}`;
    const relative = path.relative(cwd, absolutePath);
    const shown = isInside(cwd, absolutePath) || (options.relativeOutsideCwd === true && !path.isAbsolute(relative));
    return shown ? relative.split(path.sep).join("/") : absolutePath;
  };

  const queue: string[] = [];
  const read = (absolutePath: string): LoadedFile | { error: string } => {
    const known = byPath.get(absolutePath);
    if (known) return known;
    const result = host.read(absolutePath);
    if ("error" in result) return result;
    const displayPath = displayPathOf(absolutePath);
    const parsed = options.parseCache ? options.parseCache.parse(result.text, displayPath) : parseSource(result.text, displayPath);
    const loaded: LoadedFile = {
      absolutePath,
      displayPath,
      text: result.text,
      ast: parsed.ast,
      comments: parsed.comments,
      isStdlib: isInside(stdlibDir, absolutePath),
    };
    if (result.invalidUtf8At !== undefined) {
      const at = result.invalidUtf8At;
      program.diagnostics.push(
        makeDiagnostic("E100", new SourceText(displayPath, result.text).span(at, at + 1), "the file is not valid UTF-8 text"),
      );
    }
    for (const diagnostic of parsed.diagnostics) program.diagnostics.push(diagnostic);
    byPath.set(absolutePath, loaded);
    program.files.push(loaded);
    queue.push(absolutePath);
    return loaded;
  };

  const corePath = path.join(stdlibDir, "core.sysd");
  const core = read(corePath);
  if ("absolutePath" in core) program.core = core.absolutePath;

  for (const entry of entryPaths) {
    const absolutePath = path.resolve(cwd, entry);
    const loaded = read(absolutePath);
    if ("error" in loaded) {
      program.diagnostics.push(
        makeDiagnostic("E101", new SourceText(displayPathOf(absolutePath), "").span(0, 0), `cannot read \`${entry}\`: ${loaded.error}`),
      );
      continue;
    }
    if (!program.entries.includes(absolutePath)) program.entries.push(absolutePath);
  }

  while (queue.length > 0) {
    const current = byPath.get(queue.shift()!)!;
    for (const statement of current.ast.imports) {
      program.imports.push(resolveImport(current, statement));
    }
  }
  return program;

  function resolveImport(current: LoadedFile, statement: Import): ResolvedImport {
    const written = statement.path.value;
    const isStd = written.startsWith("std/");
    let candidate = isStd
      ? path.join(stdlibDir, written.slice(4))
      : path.resolve(path.dirname(current.absolutePath), written);
    if (!candidate.endsWith(".sysd") && !host.exists(candidate)) candidate += ".sysd";
    const namespace = statement.alias?.name ?? namespaceOf(candidate);
    const resolved: ResolvedImport = { from: current.absolutePath, statement, namespace };
    const span = statement.path.span;
    if (isStd ? !isInside(stdlibDir, candidate) : !isInside(root, candidate) || escapesThroughLink(host, root, candidate)) {
      const where = isStd ? "the standard library" : `the root folder \`${displayPathOf(root) || "."}\``;
      program.diagnostics.push(makeDiagnostic("E101", span, `import \`${written}\` is outside ${where}, so it is not read`));
      return resolved;
    }
    const loaded = read(candidate);
    if ("error" in loaded) {
      const hint = isStd ? ` (the standard library has ${stdlibModules(host, stdlibDir)})` : "";
      program.diagnostics.push(makeDiagnostic("E101", span, `cannot import \`${written}\`: ${loaded.error}${hint}`));
      return resolved;
    }
    resolved.target = loaded.absolutePath;
    return resolved;
  }
}

/** A link inside the root that points outside it must not let an import escape. */
function escapesThroughLink(host: SourceHost, root: string, candidate: string): boolean {
  return !isInside(host.realpath(root), host.realpath(candidate));
}

function stdlibModules(host: SourceHost, stdlibDir: string): string {
  const modules = host
    .list(stdlibDir)
    .filter((name) => name.endsWith(".sysd"))
    .map((name) => `\`std/${name.replace(/\.sysd$/, "")}\``)
    .sort();
  return modules.length > 0 ? modules.join(", ") : "no modules";
}
