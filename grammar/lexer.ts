import { Lexer, tokenMatcher, type IToken } from "./chevrotain.js";
import {
  allTokens,
  Comma,
  continuationTokens,
  Exclude,
  Include,
  ForeignArrow,
  LBrace,
  LBracket,
  LParen,
  RBrace,
  RBracket,
  RParen,
  Star,
  Terminator,
  UnterminatedBlockComment,
  UnterminatedString,
  UnterminatedTripleString,
} from "./tokens.js";

/** A problem found while lexing, positioned by offsets into the text. */
export interface LexProblem {
  message: string;
  startOffset: number;
  /** Exclusive. */
  endOffset: number;
}

export interface LexResult {
  /** The tokens the parser sees: statement terminators already normalized. */
  tokens: IToken[];
  comments: IToken[];
  problems: LexProblem[];
  /** Deepest nesting of `{ ( [` seen; the parser is not run past MAX_NESTING. */
  maxDepth: number;
  /** The bracket that first went past MAX_NESTING, if any. */
  tooDeep?: IToken;
}

/** Deep enough for any real design, shallow enough that no stage overflows the stack. */
export const MAX_NESTING = 200;

const lexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: false,
  errorMessageProvider: {
    buildUnexpectedCharactersMessage(text: string, offset: number, length: number): string {
      const chars = [...text.slice(offset, offset + length)];
      const shown = chars.length > 12 ? chars.slice(0, 12).join("") + "…" : chars.join("");
      return `unexpected character${chars.length > 1 ? "s" : ""} \`${printable(shown)}\``;
    },
    buildUnableToPopLexerModeMessage(): string {
      return "internal lexer mode error";
    },
  },
});

function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (ch) =>
    ch === "\ufffd" ? "\\uFFFD" : `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}

/**
 * The most tokens one file may hold. Every token costs the lexer, the parser
 * and the syntax tree a few hundred bytes, so this, not the file's size in
 * bytes, is what bounds the memory a file takes: about 1 GiB at the limit.
 */
export const MAX_TOKENS = 2_000_000;

/**
 * Where a file goes past `max` tokens, or -1 when it does not: a count that
 * allocates nothing, run before the lexer, which would hold every token at
 * once. It may count a little more than the lexer (`->` as two), never less.
 */
export function tokenLimitOffset(text: string, max: number): number {
  let count = 0;
  let at = 0;
  const length = text.length;
  while (at < length) {
    const ch = text.charCodeAt(at);
    if (ch === 32 || ch === 9 || ch === 11 || ch === 12 || ch === 13) {
      at++;
      continue;
    }
    if (++count > max) return at;
    if (isWordChar(ch)) {
      while (at < length && isWordChar(text.charCodeAt(at))) at++;
    } else if (ch === 34 /* " */) {
      at = text.startsWith('"""', at) ? closeAt(text, at + 3, '"""') : stringEnd(text, at + 1);
    } else if (ch === 47 /* / */ && text.charCodeAt(at + 1) === 47) {
      at = lineEndAt(text, at);
    } else if (ch === 47 && text.charCodeAt(at + 1) === 42 /* * */) {
      at = closeAt(text, at + 2, "*/");
    } else {
      at++;
    }
  }
  return -1;
}

function isWordChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
}

function closeAt(text: string, from: number, close: string): number {
  const end = text.indexOf(close, from);
  return end < 0 ? text.length : end + close.length;
}

function lineEndAt(text: string, from: number): number {
  let at = from;
  while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
  return at;
}

function stringEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const ch = text.charCodeAt(at);
    if (ch === 10 || ch === 13) return at;
    if (ch === 34) return at + 1;
    if (ch === 92 /* \ */) {
      const next = text.charCodeAt(at + 1);
      at += next === 10 || next === 13 ? 1 : 2;
    } else {
      at++;
    }
  }
  return text.length;
}

export function lex(text: string): LexResult {
  const result = lexer.tokenize(text);
  const problems: LexProblem[] = result.errors.map((error) => ({
    message: error.message,
    startOffset: error.offset,
    endOffset: error.offset + error.length,
  }));
  const unterminated = [
    ...(result.groups["errors"] ?? []),
    ...result.tokens.filter((t) => t.tokenType === UnterminatedString || t.tokenType === UnterminatedTripleString),
  ];
  for (const bad of unterminated) {
    problems.push({
      message: unterminatedMessage(bad),
      startOffset: bad.startOffset,
      endOffset: bad.startOffset + Math.min(bad.image.length, firstLineLength(bad.image)),
    });
  }
  for (const arrow of result.tokens.filter((t) => t.tokenType === ForeignArrow)) {
    problems.push({
      message: `\`${arrow.image}\` is not an arrow — did you mean \`->\`?`,
      startOffset: arrow.startOffset,
      endOffset: arrow.endOffset! + 1,
    });
  }
  const { tokens, maxDepth, tooDeep } = normalizeTerminators(result.tokens);
  const lexResult: LexResult = { tokens, comments: result.groups["comments"] ?? [], problems, maxDepth };
  if (tooDeep) lexResult.tooDeep = tooDeep;
  return lexResult;
}

function firstLineLength(image: string): number {
  const lineEnd = image.search(/[\r\n]/);
  return Math.max(1, lineEnd < 0 ? image.length : lineEnd);
}

function unterminatedMessage(token: IToken): string {
  if (token.tokenType === UnterminatedString) {
    return "unterminated string: a `\"` is missing before the end of the line";
  }
  if (token.tokenType === UnterminatedTripleString) return 'unterminated `"""` string: no closing `"""`';
  if (token.tokenType === UnterminatedBlockComment) return "unterminated comment: no closing `*/`";
  return `unexpected \`${token.image.slice(0, 12)}\``;
}

/**
 * `include *` (spec §3.14): a `*` right after `include`, `exclude` or `,`
 * selects everything; it is no operator, so a line break after it ends the
 * statement.
 */
function isSelectorStar(out: IToken[]): boolean {
  const last = out[out.length - 1];
  const before = out[out.length - 2];
  if (!last || last.tokenType !== Star || !before) return false;
  return before.tokenType === Include || before.tokenType === Exclude || before.tokenType === Comma;
}

/**
 * Applies the line rules of spec §1 so the grammar can treat a terminator as
 * a plain separator: a line break after a continuation token, inside `( )`
 * or `[ ]`, at the start or end of a block, or after another terminator is
 * dropped.
 */
function normalizeTerminators(raw: IToken[]): { tokens: IToken[]; maxDepth: number; tooDeep?: IToken } {
  const out: IToken[] = [];
  // Stack of open brackets; a line break inside ( ) or [ ] never ends a statement.
  const open: IToken[] = [];
  let maxDepth = 0;
  let tooDeep: IToken | undefined;
  for (const token of raw) {
    const type = token.tokenType;
    if (tokenMatcher(token, Terminator)) {
      const last = out[out.length - 1];
      const inside = open[open.length - 1];
      if (!last) continue;
      if (tokenMatcher(last, Terminator) || (continuationTokens.has(last.tokenType) && !isSelectorStar(out))) continue;
      if (inside && inside.tokenType !== LBrace) continue;
      out.push(token);
      continue;
    }
    if (type === RBrace || type === RParen || type === RBracket) {
      while (out.length > 0 && tokenMatcher(out[out.length - 1]!, Terminator)) out.pop();
      open.pop();
    } else if (type === LBrace || type === LParen || type === LBracket) {
      open.push(token);
      if (open.length > maxDepth) maxDepth = open.length;
      if (open.length > MAX_NESTING && !tooDeep) tooDeep = token;
    }
    out.push(token);
  }
  while (out.length > 0 && tokenMatcher(out[out.length - 1]!, Terminator)) out.pop();
  return tooDeep ? { tokens: out, maxDepth, tooDeep } : { tokens: out, maxDepth };
}
