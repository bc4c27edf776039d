import { createToken, Lexer, type IToken, type TokenType } from "./chevrotain.js";

/**
 * Tokens of the `.sysd` language.
 *
 * Keywords are contextual (spec §1): each keyword token is also in the
 * `Identifier` category, so wherever the grammar asks for a name any keyword is
 * accepted, and only where it asks for a keyword does the word act as one.
 */

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: "a name" });

const keywordTokens: TokenType[] = [];
function keyword(word: string): TokenType {
  const token = createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    categories: [Identifier],
    label: `\`${word}\``,
  });
  keywordTokens.push(token);
  return token;
}

export const Import = keyword("import");
export const As = keyword("as");
export const Kind = keyword("kind");
export const Model = keyword("model");
export const System = keyword("system");
export const Component = keyword("component");
export const Boundary = keyword("boundary");
export const Flow = keyword("flow");
export const Satisfies = keyword("satisfies");
export const Requirements = keyword("requirements");
export const Target = keyword("target");
export const Enum = keyword("enum");
export const Entity = keyword("entity");
export const Scaling = keyword("scaling");
export const Demand = keyword("demand");
export const Tier = keyword("tier");
export const Api = keyword("api");
export const Webhook = keyword("webhook");
export const Request = keyword("request");
export const Response = keyword("response");
export const Params = keyword("params");
export const Query = keyword("query");
export const Errors = keyword("errors");
export const Payload = keyword("payload");
export const Cost = keyword("cost");
export const Item = keyword("item");
export const Budget = keyword("budget");
export const Failure = keyword("failure");
export const Security = keyword("security");
export const Control = keyword("control");
export const On = keyword("on");
export const Monitoring = keyword("monitoring");
export const Metric = keyword("metric");
export const Alert = keyword("alert");
export const Unit = keyword("unit");
export const Of = keyword("of");
export const Percentiles = keyword("percentiles");
export const SeverityKw = keyword("severity");
export const For = keyword("for");
export const Decision = keyword("decision");
export const View = keyword("view");
export const Include = keyword("include");
export const Exclude = keyword("exclude");
export const Focus = keyword("focus");
export const Depth = keyword("depth");
export const Collapse = keyword("collapse");
export const Tag = keyword("tag");

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const HttpMethod = createToken({
  name: "HttpMethod",
  pattern: new RegExp(`(?:${HTTP_METHODS.join("|")})(?![A-Za-z0-9_])`),
  longer_alt: Identifier,
  categories: [Identifier],
  label: "an HTTP method",
});

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const LineComment = createToken({
  name: "LineComment",
  pattern: { exec: (text, offset) => (startsWith(text, offset, "//") ? [text.slice(offset, lineEnd(text, offset))] : null) },
  line_breaks: false,
  start_chars_hint: ["/"],
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: { exec: (text, offset) => closedBy(text, offset, "/*", "*/") },
  line_breaks: true,
  start_chars_hint: ["/"],
  group: "comments",
});
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: { exec: (text, offset) => (startsWith(text, offset, "/*") ? [text.slice(offset)] : null) },
  line_breaks: true,
  start_chars_hint: ["/"],
  group: "errors",
});

/** `Terminator` ends a statement: a line break or `;`. */
export const Terminator = createToken({ name: "Terminator", pattern: Lexer.NA, label: "a line break" });
/** Fields and enum members are separated by commas or line breaks. */
export const ListSeparator = createToken({ name: "ListSeparator", pattern: Lexer.NA, label: "`,` or a line break" });
export const Newline = createToken({
  name: "Newline",
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  categories: [Terminator, ListSeparator],
  label: "a line break",
});
export const Semicolon = createToken({
  name: "Semicolon",
  pattern: /;/,
  categories: [Terminator, ListSeparator],
  label: "`;`",
});
export const Comma = createToken({ name: "Comma", pattern: /,/, categories: [ListSeparator], label: "`,`" });

export const TripleString = createToken({
  name: "TripleString",
  pattern: { exec: (text, offset) => closedBy(text, offset, '"""', '"""') },
  line_breaks: true,
  start_chars_hint: ['"'],
  label: "a string",
});
/** Still a string to the parser, so the rest of the statement parses; the lexer reports it. */
export const UnterminatedTripleString = createToken({
  name: "UnterminatedTripleString",
  pattern: { exec: (text, offset) => (startsWith(text, offset, '"""') ? [text.slice(offset)] : null) },
  line_breaks: true,
  start_chars_hint: ['"'],
  categories: [TripleString],
  label: "a string",
});
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: { exec: (text, offset) => matchString(text, offset, true) },
  line_breaks: false,
  start_chars_hint: ['"'],
  label: "a string",
});
/** Up to the end of the line, and a last `\` if the line ends with one. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: { exec: (text, offset) => matchString(text, offset, false) },
  line_breaks: false,
  start_chars_hint: ['"'],
  categories: [StringLiteral],
  label: "a string",
});

// Strings and comments are scanned by hand: a regular expression with an
// alternation or a lazy loop (`"(?:[^"\\]|\\.)*"`, `[\s\S]*?`) backtracks
// once per character and overflows the stack on a line of a few megabytes.

function startsWith(text: string, offset: number, prefix: string): boolean {
  return text.startsWith(prefix, offset);
}

/** Offset of the first line break at or after `from`, or the end of the text. */
function lineEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const ch = text.charCodeAt(at);
    if (ch === 10 || ch === 13) break;
    at++;
  }
  return at;
}

/** `open`, anything, then the first `close` (a block comment, a `"""` string). */
function closedBy(text: string, offset: number, open: string, close: string): [string] | null {
  if (!text.startsWith(open, offset)) return null;
  const end = text.indexOf(close, offset + open.length);
  return end < 0 ? null : [text.slice(offset, end + close.length)];
}

/**
 * A `"` string on one line, where `\` escapes any character but a line
 * break. Closed: up to its closing quote, or no match. Not closed: up to the
 * end of the line (with a trailing `\`), whether a quote closes it or not.
 */
function matchString(text: string, offset: number, closed: boolean): [string] | null {
  if (text.charCodeAt(offset) !== 34 /* " */) return null;
  let at = offset + 1;
  while (at < text.length) {
    const ch = text.charCodeAt(at);
    if (ch === 10 || ch === 13) break;
    if (ch === 34) {
      if (closed) return [text.slice(offset, at + 1)];
      break;
    }
    if (ch === 92 /* \ */) {
      const next = text.charCodeAt(at + 1);
      if (at + 1 >= text.length || next === 10 || next === 13) {
        at++;
        break;
      }
      at += 2;
      continue;
    }
    at++;
  }
  return closed ? null : [text.slice(offset, at)];
}

/**
 * After an HTTP method at the start of a statement, the next word is a URL
 * path (`/uploads/{id}`), not a division. It ends at white space, a quote, a
 * `;`, or a `}` that closes no `{` of the path itself.
 */
function matchPath(text: string, offset: number, tokens: IToken[]): [string] | null {
  if (text.charCodeAt(offset) !== 47 /* / */) return null;
  const method = tokens[tokens.length - 1];
  if (!method || method.tokenType !== HttpMethod) return null;
  const before = tokens[tokens.length - 2];
  if (before && before.tokenType !== Newline && before.tokenType !== Semicolon && before.tokenType !== LBrace) {
    return null;
  }
  let end = offset;
  let depth = 0;
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === '"' || ch === ";") break;
    if (ch === "{") depth++;
    if (ch === "}") {
      if (depth === 0) break;
      depth--;
    }
    end++;
  }
  return [text.slice(offset, end)];
}

export const Path = createToken({
  name: "Path",
  pattern: { exec: matchPath },
  line_breaks: false,
  start_chars_hint: ["/"],
  label: "a URL path",
});

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /[0-9][0-9_]*(?:\.[0-9][0-9_]*)?/,
  label: "a number",
});

export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "`->`" });
/**
 * Arrows from other notations (`-->` Mermaid, `=>`, `→`): read as `->` so the
 * connection parses, and reported once by the lexer.
 */
export const ForeignArrow = createToken({ name: "ForeignArrow", pattern: /-->|=>|→/, categories: [Arrow], label: "`->`" });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./, label: "`..`" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "`.`" });
/** Comparison operators, for targets and alerts. */
export const CompareOp = createToken({
  name: "CompareOp",
  pattern: Lexer.NA,
  label: "a comparison (`<`, `<=`, `>`, `>=`, `==`)",
});
const compare = { categories: [CompareOp] };
export const LessEqual = createToken({ name: "LessEqual", pattern: /<=/, label: "`<=`", ...compare });
export const GreaterEqual = createToken({ name: "GreaterEqual", pattern: />=/, label: "`>=`", ...compare });
export const EqualEqual = createToken({ name: "EqualEqual", pattern: /==/, label: "`==`", ...compare });
export const Less = createToken({ name: "Less", pattern: /</, label: "`<`", ...compare });
export const Greater = createToken({ name: "Greater", pattern: />/, label: "`>`", ...compare });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "`:`" });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/, label: "`{`" });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/, label: "`}`" });
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "`)`" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "`[`" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "`]`" });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, label: "`|`" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "`?`" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, label: "`+`" });
export const Minus = createToken({ name: "Minus", pattern: /-/, label: "`-`" });
export const Star = createToken({ name: "Star", pattern: /\*/, label: "`*`" });
export const Slash = createToken({ name: "Slash", pattern: /\//, label: "`/`" });
export const Dollar = createToken({ name: "Dollar", pattern: /\$/, label: "`$`" });
export const Percent = createToken({ name: "Percent", pattern: /%/, label: "`%`" });


/** Order matters: longer and more specific patterns first. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Newline,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  Path,
  NumberLiteral,
  ForeignArrow,
  Arrow,
  DotDot,
  Dot,
  LessEqual,
  GreaterEqual,
  EqualEqual,
  Less,
  Greater,
  Colon,
  Semicolon,
  Comma,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Pipe,
  Question,
  Plus,
  Minus,
  Star,
  Slash,
  Dollar,
  Percent,
  HttpMethod,
  ...keywordTokens,
  Identifier,
  Terminator,
  ListSeparator,
  CompareOp,
];

export const keywords: readonly TokenType[] = keywordTokens;

/**
 * A line break right after one of these continues the statement (spec §1).
 */
export const continuationTokens: ReadonlySet<TokenType> = new Set([
  Comma,
  LBrace,
  LParen,
  LBracket,
  Pipe,
  Arrow,
  ForeignArrow,
  Plus,
  Minus,
  Star,
  Slash,
]);
