import { Chalk, type ChalkInstance } from "chalk";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { countBySeverity, sortDiagnostics } from "../sort.js";
import { escapeCodePoint, isInvisible, visible } from "../../util/visible.js";
import { displayPath } from "./paths.js";

export interface PrettyOptions {
  color: boolean;
  /**
   * The text the spans were computed against (the same text the lexer saw),
   * or undefined when it is not available; the snippet is then left out.
   */
  source: (file: string) => string | undefined;
  cwd?: string;
  /** Tab stops for the shown source line; default 4. */
  tabWidth?: number;
}

/** Longest slice of a source line shown, in UTF-16 code units. */
const MAX_SHOWN = 200;
/** How much of the line before the caret a cut slice keeps. */
const LEAD = 60;
const ELLIPSIS = "…";

/** Byte offsets of line starts, so a 2 MB file is scanned once, not split per diagnostic. */
class SourceLines {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    let at = text.indexOf("\n");
    while (at !== -1) {
      this.starts.push(at + 1);
      at = text.indexOf("\n", at + 1);
    }
  }

  /** Line `n` (1-based) without its line end, or undefined past the end of the text. */
  line(n: number): string | undefined {
    const start = this.starts[n - 1];
    if (start === undefined || n < 1) return undefined;
    const next = this.starts[n];
    let end = next === undefined ? this.text.length : next - 1;
    // Only `\r\n` is a line end; a `\r` elsewhere is shown as a control character.
    if (end > start && this.text.charCodeAt(end - 1) === 0x0d && next !== undefined) end -= 1;
    return this.text.slice(start, end);
  }
}

// Approximates terminal cell width well enough to keep carets aligned under
// CJK text and emoji; a full Unicode width table would be out of proportion.
function cellWidth(cp: number): number {
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xfeff
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

interface Snippet {
  text: string;
  caretColumn: number;
  caretWidth: number;
}

/**
 * Renders `line` for display (tabs expanded, long lines cut around the range)
 * and places the range [start, end) — UTF-16 indices — in display cells.
 */
export function renderSnippet(line: string, start: number, end: number, tabWidth: number): Snippet {
  const len = line.length;
  const s = Math.min(Math.max(0, start), len);
  const e = Math.min(Math.max(s, end), len);

  let from = 0;
  let to = len;
  if (len > MAX_SHOWN) {
    from = Math.max(0, Math.min(s - LEAD, len - MAX_SHOWN));
    to = Math.min(len, from + MAX_SHOWN);
    // Never cut a surrogate pair in half.
    if (from > 0 && isLowSurrogate(line.charCodeAt(from))) from += 1;
    if (to < len && isLowSurrogate(line.charCodeAt(to))) to -= 1;
  }
  const caretStart = Math.min(Math.max(s, from), to);
  const caretEnd = Math.min(Math.max(e, caretStart), to);

  let text = from > 0 ? ELLIPSIS : "";
  let col = text.length;
  let startCol: number | undefined;
  let endCol: number | undefined;
  let i = from;
  while (i < to) {
    if (startCol === undefined && i >= caretStart) startCol = col;
    if (endCol === undefined && i >= caretEnd) endCol = col;
    const cp = line.codePointAt(i) ?? 0;
    const units = cp > 0xffff ? 2 : 1;
    if (cp === 0x09) {
      const spaces = tabWidth - (col % tabWidth);
      text += " ".repeat(spaces);
      col += spaces;
    } else if (isInvisible(cp)) {
      // Shown as an escape so that an ESC cannot drive the terminal and a
      // bidi override cannot reorder the line the caret points into.
      const escape = escapeCodePoint(cp);
      text += escape;
      col += escape.length;
    } else {
      text += line.slice(i, i + units);
      col += cellWidth(cp);
    }
    i += units;
  }
  startCol ??= col;
  endCol ??= col;
  if (to < len) text += ELLIPSIS;
  return { text, caretColumn: startCol, caretWidth: Math.max(1, endCol - startCol) };
}

interface Palette {
  path: (s: string) => string;
  gutter: (s: string) => string;
  note: (s: string) => string;
  severity: Record<Severity, (s: string) => string>;
}

function palette(color: boolean): Palette {
  // A private instance: the global chalk's level follows the environment, and
  // the caller's choice must win.
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  return {
    path: (s) => c.bold(s),
    gutter: (s) => c.blue(s),
    note: (s) => c.cyan.bold(s),
    severity: {
      error: (s) => c.red.bold(s),
      warning: (s) => c.yellow.bold(s),
      info: (s) => c.cyan.bold(s),
    },
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `2 errors, 1 warning`; only non-zero counts are named. Empty string for no diagnostics. */
export function formatSummary(diags: readonly Diagnostic[], color = false): string {
  const counts = countBySeverity(diags);
  const p = palette(color);
  const parts: string[] = [];
  if (counts.error > 0) parts.push(p.severity.error(plural(counts.error, "error")));
  if (counts.warning > 0) parts.push(p.severity.warning(plural(counts.warning, "warning")));
  if (counts.info > 0) parts.push(p.severity.info(plural(counts.info, "info")));
  return parts.join(", ");
}

/**
 * Human-readable report: one block per diagnostic (sorted), then a summary
 * line. Returns "" when there is nothing to report so a clean run prints
 * nothing.
 */
export function formatPretty(diags: readonly Diagnostic[], options: PrettyOptions): string {
  if (diags.length === 0) return "";
  const p = palette(options.color);
  const tabWidth = options.tabWidth !== undefined && options.tabWidth > 0 ? Math.floor(options.tabWidth) : 4;
  const sources = new Map<string, SourceLines | undefined>();
  const linesOf = (file: string): SourceLines | undefined => {
    if (!sources.has(file)) {
      let text: string | undefined;
      try {
        text = options.source(file);
      } catch {
        // An unreadable file must not cost the user the other diagnostics.
        text = undefined;
      }
      sources.set(file, text === undefined ? undefined : new SourceLines(text));
    }
    return sources.get(file);
  };
  const where = (file: string, line: number, column: number): string =>
    p.path(`${visible(displayPath(file, options.cwd))}:${line}:${column}`);

  const blocks: string[] = [];
  for (const d of sortDiagnostics(diags)) {
    const { span } = d;
    const paint = p.severity[d.severity];
    const out: string[] = [
      `${where(span.file, span.line, span.column)}: ${paint(`${d.severity} ${d.code}`)}: ${visible(d.message)}`,
    ];

    const lineText = linesOf(span.file)?.line(span.line);
    if (lineText !== undefined) {
      const end = span.endLine === span.line ? span.endColumn - 1 : lineText.length;
      const snippet = renderSnippet(lineText, span.column - 1, end, tabWidth);
      const number = String(span.line);
      const blank = " ".repeat(number.length);
      out.push(p.gutter(` ${number} |`) + (snippet.text === "" ? "" : ` ${snippet.text}`));
      out.push(
        p.gutter(` ${blank} |`) +
          " " +
          " ".repeat(snippet.caretColumn) +
          paint("^" + "~".repeat(snippet.caretWidth - 1)),
      );
    }

    for (const r of d.related ?? []) {
      out.push(`  ${p.note("note")}: ${where(r.span.file, r.span.line, r.span.column)}: ${visible(r.message)}`);
    }
    if (d.fix !== undefined) out.push(`  ${p.note("help")}: ${visible(d.fix.message)}`);
    blocks.push(out.join("\n") + "\n");
  }
  return blocks.join("\n") + "\n" + formatSummary(diags, options.color) + "\n";
}
