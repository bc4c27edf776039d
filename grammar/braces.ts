import { createTokenInstance, tokenMatcher, type IToken, type TokenType } from "./chevrotain.js";
import { LBrace, Newline, RBrace, Terminator } from "./tokens.js";

/**
 * A `{` left open in the middle of a file would swallow everything after it
 * and be reported at the end of the file, with every later declaration
 * misread as a property. When the file ends with blocks still open, this pass
 * closes each at the first declaration keyword that starts a statement at a
 * lower indentation than the block's contents (or at its opening line's own
 * indentation, for a block opened with its contents on the same line), as the
 * author's layout shows was meant. At most as many blocks are closed as are
 * open at the end, so a file whose braces balance is never touched.
 */
export interface ClosedBlock {
  /** The `{` that had no `}`. */
  open: IToken;
  /** The keyword before which it was taken as closed. */
  closedBefore: IToken;
}

export function closeUnclosedBlocks(
  tokens: readonly IToken[],
  declarationKeywords: ReadonlySet<TokenType>,
): { tokens: IToken[]; closed: ClosedBlock[] } {
  let missing = 0;
  for (const token of tokens) {
    if (token.tokenType === LBrace) missing++;
    else if (token.tokenType === RBrace && missing > 0) missing--;
  }
  if (missing === 0) return { tokens: [...tokens], closed: [] };

  const out: IToken[] = [];
  const closed: ClosedBlock[] = [];
  const open: { brace: IToken; contentColumn: number }[] = [];
  const lineIndent = new Map<number, number>();
  for (const [i, token] of tokens.entries()) {
    const line = token.startLine ?? 0;
    if (!lineIndent.has(line)) lineIndent.set(line, token.startColumn ?? 1);
    const previous = out[out.length - 1];
    const startsStatement = !previous || tokenMatcher(previous, Terminator);
    if (closed.length < missing && startsStatement && declarationKeywords.has(token.tokenType)) {
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
      open.push({ brace: token, contentColumn });
    } else if (token.tokenType === RBrace) {
      open.pop();
    }
    out.push(token);
  }
  return { tokens: out, closed };
}

/** Puts a `}` right after the last token of the statement before `keyword`, keeping the line break between them. */
function closeBefore(out: IToken[], keyword: IToken): void {
  const terminators: IToken[] = [];
  while (out.length > 0 && tokenMatcher(out[out.length - 1]!, Terminator)) terminators.unshift(out.pop()!);
  const last = out[out.length - 1];
  const at = last ? last.endOffset! + 1 : keyword.startOffset;
  const line = last?.endLine ?? keyword.startLine ?? 1;
  const column = last ? last.endColumn! + 1 : (keyword.startColumn ?? 1);
  // Zero width, so the block's span ends at its last real token.
  out.push(createTokenInstance(RBrace, "", at, at - 1, line, line, column, column - 1));
  if (terminators.length === 0) {
    out.push(createTokenInstance(Newline, "", at, at - 1, line, line, column, column - 1));
  } else {
    out.push(terminators[0]!);
  }
}
