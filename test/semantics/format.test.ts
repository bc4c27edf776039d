import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDimension, formatMoney, formatNumber, formatPercent, formatQuantity } from "../../src/semantics/format.js";
import { count, div, makeQuantity, mul, quantityOf } from "../../src/semantics/quantity.js";
import { COUNT_RATE, DATA, DATA_RATE, DIMENSIONLESS, MONEY, MONEY_RATE, TIME, dimension } from "../../src/semantics/units.js";

describe("formatNumber", () => {
  it("shows whole numbers from 100, three digits from 1, two below 1", () => {
    expect(formatNumber(497)).toBe("497");
    expect(formatNumber(496.03)).toBe("496");
    expect(formatNumber(2_500_000)).toBe("2,500,000");
    expect(formatNumber(1000)).toBe("1,000");
    expect(formatNumber(41.666666)).toBe("41.7");
    expect(formatNumber(5)).toBe("5");
    expect(formatNumber(1.5)).toBe("1.5");
    expect(formatNumber(99.96)).toBe("100");
    expect(formatNumber(0.6944)).toBe("0.69");
    expect(formatNumber(0.018411)).toBe("0.018");
    expect(formatNumber(0.996)).toBe("1");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(-1234.5)).toBe("-1,235");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1e-9)).toBe("0.000000001");
    expect(formatNumber(123_456_789_012)).toBe("123,456,789,012");
    expect(formatNumber(1e22)).toBe("1.0e22");
    expect(formatNumber(9.999999999999998e60)).toBe("1.0e61");
    expect(formatNumber(-2.345e-13)).toBe("-2.3e-13");
    expect(formatNumber(Infinity)).toBe("undefined");
    expect(formatNumber(-Infinity)).toBe("undefined");
    expect(formatNumber(NaN)).toBe("undefined");
    expect(formatMoney(NaN)).toBe("undefined");
    expect(formatMoney(1e-16)).toBe("$1.0e-16");
    expect(formatMoney(0.0000001)).toBe("$0.0000001");
    expect(formatPercent(Infinity)).toBe("undefined");
  });

  it("is deterministic, and uses scale notation only out of the fixed range", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatNumber(x);
        expect(text).toBe(formatNumber(x));
        const magnitude = Math.abs(x);
        if (magnitude === 0 || (magnitude >= 1e-12 && magnitude < 1e16)) expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
        else expect(text).toMatch(/^-?\d\.\de-?\d+$/);
      }),
    );
  });
});

describe("formatMoney and formatPercent", () => {
  it("keeps cents below $100 and rounds to dollars above", () => {
    expect(formatMoney(0.5)).toBe("$0.50");
    expect(formatMoney(0.05)).toBe("$0.05");
    expect(formatMoney(12.5)).toBe("$12.50");
    expect(formatMoney(50)).toBe("$50");
    expect(formatMoney(560)).toBe("$560");
    expect(formatMoney(3260)).toBe("$3,260");
    expect(formatMoney(0.018411)).toBe("$0.018");
    expect(formatMoney(-40)).toBe("-$40");
    expect(formatMoney(0)).toBe("$0");
  });

  it("shows percentages near 100% with the digits that matter", () => {
    expect(formatPercent(0.999)).toBe("99.9%");
    expect(formatPercent(0.9999)).toBe("99.99%");
    expect(formatPercent(0.99995)).toBe("99.995%");
    expect(formatPercent(0.7)).toBe("70%");
    expect(formatPercent(0.05)).toBe("5%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(0.0005)).toBe("0.05%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(1.5)).toBe("150%");
  });
});

describe("formatQuantity", () => {
  it("formats the spec's figures", () => {
    const uploads = div(count(1000), quantityOf(1, "day"));
    expect(formatQuantity(uploads)).toBe("1,000/day");
    expect(formatQuantity(uploads, "/min")).toBe("0.69/min");
    expect(formatQuantity(quantityOf(3260, "$/month"))).toBe("$3,260/month");
    expect(formatQuantity(div(quantityOf(560, "$/month"), uploads))).toBe("$0.018");
    expect(formatQuantity(div(quantityOf(15_000, "GB"), quantityOf(1, "month")))).toBe("15 TB/month");
    expect(formatQuantity(quantityOf(5, "min"))).toBe("5 min");
    expect(formatQuantity(quantityOf(99.9, "%"))).toBe("99.9%");
    expect(formatQuantity(quantityOf(10, "x"))).toBe("10x");
    expect(formatQuantity(count(497))).toBe("497");
  });

  it("shows money rates per month whatever they were written in", () => {
    expect(formatQuantity(quantityOf(2, "$/h"))).toBe("$1,460/month");
    expect(formatQuantity(mul(quantityOf(60, "$/month"), count(5)))).toBe("$300/month");
    expect(formatQuantity(makeQuantity(1, MONEY_RATE))).toBe("$2,628,000/month");
    expect(formatQuantity(quantityOf(2, "$/h"), "$/h")).toBe("$2/h");
  });

  it("picks the largest unit that shows at least 1", () => {
    expect(formatQuantity(makeQuantity(300, TIME))).toBe("5 min");
    expect(formatQuantity(makeQuantity(0.25, TIME))).toBe("250 ms");
    expect(formatQuantity(makeQuantity(5400, TIME))).toBe("1.5 h");
    expect(formatQuantity(makeQuantity(86_400, TIME))).toBe("1 day");
    expect(formatQuantity(makeQuantity(30 * 86_400, TIME))).toBe("30 days");
    expect(formatQuantity(makeQuantity(2 * 8760 * 3600, TIME))).toBe("2 years");
    expect(formatQuantity(makeQuantity(1e9, DATA))).toBe("1 GB");
    expect(formatQuantity(makeQuantity(999.7e6, DATA))).toBe("1 GB");
    expect(formatQuantity(makeQuantity(1500, DATA))).toBe("1.5 KB");
    expect(formatQuantity(makeQuantity(12, DATA))).toBe("12 B");
    expect(formatQuantity(makeQuantity(0, DATA))).toBe("0 B");
    expect(formatQuantity(makeQuantity(2e6, DATA_RATE))).toBe("2 MB/s");
    expect(formatQuantity(makeQuantity(20, COUNT_RATE))).toBe("20/s");
    expect(formatQuantity(makeQuantity(1000 / 86_400, COUNT_RATE))).toBe("41.7/h");
    expect(formatQuantity(makeQuantity(5 / 86_400, COUNT_RATE))).toBe("5/day");
    expect(formatQuantity(makeQuantity(0.25, DIMENSIONLESS))).toBe("0.25");
    expect(formatQuantity(makeQuantity(0.999, DIMENSIONLESS))).toBe("1");
  });

  it("follows how the quantity was written", () => {
    expect(formatQuantity(quantityOf(1, "month"))).toBe("1 month");
    expect(formatQuantity(quantityOf(3, "months"))).toBe("3 months");
    expect(formatQuantity(quantityOf(90, "sec"))).toBe("90 s");
    expect(formatQuantity(quantityOf(0.5, "h"))).toBe("30 min");
    expect(formatQuantity(quantityOf(2, "GiB"))).toBe("2 GiB");
    expect(formatQuantity(quantityOf(2048, "MiB"))).toBe("2 GiB");
    expect(formatQuantity(quantityOf(100, "Mbps"))).toBe("100 Mbps");
    expect(formatQuantity(quantityOf(2500, "Mbps"))).toBe("2.5 Gbps");
    expect(formatQuantity(quantityOf(12, "/h"))).toBe("12/h");
    expect(formatQuantity(div(count(1), quantityOf(5, "min")))).toBe("0.2/min");
    expect(formatQuantity(quantityOf(100, "GB/month"))).toBe("100 GB/month");
  });

  it("honours a preferred unit of the right dimension and ignores any other", () => {
    expect(formatQuantity(quantityOf(5, "min"), "s")).toBe("300 s");
    expect(formatQuantity(quantityOf(1, "GB"), "MB")).toBe("1,000 MB");
    expect(formatQuantity(quantityOf(1, "MB/s"), "Mbps")).toBe("8 Mbps");
    expect(formatQuantity(quantityOf(2, "day"), "day")).toBe("2 days");
    expect(formatQuantity(quantityOf(1, "day"), "days")).toBe("1 day");
    expect(formatQuantity(quantityOf(3, "h"), "hours")).toBe("3 hours");
    expect(formatQuantity(quantityOf(1, "h"), "hours")).toBe("1 hour");
    expect(formatQuantity(quantityOf(48, "/day"), "/days")).toBe("48/day");
    expect(formatQuantity(quantityOf(0.05, ""), "%")).toBe("5%");
    expect(formatQuantity(quantityOf(5, "min"), "GB")).toBe("5 min");
    expect(formatQuantity(quantityOf(5, "min"), "fortnight")).toBe("5 min");
  });

  it("falls back to base units for dimensions without a unit of their own", () => {
    expect(formatQuantity(makeQuantity(0.023e-9, dimension({ money: 1, data: -1 })))).toBe("0.000000000023 $/B");
    expect(formatQuantity(makeQuantity(2, dimension({ time: 2 })))).toBe("2 s²");
    expect(formatQuantity(makeQuantity(3, dimension({ data: -1 })))).toBe("3 1/B");
    expect(formatQuantity(makeQuantity(4, MONEY))).toBe("$4");
  });

  it("gives the same string for the same quantity", () => {
    const dims = [TIME, DATA, MONEY, COUNT_RATE, DATA_RATE, MONEY_RATE, DIMENSIONLESS];
    fc.assert(
      fc.property(fc.constantFrom(...dims), fc.double({ min: -1e15, max: 1e15, noNaN: true }), (d, v) => {
        const q = makeQuantity(v, d);
        expect(formatQuantity(q)).toBe(formatQuantity(makeQuantity(v, d)));
        expect(formatQuantity(q)).not.toMatch(/e\+|NaN|Infinity|∞/);
      }),
    );
  });
});

describe("formatDimension", () => {
  it("names dimensions for messages", () => {
    expect(formatDimension(TIME)).toBe("time");
    expect(formatDimension(DATA)).toBe("data");
    expect(formatDimension(MONEY)).toBe("money");
    expect(formatDimension(DIMENSIONLESS)).toBe("count");
    expect(formatDimension(MONEY_RATE)).toBe("money per time");
    expect(formatDimension(DATA_RATE)).toBe("data per time");
    expect(formatDimension(COUNT_RATE)).toBe("count per time");
    expect(formatDimension(dimension({ data: 1, time: -2 }))).toBe("data per time²");
    expect(formatDimension(dimension({ money: 1, data: 1 }))).toBe("money × data");
  });
});
