import type { Span } from "../syntax/span.js";

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
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedLocation[];
  fix?: Fix;
}
