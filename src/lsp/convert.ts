/**
 * Between sysd's spans (1-based lines and UTF-16 columns, end exclusive) and
 * the protocol's ranges (0-based, UTF-16 by default, end exclusive).
 */
import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, Position, Range } from "vscode-languageserver";
import { DiagnosticSeverity } from "vscode-languageserver";
import type { Diagnostic } from "../diagnostics/index.js";
import type { Span } from "../syntax/index.js";
import { visible } from "../util/visible.js";

export function spanToRange(span: Span): Range {
  return {
    start: { line: Math.max(0, span.line - 1), character: Math.max(0, span.column - 1) },
    end: { line: Math.max(0, span.endLine - 1), character: Math.max(0, span.endColumn - 1) },
  };
}

/** The offset of a protocol position in `text`, clamped into the text. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, position.character), end);
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const SEVERITIES: Record<Diagnostic["severity"], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The same code, range, message and related locations as `sysd check`. */
export function toLspDiagnostic(diagnostic: Diagnostic, uriOf: (displayPath: string) => string | undefined): LspDiagnostic {
  const result: LspDiagnostic = {
    range: spanToRange(diagnostic.span),
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    source: "sysd",
    // An editor shows the message as it is: controls and bidi overrides escaped, as `sysd check` prints them.
    message: visible(diagnostic.message),
  };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of diagnostic.related ?? []) {
    const uri = uriOf(r.span.file);
    if (uri) related.push({ location: { uri, range: spanToRange(r.span) }, message: visible(r.message) });
  }
  if (related.length > 0) result.relatedInformation = related;
  if (diagnostic.fix) result.data = { fix: { message: visible(diagnostic.fix.message), range: spanToRange(diagnostic.fix.span), replacement: diagnostic.fix.replacement } };
  return result;
}
