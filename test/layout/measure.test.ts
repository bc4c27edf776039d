import { describe, expect, it } from "vitest";
import { OPEN_SANS } from "../../src/layout/font-metrics.js";
import { BOLD_FACTOR, FONTS, SAFETY_MARGIN, ellipsize, openSansWidth, textWidth, wrapText } from "../../src/layout/measure.js";

describe("textWidth", () => {
  it("is the Open Sans advance width times the safety margin", () => {
    // "H" is 1511 units of 2048 in Open Sans Regular.
    const h = OPEN_SANS.ranges[0]![1][0x48 - 0x20]!;
    expect(h).toBe(1511);
    expect(textWidth("H", "label")).toBeCloseTo((1511 / 2048) * FONTS.label.size * SAFETY_MARGIN, 6);
    expect(openSansWidth("HH", 10)).toBeCloseTo((2 * 1511 / 2048) * 10, 6);
  });

  it("measures semi-bold text wider", () => {
    const regular = textWidth("Upload Service", "technology") / FONTS.technology.size;
    const bold = textWidth("Upload Service", "title") / FONTS.title.size;
    expect(bold / regular).toBeCloseTo(BOLD_FACTOR, 6);
  });

  it("measures monospace text per column and wide characters as two", () => {
    expect(textWidth("abcd", "field")).toBeCloseTo(2 * textWidth("ab", "field"), 6);
    expect(textWidth("界", "field")).toBeCloseTo(textWidth("ab", "field"), 6);
  });

  it("gives unknown and wide characters a width, and marks none", () => {
    expect(textWidth("界", "label")).toBeCloseTo(FONTS.label.size * SAFETY_MARGIN, 6);
    expect(textWidth("\u0301", "label")).toBe(0);
    expect(textWidth("", "label")).toBe(0);
  });

  it("returns the same number from the cache", () => {
    const first = textWidth("Notification Service", "title");
    expect(textWidth("Notification Service", "title")).toBe(first);
  });
});

describe("wrapText", () => {
  it("keeps short text on one line", () => {
    const w = wrapText("API Gateway", "title", 180, 3);
    expect(w.lines).toEqual(["API Gateway"]);
    expect(w.truncated).toBe(false);
    expect(w.width).toBeCloseTo(textWidth("API Gateway", "title"), 6);
  });

  it("wraps at word boundaries within the width", () => {
    const w = wrapText("Customer identity and access management service", "title", 180, 3);
    expect(w.lines.length).toBeGreaterThan(1);
    expect(w.lines.join(" ")).toBe("Customer identity and access management service");
    for (const line of w.lines) expect(textWidth(line, "title")).toBeLessThanOrEqual(180);
  });

  it("collapses white space", () => {
    expect(wrapText("  a\n  b\tc ", "label", 500, 3).lines).toEqual(["a b c"]);
    expect(wrapText("   ", "label", 500, 3).lines).toEqual([]);
  });

  it("cuts after the last line with an ellipsis", () => {
    const text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
    const w = wrapText(text, "title", 100, 3);
    expect(w.lines).toHaveLength(3);
    expect(w.truncated).toBe(true);
    expect(w.lines[2]!.endsWith("…")).toBe(true);
    for (const line of w.lines) expect(textWidth(line, "title")).toBeLessThanOrEqual(100);
  });

  it("breaks a word wider than a line between characters", () => {
    const w = wrapText("x".repeat(60), "label", 100, 3);
    expect(w.lines.length).toBeGreaterThan(1);
    for (const line of w.lines) expect(textWidth(line, "label")).toBeLessThanOrEqual(100);
  });
});

describe("ellipsize", () => {
  it("leaves fitting text alone and cuts the rest", () => {
    expect(ellipsize("short", "label", 200)).toEqual({ text: "short", truncated: false });
    const cut = ellipsize("a rather long technology description", "label", 80);
    expect(cut.truncated).toBe(true);
    expect(cut.text.endsWith("…")).toBe(true);
    expect(textWidth(cut.text, "label")).toBeLessThanOrEqual(80);
  });
});
