/**
 * The long texts of a design (`overview`, `description`, `context`,
 * `consequences`) are markdown, but a design must not be able to hide or
 * script the document it is part of. `sanitizeMarkdown` keeps their markdown
 * and removes what could do either:
 *
 * - raw HTML: every `<` outside code is written `&lt;`, so no tag, comment or
 *   HTML block can open (a `<https://…>` autolink stays);
 * - links and images: only `http:`, `https:` and relative targets (no scheme)
 *   stay live; for any other target the `(` is escaped and the link reads as
 *   plain text. A reference definition with such a target is escaped too;
 * - a fence left open is closed, so it cannot swallow the sections after it;
 * - control and bidi characters (but tab and line feed) become sysd escapes
 *   such as `\u{1B}`, inside code too (see util/visible.ts).
 *
 * The scan is line based and conservative: where the text is ambiguous (a
 * link whose target starts on the next line, an entity in a target) the link
 * is made plain text rather than guessed at. Its result is checked by
 * markdown-it, and disarmed without trusting any code when the check fails.
 */
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { visibleLines } from "../../util/visible.js";

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const AUTOLINK = /^<https?:\/\/[^\s<>]*>/i;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.\-]*:/;
const REFERENCE_DEFINITION = /^( {0,3})\[((?:[^\]\\]|\\.)*)\]:(.*)$/;

/** Whether a link target, as written, is one a reader can follow safely: http(s) or relative. */
export function isSafeTarget(raw: string): boolean {
  if (/^https?:\/\//i.test(raw)) return true;
  // A reader decodes entities and escapes before it reads the scheme
  // (`javascript&colon;…`), and `<…>` is another way to write a target: a
  // relative target that uses any of them is not judged safe.
  if (/[&\\<>]/.test(raw)) return false;
  return !SCHEME.test(raw);
}

/** CommonMark readers give up on a destination nested deeper than this. */
const MAX_PAREN_DEPTH = 32;

/**
 * The link destination that starts `text` (right after `](`), as markdown
 * would read it; undefined when a reader would not take it as one (too
 * deeply nested), which also bounds the scan on `](](](…`.
 */
function destination(text: string): string | undefined {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length) {
      i += 2;
      continue;
    }
    if (c === " " || c === "\t") break;
    if (c === "(" && ++depth > MAX_PAREN_DEPTH) return undefined;
    if (c === ")") {
      if (depth === 0) break;
      depth--;
    }
    i++;
  }
  return text.slice(0, i);
}

/**
 * One line outside any fence: HTML and unsafe links disarmed. A code span is
 * left whole (its `<` shows as written) only when `codeSpans` says the line
 * reads the same to every markdown reader; otherwise every `<` is escaped,
 * which in a code span shows as `&lt;` but can never open a tag.
 */
function sanitizeLine(line: string, codeSpans: boolean): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "\\" && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "`" && codeSpans) {
      // A code span shows its text as it is: leave it whole, `<` included.
      const run = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(run, i + run.length);
      if (close !== -1 && line[close + run.length] !== "`") {
        out += line.slice(i, close + run.length);
        i = close + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    if (c === "<") {
      const auto = AUTOLINK.exec(line.slice(i));
      if (auto) {
        out += auto[0];
        i += auto[0].length;
        continue;
      }
      out += "&lt;";
      i++;
      continue;
    }
    if (c === "]" && line[i + 1] === "(") {
      const rest = line.slice(i + 2);
      // A target after spaces or on the next line is not judged: made plain.
      const target = rest !== "" && !/^\s/.test(rest) ? destination(rest) : undefined;
      const live = target !== undefined && isSafeTarget(target);
      out += live ? "](" : "]\\(";
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Whether some backtick run of `line` has no run of the same length after it. */
function hasUnclosedTicks(line: string): boolean {
  const runs: string[] = line.replace(/\\`/g, "").match(/`+/g) ?? [];
  let i = 0;
  while (i < runs.length) {
    const closer = runs.indexOf(runs[i]!, i + 1);
    if (closer === -1) return true;
    i = closer + 1;
  }
  return false;
}

/**
 * A reference definition: plain text when its target is unsafe. Its label and
 * the rest are disarmed as any line is, since a line that turns out not to be
 * a definition is a paragraph.
 */
function sanitizeDefinition(line: string): string | undefined {
  const match = REFERENCE_DEFINITION.exec(line);
  if (!match) return undefined;
  const [, indent, label, rest] = match as unknown as [string, string, string, string];
  const target = rest.trim().split(/\s/)[0] ?? "";
  const live = target !== "" && isSafeTarget(target);
  const [open, close] = live ? ["[", "]"] : ["\\[", "\\]"];
  return `${indent}${open}${sanitizeLine(label, false)}${close}:${sanitizeLine(rest, false)}`;
}

/** The user's markdown with HTML, unsafe links and open fences disarmed (see above). */
export function sanitizeMarkdown(text: string): string {
  const lines = visibleLines(text).split("\n");
  const trusted = sanitizeTrustingCode(lines);
  // The line scan cannot see every block structure (a fence inside a list item
  // ends with the item, not at its closing line). A markdown reader has the
  // last word: if it finds live HTML, an unsafe link or a text that does not
  // end, the text is disarmed again without trusting any code.
  return isSealed(trusted) ? trusted : lines.map(disarmLine).join("\n");
}

/** A line with no code at all: every `<` escaped, and no fence can open. */
function disarmLine(line: string): string {
  return sanitizeLine(line, false).replace(/^(\s*)([`~])/, "$1\\$2");
}

const SENTINEL = "sysd-end-of-markdown-text";
const reader = new MarkdownIt({ html: true, linkify: false });

/** Whether `markdown` holds no HTML and no unsafe link, and a paragraph after it is one. */
function isSealed(markdown: string): boolean {
  const tokens = reader.parse(`${markdown}\n\n${SENTINEL}\n`, {});
  const bad = (list: readonly Token[]): boolean =>
    list.some((t) => {
      if (t.type === "html_block" || t.type === "html_inline") return true;
      const target = t.type === "link_open" ? t.attrGet("href") : t.type === "image" ? t.attrGet("src") : null;
      // The reader has decoded the target already: only its scheme matters.
      if (target !== null && !/^https?:\/\//i.test(target) && SCHEME.test(target.trim())) return true;
      return t.children !== null && bad(t.children);
    });
  if (bad(tokens)) return false;
  const [open, inline, close] = tokens.slice(-3);
  return open?.type === "paragraph_open" && open.level === 0 && inline?.content === SENTINEL && close?.type === "paragraph_close";
}

function sanitizeTrustingCode(lines: readonly string[]): string {
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  /** A backtick run in this paragraph found no closer on its line. */
  let openTicks = false;
  for (const line of lines) {
    if (fence !== undefined) {
      out.push(line);
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string cannot hold a backtick.
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      out.push(line.replace(/</g, "&lt;"));
      continue;
    }
    if (line.trim() === "") openTicks = false;
    // A table splits cells before it reads code spans, a link target may hold
    // a backtick, and a run left open may close on this line: in those cases
    // the line's code spans are not trusted.
    const codeSpans = !openTicks && !line.includes("|") && !line.includes("](");
    out.push(sanitizeDefinition(line) ?? sanitizeLine(line, codeSpans));
    if (hasUnclosedTicks(line)) openTicks = true;
  }
  if (fence !== undefined) out.push(fence.char.repeat(fence.length));
  return out.join("\n");
}
