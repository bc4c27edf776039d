import { createTokenInstance, tokenMatcher, type IToken } from "./chevrotain.js";
import { LBrace, RBrace, Terminator } from "./tokens.js";

/**
 * A `{` left open in the middle of a file would swallow everything after it
 * and be reported at the end of the file, with every later declaration
 * misread as a property. When the file ends with blocks still open, this pass
 * closes each at the first statement (a declaration, a connection, a
 * property) that starts at a lower indentation than the block's contents (or
 * at its opening line's own indentation, for a block opened with its contents
 * on the same line; at column 1, every open block), or at a `}` that starts a
 * line to the left of the block's opening line, as the author's layout shows
 * was meant. At most as many blocks are closed as are
 * open at the end, so a file whose braces balance is never touched.
 */
export interface ClosedBlock {
  /** The `{` that had no `}`. */
  open: IToken;
  /** The token before which it was taken as closed. */
  closedBefore: IToken;
}

export function closeUnclosedBlocks(tokens: readonly IToken[]): { tokens: IToken[]; closed: ClosedBlock[] } {
  let missing = 0;
  for (const token of tokens) {
    if (token.tokenType === LBrace) missing++;
    else if (token.tokenType === RBrace && missing > 0) missing--;
  }
  if (missing === 0) return { tokens: [...tokens], closed: [] };

  const out: IToken[] = [];
  const closed: ClosedBlock[] = [];
  const open: { brace: IToken; indent: number; contentColumn: number }[] = [];
  const lineIndent = new Map<number, number>();
  for (const [i, token] of tokens.entries()) {
    const line = token.startLine ?? 0;
    const firstOnLine = !lineIndent.has(line);
    if (firstOnLine) lineIndent.set(line, token.startColumn ?? 1);
    if (token.tokenType === RBrace && firstOnLine) {
      // A `}` to the left of where a block was opened closes an outer block.
      const column = token.startColumn ?? 1;
      while (closed.length < missing && open.length > 0 && column < open[open.length - 1]!.indent) {
        const block = open.pop()!;
        closeBefore(out, token);
        closed.push({ open: block.brace, closedBefore: token });
      }
    }
    const previous = out[out.length - 1];
    const startsStatement = !previous || tokenMatcher(previous, Terminator);
    if (closed.length < missing && startsStatement) {
      const column = token.startColumn ?? 1;
      while (closed.length < missing && open.length > 0 && column < open[open.length - 1]!.contentColumn) {
        const block = open.pop()!;
        closeBefore(out, token);
        closed.push({ open: block.brace, closedBefore: token });
      }
    }
    if (token.tokenType === LBrace) {
      const next = tokens[i + 1];
      const ownIndent = lineIndent.get(line) ?? 1;
      const contentColumn = next && next.startLine !== token.startLine && next.tokenType !== RBrace ? (next.startColumn ?? 1) : ownIndent + 1;
      open.push({ brace: token, indent: ownIndent, contentColumn });
    } else if (token.tokenType === RBrace) {
      open.pop();
    }
    out.push(token);
  }
  return { tokens: out, closed };
}

/** Puts a `}` right after the last token before `next`, keeping one line break between them. */
function closeBefore(out: IToken[], next: IToken): void {
  const terminators: IToken[] = [];
  while (out.length > 0 && tokenMatcher(out[out.length - 1]!, Terminator)) terminators.unshift(out.pop()!);
  const last = out[out.length - 1];
  const at = last ? last.endOffset! + 1 : next.startOffset;
  const line = last?.endLine ?? next.startLine ?? 1;
  const column = last ? last.endColumn! + 1 : (next.startColumn ?? 1);
  // Zero width, so the block's span ends at its last real token.
  out.push(createTokenInstance(RBrace, "", at, at - 1, line, line, column, column - 1));
  if (terminators.length > 0) out.push(terminators[0]!);
}
