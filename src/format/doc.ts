/**
 * A small document builder for the formatter. The layout never wraps: a
 * document is text, hard line breaks and indentation, plus two special
 * pieces the renderer treats apart:
 *
 * - `verbatim` text may hold line breaks (a multi-line block comment); its
 *   later lines are written exactly as they are, without indentation;
 * - `trailing` is a comment at the end of a line. Trailing comments of
 *   consecutive lines with the same indentation are aligned in one column.
 */

export type Doc = string | readonly Doc[] | LineDoc | IndentDoc | VerbatimDoc | TrailingDoc;

export interface LineDoc {
  readonly kind: "line";
}

export interface IndentDoc {
  readonly kind: "indent";
  readonly body: Doc;
}

export interface VerbatimDoc {
  readonly kind: "verbatim";
  readonly text: string;
}

export interface TrailingDoc {
  readonly kind: "trailing";
  readonly text: string;
}

/** A hard line break; the next line starts at the current indentation. */
export const line: LineDoc = { kind: "line" };

/** `body` one level (two spaces) deeper. */
export function indent(body: Doc): IndentDoc {
  return { kind: "indent", body };
}

export function verbatim(text: string): Doc {
  return /[\r\n]/.test(text) ? { kind: "verbatim", text } : text;
}

export function trailing(text: string): TrailingDoc {
  return { kind: "trailing", text };
}

/** Whether a document holds a line break. */
export function hasLineBreak(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return (doc as readonly Doc[]).some(hasLineBreak);
  const d = doc as LineDoc | IndentDoc | VerbatimDoc | TrailingDoc;
  switch (d.kind) {
    case "line":
      return true;
    case "indent":
      return hasLineBreak(d.body);
    case "verbatim":
      return /[\r\n]/.test(d.text);
    case "trailing":
      return false;
  }
}

interface OutputLine {
  indent: number;
  text: string;
  /** A trailing comment. */
  comment?: string;
  /** A later line of verbatim text: written as is, never aligned. */
  raw?: boolean;
}

const INDENT = 2;

/**
 * Renders a document to text with `eol` line ends. Lines that hold only
 * indentation come out empty; no line ends in white space that the document
 * did not put inside a verbatim piece or a text.
 */
export function render(doc: Doc, eol = "\n"): string {
  const lines: AlignedLine[] = [{ indent: 0, text: "" }];
  let current = lines[0]!;
  // An explicit stack: documents of deeply nested input must not exhaust the call stack.
  const stack: { doc: Doc; indent: number }[] = [{ doc, indent: 0 }];
  while (stack.length > 0) {
    const { doc: d, indent: level } = stack.pop()!;
    if (typeof d === "string") {
      if (d === "") continue;
      if (current.comment !== undefined) throw new Error("internal: text after a trailing comment");
      current.text += d;
      continue;
    }
    if (Array.isArray(d)) {
      const parts = d as readonly Doc[];
      for (let i = parts.length - 1; i >= 0; i--) stack.push({ doc: parts[i]!, indent: level });
      continue;
    }
    const node = d as LineDoc | IndentDoc | VerbatimDoc | TrailingDoc;
    switch (node.kind) {
      case "line":
        current = { indent: level, text: "" };
        lines.push(current);
        break;
      case "indent":
        stack.push({ doc: node.body, indent: level + INDENT });
        break;
      case "verbatim": {
        if (current.comment !== undefined) throw new Error("internal: text after a trailing comment");
        const pieces = node.text.split(/\r\n|\r|\n/);
        current.text += pieces[0]!;
        for (let i = 1; i < pieces.length; i++) {
          current = { indent: 0, text: pieces[i]!, raw: true };
          lines.push(current);
        }
        break;
      }
      case "trailing":
        current.comment = current.comment === undefined ? node.text : `${current.comment} ${node.text}`;
        break;
    }
  }
  alignTrailingComments(lines);
  return lines
    .map((l) => {
      if (l.raw) return l.comment === undefined ? l.text : `${l.text} ${l.comment}`;
      if (l.text === "" && l.comment === undefined) return "";
      const code = " ".repeat(l.indent) + l.text;
      if (l.comment === undefined) return code;
      return code + " ".repeat(Math.max(1, (l.alignTo ?? 0) - code.length)) + l.comment;
    })
    .join(eol);
}

interface AlignedLine extends OutputLine {
  alignTo?: number;
}

/**
 * Runs of consecutive lines with the same indentation that each end in a
 * trailing comment get their comments in one column, one space after the
 * longest line of the run (as gofmt does). A line without a trailing comment,
 * or with other indentation, ends the run.
 */
function alignTrailingComments(lines: AlignedLine[]): void {
  let start = 0;
  while (start < lines.length) {
    const first = lines[start]!;
    if (first.comment === undefined || first.raw || first.text === "") {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < lines.length) {
      const next = lines[end]!;
      if (next.comment === undefined || next.raw || next.text === "" || next.indent !== first.indent) break;
      end++;
    }
    let width = 0;
    for (let i = start; i < end; i++) width = Math.max(width, lines[i]!.indent + lines[i]!.text.length);
    for (let i = start; i < end; i++) lines[i]!.alignTo = width + 1;
    start = end;
  }
}
