import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The folder the build's outputs name source files relative to, so that the
 * same design gives the same bytes from whatever folder it is built:
 * `--root` when given, else the nearest folder holding `sysd.json` above the
 * inputs (looking no higher than the repository's top, the folder holding
 * `.git`), else the deepest folder that holds every input.
 */
export function pathRoot(files: readonly string[], root: string | undefined, cwd: string): string {
  if (root !== undefined) return path.resolve(cwd, root);
  const common = commonFolder(files.map((f) => path.dirname(path.resolve(cwd, f))));
  for (let folder = common; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, "sysd.json"))) return folder;
    if (fs.existsSync(path.join(folder, ".git")) || path.dirname(folder) === folder) break;
  }
  return common;
}

/** The deepest folder that holds all of `folders` (absolute paths). */
function commonFolder(folders: readonly string[]): string {
  if (folders.length === 0) return path.parse(process.cwd()).root;
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (!isInside(common, folder)) common = path.dirname(common);
  }
  return common;
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
