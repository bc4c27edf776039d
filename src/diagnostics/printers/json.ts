import type { DiagnosticCode } from "../codes.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { sortDiagnostics } from "../sort.js";
import { visible } from "../../util/visible.js";
import { displayPath } from "./paths.js";

/** One element of the `--format json` array; key order is part of the contract. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

export interface JsonOptions {
  /** When set, files under it are written relative to it, with forward slashes. */
  cwd?: string;
}

export function toJsonDiagnostic(d: Diagnostic, options: JsonOptions = {}): JsonDiagnostic {
  // Built field by field so the key order never depends on how `d` was made.
  return {
    file: displayPath(d.span.file, options.cwd),
    line: d.span.line,
    column: d.span.column,
    endLine: d.span.endLine,
    endColumn: d.span.endColumn,
    severity: d.severity,
    code: d.code,
    // JSON escapes controls but not bidi overrides, which a viewer would apply.
    message: visible(d.message),
  };
}

export function formatJson(diags: readonly Diagnostic[], options: JsonOptions = {}): string {
  const items = sortDiagnostics(diags).map((d) => toJsonDiagnostic(d, options));
  return JSON.stringify(items, null, 2) + "\n";
}
