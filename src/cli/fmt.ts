import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { formatDiagnostics, makeDiagnostic, sortDiagnostics, type Diagnostic, type DiagnosticFormat } from "../diagnostics/index.js";
import { formatSource } from "../format/index.js";
import { describeFileError, readRegularFile, readSourceFile, SourceText } from "../syntax/index.js";
import { resolveInputs } from "./check.js";
import { visible } from "../util/visible.js";
import { EXIT, type Io } from "./io.js";
import { removeStaleTemporaries, writeFileAtomic } from "./write.js";

export interface FmtOptions {
  /** Write nothing; list the files that would change and exit 1 if any would. */
  check?: boolean;
  /** Print the formatted text instead of writing it. */
  stdout?: boolean;
  format: DiagnosticFormat;
  color: boolean;
}

/**
 * `sysd fmt [paths...]`: rewrites `.sysd` files in the canonical layout,
 * comments kept. A file with syntax errors is left as it is and its errors
 * are printed. Exit code: 0 when every file is (now) formatted, 1 when a
 * file has syntax errors or, with `--check`, would change; 2 for bad usage
 * or a file that cannot be read or written (or has several hard links, or
 * changed while it was formatted); 3 when the formatter fails its own check
 * (a bug: that file is left as it was).
 *
 * A link is followed: the file it points to is formatted and the link stays.
 * The file keeps its mode (and owner, when run as root).
 */
export function runFmt(paths: string[], options: FmtOptions, io: Io): number {
  const inputs = resolveInputs(paths, io);
  if (typeof inputs === "number") return inputs;
  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return (relative.startsWith("..") || path.isAbsolute(relative) ? file : relative).split(path.sep).join("/");
  };
  // With --stdout, stdout holds the formatted text; everything else goes to stderr.
  const report = options.stdout ? io.stderr : io.stdout;
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const wouldChange: string[] = [];
  let exit: number = EXIT.ok;
  const raise = (code: number): void => {
    if (code > exit) exit = code;
  };

  for (const file of inputs.files) {
    const shown = display(file);
    const original = snapshot(file);
    const read = readSourceFile(file);
    if ("error" in original || "error" in read) {
      io.stderr(`sysd: cannot read ${visible(shown)}: ${"error" in read ? read.error : "error" in original ? original.error : ""}\n`);
      raise(EXIT.usage);
      continue;
    }
    texts.set(shown, read.text);
    if (read.invalidUtf8At !== undefined) {
      // Writing the text back would replace the bad bytes: leave the file alone.
      const at = read.invalidUtf8At;
      diagnostics.push(makeDiagnostic("E100", new SourceText(shown, read.text).span(at, at + 1), "the file is not valid UTF-8 text"));
      raise(EXIT.errors);
      continue;
    }
    let result: ReturnType<typeof formatSource>;
    try {
      result = formatSource(read.text, shown, { verify: true });
    } catch (error) {
      io.stderr(`sysd: ${(error as Error).message}\n`);
      raise(EXIT.internal);
      continue;
    }
    if (result.diagnostics.length > 0) {
      diagnostics.push(...result.diagnostics);
      raise(EXIT.errors);
      continue;
    }
    if (options.stdout) {
      io.stdout(result.formatted);
      continue;
    }
    if (!result.changed) continue;
    wouldChange.push(shown);
    if (options.check) continue;
    const { real, stat } = original;
    if (stat.nlink > 1n) {
      // A rename would leave the other names with the old text; writing in
      // place would lose atomicity. The user picks.
      io.stderr(`sysd: not formatting ${visible(shown)}: it has ${stat.nlink} hard links, which a rewrite would split (use --stdout and copy the text)\n`);
      raise(EXIT.usage);
      continue;
    }
    let written: boolean;
    try {
      removeStaleTemporaries(path.dirname(real), [path.basename(real)]);
      written = writeFileAtomic(real, result.formatted, {
        mode: Number(stat.mode) & 0o7777,
        owner: { uid: Number(stat.uid), gid: Number(stat.gid) },
        beforeReplace: () => {
          io.beforeReplace?.(real);
          return unchangedSince(real, stat, read.text);
        },
      });
    } catch (error) {
      io.stderr(`sysd: cannot write ${visible(shown)}: ${describeFileError(error, "written")}\n`);
      raise(EXIT.usage);
      continue;
    }
    if (!written) {
      io.stderr(`sysd: ${visible(shown)} changed while it was being formatted; nothing written (run sysd fmt again)\n`);
      raise(EXIT.usage);
      continue;
    }
    io.stderr(`formatted ${visible(shown)}\n`);
  }

  const output = formatDiagnostics(options.format, sortDiagnostics(diagnostics), {
    cwd: io.cwd,
    toolVersion: io.version,
    color: options.color,
    source: (file) => texts.get(file),
  });
  if (output !== "") report(output.endsWith("\n") ? output : `${output}\n`);
  if (options.check && wouldChange.length > 0) {
    // With a machine-readable format stdout holds only the diagnostics.
    const print = options.format === "pretty" && !options.stdout ? io.stdout : io.stderr;
    print(`${wouldChange.map((f) => `would reformat: ${visible(f)}`).join("\n")}\n`);
    raise(EXIT.errors);
  }
  return exit;
}

interface Snapshot {
  /** The file itself, past any links. */
  real: string;
  stat: fs.BigIntStats;
}

function snapshot(file: string): Snapshot | { error: string } {
  try {
    const real = fs.realpathSync(file);
    return { real, stat: fs.statSync(real, { bigint: true }) };
  } catch (error) {
    return { error: describeFileError(error) };
  }
}

/**
 * Whether `file` still holds `text` as it was read: the same size and mtime,
 * and the same bytes (an edit within the mtime's resolution keeps the mtime).
 */
function unchangedSince(file: string, before: fs.BigIntStats, text: string): boolean {
  let now: fs.BigIntStats;
  try {
    now = fs.statSync(file, { bigint: true });
  } catch {
    return false;
  }
  if (!now.isFile() || now.size !== before.size || now.mtimeNs !== before.mtimeNs || now.ino !== before.ino) return false;
  // The path may have become a pipe since the stat: the safe reader does not block on one.
  const read = readRegularFile(file);
  if ("error" in read) return false;
  const digest = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
  return digest(read.bytes) === digest(Buffer.from(text, "utf8"));
}
