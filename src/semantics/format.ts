import type { Quantity } from "./quantity.js";
import {
  BASE_DIMENSIONS,
  COUNT_RATE,
  DATA,
  DATA_RATE,
  DIMENSIONLESS,
  MONEY,
  MONEY_RATE,
  TIME,
  fromBaseValue,
  parseUnitText,
  sameDimension,
  type BaseDimension,
  type Dimension,
  type Unit,
} from "./units.js";

/**
 * Human formatting of quantities for documents and messages. Everything here
 * is a pure function of its input (only `toFixed`/`toExponential`, whose
 * results ECMAScript defines exactly, and no locale), so the same quantity
 * prints the same bytes on every machine.
 *
 * Number precision, chosen to read like a design document rather than a
 * spreadsheet:
 * - 100 and more: whole numbers with thousands separators (`3,260`, `497`);
 * - from 1 to 100: three significant digits (`41.7`, `99.9`, `5`);
 * - below 1: two significant digits (`0.69`, `0.018`);
 * trailing zeros dropped. Money keeps cents below $100 (`$0.50`, `$12.50`)
 * and percentages keep enough decimals to tell their distance from 100%
 * (`99.99%` does not become `100%`).
 *
 * Figures out of a document's range are written in scale notation with two
 * significant digits, never as a run of float noise: from 10^16 up (`1.0e60`,
 * not `999,999,999,999,999,949,…`) and below 10^-12 (`$1.0e-16`, not `$0`).
 * A figure with no value (NaN, ±Infinity: only a division by zero makes one,
 * which the checks report) prints as `undefined`, never as `NaN` or `∞`.
 */

// Float noise (0.999 × 100 = 99.89999999999999) is removed before rounding
// for display, so that it cannot tip a value across a rounding boundary.
function denoise(value: number): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(12));
}

/** Decimals that show `value` (> 0) to `significant` digits. */
function decimalsFor(value: number, significant: number): number {
  // toExponential rounds first, so 9.996 at 3 digits reports exponent 1, not 0.
  const exponent = Number(value.toExponential(significant - 1).split("e")[1]);
  return Math.max(0, significant - 1 - exponent);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `magnitude` (>= 0) with `decimals` decimals, trailing zeros dropped unless `keepDecimals`. */
function fixed(magnitude: number, decimals: number, keepDecimals = false): string {
  // toFixed switches to exponent notation from 1e21; BigInt prints the integer in full.
  // toFixed takes at most 100 decimals; anything smaller than that shows as 0.
  let text = magnitude >= 1e21 ? BigInt(Math.round(magnitude)).toString() : magnitude.toFixed(Math.min(decimals, 100));
  if (!keepDecimals && text.includes(".")) text = text.replace(/\.?0+$/, "");
  const [whole, fraction] = text.split(".");
  return fraction === undefined ? groupThousands(whole!) : `${groupThousands(whole!)}.${fraction}`;
}

function signOf(value: number): string {
  return value < 0 ? "-" : "";
}

/** What a figure without a value prints as, whatever its unit. */
export const NO_VALUE = "undefined";

function nonFinite(value: number): string | undefined {
  return Number.isFinite(value) ? undefined : NO_VALUE;
}

// Above 2^53 a double no longer holds every whole number, so the digits
// past the 16th are noise; below 10^-12 a figure is a rounding residue or a
// unit too small for any design (a per-byte price is about 10^-11).
const LARGEST_FIXED = 1e16;
const SMALLEST_FIXED = 1e-12;

/** `1.0e60`, `2.5e-16` for a magnitude out of the fixed range; undefined inside it. */
function scaled(magnitude: number): string | undefined {
  if (magnitude === 0 || (magnitude < LARGEST_FIXED && magnitude >= SMALLEST_FIXED)) return undefined;
  const [mantissa, exponent] = magnitude.toExponential(1).split("e");
  return `${mantissa}e${Number(exponent)}`;
}

function generalDecimals(magnitude: number): number {
  if (magnitude === 0 || magnitude >= 100) return 0;
  return decimalsFor(magnitude, magnitude >= 1 ? 3 : 2);
}

/** A plain number: `497`, `2,500,000`, `41.7`, `0.018`. */
export function formatNumber(value: number): string {
  const special = nonFinite(value);
  if (special) return special;
  const magnitude = denoise(Math.abs(value));
  const text = scaled(magnitude) ?? fixed(magnitude, generalDecimals(magnitude));
  return text === "0" ? "0" : signOf(value) + text;
}

/** Dollars: `$3,260`, `$12.50`, `$0.50`, `$0.018`. */
export function formatMoney(dollars: number): string {
  const special = nonFinite(dollars);
  if (special) return special;
  const magnitude = denoise(Math.abs(dollars));
  let text: string;
  const scale = scaled(magnitude);
  if (scale !== undefined) {
    text = scale;
  } else if (magnitude >= 100) {
    text = fixed(magnitude, 0);
  } else {
    const cents = magnitude * 100;
    // A fraction of a cent is not whole: $0.0000001 must not print as $0.
    const wholeCents = Math.round(cents) !== 0 && Math.abs(cents - Math.round(cents)) <= 1e-9 * Math.max(1, cents);
    if (magnitude >= 1 || wholeCents) {
      text = fixed(magnitude, 2, true);
      if (text.endsWith(".00")) text = text.slice(0, -3);
    } else {
      text = fixed(magnitude, decimalsFor(magnitude, 2));
    }
  }
  return text === "0" ? "$0" : `${signOf(dollars)}$${text}`;
}

/** A fraction as a percentage: 0.999 → `99.9%`, 0.9999 → `99.99%`, 0.7 → `70%`. */
export function formatPercent(fraction: number): string {
  const special = nonFinite(fraction);
  if (special) return special;
  const percent = denoise(Math.abs(fraction * 100));
  const scale = scaled(percent);
  if (scale !== undefined) return `${signOf(fraction)}${scale}%`;
  let decimals = generalDecimals(percent);
  if (percent >= 1 && percent < 100) {
    // Availability lives just under 100%: show as many decimals as it takes
    // to see two digits of the gap, or 99.99% would print as 100%.
    decimals = Math.max(decimals, decimalsFor(denoise(100 - percent), 2));
  }
  const text = fixed(percent, decimals);
  return `${text === "0" ? "" : signOf(fraction)}${text}%`;
}

// ── choosing a unit ────────────────────────────────────────────────────

const TIME_LADDER = ["ms", "s", "min", "h", "day", "year"] as const;
const RATE_DENOMINATORS = ["s", "min", "h", "day", "month", "year"] as const;
const DECIMAL_DATA = ["B", "KB", "MB", "GB", "TB", "PB"] as const;
const BINARY_DATA = ["B", "KiB", "MiB", "GiB", "TiB"] as const;
const BIT_RATES = ["bps", "Kbps", "Mbps", "Gbps"] as const;

/** How a time word is shown: `sec` as `s`, `hours` as `h`, `d` as `day`. */
const TIME_DISPLAY: Readonly<Record<string, string>> = {
  ms: "ms",
  s: "s",
  sec: "s",
  min: "min",
  h: "h",
  hour: "h",
  hours: "h",
  d: "day",
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
  month: "month",
  months: "month",
  year: "year",
  years: "year",
};
const PLURALS: Readonly<Record<string, string>> = { hour: "hours", day: "days", week: "weeks", month: "months", year: "years" };
const SINGULARS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PLURALS).map(([one, many]) => [many, one]));

/** `word` in the number that agrees with `number` ("1 day", "2 days"); other words as they are. */
function agree(word: string, number: string): string {
  const singular = SINGULARS[word] ?? word;
  if (number === "1" || number === "-1") return singular;
  return PLURALS[singular] ?? word;
}

function unit(text: string): Unit {
  const parsed = parseUnitText(text);
  // Only this module's own unit texts reach here.
  if (!parsed.ok) throw new Error(`internal: unknown unit text \`${text}\``);
  return parsed.unit;
}

/** `value` (base units) written in `target`, e.g. `5 min`, `15 TB/month`, `1,000/day`, `$560/month`. */
function render(value: number, target: Unit): string {
  const amount = fromBaseValue(target, value);
  const [numerator = "", ...rest] = target.text.split("/");
  // A denominator reads in the singular whatever was written: `/day`, not `/days`.
  const per = rest.map((word) => `/${SINGULARS[word] ?? word}`).join("");
  if (target.text === "%") return formatPercent(value);
  if (numerator === "$") return formatMoney(amount) + per;
  const number = formatNumber(amount);
  if (numerator === "" || numerator === "1") return number + per;
  if (target.text === "x") return `${number}x`;
  const word = per === "" ? agree(numerator, number) : numerator;
  return `${number} ${word}${per}`;
}

/** The amount as it will print, so unit choice agrees with the text a reader sees. */
function shownAmount(value: number, target: Unit): number {
  return Math.abs(Number(formatNumber(fromBaseValue(target, value)).replace(/,/g, "")));
}

/**
 * The candidate whose displayed amount is the first to reach 1, scanning
 * `candidates` in order; the last one if none does. Judged on the displayed
 * text so that 999.7 MB prints as `1 GB`, not `1,000 MB`.
 */
function firstReachingOne(value: number, candidates: readonly string[], largestFirst: boolean): Unit {
  const ordered = largestFirst ? [...candidates].reverse() : [...candidates];
  for (const text of ordered) {
    const target = unit(text);
    if (shownAmount(value, target) >= 1) return target;
  }
  return unit(ordered[ordered.length - 1]!);
}

function hintParts(hint: string | undefined): { numerator: string; denominator: string | undefined } {
  if (hint === undefined) return { numerator: "", denominator: undefined };
  const [numerator = "", denominator, ...more] = hint.split("/");
  return { numerator, denominator: more.length === 0 ? denominator : undefined };
}

function timeWord(word: string | undefined): string | undefined {
  return word === undefined ? undefined : TIME_DISPLAY[word];
}

function dataLadder(numeratorHint: string): readonly string[] {
  return (BINARY_DATA as readonly string[]).includes(numeratorHint) && numeratorHint !== "B" ? BINARY_DATA : DECIMAL_DATA;
}

/** The unit a quantity is shown in when the caller names none. */
function chooseUnit(q: Quantity): Unit | undefined {
  const d = q.dimension;
  const { numerator, denominator } = hintParts(q.hint);
  const hintedTime = timeWord(denominator);
  if (sameDimension(d, DIMENSIONLESS)) {
    if (q.hint === "%" || q.hint === "x") return unit(q.hint);
    return unit("");
  }
  if (sameDimension(d, MONEY)) return unit("$");
  // Budgets and cost items are monthly figures whatever unit they were written in.
  if (sameDimension(d, MONEY_RATE)) return unit("$/month");
  if (sameDimension(d, TIME)) {
    const hinted = denominator === undefined ? timeWord(numerator) : undefined;
    if (hinted !== undefined) {
      const target = unit(hinted);
      if (shownAmount(q.value, target) >= 1 || q.value === 0) return target;
    }
    return firstReachingOne(q.value, TIME_LADDER, true);
  }
  if (sameDimension(d, DATA)) return firstReachingOne(q.value, dataLadder(numerator), true);
  if (sameDimension(d, DATA_RATE)) {
    if ((BIT_RATES as readonly string[]).includes(numerator) && denominator === undefined) {
      return firstReachingOne(q.value, BIT_RATES, true);
    }
    const per = hintedTime ?? "s";
    return firstReachingOne(
      q.value,
      dataLadder(numerator).map((word) => `${word}/${per}`),
      true,
    );
  }
  if (sameDimension(d, COUNT_RATE)) {
    if (hintedTime !== undefined && numerator === "") return unit(`/${hintedTime}`);
    return firstReachingOne(
      q.value,
      RATE_DENOMINATORS.map((word) => `/${word}`),
      false,
    );
  }
  return undefined;
}

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function superscript(exponent: number): string {
  if (exponent === 1) return "";
  return [...String(exponent)].map((c) => SUPERSCRIPTS[Number(c)] ?? c).join("");
}

const BASE_SYMBOLS: Record<BaseDimension, string> = { money: "$", data: "B", time: "s" };

/** A dimension no unit table covers (e.g. money per data), in base units: `0.023 $/B`. */
function renderInBaseUnits(q: Quantity): string {
  const numerator = BASE_DIMENSIONS.filter((b) => q.dimension[b] > 0).map((b) => BASE_SYMBOLS[b] + superscript(q.dimension[b]));
  const denominator = BASE_DIMENSIONS.filter((b) => q.dimension[b] < 0).map((b) => BASE_SYMBOLS[b] + superscript(-q.dimension[b]));
  const units = `${numerator.join("·") || "1"}${denominator.length > 0 ? `/${denominator.join("·")}` : ""}`;
  return `${formatNumber(q.value)} ${units}`;
}

/**
 * `q` for a reader: in `preferredUnit` (unit text such as `min`, `/min`,
 * `GB/month`, `%`) when given and of q's dimension, otherwise in the unit
 * that reads best for its dimension and size (see chooseUnit): `5 min`,
 * `15 TB/month`, `1,000/day`, `$3,260/month`, `$0.018`, `99.9%`.
 */
export function formatQuantity(q: Quantity, preferredUnit?: string): string {
  // `$undefined/month` would read as a price: a figure without a value has no unit.
  if (!Number.isFinite(q.value)) return NO_VALUE;
  if (preferredUnit !== undefined) {
    const parsed = parseUnitText(preferredUnit);
    if (parsed.ok && sameDimension(parsed.unit.dimension, q.dimension)) return render(q.value, parsed.unit);
  }
  const chosen = chooseUnit(q);
  return chosen ? render(q.value, chosen) : renderInBaseUnits(q);
}

const DIMENSION_NAMES: Record<BaseDimension, string> = { money: "money", data: "data", time: "time" };

/**
 * A dimension in words for messages: `time`, `data per time`, `money per
 * time`, `count per time`, `count` (a bare number, `%` or `x`).
 */
export function formatDimension(dim: Dimension): string {
  const numerator = BASE_DIMENSIONS.filter((b) => dim[b] > 0).map((b) => DIMENSION_NAMES[b] + superscript(dim[b]));
  const denominator = BASE_DIMENSIONS.filter((b) => dim[b] < 0).map((b) => DIMENSION_NAMES[b] + superscript(-dim[b]));
  const top = numerator.length > 0 ? numerator.join(" × ") : "count";
  return denominator.length > 0 ? `${top} per ${denominator.join(" × ")}` : top;
}

