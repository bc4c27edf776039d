import { countBySeverity, formatDiagnostics, type Diagnostic, type DiagnosticFormat } from "../diagnostics/index.js";
import * as path from "node:path";
import type { Program } from "../syntax/index.js";
import type { Span } from "../syntax/span.js";
import type { Io } from "./io.js";

export interface ReportOptions {
  format: DiagnosticFormat;
  color: boolean;
}

/**
 * Prints diagnostics in the chosen format; returns whether any is an error.
 * File names are shown relative to the current folder, whatever folder the
 * program's display paths are relative to.
 */
export function reportDiagnostics(
  diagnostics: Diagnostic[],
  program: Program,
  options: ReportOptions,
  io: Io,
  /** The folder the display paths are relative to, when it is not the current one. */
  base: string = io.cwd,
): { errors: number; warnings: number } {
  const shown = new Map(program.files.map((file) => [file.displayPath, file.isStdlib ? file.displayPath : displayPath(file.absolutePath, io.cwd)]));
  const show = (file: string): string => shown.get(file) ?? (path.isAbsolute(file) ? file : displayPath(path.resolve(base, file), io.cwd));
  const rebase = (span: Span): Span => ({ ...span, file: show(span.file) });
  const rebased = diagnostics.map((d): Diagnostic => {
    const copy: Diagnostic = { ...d, span: rebase(d.span) };
    if (d.related !== undefined) copy.related = d.related.map((r) => ({ ...r, span: rebase(r.span) }));
    if (d.fix !== undefined) copy.fix = { ...d.fix, span: rebase(d.fix.span) };
    return copy;
  });
  const texts = new Map(program.files.map((file) => [shown.get(file.displayPath)!, file.text]));
  const output = formatDiagnostics(options.format, rebased, {
    cwd: io.cwd,
    toolVersion: io.version,
    color: options.color,
    source: (file) => texts.get(file),
  });
  if (output !== "") io.stdout(output.endsWith("\n") ? output : `${output}\n`);
  const counts = countBySeverity(diagnostics);
  return { errors: counts.error, warnings: counts.warning };
}

/** `file` relative to `cwd` with `/` separators, or absolute when it is outside `cwd`. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith("..") || path.isAbsolute(relative) ? file : relative).split(path.sep).join("/");
}
