import type { Diagnostic, Severity } from "./diagnostic.js";

// Plain code-unit comparison: localeCompare would make the order depend on the
// machine's locale, and output must be byte-identical everywhere.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.span.file, b.span.file) ||
    a.span.line - b.span.line ||
    a.span.column - b.span.column ||
    a.span.endLine - b.span.endLine ||
    a.span.endColumn - b.span.endColumn ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** Returns a sorted copy; the input is left untouched. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(list: readonly Diagnostic[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity] += 1;
  return counts;
}
