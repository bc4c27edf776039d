/** Small helpers for writing SVG text: escaping, fixed-precision numbers, attributes. */
import { escapeCodePoint, isInvisible } from "../../util/visible.js";

// Everything the loop below changes must fail this test, bidi overrides and C1 included:
// a label holding only a U+202E once passed through as it was.
const PLAIN = /^[^&<>"'\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]*$/;

/** Escapes text for XML content and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  // Most text needs nothing done; long diagrams escape hundreds of thousands of strings.
  if (PLAIN.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case "&":
        out += "&amp;";
        break;
      case "<":
        out += "&lt;";
        break;
      case ">":
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case "'":
        out += "&apos;";
        break;
      default:
        // A label is one line, as in the document: line breaks and tabs become
        // spaces. Other controls (which XML 1.0 forbids or discourages) and
        // bidi overrides are shown as sysd escapes, as everywhere else
        // (util/visible.ts); what XML cannot hold at all (lone surrogates,
        // U+FFFE/U+FFFF) is dropped.
        if (cp === 0x9 || cp === 0xa || cp === 0xd || cp === 0x2028 || cp === 0x2029) out += " ";
        else if (isInvisible(cp)) out += escapeCodePoint(cp);
        else if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) out += "";
        else out += ch;
    }
  }
  return out;
}

/** A number with at most one decimal, no trailing zero, no "-0". */
export function num(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const rounded = Math.round(value * 10) / 10;
  if (Object.is(rounded, -0) || rounded === 0) return "0";
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

export type Attrs = Record<string, string | number | undefined>;

/** ` name="value"` for each defined attribute, in the given order; numbers through `num`. */
export function attrs(values: Attrs): string {
  let out = "";
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

export function el(name: string, values: Attrs, content?: string): string {
  return content === undefined ? `<${name}${attrs(values)}/>` : `<${name}${attrs(values)}>${content}</${name}>`;
}

/** Path data from commands; numbers through `num`. */
export class PathData {
  private parts: string[] = [];
  M(x: number, y: number): this {
    this.parts.push(`M${num(x)} ${num(y)}`);
    return this;
  }
  L(x: number, y: number): this {
    this.parts.push(`L${num(x)} ${num(y)}`);
    return this;
  }
  H(x: number): this {
    this.parts.push(`H${num(x)}`);
    return this;
  }
  V(y: number): this {
    this.parts.push(`V${num(y)}`);
    return this;
  }
  A(rx: number, ry: number, rotation: number, large: 0 | 1, sweep: 0 | 1, x: number, y: number): this {
    this.parts.push(`A${num(rx)} ${num(ry)} ${num(rotation)} ${large} ${sweep} ${num(x)} ${num(y)}`);
    return this;
  }
  C(x1: number, y1: number, x2: number, y2: number, x: number, y: number): this {
    this.parts.push(`C${num(x1)} ${num(y1)} ${num(x2)} ${num(y2)} ${num(x)} ${num(y)}`);
    return this;
  }
  Q(x1: number, y1: number, x: number, y: number): this {
    this.parts.push(`Q${num(x1)} ${num(y1)} ${num(x)} ${num(y)}`);
    return this;
  }
  Z(): this {
    this.parts.push("Z");
    return this;
  }
  toString(): string {
    return this.parts.join(" ");
  }
}
