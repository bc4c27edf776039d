#!/usr/bin/env node
// How directly the architecture diagrams' edges run: for each example (and
// the test fixtures with boundaries), the length of every drawn route over
// the straight distance between its two ends (1 is a straight line; a
// detour shows as a large ratio), and the number of places where two edges
// cross. Measures dist/: run `npm run build` first. Numbers go to RESULTS.md.
//
//   npm run build && node bench/edges.mjs

import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const dist = (p) => pathToFileURL(path.join(repo, "dist", p)).href;

/** Segments of two different edges that cross (an end touching another edge is not a crossing). */
function crossings(edges) {
  const segments = [];
  edges.forEach((e, i) => {
    for (let k = 0; k + 1 < e.points.length; k++) segments.push({ edge: i, a: e.points[k], b: e.points[k + 1] });
  });
  const E = 0.5;
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const s = segments[i];
      const t = segments[j];
      if (s.edge === t.edge) continue;
      const sh = Math.abs(s.a.y - s.b.y) < E;
      const th = Math.abs(t.a.y - t.b.y) < E;
      if (sh === th) continue; // parallel segments may overlap, but do not cross
      const [h, v] = sh ? [s, t] : [t, s];
      const x = v.a.x;
      const y = h.a.y;
      const inH = x > Math.min(h.a.x, h.b.x) + E && x < Math.max(h.a.x, h.b.x) - E;
      const inV = y > Math.min(v.a.y, v.b.y) + E && y < Math.max(v.a.y, v.b.y) - E;
      if (inH && inV) count++;
    }
  }
  return count;
}

/** Route length over end-to-end distance, per edge, and the diagram's crossings. */
export function edgeMetrics(diagram) {
  const ratios = [];
  let routed = 0;
  let direct = 0;
  for (const e of diagram.edges) {
    let length = 0;
    for (let k = 0; k + 1 < e.points.length; k++) length += Math.hypot(e.points[k + 1].x - e.points[k].x, e.points[k + 1].y - e.points[k].y);
    const first = e.points[0];
    const last = e.points[e.points.length - 1];
    const distance = Math.hypot(last.x - first.x, last.y - first.y);
    if (distance < 1) continue;
    ratios.push(length / distance);
    routed += length;
    direct += distance;
  }
  ratios.sort((a, b) => a - b);
  const mean = ratios.reduce((s, r) => s + r, 0) / Math.max(1, ratios.length);
  return {
    edges: diagram.edges.length,
    meanRatio: mean,
    maxRatio: ratios[ratios.length - 1] ?? 0,
    totalRatio: direct > 0 ? routed / direct : 0,
    crossings: crossings(diagram.edges),
    width: diagram.width,
    height: diagram.height,
  };
}

export const DESIGNS = [
  "examples/chat/chat.sysd",
  "examples/ride-hailing/dispatch.sysd",
  "examples/url-shortener/shortener.sysd",
  "test/fixtures/valid/video_pipeline.sysd",
  "test/fixtures/valid/boundaries.sysd",
  "test/fixtures/valid/landscape.sysd",
  "test/fixtures/valid/views.sysd",
  "docs/tutorial/delivery.sysd",
];

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  if (!fs.existsSync(path.join(repo, "dist", "src", "index.js"))) {
    console.error("bench/edges.mjs measures dist/: run `npm run build` first");
    process.exit(2);
  }
  const { check } = await import(dist("src/index.js"));
  const { isLandscape, layoutArchitecture, layoutLandscape } = await import(dist("src/layout/index.js"));
  console.log("| design | edges | route / distance: mean | max | all edges | crossings | size (px) |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  const totals = { mean: 0, crossings: 0, n: 0 };
  for (const design of DESIGNS) {
    const file = path.join(repo, design);
    const dir = path.dirname(file);
    const inputs = design.startsWith("examples/") ? fs.readdirSync(dir).filter((f) => f.endsWith(".sysd")).map((f) => path.join(dir, f)) : [file];
    const system = check(inputs, { root: dir, rules: {} }).model.systems[0];
    // What architecture.svg shows: a system too large for one diagram is drawn as its landscape.
    const m = edgeMetrics(await (isLandscape(system) ? layoutLandscape(system) : layoutArchitecture(system)));
    totals.mean += m.meanRatio;
    totals.crossings += m.crossings;
    totals.n++;
    console.log(`| ${design} | ${m.edges} | ${m.meanRatio.toFixed(2)} | ${m.maxRatio.toFixed(2)} | ${m.totalRatio.toFixed(2)} | ${m.crossings} | ${m.width} × ${m.height} |`);
  }
  console.log(`| **all** | | **${(totals.mean / totals.n).toFixed(2)}** (mean of means) | | | **${totals.crossings}** | |`);
}
