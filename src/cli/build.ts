import * as path from "node:path";
import { compile, type OutputFile } from "../index.js";
import { resolveInputs, type CheckOptions } from "./check.js";
import { EXIT, type Io } from "./io.js";
import { reportDiagnostics } from "./report.js";
import { readIfExists, writeFileAtomic } from "./write.js";

export interface BuildOptions extends CheckOptions {
  out: string;
  check?: boolean;
}

/**
 * `sysd build`: check, then write every system's files into `<out>/<System>/`.
 * Only files whose bytes change are written; nothing else in `<out>` is touched.
 */
export async function runBuild(paths: string[], options: BuildOptions, io: Io): Promise<number> {
  const outDir = path.resolve(io.cwd, options.out);
  const inputs = resolveInputs(paths, io, [outDir]);
  if (typeof inputs === "number") return inputs;
  const root = path.resolve(io.cwd, options.root ?? ".");
  const progress = io.isTerminal === true && inputs.files.length > 1;
  // Source paths in the outputs are relative to the root, not to where the
  // build runs, so that the same design gives the same files from anywhere.
  const result = await compile(inputs.files, {
    root,
    cwd: root,
    toolVersion: io.version,
    onProgress: progress ? (done, total, system) => io.stderr(`\rbuilding ${done + 1}/${total}: ${system}\u001b[K`) : undefined,
  });
  if (progress) io.stderr("\r\u001b[K");
  const counts = reportDiagnostics(result.diagnostics, result.program, options, io);
  if (counts.errors > 0) {
    io.stderr(`sysd build: ${counts.errors} error${counts.errors === 1 ? "" : "s"}; no files written\n`);
    return EXIT.errors;
  }

  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return (relative.startsWith("..") ? file : relative).split(path.sep).join("/");
  };
  const bySystem = new Map<string, OutputFile[]>();
  for (const output of result.outputs) {
    const system = output.path.split("/")[0]!;
    bySystem.set(system, [...(bySystem.get(system) ?? []), output]);
  }
  const changed: string[] = [];
  for (const [system, files] of bySystem) {
    let written = 0;
    for (const file of files) {
      const target = path.join(outDir, ...file.path.split("/"));
      if (readIfExists(target) === file.content) continue;
      changed.push(display(target));
      if (!options.check) {
        try {
          writeFileAtomic(target, file.content);
        } catch (error) {
          io.stderr(`sysd: cannot write ${display(target)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
          return EXIT.usage;
        }
        written++;
      }
    }
    const folder = display(path.join(outDir, system));
    if (options.check) {
      const stale = changed.filter((f) => f.startsWith(`${folder}/`)).length;
      io.stderr(`${system}: ${stale === 0 ? "up to date" : `${stale} of ${files.length} files would change`} (${folder}/)\n`);
    } else {
      io.stderr(`${system}: ${files.length} files in ${folder}/ (${written} written, ${files.length - written} unchanged)\n`);
    }
  }
  if (bySystem.size === 0) io.stderr("sysd build: the inputs hold no system\n");
  if (options.check && changed.length > 0) {
    // With a machine-readable format stdout holds only the diagnostics.
    const print = options.format === "pretty" ? io.stdout : io.stderr;
    print(`${changed.map((f) => `would change: ${f}`).join("\n")}\n`);
    return EXIT.errors;
  }
  return options.strict === true && counts.warnings > 0 ? EXIT.errors : EXIT.ok;
}
