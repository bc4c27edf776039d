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
  // Recursive: a document is at most a few levels deeper than the blocks of
  // its file, which the parser limits to 200.
  const walk = (d: Doc, level: number): void => {
    if (typeof d === "string") {
      if (d === "") return;
      if (current.comment !== undefined) throw new Error("internal: text after a trailing comment");
      current.text += d;
      return;
    }
    if (Array.isArray(d)) {
      for (const part of d as readonly Doc[]) walk(part, level);
      return;
    }
    const node = d as LineDoc | IndentDoc | VerbatimDoc | TrailingDoc;
    switch (node.kind) {
      case "line":
        current = { indent: level, text: "" };
        lines.push(current);
        return;
      case "indent":
        walk(node.body, level + INDENT);
        return;
      case "verbatim": {
        if (current.comment !== undefined) throw new Error("internal: text after a trailing comment");
        const pieces = node.text.split(/\r\n|\r|\n/);
        current.text += pieces[0]!;
        for (let i = 1; i < pieces.length; i++) {
          current = { indent: 0, text: pieces[i]!, raw: true };
          lines.push(current);
        }
        return;
      }
      case "trailing":
        current.comment = current.comment === undefined ? node.text : `${current.comment} ${node.text}`;
        return;
    }
  };
  walk(doc, 0);
  alignTrailingComments(lines);
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > 0) out += eol;
    if (l.raw) {
      out += l.comment === undefined ? l.text : `${l.text} ${l.comment}`;
    } else if (l.text !== "" || l.comment !== undefined) {
      const code = " ".repeat(l.indent) + l.text;
      out += l.comment === undefined ? code : code + " ".repeat(Math.max(1, (l.alignTo ?? 0) - l.indent - textWidth(l.text))) + l.comment;
    }
  }
  return out;
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
    for (let i = start; i < end; i++) width = Math.max(width, lines[i]!.indent + textWidth(lines[i]!.text));
    for (let i = start; i < end; i++) lines[i]!.alignTo = width + 1;
    start = end;
  }
}

/** Columns a text takes: one per code point (an emoji is one, not two UTF-16 units). */
export function textWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) width++;
  }
  return width;
}
