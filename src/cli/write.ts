import * as fs from "node:fs";
import * as path from "node:path";

export interface WriteOptions {
  /** Permission bits of the new file (default: 0o666 less the umask, as a plain create). */
  mode?: number;
  /** Owner to give the new file; applied only when running as root (others cannot give a file away). */
  owner?: { uid: number; gid: number };
  /**
   * Called after the new bytes are on disk and just before they replace the
   * file; returning false abandons the write (the temporary file is removed).
   */
  beforeReplace?: () => boolean;
}

/** The temporary file `writeFileAtomic` uses for `file` in the process `pid`. */
export function temporaryName(file: string, pid: number = process.pid): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${pid}.tmp`);
}

/**
 * Writes a file so that a reader never sees half of it: the bytes go to a
 * temporary file in the same folder, which is then renamed over the target.
 * Returns false when `beforeReplace` called it off; throws on I/O errors.
 */
export function writeFileAtomic(file: string, content: string, options: WriteOptions = {}): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  // Only this process uses its pid's name, so a file there is a leftover of a
  // crashed run with the same pid; it goes, and `wx` then refuses to follow
  // a link someone may have put in its place.
  fs.rmSync(temporary, { force: true });
  try {
    const fd = fs.openSync(temporary, "wx", options.mode ?? 0o666);
    try {
      // The umask applied at creation; an existing file's mode is kept exactly.
      if (options.mode !== undefined) fs.fchmodSync(fd, options.mode);
      if (options.owner !== undefined && process.getuid?.() === 0) {
        try {
          fs.fchownSync(fd, options.owner.uid, options.owner.gid);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
        }
      }
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.beforeReplace !== undefined && !options.beforeReplace()) {
      fs.rmSync(temporary, { force: true });
      return false;
    }
    fs.renameSync(temporary, file);
    return true;
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** A temporary file older than this is stale whatever its pid says (the pid may have been reused). */
export const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/**
 * Removes the temporary files a crashed sysd left beside `names` in `folder`
 * (`.<name>.<pid>.tmp`): those whose process no longer runs, and those older
 * than `STALE_TEMPORARY_MS`. Nothing else is touched. Returns the removed paths.
 */
export function removeStaleTemporaries(folder: string, names: readonly string[], now: number = Date.now()): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const wanted = new Set(names);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = /^\.(.+)\.(\d+)\.tmp$/.exec(entry);
    if (!match || !wanted.has(match[1]!)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid) continue;
    const full = path.join(folder, entry);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      continue;
    }
    if (!stat.isFile() && !stat.isSymbolicLink()) continue;
    if (isAlive(pid) && now - stat.mtimeMs < STALE_TEMPORARY_MS) continue;
    try {
      fs.rmSync(full, { force: true });
      removed.push(full);
    } catch {
      // Another run removed it first, or the folder is read-only: not this run's business.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
