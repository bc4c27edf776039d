import * as path from "node:path";
import { check } from "../index.js";
import type { DiagnosticFormat } from "../diagnostics/index.js";
import { collectInputs, type CollectedInputs } from "./inputs.js";
import { EXIT, type Io } from "./io.js";
import { visible } from "../util/visible.js";
import { reportDiagnostics } from "./report.js";

export interface CheckOptions {
  format: DiagnosticFormat;
  root?: string;
  strict?: boolean;
  color: boolean;
}

/** Resolves the inputs of `check` and `build`; prints why and returns an exit code when there are none. */
export function resolveInputs(paths: string[], io: Io, exclude: string[] = []): CollectedInputs | number {
  const inputs = collectInputs(paths.length > 0 ? paths : ["."], io.cwd, exclude);
  if (inputs.problems.length > 0) {
    for (const problem of inputs.problems) io.stderr(`sysd: ${problem}\n`);
    return EXIT.usage;
  }
  if (inputs.files.length === 0) {
    io.stderr(`sysd: no .sysd files found in ${paths.length > 0 ? paths.map(visible).join(", ") : "the current folder"}\n`);
    return EXIT.usage;
  }
  return inputs;
}

/** `sysd check`: diagnostics only. */
export function runCheck(paths: string[], options: CheckOptions, io: Io): number {
  const inputs = resolveInputs(paths, io);
  if (typeof inputs === "number") return inputs;
  const root = path.resolve(io.cwd, options.root ?? ".");
  const result = check(inputs.files, { root, cwd: io.cwd });
  const counts = reportDiagnostics(result.diagnostics, result.program, options, io);
  if (options.format === "pretty" && result.diagnostics.length === 0) {
    const files = result.program.entries.length;
    io.stdout(`${files} file${files === 1 ? "" : "s"} checked: no problems\n`);
  }
  const failed = counts.errors > 0 || (options.strict === true && counts.warnings > 0);
  return failed ? EXIT.errors : EXIT.ok;
}
