import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UNIT_WORDS } from "../../grammar/index.js";
import {
  add,
  approxEqual,
  ceilQuotient,
  compare,
  convert,
  count,
  div,
  fromAst,
  instancesNeeded,
  mul,
  neg,
  quantityOf,
  sub,
  type Quantity,
} from "../../src/semantics/quantity.js";
import {
  BASE_DIMENSIONS,
  COUNT_RATE,
  DATA,
  DATA_RATE,
  DIMENSIONLESS,
  MONEY,
  MONEY_RATE,
  TIME,
  KNOWN_UNIT_WORDS,
  dimension,
  divDimensions,
  isDimensionless,
  lookupUnit,
  mulDimensions,
  parseUnitSpec,
  parseUnitText,
  powDimension,
  sameDimension,
  type Dimension,
} from "../../src/semantics/units.js";
import type { Quantity as QuantityNode } from "../../src/syntax/index.js";

const span = { file: "t.sysd", line: 1, column: 1, endLine: 1, endColumn: 2, offset: 0, endOffset: 1 };

function node(value: number, unit?: string, magnitude = 1, implicit = false): QuantityNode {
  const result: QuantityNode = { type: "Quantity", value, magnitude, text: String(value), span } as QuantityNode;
  if (unit !== undefined) result.unit = unit;
  if (implicit) result.implicit = true;
  return result;
}

function inUnit(q: Quantity, unit: string): number {
  const r = convert(q, unit);
  if (!r.ok) throw new Error(`cannot convert to ${unit}`);
  return r.value;
}

function ok<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error("expected ok");
  return r.value;
}

const dimensionArb: fc.Arbitrary<Dimension> = fc
  .record({ money: fc.integer({ min: -3, max: 3 }), data: fc.integer({ min: -3, max: 3 }), time: fc.integer({ min: -3, max: 3 }) })
  .map((e) => dimension(e));

const UNITS_BY_DIMENSION: readonly (readonly string[])[] = [
  ["ms", "s", "sec", "min", "h", "hour", "hours", "day", "days", "d", "week", "weeks", "month", "months", "year", "years"],
  ["B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB"],
  ["bps", "Kbps", "Mbps", "Gbps", "B/s", "KB/s", "MB/s", "GB/month", "TiB/day"],
  ["$"],
  ["$/month", "$/h", "$/year"],
  ["/s", "/min", "/h", "/day", "/month"],
  ["", "%", "x"],
];

describe("unit table", () => {
  it("gives every unit word of the grammar a meaning", () => {
    for (const word of UNIT_WORDS) expect(lookupUnit(word), word).toBeDefined();
    expect(KNOWN_UNIT_WORDS).toEqual(expect.arrayContaining(["$", "%", ...UNIT_WORDS]));
  });

  it("puts each word in its dimension", () => {
    expect(lookupUnit("min")!.dimension).toEqual(TIME);
    expect(lookupUnit("GiB")!.dimension).toEqual(DATA);
    expect(lookupUnit("Mbps")!.dimension).toEqual(DATA_RATE);
    expect(lookupUnit("$")!.dimension).toEqual(MONEY);
    expect(lookupUnit("%")!.dimension).toEqual(DIMENSIONLESS);
    expect(lookupUnit("x")!.dimension).toEqual(DIMENSIONLESS);
    expect(lookupUnit("k")).toBeUndefined();
    expect(lookupUnit("mins")).toBeUndefined();
  });

  it("converts between units of one dimension", () => {
    expect(inUnit(quantityOf(1, "month"), "h")).toBe(730);
    expect(inUnit(quantityOf(1, "year"), "hours")).toBe(8760);
    expect(inUnit(quantityOf(1, "day"), "min")).toBe(1440);
    expect(inUnit(quantityOf(1, "week"), "d")).toBe(7);
    expect(inUnit(quantityOf(250, "ms"), "s")).toBe(0.25);
    expect(inUnit(quantityOf(1, "GiB"), "MiB")).toBe(1024);
    expect(inUnit(quantityOf(1, "TiB"), "B")).toBe(1024 ** 4);
    expect(inUnit(quantityOf(1, "GB"), "MB")).toBe(1000);
    expect(inUnit(quantityOf(1, "PB"), "TB")).toBe(1000);
    expect(inUnit(quantityOf(8, "Mbps"), "MB/s")).toBe(1);
    expect(inUnit(quantityOf(1, "Gbps"), "Mbps")).toBe(1000);
    expect(inUnit(quantityOf(1, "KB/s"), "Kbps")).toBe(8);
    expect(inUnit(quantityOf(99.9, "%"), "")).toBe(0.999);
    expect(inUnit(quantityOf(10, "x"), "")).toBe(10);
    expect(inUnit(quantityOf(1000, "/day"), "/h")).toBeCloseTo(41.6667, 4);
  });

  it("parses metric unit specs", () => {
    const r = parseUnitSpec(["GB", "month"]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.unit.text).toBe("GB/month");
      expect(r.unit.dimension).toEqual(DATA_RATE);
      expect(inUnit(quantityOf(730, "GB/month"), "GB/h")).toBeCloseTo(1, 12);
    }
    const percent = parseUnitSpec(["%"]);
    expect(percent.ok && percent.unit.dimension).toEqual(DIMENSIONLESS);
    const money = parseUnitSpec(["$", "month"]);
    expect(money.ok && money.unit.dimension).toEqual(MONEY_RATE);
    const rate = parseUnitSpec(["", "day"]);
    expect(rate.ok && rate.unit.dimension).toEqual(COUNT_RATE);
    expect(parseUnitSpec(["requests", "s"])).toEqual({ ok: false, unknown: "requests" });
    expect(parseUnitSpec(["GB", "fortnight"])).toEqual({ ok: false, unknown: "fortnight" });
    expect(parseUnitText("")).toMatchObject({ ok: true, unit: { text: "", dimension: DIMENSIONLESS } });
    const seconds = parseUnitSpec(["s"]);
    expect(seconds.ok && seconds.unit.dimension).toEqual(TIME);
  });
});

describe("dimension algebra", () => {
  it("multiplies commutatively and associatively, with dimensionless as identity", () => {
    fc.assert(
      fc.property(dimensionArb, dimensionArb, dimensionArb, (a, b, c) => {
        expect(mulDimensions(a, b)).toEqual(mulDimensions(b, a));
        expect(mulDimensions(mulDimensions(a, b), c)).toEqual(mulDimensions(a, mulDimensions(b, c)));
        expect(mulDimensions(a, DIMENSIONLESS)).toEqual(a);
      }),
    );
  });

  it("divides as the inverse of multiplication; a/a is dimensionless", () => {
    fc.assert(
      fc.property(dimensionArb, dimensionArb, (a, b) => {
        expect(isDimensionless(divDimensions(a, a))).toBe(true);
        expect(divDimensions(mulDimensions(a, b), b)).toEqual(a);
        expect(mulDimensions(a, divDimensions(DIMENSIONLESS, a))).toEqual(DIMENSIONLESS);
        expect(powDimension(a, 2)).toEqual(mulDimensions(a, a));
      }),
    );
  });

  it("never produces -0 exponents (equal dimensions serialize equally)", () => {
    fc.assert(
      fc.property(dimensionArb, (a) => {
        const zero = powDimension(divDimensions(a, a), -1);
        expect(JSON.stringify(zero)).toBe(JSON.stringify(DIMENSIONLESS));
        for (const base of BASE_DIMENSIONS) expect(Object.is(zero[base], -0)).toBe(false);
      }),
    );
  });

  it("carries dimensions through quantity arithmetic", () => {
    const rate = div(count(1000), quantityOf(1, "day"));
    expect(rate.dimension).toEqual(COUNT_RATE);
    const cost = div(quantityOf(560, "$"), quantityOf(1, "month"));
    expect(cost.dimension).toEqual(MONEY_RATE);
    const unitCost = div(cost, rate);
    expect(unitCost.dimension).toEqual(MONEY);
    expect(unitCost.value).toBeCloseTo(0.018411, 6);
    expect(mul(quantityOf(8, "Mbps"), quantityOf(1, "s")).dimension).toEqual(DATA);
  });

  it("adds and subtracts within a dimension and refuses across dimensions", () => {
    expect(ok(add(quantityOf(5, "min"), quantityOf(30, "s"))).value).toBe(330);
    expect(ok(sub(quantityOf(1, "GB"), quantityOf(1, "MB"))).value).toBe(999_000_000);
    expect(add(quantityOf(5, "min"), quantityOf(1, "GB"))).toEqual({ ok: false, reason: "dimension", left: TIME, right: DATA });
    fc.assert(
      fc.property(dimensionArb, dimensionArb, fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (da, db, x, y) => {
        const a: Quantity = { value: x, dimension: da };
        const b: Quantity = { value: y, dimension: db };
        const sum = add(a, b);
        const difference = sub(a, b);
        const comparison = compare(a, "<", b);
        expect(sum.ok).toBe(sameDimension(da, db));
        expect(difference.ok).toBe(sameDimension(da, db));
        expect(comparison.ok).toBe(sameDimension(da, db));
        if (!sum.ok) expect([sum.left, sum.right]).toEqual([da, db]);
      }),
    );
  });

  it("round-trips conversions between units of one dimension", () => {
    const unitPair = fc.constantFrom(...UNITS_BY_DIMENSION).chain((units) => fc.tuple(fc.constantFrom(...units), fc.constantFrom(...units)));
    fc.assert(
      fc.property(unitPair, fc.double({ min: 1e-9, max: 1e12, noNaN: true }), ([from, to], value) => {
        const there = inUnit(quantityOf(value, from), to);
        const back = inUnit(quantityOf(there, to), from);
        expect(approxEqual(back, value)).toBe(true);
      }),
    );
  });

  it("refuses to convert across dimensions or to unknown units", () => {
    expect(convert(quantityOf(5, "min"), "GB")).toEqual({ ok: false, reason: "dimension", left: TIME, right: DATA });
    expect(convert(quantityOf(5, "min"), "mins")).toEqual({ ok: false, reason: "unknown-unit", unknown: "mins" });
    expect(() => quantityOf(1, "parsec")).toThrow(RangeError);
  });
});

describe("fromAst", () => {
  it("applies magnitude and unit", () => {
    expect(fromAst(node(2.5, undefined, 1e6))).toEqual({ value: 2_500_000, dimension: DIMENSIONLESS });
    expect(fromAst(node(5, "min"))).toEqual({ value: 300, dimension: TIME, hint: "min" });
    expect(fromAst(node(99.9, "%"))).toEqual({ value: 0.999, dimension: DIMENSIONLESS, hint: "%" });
    expect(fromAst(node(0.5, "$"))).toEqual({ value: 0.5, dimension: MONEY, hint: "$" });
    expect(fromAst(node(10, "x"))).toEqual({ value: 10, dimension: DIMENSIONLESS, hint: "x" });
    expect(fromAst(node(1, "day", 1, true))).toEqual({ value: 86_400, dimension: TIME, hint: "day" });
    expect(fromAst(node(100, "GB"))).toEqual({ value: 1e11, dimension: DATA, hint: "GB" });
    expect(fromAst(node(8, "Mbps"))).toEqual({ value: 1e6, dimension: DATA_RATE, hint: "Mbps" });
  });

  it("returns frozen quantities", () => {
    const q = fromAst(node(5, "min"));
    expect(Object.isFrozen(q)).toBe(true);
    expect(Object.isFrozen(q.dimension)).toBe(true);
  });

  it("keeps the written fraction as a hint through division", () => {
    expect(div(fromAst(node(1000)), fromAst(node(1, "day", 1, true))).hint).toBe("/day");
    expect(div(fromAst(node(50, "$")), fromAst(node(1, "month", 1, true))).hint).toBe("$/month");
    expect(div(fromAst(node(100, "GB")), fromAst(node(1, "month", 1, true))).hint).toBe("GB/month");
    expect(div(fromAst(node(1)), fromAst(node(5, "min"))).hint).toBe("/min");
    expect(mul(quantityOf(60, "$/month"), count(3)).hint).toBe("$/month");
    expect(neg(quantityOf(5, "min"))).toEqual({ value: -300, dimension: TIME, hint: "min" });
  });
});

describe("compare", () => {
  it("compares within a dimension, tolerating float noise", () => {
    const availability = { value: 1 - 0.001, dimension: DIMENSIONLESS };
    expect(ok(compare(availability, ">=", quantityOf(99.9, "%")))).toBe(true);
    expect(ok(compare(quantityOf(0.1 + 0.2, ""), "==", quantityOf(0.3, "")))).toBe(true);
    expect(ok(compare(quantityOf(6, "%"), ">", quantityOf(5, "%")))).toBe(true);
    expect(ok(compare(quantityOf(5, "%"), ">", quantityOf(5, "%")))).toBe(false);
    expect(ok(compare(quantityOf(4, "min"), "<=", quantityOf(5, "min")))).toBe(true);
    expect(ok(compare(quantityOf(301, "s"), "<=", quantityOf(5, "min")))).toBe(false);
    expect(ok(compare(quantityOf(300, "s"), "<", quantityOf(5, "min")))).toBe(false);
    expect(compare(quantityOf(5, "min"), ">", quantityOf(5, "GB"))).toMatchObject({ ok: false, left: TIME, right: DATA });
  });

  it("evaluates the unit-cost target of spec §3.2 (NFR4)", () => {
    const total = quantityOf(560, "$/month");
    const uploads = quantityOf(1000, "/day");
    expect(ok(compare(div(total, uploads), "<=", quantityOf(0.5, "$")))).toBe(true);
  });
});

describe("ceilQuotient", () => {
  it("does not push an exact quotient up", () => {
    expect(ceilQuotient(10, 1 / 5)).toBe(50);
    expect(21 / 0.7).toBeGreaterThan(30); // the float trap it avoids
    expect(ceilQuotient(21, 1 * 0.7)).toBe(30);
    expect(ceilQuotient(7, 0.07)).toBe(100);
    expect(ceilQuotient(0, 3)).toBe(0);
    expect(ceilQuotient(1, 3)).toBe(1);
    expect(ceilQuotient(4, 3)).toBe(2);
    expect(ceilQuotient(1, 0)).toBe(Infinity);
    expect(Object.is(ceilQuotient(-1, 3), 0)).toBe(true);
  });

  it("equals the integer ceiling for integer operands", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (n, d) => {
        expect(ceilQuotient(n, d)).toBe(Math.floor((n + d - 1) / d));
      }),
    );
  });

  it("returns q for q × d ÷ d with fractional divisors", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 100 }),
        (q, a, b, percent) => {
          // A divisor as the evaluator builds one: a rate a/b times a utilization.
          const divisor = (a / b) * (percent / 100);
          expect(ceilQuotient(q * divisor, divisor)).toBe(q);
          // 1/5 as a divisor: q ÷ (1/5) is exactly 5q.
          expect(ceilQuotient(q, 1 / 5)).toBe(5 * q);
        },
      ),
    );
  });

  it("rounds a genuine excess up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 1000 }), (q, d) => {
        expect(ceilQuotient(q * d + 1, d)).toBe(q + 1);
      }),
    );
  });
});

describe("instances (spec §3.8)", () => {
  const demand = div(fromAst(node(1000)), fromAst(node(1, "day", 1, true)));
  const capacity = div(fromAst(node(1)), fromAst(node(5, "min")));
  const utilization = fromAst(node(70, "%"));

  it("needs 5, 50 and 497 Workers at 1x, 10x and 100x with 70% utilization", () => {
    const tiers = [1, 10, 100].map((t) => fromAst(node(t, "x")));
    expect(tiers.map((tier) => ok(instancesNeeded(demand, tier, capacity, utilization)))).toEqual([5, 50, 497]);
  });

  it("needs 4 at 1x and 100% utilization (1000/day ÷ 1/5min = 3.47)", () => {
    expect(ok(instancesNeeded(demand, count(1), capacity, quantityOf(100, "%")))).toBe(4);
  });

  it("reports a capacity in another dimension", () => {
    expect(instancesNeeded(demand, count(1), quantityOf(1, "GB"), utilization)).toEqual({
      ok: false,
      reason: "dimension",
      left: COUNT_RATE,
      right: DATA,
    });
  });
});
