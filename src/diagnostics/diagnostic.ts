import type { Span } from "../syntax/span.js";
import type { DiagnosticCode } from "./codes.js";

export type Severity = "error" | "warning" | "info";

export interface RelatedLocation {
  message: string;
  span: Span;
}

/** A suggested edit: replace the text at `span` with `replacement`. */
export interface Fix {
  message: string;
  span: Span;
  replacement: string;
}

export interface Diagnostic {
  /** Only codes of the table: a reader of foreign diagnostics (JSON, SARIF) checks with `isDiagnosticCode`. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedLocation[];
  fix?: Fix;
}
