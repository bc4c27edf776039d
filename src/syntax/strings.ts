/** Decoding of string literals (spec §1): escapes and triple-quote dedent. */

export interface StringProblem {
  message: string;
  /** Offset of the problem inside the literal's source text. */
  start: number;
  end: number;
}

export interface DecodedString {
  value: string;
  problems: StringProblem[];
}

/** `raw` is the literal including its quotes. */
export function decodeQuoted(raw: string): DecodedString {
  const problems: StringProblem[] = [];
  const body = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  let value = "";
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") {
      // A whole run at once: adding a character at a time builds a rope the
      // garbage collector walks again and again on a string of megabytes.
      const slash = body.indexOf("\\", i);
      const end = slash < 0 ? body.length : slash;
      value += body.slice(i, end);
      i = end - 1;
      continue;
    }
    const next = body[i + 1];
    const at = i + 1;
    switch (next) {
      case '"':
        value += '"';
        i++;
        break;
      case "\\":
        value += "\\";
        i++;
        break;
      case "n":
        value += "\n";
        i++;
        break;
      case "t":
        value += "\t";
        i++;
        break;
      case "u": {
        const match = /^u\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 1));
        const codePoint = match ? Number.parseInt(match[1]!, 16) : NaN;
        if (!match || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
          problems.push({
            message: "invalid unicode escape: write `\\u{` hex digits `}`, e.g. `\\u{1F600}`",
            start: at,
            end: at + 2 + (match ? match[0].length - 1 : 0),
          });
          i++;
          break;
        }
        value += String.fromCodePoint(codePoint);
        i += match[0].length;
        break;
      }
      default:
        problems.push({
          message: `unknown escape \`\\${next ?? ""}\`: use \\" \\\\ \\n \\t or \\u{...}`,
          start: at,
          end: at + 1 + (next === undefined ? 0 : next.length),
        });
        if (next !== undefined) {
          value += next;
          i++;
        }
    }
  }
  return { value, problems };
}

/**
 * `"""` text: raw (no escapes), line ends normalized, the first and last
 * lines dropped when blank, and the indentation common to the non-blank lines
 * removed.
 */
export function decodeTriple(raw: string): string {
  const body = raw.slice(3, raw.length >= 6 && raw.endsWith('"""') ? -3 : undefined);
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[0]!.trim() === "") lines.shift();
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === "") lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const leading = /^[ \t]*/.exec(line)![0].length;
    if (leading < indent) indent = leading;
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines.map((line) => (line.trim() === "" ? "" : line.slice(indent))).join("\n");
}
