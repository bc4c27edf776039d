#!/usr/bin/env node
// Views and the landscape: what drawing a large system as a landscape (each
// top-level boundary one box, plus one diagram per top-level boundary)
// costs next to the one full architecture diagram. Measures dist/: run
// `npm run build` first. Figures go to bench/RESULTS.md; no test asserts them.
//
//   npm run build && node bench/views.mjs

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDesign } from "./generate.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(path.join(repo, "dist", p)).href;
const { check } = await import(dist("src/index.js"));
const { layoutArchitecture, layoutBoundary, layoutLandscape, topLevelBoundaries } = await import(dist("src/layout/index.js"));
const { renderDiagram } = await import(dist("src/render/svg/index.js"));

async function time(run) {
  const times = [];
  let result;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[1]), result };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-views-bench-"));
const designs = [
  ["landscape fixture (34 components, 6 boundaries)", path.join(repo, "test/fixtures/valid/landscape.sysd")],
];
// Generated designs take minutes on a loaded machine: ask for them by size, e.g. `node bench/views.mjs 200`.
for (const n of process.argv.slice(2).map(Number).filter((n) => n > 0)) {
  const file = path.join(tmp, `gen${n}.sysd`);
  fs.writeFileSync(file, generateDesign({ components: n, boundaries: Math.round(n / 50) }));
  designs.push([`generated, ${n} components`, file]);
}
for (const [name, file] of designs) {
  const system = check([file], { root: path.dirname(file), rules: {} }).model.systems[0];
  const full = await time(async () => renderDiagram(await layoutArchitecture(system)));
  const land = await time(async () => {
    const parts = [renderDiagram(await layoutLandscape(system))];
    for (const id of topLevelBoundaries(system)) parts.push(renderDiagram(await layoutBoundary(system, id)));
    return parts;
  });
  const size = (svg) => /width="(\d+)" height="(\d+)"/.exec(svg).slice(1).join("×");
  console.log(`${name}: full ${full.ms} ms (${size(full.result)}); landscape + ${land.result.length - 1} boundary diagrams ${land.ms} ms (landscape ${size(land.result[0])}, largest boundary ${Math.max(...land.result.slice(1).map((s) => s.length))} bytes)`);
}
fs.rmSync(tmp, { recursive: true, force: true });
