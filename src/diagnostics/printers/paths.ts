import * as path from "node:path";

// Windows paths are shown and emitted with forward slashes so that output is
// the same on every machine; on POSIX a backslash is a legal file-name
// character and must be left alone.
export function toForwardSlashes(p: string): string {
  return path.sep === "\\" ? p.split(path.sep).join("/") : p;
}

/**
 * Where a diagnostic's file lies relative to the working folder. Relative
 * inputs are taken to be relative to `cwd` already: resolving them would read
 * `process.cwd()` and make the printers impure.
 */
export type Placement =
  | { kind: "relative"; path: string }
  | { kind: "absolute"; path: string };

export function place(file: string, cwd: string | undefined): Placement {
  if (!path.isAbsolute(file)) return { kind: "relative", path: toForwardSlashes(file) };
  if (cwd === undefined || !path.isAbsolute(cwd)) return { kind: "absolute", path: file };
  const rel = path.relative(cwd, file);
  const outside =
    rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return outside ? { kind: "absolute", path: file } : { kind: "relative", path: toForwardSlashes(rel) };
}

export function displayPath(file: string, cwd: string | undefined): string {
  return toForwardSlashes(place(file, cwd).path);
}
