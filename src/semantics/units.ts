import type { DATA_RATE_UNITS, DATA_UNITS, MULTIPLIER_UNITS, TIME_UNITS } from "../../grammar/index.js";

/**
 * Dimensions and units (spec §1, "Units").
 *
 * A dimension is a vector of integer exponents over three base dimensions:
 * money (US dollar), data (byte) and time (second). Everything else is
 * dimensionless, and that includes three things a user may think of as
 * kinds of their own:
 *
 * - counts (`1000`, `10k`): `uploads 1000/day` is count per time = time⁻¹,
 *   and `cost.total / uploads` must come out as money so that a target
 *   `<= $0.50` compares (spec §3.2 NFR4). A count dimension would make it
 *   money per count and the target an E210.
 * - ratios (`%`, factor 0.01): `utilization 70%` divides a capacity in
 *   `demand ÷ (capacity × utilization)` and the result must be a plain
 *   number of instances; `availability >= 99.9%` compares 0.999 with a
 *   computed availability that is a plain fraction.
 * - multipliers (`x`, factor 1): a tier `10x` multiplies a demand.
 *
 * The price is that `error_rate > 5` (a bare 5 against a `%` metric) is not
 * an E210: it means 500%. How a quantity was written is kept as a display
 * hint on the quantity (see quantity.ts), so a lint can still notice it.
 *
 * The byte, not the bit, is the data base: sizes (`1 GB`) are far more
 * common than link speeds, and their factors stay integers; `bps` is 1/8 B/s.
 */

export const BASE_DIMENSIONS = ["money", "data", "time"] as const;
export type BaseDimension = (typeof BASE_DIMENSIONS)[number];

/** Integer exponents; `{money: 1, data: 0, time: -1}` is money per time. */
export type Dimension = { readonly [K in BaseDimension]: number };

/** Builds a frozen dimension; missing exponents are 0. */
export function dimension(exponents: Partial<Record<BaseDimension, number>> = {}): Dimension {
  // `+ 0` turns -0 (from 0 * -1) into 0 so that equal dimensions also serialize equally.
  return Object.freeze({
    money: (exponents.money ?? 0) + 0,
    data: (exponents.data ?? 0) + 0,
    time: (exponents.time ?? 0) + 0,
  });
}

export const DIMENSIONLESS: Dimension = dimension();
export const TIME: Dimension = dimension({ time: 1 });
export const DATA: Dimension = dimension({ data: 1 });
export const MONEY: Dimension = dimension({ money: 1 });
export const COUNT_RATE: Dimension = dimension({ time: -1 });
export const DATA_RATE: Dimension = dimension({ data: 1, time: -1 });
export const MONEY_RATE: Dimension = dimension({ money: 1, time: -1 });

export function mulDimensions(a: Dimension, b: Dimension): Dimension {
  return dimension({ money: a.money + b.money, data: a.data + b.data, time: a.time + b.time });
}

export function divDimensions(a: Dimension, b: Dimension): Dimension {
  return dimension({ money: a.money - b.money, data: a.data - b.data, time: a.time - b.time });
}

export function powDimension(a: Dimension, exponent: number): Dimension {
  return dimension({ money: a.money * exponent, data: a.data * exponent, time: a.time * exponent });
}

export function sameDimension(a: Dimension, b: Dimension): boolean {
  return a.money === b.money && a.data === b.data && a.time === b.time;
}

export function isDimensionless(d: Dimension): boolean {
  return sameDimension(d, DIMENSIONLESS);
}

// ── units ──────────────────────────────────────────────────────────────

/**
 * A unit: one of its amounts is `factor / divisor` base units. The scale is
 * kept as a fraction rather than one float so that `99.9%` becomes
 * 99.9 / 100 = 0.999 and `250ms` 250 / 1000 = 0.25 with a single rounding,
 * instead of a multiplication by the inexact 0.01 or 0.001.
 */
export interface Unit {
  /** As written: `min`, `%`, `$`, `GB/month`, `/day`; "" for a bare count. */
  readonly text: string;
  readonly dimension: Dimension;
  readonly factor: number;
  readonly divisor: number;
}

export type UnitWord =
  | (typeof TIME_UNITS)[number]
  | (typeof DATA_UNITS)[number]
  | (typeof DATA_RATE_UNITS)[number]
  | (typeof MULTIPLIER_UNITS)[number]
  | "$"
  | "%";

const HOUR = 3600;
const DAY = 24 * HOUR;
const KIB = 1024;

// Typed as a Record over the grammar's word lists so that a unit word added
// to the parser without a meaning here fails to compile.
const UNIT_TABLE: Record<UnitWord, readonly [factor: number, divisor: number, dimension: Dimension]> = {
  ms: [1, 1000, TIME],
  s: [1, 1, TIME],
  sec: [1, 1, TIME],
  min: [60, 1, TIME],
  h: [HOUR, 1, TIME],
  hour: [HOUR, 1, TIME],
  hours: [HOUR, 1, TIME],
  d: [DAY, 1, TIME],
  day: [DAY, 1, TIME],
  days: [DAY, 1, TIME],
  week: [7 * DAY, 1, TIME],
  weeks: [7 * DAY, 1, TIME],
  // Spec §1: a month is 730 hours and a year 8760, not calendar lengths.
  month: [730 * HOUR, 1, TIME],
  months: [730 * HOUR, 1, TIME],
  year: [8760 * HOUR, 1, TIME],
  years: [8760 * HOUR, 1, TIME],
  B: [1, 1, DATA],
  KB: [1e3, 1, DATA],
  MB: [1e6, 1, DATA],
  GB: [1e9, 1, DATA],
  TB: [1e12, 1, DATA],
  PB: [1e15, 1, DATA],
  KiB: [KIB, 1, DATA],
  MiB: [KIB ** 2, 1, DATA],
  GiB: [KIB ** 3, 1, DATA],
  TiB: [KIB ** 4, 1, DATA],
  bps: [1, 8, DATA_RATE],
  Kbps: [1e3, 8, DATA_RATE],
  Mbps: [1e6, 8, DATA_RATE],
  Gbps: [1e9, 8, DATA_RATE],
  x: [1, 1, DIMENSIONLESS],
  $: [1, 1, MONEY],
  "%": [1, 100, DIMENSIONLESS],
};

const UNITS: ReadonlyMap<string, Unit> = new Map(
  Object.entries(UNIT_TABLE).map(([text, [factor, divisor, dim]]) => [text, Object.freeze({ text, dimension: dim, factor, divisor })]),
);

/** A bare number: dimensionless, factor 1. */
export const COUNT_UNIT: Unit = Object.freeze({ text: "", dimension: DIMENSIONLESS, factor: 1, divisor: 1 });

/** Every word with a meaning here: the grammar's unit words plus `$` and `%`. */
export const KNOWN_UNIT_WORDS: readonly string[] = Object.freeze([...UNITS.keys()]);

/** The unit a single word names (`min`, `GiB`, `Mbps`, `$`, `%`, `x`). */
export function lookupUnit(word: string): Unit | undefined {
  return UNITS.get(word);
}

/** k when n is 10^k for an integer k. */
function decimalExponent(n: number): number | undefined {
  const k = Math.round(Math.log10(n));
  return 10 ** k === n ? k : undefined;
}

/**
 * `value × 10^exponent` rounded once from the decimal digits of `value`:
 * 99.9 / 100 is 0.9990000000000001 in floats, but "9.99e-1" parses to the
 * double nearest 0.999, which is what a user who wrote `99.9%` means.
 */
export function shiftDecimal(value: number, exponent: number): number {
  if (exponent === 0 || value === 0 || !Number.isFinite(value)) return value;
  // toExponential() without digits is the shortest text that reads back as `value`.
  const [mantissa, power] = value.toExponential().split("e");
  return Number(`${mantissa}e${Number(power) + exponent}`);
}

/** `value × factor ÷ divisor`, as a decimal shift when that ratio is a power of ten. */
function scale(value: number, factor: number, divisor: number): number {
  const top = decimalExponent(factor);
  const bottom = decimalExponent(divisor);
  if (top !== undefined && bottom !== undefined) return shiftDecimal(value, top - bottom);
  return (value * factor) / divisor;
}

export function toBaseValue(unit: Unit, value: number): number {
  return scale(value, unit.factor, unit.divisor);
}

export function fromBaseValue(unit: Unit, value: number): number {
  return scale(value, unit.divisor, unit.factor);
}

export type UnitSpecResult = { ok: true; unit: Unit } | { ok: false; unknown: string };

/**
 * The unit of `parts` joined by `/`, as a metric's `unit GB/month` is
 * written: the first part is the numerator and each further part divides.
 * An empty first part, or `1`, is a count, so `["", "day"]` (written
 * `/day`) is a rate of counts.
 */
export function parseUnitSpec(parts: readonly string[]): UnitSpecResult {
  let result: Unit = COUNT_UNIT;
  for (let i = 0; i < parts.length; i++) {
    const word = parts[i]!;
    let unit: Unit | undefined;
    if (i === 0 && (word === "" || word === "1")) unit = COUNT_UNIT;
    else unit = lookupUnit(word);
    if (!unit) return { ok: false, unknown: word };
    result =
      i === 0
        ? unit
        : {
            text: result.text,
            dimension: divDimensions(result.dimension, unit.dimension),
            factor: result.factor * unit.divisor,
            divisor: result.divisor * unit.factor,
          };
  }
  return { ok: true, unit: Object.freeze({ ...result, text: parts.join("/") }) };
}

/** `parseUnitSpec` on text such as `GB/month`, `/day`, `%` or "" (a count). */
export function parseUnitText(text: string): UnitSpecResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, unit: COUNT_UNIT };
  return parseUnitSpec(trimmed.split("/").map((part) => part.trim()));
}
