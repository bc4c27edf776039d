/**
 * Watches folders for changes to designs with Node's fs.watch, and polls
 * the files where watching is not available. Editors' temporary files and
 * everything but `.sysd` files and `sysd.json` are ignored; bursts of events
 * (an editor's save is several) become one call after a short quiet time.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const QUIET_MS = 80;
const POLL_MS = 700;

/** Vim's `4913` probe, `.swp`/`.swx`, Emacs' `.#x` and `#x#`, `x~`, JetBrains' `___jb_tmp___`. */
export function isEditorTemporary(name: string): boolean {
  const base = path.basename(name);
  return base === "4913" || /\.(swp|swx|swo|tmp)$/.test(base) || base.startsWith(".#") || /^#.*#$/.test(base) || base.endsWith("~") || base.includes("___jb_");
}

export function isDesignFile(name: string): boolean {
  const base = path.basename(name);
  return !isEditorTemporary(base) && (base.endsWith(".sysd") || base === "sysd.json");
}

export interface Watcher {
  /** Watches exactly these folders from now on (the folders of the inputs and their imports). */
  refresh(folders: Iterable<string>): void;
  close(): void;
}

/**
 * Each folder is watched on its own, not recursively: a recursive watch of a
 * project folder would also walk node_modules. New files in new folders are
 * found because the folders given by the user are watched too, and each
 * rebuild refreshes the set.
 */
export function watchDesigns(onChange: () => void, listFiles: () => string[]): Watcher {
  let timer: NodeJS.Timeout | undefined;
  const poke = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, QUIET_MS);
  };
  const watchers = new Map<string, fs.FSWatcher>();
  let pollTimer: NodeJS.Timeout | undefined;
  const stamps = new Map<string, string>();
  const stampAll = (): boolean => {
    let changed = false;
    const seen = new Set<string>();
    for (const file of listFiles()) {
      seen.add(file);
      let stamp = "gone";
      try {
        const stat = fs.statSync(file);
        stamp = `${stat.size}:${stat.mtimeMs}`;
      } catch {
        // a file that went away is a change too
      }
      if (stamps.get(file) !== stamp) changed = true;
      stamps.set(file, stamp);
    }
    for (const file of [...stamps.keys()]) {
      if (!seen.has(file)) {
        stamps.delete(file);
        changed = true;
      }
    }
    return changed;
  };
  const startPolling = (): void => {
    if (pollTimer) return;
    stampAll();
    pollTimer = setInterval(() => {
      if (stampAll()) poke();
    }, POLL_MS);
    pollTimer.unref();
  };
  return {
    refresh(folders: Iterable<string>): void {
      const wanted = new Set([...folders].map((f) => path.resolve(f)));
      for (const [folder, watcher] of watchers) {
        if (!wanted.has(folder)) {
          watcher.close();
          watchers.delete(folder);
        }
      }
      for (const folder of wanted) {
        if (watchers.has(folder)) continue;
        try {
          const watcher = fs.watch(folder, (_event, name) => {
            if (name === null || isDesignFile(String(name))) poke();
          });
          watcher.on("error", () => {
            watcher.close();
            watchers.delete(folder);
            startPolling();
          });
          watchers.set(folder, watcher);
        } catch {
          startPolling();
        }
      }
      if (pollTimer) stampAll();
    },
    close(): void {
      clearTimeout(timer);
      if (pollTimer) clearInterval(pollTimer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
