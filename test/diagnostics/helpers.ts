import type { Span } from "../../src/syntax/span.js";

/** A span with fake offsets: the printers read only lines and columns. */
export function span(file: string, line: number, column: number, endLine = line, endColumn = column + 1): Span {
  return { file, line, column, endLine, endColumn, offset: 0, endOffset: 0 };
}

/** A span located by searching `text`, so tests cannot drift from their fixtures. */
export function spanOf(file: string, text: string, needle: string, from = 0): Span {
  const offset = text.indexOf(needle, from);
  if (offset < 0) throw new Error(`fixture lacks ${JSON.stringify(needle)}`);
  const endOffset = offset + needle.length;
  const pos = (o: number): [number, number] => {
    const before = text.slice(0, o);
    const line = before.split("\n").length;
    const column = o - (before.lastIndexOf("\n") + 1) + 1;
    return [line, column];
  };
  const [line, column] = pos(offset);
  const [endLine, endColumn] = pos(endOffset);
  return { file, line, column, endLine, endColumn, offset, endOffset };
}
