#!/usr/bin/env node
// Output-stage benchmark of sysd: ELK layout + SVG of a generated
// 1,000-component, 2,000-connection architecture diagram, every diagram of
// the video pipeline, and the wall time of a whole `sysd build` process of
// the video pipeline (and of the examples). Measures dist/: run `npm run
// build` first. Figures go to bench/RESULTS.md; no test asserts them.
//
//   npm run build && node bench/output.mjs

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const dist = (p) => pathToFileURL(path.join(repo, "dist", p)).href;
const bin = path.join(repo, "bin", "sysd.js");
const fixture = path.join(repo, "test", "fixtures", "valid", "video_pipeline.sysd");
const mib = (bytes) => (bytes / (1024 * 1024)).toFixed(0);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (!fs.existsSync(path.join(repo, "dist", "src", "index.js"))) {
  console.error("bench/output.mjs measures dist/: run `npm run build` first");
  process.exit(2);
}

// ── child mode: lay out one design's diagrams and print figures ──────────
if (process.argv[2] === "--child") {
  const [file, only] = process.argv.slice(3);
  const { check } = await import(dist("src/index.js"));
  const { layoutArchitecture } = await import(dist("src/layout/index.js"));
  const { renderDiagram, renderDiagrams } = await import(dist("src/render/svg/index.js"));
  const system = check([file], { root: path.dirname(file), rules: {} }).model.systems[0];
  let peak = process.memoryUsage().rss;
  const times = [];
  let bytes = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    if (only === "architecture") {
      const svg = renderDiagram(await layoutArchitecture(system));
      bytes = svg.length;
    } else {
      const diagrams = await renderDiagrams(system);
      bytes = diagrams.reduce((sum, d) => sum + d.svg.length, 0);
    }
    times.push(performance.now() - start);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  console.log(JSON.stringify({ first: times[0], median: median(times), peak, bytes }));
  process.exit(0);
}

function child(file, only) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file, only ?? "all"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

function wall(args, runs = 3) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repo });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`sysd ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return median(times);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-output-"));
const big = path.join(tmp, "generated-1000.sysd");
fs.writeFileSync(big, generateDesign({ components: 1000, connections: 2000, flows: 0, boundaries: 20 }));

const rows = [];
const architecture = child(big, "architecture");
rows.push(["generated 1,000 components / 2,000 connections: architecture.svg", architecture]);
const video = child(fixture, "all");
rows.push(["video pipeline: all 4 diagrams", video]);

console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
console.log("| what | first run (ms) | median of 3 (ms) | peak RSS (MiB) | SVG size (KiB) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.first.toFixed(0)} | ${r.median.toFixed(0)} | ${mib(r.peak)} | ${(r.bytes / 1024).toFixed(0)} |`);
}

const out = path.join(tmp, "out");
const buildVideo = wall(["build", fixture, "--root", path.dirname(fixture), "-o", out]);
const checkVideo = wall(["check", fixture, "--root", path.dirname(fixture)]);
const buildExamples = wall(["build", "examples", "-o", out]);
console.log("\n| whole process | median of 3 wall (ms) |");
console.log("| --- | ---: |");
console.log(`| sysd check video_pipeline.sysd | ${checkVideo.toFixed(0)} |`);
console.log(`| sysd build video_pipeline.sysd (7 files) | ${buildVideo.toFixed(0)} |`);
console.log(`| sysd build examples (3 systems, 26 files) | ${buildExamples.toFixed(0)} |`);
fs.rmSync(tmp, { recursive: true, force: true });
