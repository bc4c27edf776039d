/**
 * The designs of one side of `sysd diff`: a folder or file on disk, or a git
 * revision of the repository around the current folder, read with `git
 * ls-tree` and `git show` — never by checking anything out.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { defaultStdlibDir, describeLimit, MAX_SOURCE_BYTES, nodeHost, type SourceHost } from "../syntax/index.js";
import { collectInputs } from "./inputs.js";

export interface Revision {
  /** As the user wrote it, for messages: `HEAD`, `main~1`, `the working tree`, `old/`. */
  label: string;
  host: SourceHost;
  inputs: string[];
  /** Display paths are relative to it, so the same file has the same name on both sides. */
  cwd: string;
  root: string;
}

const SKIPPED = /(^|\/)(node_modules|out|\.[^/]*)\//;

function git(args: string[], cwd: string): Buffer | undefined {
  try {
    return execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** A file of a revision, never more than a source file may hold (as on disk, read.ts). */
function gitBlob(object: string, cwd: string): Buffer | "too large" | undefined {
  try {
    return execFileSync("git", ["show", object], { cwd, stdio: ["ignore", "pipe", "ignore"], maxBuffer: MAX_SOURCE_BYTES });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOBUFS" ? "too large" : undefined;
  }
}

/** Files of a revision are read from git; the standard library (not in the repository) from the package. */
class GitHost implements SourceHost {
  private readonly texts = new Map<string, ReturnType<SourceHost["read"]>>();

  constructor(
    private readonly toplevel: string,
    private readonly revision: string,
    private readonly files: Set<string>,
    private readonly stdlib: string,
  ) {}

  private relative(absolutePath: string): string | undefined {
    const relative = path.relative(this.toplevel, absolutePath);
    return relative.startsWith("..") || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join("/");
  }

  private outside(absolutePath: string): boolean {
    return !path.relative(this.stdlib, absolutePath).startsWith("..");
  }

  read(absolutePath: string): ReturnType<SourceHost["read"]> {
    if (this.outside(absolutePath)) return nodeHost.read(absolutePath);
    const relative = this.relative(absolutePath);
    if (relative === undefined || !this.files.has(relative)) return { error: `not found in ${this.revision}` };
    const known = this.texts.get(relative);
    if (known) return known;
    const bytes = gitBlob(`${this.revision}:${relative}`, this.toplevel);
    const result =
      bytes === "too large"
        ? { error: `is larger than ${describeLimit(MAX_SOURCE_BYTES)} in ${this.revision}, the most sysd reads from one file` }
        : bytes === undefined
          ? { error: `could not be read from ${this.revision}` }
          : { text: new TextDecoder("utf-8").decode(bytes) };
    this.texts.set(relative, result);
    return result;
  }

  exists(absolutePath: string): boolean {
    if (this.outside(absolutePath)) return nodeHost.exists(absolutePath);
    const relative = this.relative(absolutePath);
    return relative !== undefined && this.files.has(relative);
  }

  realpath(absolutePath: string): string {
    return this.outside(absolutePath) ? nodeHost.realpath(absolutePath) : absolutePath;
  }

  list(absoluteFolder: string): string[] {
    if (this.outside(absoluteFolder)) return nodeHost.list(absoluteFolder);
    const relative = this.relative(absoluteFolder);
    if (relative === undefined) return [];
    const prefix = relative === "" ? "" : `${relative}/`;
    return [...new Set([...this.files].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split("/")[0]!))].sort();
  }
}

export type RevisionResult = Revision | { error: string };

/** A path on disk if one exists by that name, else a git revision. */
export function openRevision(spec: string | undefined, cwd: string, root: string | undefined): RevisionResult {
  if (spec === undefined) {
    const inputs = collectInputs(["."], cwd).files;
    return { label: "the working tree", host: nodeHost, inputs, cwd, root: path.resolve(cwd, root ?? ".") };
  }
  const onDisk = path.resolve(cwd, spec);
  if (fs.existsSync(onDisk)) {
    const folder = fs.statSync(onDisk).isDirectory() ? onDisk : path.dirname(onDisk);
    const inputs = collectInputs([onDisk], cwd).files;
    return { label: spec, host: nodeHost, inputs, cwd: folder, root: root !== undefined ? path.resolve(cwd, root) : folder };
  }
  const toplevel = git(["rev-parse", "--show-toplevel"], cwd)?.toString("utf8").trim();
  if (!toplevel) return { error: `\`${spec}\` is neither a file or folder nor a git revision (this folder is not in a git repository)` };
  if (spec.startsWith("-") || git(["rev-parse", "--verify", "--quiet", `${spec}^{commit}`], cwd) === undefined) {
    return { error: `\`${spec}\` is neither a file or folder nor a revision of this git repository` };
  }
  const listing = git(["ls-tree", "-r", "-z", "--name-only", spec], toplevel);
  const files = new Set((listing?.toString("utf8") ?? "").split("\0").filter(Boolean));
  const realTop = fs.realpathSync(toplevel);
  const realCwd = fs.realpathSync(cwd);
  const prefix = path.relative(realTop, realCwd).split(path.sep).join("/");
  const under = prefix === "" ? "" : `${prefix}/`;
  const inputs = [...files]
    .filter((f) => f.endsWith(".sysd") && f.startsWith(under) && !SKIPPED.test(f.slice(under.length)))
    .sort()
    .map((f) => path.join(realTop, f));
  return { label: spec, host: new GitHost(realTop, spec, files, defaultStdlibDir()), inputs, cwd: realCwd, root: path.resolve(realCwd, root ?? ".") };
}
