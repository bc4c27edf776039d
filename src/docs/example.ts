/**
 * Checks a design given as text, without touching the disk: the examples of
 * the documentation are compiled this way by the generator and by the tests.
 */
import * as os from "node:os";
import * as path from "node:path";
import { check, type CheckResult } from "../index.js";
import { formatPretty, type Diagnostic } from "../diagnostics/index.js";
import { nodeHost, OverlayHost } from "../syntax/index.js";

/** A folder that exists nowhere: the example's files live only in memory, the standard library on disk. */
const ROOT = path.join(os.tmpdir(), "sysd-example");

export const EXAMPLE_FILE = "design.sysd";

/**
 * Checks `files` (name → text, `design.sysd` being the input) as if they were
 * a project folder with no `sysd.json`.
 */
export function checkExample(files: Readonly<Record<string, string>>): CheckResult & { texts: Map<string, string> } {
  const host = new OverlayHost(nodeHost);
  const texts = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) {
    host.set(path.join(ROOT, name), text);
    texts.set(name, text);
  }
  const result = check([path.join(ROOT, EXAMPLE_FILE)], { root: ROOT, cwd: ROOT, rules: {}, host });
  return { ...result, texts };
}

/** The diagnostics as `sysd check` prints them without color, for files named as in `checkExample`. */
export function printExample(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): string {
  return formatPretty(diagnostics, { color: false, cwd: ROOT, source: (file) => texts.get(path.relative(ROOT, file).split(path.sep).join("/")) ?? texts.get(file) });
}
