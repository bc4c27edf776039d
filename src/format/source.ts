import type { IToken } from "chevrotain";

/** A comment of the file, with its offsets (end exclusive). */
export interface Comment {
  text: string;
  start: number;
  end: number;
  /** `// ...`: it runs to the end of its line, so a line break must follow it. */
  isLine: boolean;
}

export function toComments(tokens: readonly IToken[]): Comment[] {
  return tokens
    .map((token) => ({
      // Trailing white space of a `//` comment is dropped, as on every other line.
      text: token.image.startsWith("//") ? token.image.trimEnd() : token.image,
      start: token.startOffset,
      end: token.startOffset + token.image.length,
      isLine: token.image.startsWith("//"),
    }))
    .sort((a, b) => a.start - b.start);
}

/**
 * The source text with the questions the printer asks of it: where the
 * author broke lines, where a block's braces are.
 */
export class Source {
  constructor(
    readonly text: string,
    private readonly comments: readonly Comment[],
  ) {}

  /** Line breaks in `[from, to)`, a `\r\n` counted once. */
  lineBreaks(from: number, to: number): number {
    let count = 0;
    const text = this.text;
    for (let i = Math.max(0, from); i < to && i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) count++;
      else if (ch === 13 && text.charCodeAt(i + 1) !== 10) count++;
    }
    return count;
  }

  hasLineBreak(from: number, to: number): boolean {
    const text = this.text;
    for (let i = Math.max(0, from); i < to && i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 || ch === 13) return true;
    }
    return false;
  }

  /** Whether `[from, to)` holds only white space. */
  isBlank(from: number, to: number): boolean {
    for (let i = from; i < to && i < this.text.length; i++) if (/\S/.test(this.text[i]!)) return false;
    return true;
  }

  /** The comment that covers `offset`, if any (binary search). */
  private commentAt(offset: number): Comment | undefined {
    let low = 0;
    let high = this.comments.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const c = this.comments[mid]!;
      if (offset < c.start) high = mid - 1;
      else if (offset >= c.end) low = mid + 1;
      else return c;
    }
    return undefined;
  }

  /**
   * The offset of the first `ch` at or after `from` that is not inside a
   * comment. Only asked where nothing but white space, comments and
   * keywords can come before it, so strings need no care.
   */
  find(ch: string, from: number, limit = this.text.length): number {
    let i = from;
    while (i < limit) {
      const c = this.commentAt(i);
      if (c) {
        i = c.end;
        continue;
      }
      if (this.text[i] === ch) return i;
      i++;
    }
    return -1;
  }

  /** Whether a `,` (outside comments) lies in `[from, to)`. */
  hasComma(from: number, to: number): boolean {
    const at = this.find(",", from, to);
    return at >= 0;
  }
}
