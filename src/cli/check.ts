import * as path from "node:path";
import { check } from "../index.js";
import { countBySeverity, formatDiagnostics, type DiagnosticFormat } from "../diagnostics/index.js";
import { collectInputs } from "./inputs.js";
import { EXIT, type Io } from "./io.js";

export interface CheckOptions {
  format: DiagnosticFormat;
  root?: string;
  strict?: boolean;
  color: boolean;
}

/** `sysd check`: diagnostics only. */
export function runCheck(paths: string[], options: CheckOptions, io: Io): number {
  const cwd = io.cwd;
  const inputs = collectInputs(paths.length > 0 ? paths : ["."], cwd);
  if (inputs.problems.length > 0) {
    for (const problem of inputs.problems) io.stderr(`sysd: ${problem}\n`);
    return EXIT.usage;
  }
  if (inputs.files.length === 0) {
    io.stderr(`sysd: no .sysd files found in ${paths.length > 0 ? paths.join(", ") : "the current folder"}\n`);
    return EXIT.usage;
  }
  const root = path.resolve(cwd, options.root ?? ".");
  const result = check(inputs.files, { root, cwd });
  const texts = new Map(result.program.files.map((file) => [file.displayPath, file.text]));
  const output = formatDiagnostics(options.format, result.diagnostics, {
    cwd,
    toolVersion: io.version,
    color: options.color,
    source: (file) => texts.get(file),
  });
  if (output !== "") io.stdout(output.endsWith("\n") ? output : `${output}\n`);
  const counts = countBySeverity(result.diagnostics);
  if (options.format === "pretty" && result.diagnostics.length === 0) {
    const files = result.program.entries.length;
    io.stdout(`${files} file${files === 1 ? "" : "s"} checked: no problems\n`);
  }
  const failed = counts.error > 0 || (options.strict === true && counts.warning > 0);
  return failed ? EXIT.errors : EXIT.ok;
}
