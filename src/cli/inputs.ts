import * as fs from "node:fs";
import * as path from "node:path";
import { describeFileError } from "../syntax/index.js";
import { visible } from "../util/visible.js";

/** Folders never searched for designs. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

export interface CollectedInputs {
  files: string[];
  /** Paths that do not exist or cannot be read: bad usage (exit 2). */
  problems: string[];
}

/**
 * Expands files and folders into `.sysd` files, sorted for a deterministic
 * order. Folders are searched recursively, skipping `node_modules`, hidden
 * folders and the `exclude` folders (the build's output).
 */
export function collectInputs(paths: string[], cwd: string, exclude: string[] = []): CollectedInputs {
  const excluded = new Set(exclude.map((p) => path.resolve(cwd, p)));
  const files = new Set<string>();
  const problems: string[] = [];
  for (const input of paths) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      // Printed: the name as the user can read it, the reason in words.
      const reason = describeFileError(error);
      problems.push(`${visible(input)}: ${reason === "not found" ? "no such file or folder" : reason}`);
      continue;
    }
    if (stat.isDirectory()) walk(absolute, files, excluded);
    else files.add(absolute);
  }
  return { files: [...files].sort(), problems };
}

function walk(folder: string, files: Set<string>, excluded: Set<string>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || entry.name.startsWith(".") || excluded.has(full)) continue;
      walk(full, files, excluded);
    } else if (entry.isFile() && entry.name.endsWith(".sysd")) {
      files.add(full);
    }
  }
}
