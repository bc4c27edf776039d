import type { IToken } from "chevrotain";
import type { Span } from "./span.js";

/** Turns offsets into the 1-based line/column spans of one file. */
export class SourceText {
  private readonly lineStarts: number[];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  private lineIndexOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const index = this.lineIndexOf(clamped);
    return { line: index + 1, column: clamped - this.lineStarts[index]! + 1 };
  }

  /** `end` is exclusive; a range ending in a line break ends on its own line. */
  span(start: number, end: number): Span {
    const safeStart = Number.isFinite(start) ? Math.max(0, Math.min(start, this.text.length)) : this.text.length;
    const safeEnd = Number.isFinite(end) ? Math.max(safeStart, Math.min(end, this.text.length)) : safeStart;
    const from = this.position(safeStart);
    let to = from;
    if (safeEnd > safeStart) {
      const last = this.position(safeEnd - 1);
      to = { line: last.line, column: last.column + 1 };
    }
    return {
      file: this.file,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      offset: safeStart,
      endOffset: safeEnd,
    };
  }

  /** Chevrotain's end offsets are inclusive; a token missing from recovery has none. */
  tokenSpan(token: IToken): Span {
    if (!Number.isFinite(token.startOffset)) return this.endOfFile();
    const end = Number.isFinite(token.endOffset) ? token.endOffset! + 1 : token.startOffset + token.image.length;
    return this.span(token.startOffset, end);
  }

  endOfFile(): Span {
    // Point at the last character rather than past it, so a caret has a line to sit on.
    const end = this.text.length;
    return end === 0 ? this.span(0, 0) : this.span(end - 1, end);
  }
}
