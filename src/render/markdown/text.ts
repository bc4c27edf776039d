/**
 * Markdown building blocks: escaping of plain text, code spans and fences,
 * tables and lists. Every other file of the markdown renderer writes through
 * these, so what a title or label can do to the document is decided here.
 *
 * Plain text (titles, labels, list items) is escaped, control and bidi
 * characters included (util/visible.ts); markdown texts (`overview`,
 * `description`, `context`, `consequences`) pass through `markdownBlock`,
 * which keeps their markdown but disarms HTML, unsafe links and open fences
 * (sanitize.ts).
 */
import { visible, visibleLines } from "../../util/visible.js";
import { sanitizeMarkdown } from "./sanitize.js";

const WORD_CHAR = /[\p{L}\p{N}]/u;
const ENTITY_AHEAD = /^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/;

/** One line of text: line breaks and runs of white space become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Plain text for any inline position of a markdown document (a heading, a
 * list item, a table cell, a sentence). The text is made one line, and every
 * character that could start markup is escaped:
 *
 * - always: `\` `` ` `` `*` `[` `]` `<` `~` `$` (GitHub reads `$…$` as math);
 * - `_` unless it sits between two letters or digits (`user_id` reads as is,
 *   and cannot start emphasis there);
 * - `#` at the start or after a space (a heading, or a heading's closing run);
 * - `&` when it would start an entity (`&amp;`);
 * - at the start: `>` (quote), `-` `+` `=` (list, setext underline), and the
 *   `.` or `)` of `12. ` (an ordered list).
 *
 * `|` is left alone: it only matters in tables, and `table` escapes it in
 * every cell (including inside code spans, where only a table needs it).
 */
export function escapeText(text: string): string {
  const line = visible(oneLine(text));
  let out = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const previous = i > 0 ? line[i - 1]! : "";
    const next = i + 1 < line.length ? line[i + 1]! : "";
    switch (c) {
      case "\\":
      case "`":
      case "*":
      case "[":
      case "]":
      case "<":
      case "~":
      case "$":
        out += `\\${c}`;
        break;
      case "_":
        out += WORD_CHAR.test(previous) && WORD_CHAR.test(next) ? c : `\\${c}`;
        break;
      case "#":
        out += i === 0 || previous === " " ? `\\${c}` : c;
        break;
      case "&":
        out += ENTITY_AHEAD.test(line.slice(i)) ? `\\${c}` : c;
        break;
      case ">":
      case "-":
      case "+":
      case "=":
        out += i === 0 ? `\\${c}` : c;
        break;
      default:
        out += c;
    }
  }
  // `12. text` or `3) text` at the start would become an ordered list.
  return out.replace(/^(\d+)([.)])(?= |$)/, "$1\\$2");
}

/** An inline code span holding `text` verbatim (made one line). */
export function code(text: string): string {
  const content = visible(oneLine(text));
  if (content === "") return "` `";
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longestRun + 1);
  const pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${ticks}${pad}${content}${pad}${ticks}`;
}

/** A fenced code block; the fence is longer than any backtick run that starts a line of `content`. */
export function fence(content: string, language = ""): string {
  const lines = visibleLines(content.replace(/\r\n?/g, "\n")).split("\n");
  const longestRun = Math.max(0, ...lines.map((l) => /^\s*(`+)/.exec(l)?.[1]?.length ?? 0));
  const ticks = "`".repeat(Math.max(3, longestRun + 1));
  return [`${ticks}${language}`, ...lines.map((l) => l.trimEnd()), ticks].join("\n");
}

/**
 * A markdown text written by the user: line ends made `\n`, trailing spaces
 * and blank lines at either end removed, and made safe to embed (see
 * sanitize.ts).
 */
export function markdownBlock(text: string): string {
  return sanitizeMarkdown(
    text
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n")
      .replace(/^\n+|\n+$/g, ""),
  );
}

/**
 * `**Label:** text` when the markdown is one line, else the label as its
 * own paragraph followed by the markdown.
 */
export function labelledMarkdown(label: string, text: string): string {
  const body = markdownBlock(text);
  return body.includes("\n") ? `**${label}:**\n\n${body}` : `**${label}:** ${body}`;
}

export type Align = "left" | "right";

/** A table cell left blank on purpose (an empty string shows `—`). */
export const BLANK = " ";

/**
 * A GitHub table. Cells are markdown already (escaped by the caller); every
 * `|` in them is escaped here, which GitHub undoes before reading the cell,
 * so a `|` inside a code span survives too. An empty cell shows `—`;
 * `BLANK` leaves it empty.
 */
export function table(headers: string[], rows: string[][], align: Align[] = []): string {
  const cell = (text: string): string => (text === "" ? "—" : oneLine(text).replace(/\|/g, "\\|"));
  const line = (cells: string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `| ${headers.map((_, i) => (align[i] === "right" ? "---:" : "---")).join(" | ")} |`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** A bullet list; each item is markdown already. */
export function bullets(items: string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

/** A task list: `- [x]` for done items. Each item is markdown already. */
export function tasks(items: { done: boolean; text: string }[]): string {
  return items.map((item) => `- [${item.done ? "x" : " "}] ${item.text}`).join("\n");
}

/** A line that stands in for an empty section or part. */
export function nothing(sentence: string): string {
  return `_${sentence}_`;
}

/** `a, b and c`. */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A heading of `level` whose text is markdown already. */
export function heading(level: number, text: string): string {
  return `${"#".repeat(level)} ${text}`;
}

/**
 * The document from its blocks: blocks separated by one blank line, no
 * trailing spaces, `\n` line ends, exactly one final line break.
 */
export function joinBlocks(blocks: string[]): string {
  const text = blocks
    .filter((b) => b !== "")
    .join("\n\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n");
  return `${text.replace(/\n+$/, "")}\n`;
}

/** `![alt](file)`; a file name with spaces or brackets goes in `<…>`. */
export function image(alt: string, file: string): string {
  const target = /[\s()<>]/.test(file) ? `<${file.replace(/[<>]/g, (c) => `\\${c}`)}>` : file;
  return `![${escapeText(alt)}](${target})`;
}
