/**
 * `sysd fmt`: prints a file in the canonical layout from its syntax tree,
 * keeping every comment where its author put it and never changing what the
 * file means. The rules (docs/language.md, "Formatting"), in short:
 *
 * - two-space indentation, one statement per line, `{` on its statement's
 *   line and `}` on a line of its own; a block written on one line stays on
 *   one line (`{ technology "Go"; async }`, `{ id: uuid, name: string }`);
 *   fields and enum members stay on the lines the author put them;
 * - a line break inside a statement is kept where the author broke it after
 *   `,` `->` `|` or an operator; its next line is one level deeper;
 * - one space between words and around `->` `|` `+` `-` `*` and comparisons;
 *   `/` tight in a rate (`1000/day`), spaced otherwise (`cost.total / uploads`);
 * - quantities without inner spaces (`1 GB` → `1GB`, `$ 5` → `$5`), digits as
 *   written; strings re-quoted; `"""` texts one level deeper than their line;
 * - at most one blank line; always one between different kinds of statement
 *   and around multi-line blocks at the top level and in a system;
 * - requirement texts and targets, cost amounts and trailing comments in
 *   columns.
 */
import type { Diagnostic } from "../diagnostics/index.js";
import { parseSource } from "../syntax/parse.js";
import type { SourceFile } from "../syntax/ast.js";
import { render } from "./doc.js";
import { Printer, quantityText } from "./print.js";
import { Source, toComments } from "./source.js";

export interface FormatResult {
  /** The formatted text; the input itself when it has syntax errors. */
  formatted: string;
  /** The syntax errors that kept the file from being formatted. */
  diagnostics: Diagnostic[];
  /** Whether `formatted` differs from the input. */
  changed: boolean;
}

export interface FormatOptions {
  /**
   * Parse the result again and check that it has no errors, holds the same
   * comments and the same syntax tree (positions and the spacing inside
   * quantities aside); throws if not. Costs a second parse.
   */
  verify?: boolean;
}

/**
 * Formats one file's text. A file with any syntax error is returned as it
 * is, with the errors. Never changes what the file means.
 */
export function formatSource(text: string, file: string, options: FormatOptions = {}): FormatResult {
  const parsed = parseSource(text, file);
  if (parsed.diagnostics.length > 0) return { formatted: text, diagnostics: parsed.diagnostics, changed: false };
  const comments = toComments(parsed.comments);
  const printer = new Printer(new Source(text, comments), comments);
  const eol = /\r\n|\r|\n/.exec(text)?.[0] === "\r\n" ? "\r\n" : "\n";
  const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
  const formatted = bom + render(printer.file(parsed.ast), eol);
  if (options.verify) verify(parsed.ast, comments.map((c) => c.text), formatted, file);
  return { formatted, diagnostics: [], changed: formatted !== text };
}

function verify(before: SourceFile, commentsBefore: string[], formatted: string, file: string): void {
  const again = parseSource(formatted, file);
  const fail = (why: string): never => {
    throw new Error(`internal: the formatted text of ${file} ${why}; the file is left as it was (this is a bug in sysd fmt)`);
  };
  if (again.diagnostics.length > 0) fail(`does not parse: ${again.diagnostics[0]!.message}`);
  const commentsAfter = again.comments.map((c) => c.image);
  const normalize = (texts: string[]): string => JSON.stringify(texts.map(normalizeComment));
  if (normalize(commentsAfter) !== normalize(commentsBefore)) fail("does not keep every comment in order");
  if (syntaxKey(again.ast) !== syntaxKey(before)) fail("does not mean the same");
}

/**
 * A comment as the formatter writes it: line ends as `\n`, a `//` comment
 * without trailing white space.
 */
export function normalizeComment(text: string): string {
  return text.startsWith("//") ? text.trimEnd() : text.replace(/\r\n?/g, "\n");
}

/**
 * A syntax tree as JSON without its positions, with quantities as the
 * formatter spells them: two files with the same key mean the same.
 */
export function syntaxKey(ast: SourceFile): string {
  return JSON.stringify(ast, (key, value: unknown) => {
    if (key === "span" || key.endsWith("Span")) return undefined;
    if (value !== null && typeof value === "object" && (value as { type?: unknown }).type === "Quantity") {
      const q = value as Parameters<typeof quantityText>[0];
      return { ...q, text: quantityText(q) };
    }
    return value;
  });
}
