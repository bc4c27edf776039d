import * as path from "node:path";
import { compile, type OutputFile } from "../index.js";
import { resolveInputs, type CheckOptions } from "./check.js";
import { EXIT, type Io } from "./io.js";
import { pathRoot } from "./path-root.js";
import { isGeneratedFile } from "../render/marker.js";
import { visible } from "../util/visible.js";
import { describeFileError, MAX_SOURCE_BYTES, readRegularFile } from "../syntax/index.js";
import { reportDiagnostics } from "./report.js";
import { removeStaleTemporaries, writeFileAtomic } from "./write.js";

export interface BuildOptions extends CheckOptions {
  out: string;
  check?: boolean;
}

/**
 * `sysd build`: check, then write every system's files into `<out>/<System>/`.
 * Only files whose bytes change are written; nothing else in `<out>` is touched.
 * A file sysd did not write (no generated note) is never overwritten: that
 * system is skipped and the exit code is 2.
 */
export async function runBuild(paths: string[], options: BuildOptions, io: Io): Promise<number> {
  const outDir = path.resolve(io.cwd, options.out);
  const inputs = resolveInputs(paths, io, [outDir]);
  if (typeof inputs === "number") return inputs;
  const root = path.resolve(io.cwd, options.root ?? ".");
  const progress = io.isTerminal === true && inputs.files.length > 1;
  // Source paths in the outputs are relative to a root found from the inputs,
  // not to where the build runs, so the same design gives the same files from anywhere.
  const base = pathRoot(inputs.files, options.root, io.cwd);
  const result = await compile(inputs.files, {
    root,
    cwd: base,
    relativeOutsideCwd: true,
    toolVersion: io.version,
    onProgress: progress ? (done, total, system) => io.stderr(`\rbuilding ${done + 1}/${total}: ${system}\u001b[K`) : undefined,
  });
  if (progress) io.stderr("\r\u001b[K");
  const counts = reportDiagnostics(result.diagnostics, result.program, options, io, base);
  if (counts.errors > 0) {
    io.stderr(`sysd build: ${counts.errors} error${counts.errors === 1 ? "" : "s"}; no files written\n`);
    return EXIT.errors;
  }

  // Only ever printed: a folder name with controls or bidi characters is shown escaped.
  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return visible((relative.startsWith("..") ? file : relative).split(path.sep).join("/"));
  };
  const bySystem = new Map<string, OutputFile[]>();
  for (const output of result.outputs) {
    const system = output.path.split("/")[0]!;
    bySystem.set(system, [...(bySystem.get(system) ?? []), output]);
  }
  const changed: string[] = [];
  let refused = false;
  for (const [system, files] of bySystem) {
    const folder = display(path.join(outDir, system));
    const pending: { target: string; content: string }[] = [];
    const foreign: { file: string; why: string }[] = [];
    for (const file of files) {
      const target = path.join(outDir, ...file.path.split("/"));
      const existing = existingOutput(target, file.content);
      if (existing === "same") continue;
      changed.push(display(target));
      if (typeof existing === "object") foreign.push({ file: display(target), why: existing.foreign });
      pending.push({ target, content: file.content });
    }
    if (foreign.length > 0 && !options.check) {
      // One hand-written file stops the whole system, so its document is
      // never half old, half new.
      for (const { file, why } of foreign) {
        io.stderr(`sysd: not overwriting ${file}: ${why}; move it away and build again\n`);
      }
      io.stderr(`${system}: nothing written to ${folder}/\n`);
      refused = true;
      continue;
    }
    let written = 0;
    if (!options.check) {
      removeStaleTemporaries(path.join(outDir, system), files.map((f) => f.path.slice(system.length + 1)));
      for (const { target, content } of pending) {
        try {
          writeFileAtomic(target, content);
        } catch (error) {
          io.stderr(`sysd: cannot write ${display(target)}: ${describeFileError(error, "written")}\n`);
          return EXIT.usage;
        }
        written++;
      }
    }
    if (options.check) {
      const stale = changed.filter((f) => f.startsWith(`${folder}/`)).length;
      io.stderr(`${system}: ${stale === 0 ? "up to date" : `${stale} of ${files.length} files would change`} (${folder}/)\n`);
    } else {
      io.stderr(`${system}: ${files.length} files in ${folder}/ (${written} written, ${files.length - written} unchanged)\n`);
    }
  }
  if (bySystem.size === 0) io.stderr("sysd build: the inputs hold no system\n");
  if (refused) return EXIT.usage;
  if (options.check && changed.length > 0) {
    // With a machine-readable format stdout holds only the diagnostics.
    const print = options.format === "pretty" ? io.stdout : io.stderr;
    print(`${changed.map((f) => `would change: ${f}`).join("\n")}\n`);
    return EXIT.errors;
  }
  return options.strict === true && counts.warnings > 0 ? EXIT.errors : EXIT.ok;
}

const NOT_OURS = 'sysd did not write it (it has no "Generated by sysd" note)';

/**
 * What is at an output's place: nothing, the same bytes, a file sysd wrote
 * (it carries the generated note), or something else, which is not ours to
 * replace — a file without the note, a file we cannot read, a folder, and
 * anything that is not a regular file (a named pipe there would block a
 * plain read forever), with the reason in words.
 */
function existingOutput(target: string, content: string): "absent" | "same" | "generated" | { foreign: string } {
  // An output sysd wrote may outgrow the limit for sources; never below it.
  const read = readRegularFile(target, Math.max(MAX_SOURCE_BYTES, Buffer.byteLength(content)));
  if ("error" in read) return read.missing === true ? "absent" : { foreign: unreadable(read.error) };
  const text = read.bytes.toString("utf8");
  if (text === content) return "same";
  return isGeneratedFile(path.basename(target), text) ? "generated" : { foreign: NOT_OURS };
}

/** A reason from `readRegularFile` as a clause about the file ("it is a named pipe, not a file"). */
function unreadable(reason: string): string {
  if (reason.startsWith("is ")) return `it ${reason}`;
  if (reason.startsWith("it ")) return reason;
  return `it cannot be read (${reason})`;
}
