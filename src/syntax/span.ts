/**
 * A range of source text. Lines and columns are 1-based; columns count UTF-16
 * code units (as editors and SARIF's default do). `endLine`/`endColumn` point
 * just past the last character, so an empty range has start == end.
 * Offsets are 0-based UTF-16 indices into the file's text, end exclusive.
 */
export interface Span {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

export function joinSpans(first: Span, last: Span): Span {
  return {
    file: first.file,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
    offset: first.offset,
    endOffset: last.endOffset,
  };
}
