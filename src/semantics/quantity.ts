import type { ComparisonOperator, Quantity as QuantityNode } from "../syntax/index.js";
import {
  COUNT_UNIT,
  DIMENSIONLESS,
  divDimensions,
  fromBaseValue,
  isDimensionless,
  lookupUnit,
  mulDimensions,
  parseUnitText,
  sameDimension,
  shiftDecimal,
  toBaseValue,
  type Dimension,
  type Unit,
} from "./units.js";

/**
 * An amount in base units (dollars, bytes, seconds; see units.ts) with its
 * dimension. `hint` is unit text telling how the amount was written (`min`,
 * `%`, `/day`, `$/month`, `GB/month`); it only steers formatting — two
 * quantities with the same value and dimension mean the same thing.
 */
export interface Quantity {
  readonly value: number;
  readonly dimension: Dimension;
  readonly hint?: string;
}

/** Adding, comparing or converting across dimensions. */
export type DimensionMismatch = { ok: false; reason: "dimension"; left: Dimension; right: Dimension };
export type Checked<T> = { ok: true; value: T } | DimensionMismatch;
export type ConvertResult = Checked<number> | { ok: false; reason: "unknown-unit"; unknown: string };

/**
 * Relative tolerance for "equal" and "exact". A figure here passes through a
 * handful of float operations (unit factors, `×` tier, `÷` capacity ×
 * utilization), each off by at most half an ulp (~1.1e-16 relative), so the
 * accumulated error stays far below 1e-12, while numbers users write have
 * fewer than 12 significant digits, so a real difference stays far above it.
 */
export const RELATIVE_TOLERANCE = 1e-12;

export function makeQuantity(value: number, dimension: Dimension, hint?: string): Quantity {
  return Object.freeze(hint === undefined ? { value, dimension } : { value, dimension, hint });
}

export function count(value: number): Quantity {
  return makeQuantity(value, DIMENSIONLESS);
}

/** `value` in `unit`. */
export function quantityIn(value: number, unit: Unit): Quantity {
  return makeQuantity(toBaseValue(unit, value), unit.dimension, unit.text === "" ? undefined : unit.text);
}

/**
 * `value` in unit text written in code (`quantityOf(5, "min")`,
 * `quantityOf(1000, "/day")`). Throws on unknown text because that is a bug
 * in the caller; units from user text go through `parseUnitSpec`.
 */
export function quantityOf(value: number, unitText: string): Quantity {
  const parsed = parseUnitText(unitText);
  if (!parsed.ok) throw new RangeError(`unknown unit \`${parsed.unknown}\` in \`${unitText}\``);
  return quantityIn(value, parsed.unit);
}

/**
 * The value of a quantity literal. The parser keeps only known unit words,
 * `%` and `$`, so an unknown word cannot arrive here; were one to, the
 * literal counts as a bare number rather than failing a later stage.
 */
export function fromAst(node: QuantityNode): Quantity {
  const unit = node.unit === undefined ? COUNT_UNIT : lookupUnit(node.unit) ?? COUNT_UNIT;
  const magnitude = Math.round(Math.log10(node.magnitude));
  const value = 10 ** magnitude === node.magnitude ? shiftDecimal(node.value, magnitude) : node.value * node.magnitude;
  return quantityIn(value, unit);
}

function mismatch(left: Dimension, right: Dimension): DimensionMismatch {
  return { ok: false, reason: "dimension", left, right };
}

export function add(a: Quantity, b: Quantity): Checked<Quantity> {
  if (!sameDimension(a.dimension, b.dimension)) return mismatch(a.dimension, b.dimension);
  return { ok: true, value: makeQuantity(a.value + b.value, a.dimension, a.hint ?? b.hint) };
}

export function sub(a: Quantity, b: Quantity): Checked<Quantity> {
  if (!sameDimension(a.dimension, b.dimension)) return mismatch(a.dimension, b.dimension);
  return { ok: true, value: makeQuantity(a.value - b.value, a.dimension, a.hint ?? b.hint) };
}

export function neg(a: Quantity): Quantity {
  return makeQuantity(-a.value, a.dimension, a.hint);
}

/** A hint that is a single unit word, so it can be put in a fraction. */
function isSimpleHint(hint: string | undefined): hint is string {
  return hint !== undefined && hint !== "%" && hint !== "x" && !hint.includes("/");
}

export function mul(a: Quantity, b: Quantity): Quantity {
  // Scaling by a plain number keeps the other side's way of writing
  // (`$60/month * Workers.instances` stays per month); any other product
  // is a new kind of amount and is shown in the formatter's own units.
  let hint: string | undefined;
  if (isDimensionless(a.dimension) && !isDimensionless(b.dimension)) hint = b.hint;
  else if (isDimensionless(b.dimension) && !isDimensionless(a.dimension)) hint = a.hint;
  return makeQuantity(a.value * b.value, mulDimensions(a.dimension, b.dimension), hint);
}

/** Division by zero gives ±Infinity or NaN, as in float arithmetic; callers report it. */
export function div(a: Quantity, b: Quantity): Quantity {
  // `1000/day` is written as 1000 divided by `day`, `$50/month` as `$50`
  // divided by `month`: the quotient remembers the fraction it came from.
  let hint: string | undefined;
  if (isDimensionless(b.dimension) && !isDimensionless(a.dimension)) hint = a.hint;
  else if (isSimpleHint(b.hint) && !isDimensionless(b.dimension)) {
    if (a.hint === undefined && isDimensionless(a.dimension)) hint = `/${b.hint}`;
    else if (isSimpleHint(a.hint)) hint = `${a.hint}/${b.hint}`;
  }
  return makeQuantity(a.value / b.value, divDimensions(a.dimension, b.dimension), hint);
}

/** Equal within RELATIVE_TOLERANCE of the larger magnitude. */
export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * `a op b`, with values equal within tolerance counted as equal, so that
 * `availability >= 99.9%` holds for a computed 0.99899999999999999.
 */
export function compare(a: Quantity, op: ComparisonOperator, b: Quantity): Checked<boolean> {
  if (!sameDimension(a.dimension, b.dimension)) return mismatch(a.dimension, b.dimension);
  const equal = approxEqual(a.value, b.value);
  let value: boolean;
  switch (op) {
    case "<":
      value = !equal && a.value < b.value;
      break;
    case "<=":
      value = equal || a.value < b.value;
      break;
    case ">":
      value = !equal && a.value > b.value;
      break;
    case ">=":
      value = equal || a.value > b.value;
      break;
    case "==":
      value = equal;
      break;
  }
  return { ok: true, value };
}

/** The number of `unit` (a word such as `min` or text such as `GB/month`) in `q`. */
export function convert(q: Quantity, unit: string | Unit): ConvertResult {
  let target: Unit;
  if (typeof unit === "string") {
    const parsed = parseUnitText(unit);
    if (!parsed.ok) return { ok: false, reason: "unknown-unit", unknown: parsed.unknown };
    target = parsed.unit;
  } else {
    target = unit;
  }
  if (!sameDimension(q.dimension, target.dimension)) return mismatch(q.dimension, target.dimension);
  return { ok: true, value: fromBaseValue(target, q.value) };
}

/**
 * `ceil(numerator / denominator)`, except that a quotient within
 * RELATIVE_TOLERANCE of an integer is that integer. Spec §3.8 wants an
 * exact quotient not pushed up by rounding: 21/s ÷ (1/s × 70%) is exactly 30
 * but computes as 30.000000000000004, which a bare `Math.ceil` makes 31.
 * The cost is that a true excess smaller than 1e-12 of the quotient (only
 * possible with 12+ significant digits of input) is rounded away.
 */
export function ceilQuotient(numerator: number, denominator: number): number {
  const quotient = numerator / denominator;
  if (!Number.isFinite(quotient)) return quotient;
  const nearest = Math.round(quotient);
  // `+ 0` so that ceil(-0.5) reports 0, not -0.
  if (Math.abs(quotient - nearest) <= RELATIVE_TOLERANCE * Math.abs(quotient)) return nearest + 0;
  return Math.ceil(quotient) + 0;
}

/**
 * Spec §3.8: `ceil(demand × tier ÷ (capacity × utilization))`, before
 * clamping to the component's bounds. `demand × tier` and `capacity ×
 * utilization` must share a dimension (normally count per time); if not,
 * the mismatch names them as left and right.
 */
export function instancesNeeded(demand: Quantity, tier: Quantity, capacity: Quantity, utilization: Quantity): Checked<number> {
  const load = mul(demand, tier);
  const throughput = mul(capacity, utilization);
  if (!sameDimension(load.dimension, throughput.dimension)) return mismatch(load.dimension, throughput.dimension);
  return { ok: true, value: ceilQuotient(load.value, throughput.value) };
}
