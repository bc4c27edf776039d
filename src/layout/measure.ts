/**
 * Text measurement for the diagrams.
 *
 * Widths come from the advance widths of Open Sans Regular (the font the SVG
 * names first; `font-metrics.ts` is generated from the TTF svgdom ships), so
 * measuring needs no file, no font engine and no DOM, and gives the same
 * numbers on every machine.
 *
 * A reader's browser may not have Open Sans: GitHub shows an SVG as an image,
 * which cannot load web fonts, so most readers see Helvetica, Arial, or on
 * Linux Liberation Sans or DejaVu Sans. Helvetica and Arial are within ±3% of
 * Open Sans; DejaVu Sans is up to 10% wider. Every width handed to the layout
 * is therefore the Open Sans width times a safety margin, and boxes keep
 * padding around it, so the fallback fonts fit too. Semi-bold text is
 * measured wider by a fixed factor (svgdom has no bold Open Sans; the fallback
 * bold faces are 4–10% wider than Open Sans Regular).
 *
 * Monospace text (field rows in the data model) is measured at 0.6 em per
 * character, which is what Menlo, Consolas, SF Mono, DejaVu Sans Mono and
 * Liberation Mono all use, within 2%.
 */
import { OPEN_SANS } from "./font-metrics.js";

/** The font stacks the SVG names. Quoted for CSS. */
export const SANS_FAMILY = `"Open Sans", Helvetica, Arial, sans-serif`;
export const MONO_FAMILY = `SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace`;

/** Widths are multiplied by this so a fallback font does not overflow. */
export const SAFETY_MARGIN = 1.08;
/** Semi-bold (600) is this much wider than regular. */
export const BOLD_FACTOR = 1.08;
const MONO_ADVANCE = 0.6;
const MONO_MARGIN = 1.03;

export interface FontSpec {
  size: number;
  weight: 400 | 600;
  mono: boolean;
  /** Distance between baselines of consecutive lines. */
  lineHeight: number;
}

/**
 * The text styles of the diagrams. The renderer's CSS takes its font sizes
 * from here, so what is measured is what is drawn.
 */
export const FONTS = {
  /** A component's name. */
  title: { size: 14, weight: 600, mono: false, lineHeight: 18 },
  /** The technology line under a name. */
  technology: { size: 12, weight: 400, mono: false, lineHeight: 16 },
  /** A step listed inside a node (flows). */
  step: { size: 12, weight: 400, mono: false, lineHeight: 16 },
  /** An edge's label. */
  label: { size: 12, weight: 400, mono: false, lineHeight: 15 },
  /** An edge's technology, under its label. */
  labelTechnology: { size: 11, weight: 400, mono: false, lineHeight: 14 },
  /** A boundary's name. */
  container: { size: 13, weight: 600, mono: false, lineHeight: 17 },
  /** An entity's name in the data model. */
  tableTitle: { size: 14, weight: 600, mono: false, lineHeight: 18 },
  /** A field row in the data model. */
  field: { size: 12, weight: 400, mono: true, lineHeight: 16 },
  /** PK / FK markers. */
  marker: { size: 10, weight: 600, mono: false, lineHeight: 14 },
} as const satisfies Record<string, FontSpec>;

export type FontName = keyof typeof FONTS;

const ELLIPSIS = "…";

// ── widths ─────────────────────────────────────────────────────────────

const advances = new Map<number, number>();
for (const [start, widths] of OPEN_SANS.ranges) {
  widths.forEach((w, i) => advances.set(start + i, w / OPEN_SANS.unitsPerEm));
}
const FALLBACK_ADVANCE = 0.6;

/** East Asian wide characters and emoji: one em in any font. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Width in ems of `text` in Open Sans Regular, without any margin. */
function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const advance = advances.get(cp);
    if (advance !== undefined) width += advance;
    else if (cp < 0x20 || (cp >= 0x300 && cp < 0x370) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) width += 0;
    else width += isWide(cp) ? 1 : FALLBACK_ADVANCE;
  }
  return width;
}

function monoColumns(text: string): number {
  let columns = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp < 0x370) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    columns += isWide(cp) ? 2 : 1;
  }
  return columns;
}

const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

/** The width `text` takes in `font`, Open Sans metrics plus the safety margin (px). */
export function textWidth(text: string, font: FontName): number {
  const key = `${font}\u0000${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const spec: FontSpec = FONTS[font];
  let width: number;
  if (spec.mono) width = monoColumns(text) * MONO_ADVANCE * spec.size * MONO_MARGIN;
  else width = emWidth(text) * spec.size * SAFETY_MARGIN * (spec.weight === 600 ? BOLD_FACTOR : 1);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, width);
  return width;
}

/** The width of `text` in Open Sans Regular at `size` px, with no margin: what a browser with Open Sans draws. */
export function openSansWidth(text: string, size: number): number {
  return emWidth(text) * size;
}

// ── wrapping ───────────────────────────────────────────────────────────

export interface WrappedText {
  lines: string[];
  /** True when text was cut and ends in an ellipsis. */
  truncated: boolean;
  /** The widest line's width (px, with the margin). */
  width: number;
}

/** Collapses runs of white space (including line breaks, but not no-break spaces) to one space. */
export function normalizeSpace(text: string): string {
  return text.replace(/[^\S\u00a0\u202f]+/g, " ").replace(/^ | $/g, "");
}

/** Cuts `text` to fit `maxWidth`, ending it with an ellipsis when cut. */
export function ellipsize(text: string, font: FontName, maxWidth: number): { text: string; truncated: boolean } {
  if (textWidth(text, font) <= maxWidth) return { text, truncated: false };
  const chars = Array.from(text);
  // Longest prefix that fits with the ellipsis: binary search on the length.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = chars.slice(0, mid).join("").trimEnd() + ELLIPSIS;
    if (textWidth(candidate, font) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return { text: chars.slice(0, low).join("").trimEnd() + ELLIPSIS, truncated: true };
}

/** Where a long word may break: after these characters (paths, identifiers, URLs). */
const BREAK_AFTER = /[/._\-:?&=,;]/;

/**
 * Splits a word that is wider than `maxWidth` into pieces that fit:
 * after punctuation where it can (`payment_intent.` `succeeded`), else
 * between any two characters.
 */
function breakWord(word: string, font: FontName, maxWidth: number): string[] {
  const pieces: string[] = [];
  let current = "";
  let lastBreak = -1;
  const chars = Array.from(word);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (current !== "" && textWidth(current + ch, font) > maxWidth) {
      const currentChars = Array.from(current);
      if (lastBreak > 0 && lastBreak < currentChars.length) {
        pieces.push(currentChars.slice(0, lastBreak).join(""));
        current = currentChars.slice(lastBreak).join("") + ch;
      } else {
        pieces.push(current);
        current = ch;
      }
      lastBreak = -1;
    } else {
      current += ch;
    }
    if (BREAK_AFTER.test(ch) || ch === "\u00a0") lastBreak = Array.from(current).length;
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/**
 * Wraps `text` at word boundaries into at most `maxLines` lines of at most
 * `maxWidth`. A word wider than a line is broken between characters. Text
 * that needs more lines is cut, its last line ending in an ellipsis.
 */
export function wrapText(text: string, font: FontName, maxWidth: number, maxLines: number): WrappedText {
  const clean = normalizeSpace(text);
  if (clean === "") return { lines: [], truncated: false, width: 0 };
  const lines: string[] = [];
  let current = "";
  for (const word of clean.split(" ")) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (textWidth(candidate, font) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== "") lines.push(current);
    if (textWidth(word, font) <= maxWidth) {
      current = word;
    } else {
      const pieces = breakWord(word, font, maxWidth);
      current = pieces.pop() ?? "";
      lines.push(...pieces);
    }
  }
  if (current !== "") lines.push(current);

  let truncated = false;
  if (lines.length > maxLines) {
    const rest = lines.slice(maxLines - 1).join(" ");
    const cut = ellipsize(rest, font, maxWidth);
    lines.length = maxLines - 1;
    lines.push(cut.text);
    truncated = true;
  }
  const width = Math.max(0, ...lines.map((line) => textWidth(line, font)));
  return { lines, truncated, width };
}

/**
 * The offset from the centre of a line to its baseline, so that capitals and
 * lower case sit visually centred (Open Sans cap height is 0.714 em; about
 * the same in the fallback fonts). No `dominant-baseline`: not every
 * renderer honours it.
 */
export function baselineOffset(font: FontName): number {
  return FONTS[font].size * 0.36;
}
