import { indent, line, type Doc } from "./doc.js";

/**
 * Canonical spelling of a one-line string: `"` and `\` are escaped, a line
 * break and a tab are written `\n` and `\t`, other invisible characters
 * (controls, line and paragraph separators, the byte-order mark) as
 * `\u{X}`; everything else, emoji and accents included, is written as
 * itself. Decoding the result gives `value` back.
 */
export function quote(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (const ch of value) {
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case "\\":
        out += "\\\\";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\t":
        out += "\\t";
        break;
      default:
        out += mustEscape(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
    }
  }
  return `${out}"`;
}

const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

function mustEscape(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

/**
 * A `"""` string. One written on one line stays on one line when it can
 * (`"""text"""`); otherwise its text goes on the lines between the quotes,
 * one level deeper than the line the string starts on, and the closing
 * quotes line up with that line. Blank lines stay empty. The decoded value
 * (spec §1: first and last blank lines dropped, common indentation removed)
 * is unchanged either way.
 */
export function tripleQuote(value: string, wasOneLine: boolean): Doc {
  if (wasOneLine && !/[\r\n]/.test(value) && !value.endsWith('"') && !/^[ \t]/.test(value)) {
    return `"""${value}"""`;
  }
  if (value === "") return ['"""', line, '"""'];
  const lines = value.split("\n");
  const body: Doc[] = [];
  for (const text of lines) body.push(line, text);
  return ['"""', indent(body), line, '"""'];
}
