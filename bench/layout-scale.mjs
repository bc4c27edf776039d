#!/usr/bin/env node
// How the whole `sysd build` grows with the design: generated designs of 60
// to 2,000 components (two connections each, with labels; a boundary per 50
// components; a flow per 25), each built in a fresh process. Prints wall
// time, CPU time, peak RSS, the largest SVG side as displayed and as laid
// out, and the ELK settings tier of the architecture diagram. Measures dist/
// and needs /usr/bin/time for the memory figure. Numbers go to RESULTS.md.
//
//   npm run build && node bench/layout-scale.mjs [COMPONENTS...]

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultSizes, generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const bin = path.join(repo, "bin", "sysd.js");
const TIMEOUT_MS = 15 * 60 * 1000;

if (!fs.existsSync(path.join(repo, "dist", "src", "index.js"))) {
  console.error("bench/layout-scale.mjs measures dist/: run `npm run build` first");
  process.exit(2);
}
const { chooseSettings } = await import(pathToFileURL(path.join(repo, "dist", "src", "layout", "graph-settings.js")).href);

const sizes = process.argv.slice(2).map(Number);
const counts = sizes.length > 0 ? sizes : [60, 100, 150, 400, 1000, 2000];
const work = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-layout-scale-"));
const cache = path.join(work, "cache");
const hasTime = fs.existsSync("/usr/bin/time");

/** Largest side of every SVG under `dir`: as displayed (width/height) and as laid out (viewBox). */
function svgSides(dir) {
  let shown = 0;
  let laid = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".svg")) {
        const head = fs.readFileSync(full, "utf8").slice(0, 600);
        const open = /<svg [^>]*>/.exec(head)?.[0] ?? "";
        const w = Number(/ width="([^"]+)"/.exec(open)?.[1] ?? 0);
        const h = Number(/ height="([^"]+)"/.exec(open)?.[1] ?? 0);
        const box = (/viewBox="([^"]+)"/.exec(open)?.[1] ?? "0 0 0 0").split(" ").map(Number);
        shown = Math.max(shown, w, h);
        laid = Math.max(laid, box[2], box[3]);
      }
    }
  };
  walk(dir);
  return { shown, laid };
}

console.log("| components / connections / boundaries / flows | architecture work, tier | wall (s) | CPU user+sys (s) | peak RSS (MiB) | largest SVG side shown / laid out (px) |");
console.log("| --- | --- | ---: | ---: | ---: | --- |");
for (const components of counts) {
  const size = defaultSizes(components);
  const file = path.join(work, `design-${components}.sysd`);
  fs.writeFileSync(file, generateDesign(size));
  const out = path.join(work, `out-${components}`);
  const timing = path.join(work, "time.txt");
  const command = hasTime ? "/usr/bin/time" : process.execPath;
  const args = hasTime ? ["-o", timing, "-f", "%e %U %S %M", process.execPath, bin, "build", file, "-o", out] : [bin, "build", file, "-o", out];
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: "utf8", timeout: TIMEOUT_MS, env: { ...process.env, XDG_CACHE_HOME: cache } });
  const wall = (Date.now() - started) / 1000;
  // Every connection of the generated designs has a label.
  const w = components + size.boundaries + 2 * size.connections;
  const tier = chooseSettings({ nodes: components, containers: size.boundaries, edges: size.connections, labels: size.connections }).tier;
  const shape = `${components} / ${size.connections} / ${size.boundaries} / ${size.flows}`;
  if (result.status !== 0) {
    const why = result.error ? String(result.error.message) : (result.stderr ?? "").trim().split("\n").pop();
    console.log(`| ${shape} | ${w}, ${tier} | ${wall.toFixed(1)} | — | — | failed: ${why} |`);
    continue;
  }
  const [, user, sys, rss] = hasTime ? fs.readFileSync(timing, "utf8").trim().split("\n").pop().split(" ").map(Number) : [];
  const sides = svgSides(out);
  const cpu = hasTime ? (user + sys).toFixed(1) : "—";
  const peak = hasTime ? (rss / 1024).toFixed(0) : "—";
  console.log(`| ${shape} | ${w}, ${tier} | ${wall.toFixed(1)} | ${cpu} | ${peak} | ${sides.shown} / ${Math.round(sides.laid)} |`);
}
fs.rmSync(work, { recursive: true, force: true });
