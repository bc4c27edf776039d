import type { IToken } from "chevrotain";
import { lex, MAX_NESTING, parseTokens } from "../../grammar/index.js";
import { makeDiagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "./ast.js";
import { AstBuilder } from "./build.js";
import { SourceText } from "./source-text.js";

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
  const lexed = lex(text);
  const diagnostics: Diagnostic[] = lexed.problems.map((problem) =>
    makeDiagnostic("E100", source.span(problem.startOffset, problem.endOffset), problem.message),
  );
  const empty: SourceFile = { type: "File", path: file, imports: [], members: [], span: source.span(0, text.length) };
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
  const { cst, errors } = parseTokens(lexed.tokens);
  const seen = new Set<number>();
  for (const error of errors) {
    const span = source.tokenSpan(error.token);
    // Recovery may report the same spot more than once; the first message is the most specific.
    if (seen.has(span.offset)) continue;
    seen.add(span.offset);
    diagnostics.push(makeDiagnostic("E100", span, error.message));
  }
  const builder = new AstBuilder(source);
  const ast = builder.file(cst);
  // A statement the parser already rejected needs no second message about its line.
  diagnostics.push(...builder.diagnostics.filter((d) => !seen.has(d.span.offset)));
  return { ast, diagnostics, comments: lexed.comments };
}
