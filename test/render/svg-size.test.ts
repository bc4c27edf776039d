import { describe, expect, it } from "vitest";
import type { Diagram } from "../../src/layout/index.js";
import { MAX_SVG_SIDE, displaySize, renderDiagram } from "../../src/render/svg/diagram.js";

function blank(width: number, height: number): Diagram {
  return { kind: "architecture", name: "a", title: "big", width, height, containers: [], nodes: [], tables: [], edges: [] };
}

function svgSize(svg: string): { width: number; height: number; viewBox: string } {
  const open = /<svg [^>]*>/.exec(svg)![0];
  return {
    width: Number(/ width="([^"]+)"/.exec(open)![1]),
    height: Number(/ height="([^"]+)"/.exec(open)![1]),
    viewBox: /viewBox="([^"]+)"/.exec(open)![1]!,
  };
}

describe("the SVG size guard", () => {
  it("leaves a diagram within the bound at its own size", () => {
    expect(svgSize(renderDiagram(blank(1200, 800)))).toEqual({ width: 1200, height: 800, viewBox: "0 0 1200 800" });
    expect(displaySize(MAX_SVG_SIDE, 10)).toEqual({ width: MAX_SVG_SIDE, height: 10 });
  });

  it.each([
    [16529, 6786],
    [3000, 12345.6],
    [5000.4, 5000.4],
    [90000, 700],
  ])("shows a %s × %s diagram scaled down to fit, keeping its proportions and its coordinates", (w, h) => {
    const size = svgSize(renderDiagram(blank(w, h)));
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(MAX_SVG_SIDE);
    expect(Math.max(size.width, size.height)).toBeGreaterThan(MAX_SVG_SIDE - 1);
    expect(Math.abs(size.width / size.height / (w / h) - 1)).toBeLessThan(0.01);
    expect(size.viewBox).toBe(`0 0 ${String(Math.round(w * 10) / 10)} ${String(Math.round(h * 10) / 10)}`);
  });
});
