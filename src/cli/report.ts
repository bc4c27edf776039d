import { countBySeverity, formatDiagnostics, type Diagnostic, type DiagnosticFormat } from "../diagnostics/index.js";
import type { Program } from "../syntax/index.js";
import type { Io } from "./io.js";

export interface ReportOptions {
  format: DiagnosticFormat;
  color: boolean;
}

/** Prints diagnostics in the chosen format; returns whether any is an error. */
export function reportDiagnostics(diagnostics: Diagnostic[], program: Program, options: ReportOptions, io: Io): { errors: number; warnings: number } {
  const texts = new Map(program.files.map((file) => [file.displayPath, file.text]));
  const output = formatDiagnostics(options.format, diagnostics, {
    cwd: io.cwd,
    toolVersion: io.version,
    color: options.color,
    source: (file) => texts.get(file),
  });
  if (output !== "") io.stdout(output.endsWith("\n") ? output : `${output}\n`);
  const counts = countBySeverity(diagnostics);
  return { errors: counts.error, warnings: counts.warning };
}
