import type { IToken } from "chevrotain";
import { closeUnclosedBlocks, lex, MAX_NESTING, MAX_PARSE_ERRORS, MAX_TOKENS, parseTokens, tokenLimitOffset } from "../../grammar/index.js";
import { markSummary, MAX_DIAGNOSTICS_PER_FILE, summaryDiagnostic } from "../diagnostics/cap.js";
import { makeDiagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/sort.js";
import type { SourceFile } from "./ast.js";
import { AstBuilder } from "./build.js";
import { PROPERTY_NAMES } from "./property-table.js";
import { SourceText } from "./source-text.js";

const ORDINARY_WORDS: ReadonlySet<string> = new Set(PROPERTY_NAMES);

export interface ParseResult {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  /** Comments in source order, for the formatter. */
  comments: IToken[];
}

/**
 * Parses one file's text. Never throws on any input: every problem becomes
 * an E100 diagnostic and the AST holds what could be recovered.
 */
export function parseSource(text: string, file: string): ParseResult {
  const source = new SourceText(file, text);
  const empty: SourceFile = { type: "File", path: file, imports: [], members: [], span: source.span(0, text.length) };
  const over = tokenLimitOffset(text, MAX_TOKENS);
  if (over >= 0) {
    const message = `the file holds more than ${MAX_TOKENS.toString().replace(/\B(?=(\d{3})+$)/g, ",")} words and symbols, the most sysd reads from one file: split it into files joined by \`import\``;
    return { ast: empty, diagnostics: [makeDiagnostic("E100", source.span(over, over + 1), message)], comments: [] };
  }
  const lexed = lex(text);
  const diagnostics: Diagnostic[] = lexed.problems.map((problem) =>
    makeDiagnostic("E100", source.span(problem.startOffset, problem.endOffset), problem.message),
  );
  if (lexed.tooDeep) {
    diagnostics.push(
      makeDiagnostic(
        "E100",
        source.tokenSpan(lexed.tooDeep),
        `blocks and brackets are nested more than ${MAX_NESTING} deep; the file is not read further`,
      ),
    );
    return { ast: empty, diagnostics, comments: lexed.comments };
  }
  const recovered = closeUnclosedBlocks(lexed.tokens);
  for (const { open, closedBefore } of recovered.closed) {
    const line = source.tokenSpan(closedBefore).line;
    diagnostics.push(
      makeDiagnostic("E100", source.tokenSpan(open), `unclosed \`{\`: no \`}\` closes this block (read as closed before line ${line})`, {
        related: [{ message: "the file ends with the block still open", span: source.endOfFile() }],
      }),
    );
  }
  const { cst, errors, respelled, unknownKeywords, gaveUp, tooMany } = parseTokens(recovered.tokens, { ordinaryWords: ORDINARY_WORDS });
  // After the first error on a line the rest of that line is mostly its
  // echo (recovery trying words one by one), so only the first is reported.
  const linesWithErrors = new Set(diagnostics.map((d) => d.span.line));
  for (const error of errors) {
    const span = source.tokenSpan(error.token);
    if (linesWithErrors.has(span.line)) continue;
    linesWithErrors.add(span.line);
    diagnostics.push(makeDiagnostic("E100", span, error.message));
  }
  for (const { token, keyword } of respelled) {
    const span = source.tokenSpan(token);
    if (linesWithErrors.has(span.line)) continue;
    linesWithErrors.add(span.line);
    diagnostics.push(makeDiagnostic("E102", span, `unknown keyword \`${token.image}\` — did you mean \`${keyword}\`?`));
  }
  for (const { token, keywords } of unknownKeywords) {
    const span = source.tokenSpan(token);
    if (linesWithErrors.has(span.line)) continue;
    linesWithErrors.add(span.line);
    diagnostics.push(makeDiagnostic("E102", span, `unknown keyword \`${token.image}\`: a statement here starts with one of ${keywords.join(", ")}`));
  }
  if (gaveUp) {
    // The closing line replaces any "N more" summary and sorts after every kept error.
    const kept = sortDiagnostics(diagnostics).slice(0, MAX_DIAGNOSTICS_PER_FILE);
    const at = kept[kept.length - 1]?.span ?? source.endOfFile();
    const why = tooMany ? `more than ${MAX_PARSE_ERRORS} syntax errors` : "too many syntax errors in a row";
    const closing = makeDiagnostic("E100", at, `${why}: the rest of the file is not read`);
    kept.push(markSummary(closing, Math.max(1, diagnostics.length - kept.length)));
    return { ast: empty, diagnostics: kept, comments: lexed.comments };
  }
  const builder = new AstBuilder(source);
  const ast = builder.file(cst);
  for (const diagnostic of builder.diagnostics) {
    if (!linesWithErrors.has(diagnostic.span.line)) diagnostics.push(diagnostic);
  }
  return { ast, diagnostics: capped(diagnostics, builder.omitted), comments: lexed.comments };
}

/** At most MAX_DIAGNOSTICS_PER_FILE, the first in the file, then how many more there were. */
function capped(diagnostics: Diagnostic[], omitted: number): Diagnostic[] {
  if (diagnostics.length + omitted <= MAX_DIAGNOSTICS_PER_FILE) return diagnostics;
  const sorted = sortDiagnostics(diagnostics);
  const kept = sorted.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const hidden = sorted.slice(MAX_DIAGNOSTICS_PER_FILE);
  const at = hidden[0]?.span ?? kept[kept.length - 1]!.span;
  kept.push(summaryDiagnostic(hidden, at, "syntax error", omitted));
  return kept;
}
