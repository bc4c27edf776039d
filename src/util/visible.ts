/**
 * Characters that change how the text around them is read rather than being
 * read themselves: C0 and C1 controls and DEL (a terminal runs ESC sequences,
 * a CI log reads a newline as the start of a new command, YAML 1.1 rejects
 * U+0085) and the bidirectional controls that reorder what a reader sees
 * (Trojan Source, CVE-2021-42574). Every user string that reaches a
 * diagnostic, a source excerpt or a one-line label in an output passes
 * through `visible`, so this is the one place that decides what is shown.
 *
 * The escapes are sysd's own string escapes, so a reader can paste them back
 * into a design: `\n`, `\t`, and `\u{1B}` for everything else. A backslash
 * is left as it is: messages quote design text, and doubling every `\` would
 * misquote it.
 */

/** U+2028/2029 end a line in JavaScript and some terminals; the rest reorder text. */
const BIDI_AND_SEPARATORS = new Set([0x061c, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

/** A C0 or C1 control character or DEL. */
export function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/** Whether `cp` is escaped by `visible`. */
export function isInvisible(cp: number): boolean {
  return isControl(cp) || BIDI_AND_SEPARATORS.has(cp);
}

/** The escape `visible` writes for one character it does not show as is. */
export function escapeCodePoint(cp: number): string {
  if (cp === 0x0a) return "\\n";
  if (cp === 0x09) return "\\t";
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi character replaced by its escape; one line. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => escapeCodePoint(c.charCodeAt(0)));
}

const INVISIBLE_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Like `visible`, but line feeds and tabs stay: for multi-line text such as markdown and code blocks. */
export function visibleLines(text: string): string {
  return text.replace(INVISIBLE_BUT_LINES, (c) => escapeCodePoint(c.charCodeAt(0)));
}

