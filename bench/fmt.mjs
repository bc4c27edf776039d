#!/usr/bin/env node
// Benchmark of `sysd fmt`: formats a generated design of 5,000 components
// (about 2 MB, 50,000 lines) and prints the median wall time of
// `formatSource` — parse and print — over several runs, beside the parse
// alone and the format with `verify` (the second parse and tree comparison
// `sysd fmt` does before it writes a file). The target is under a second for
// the plain format.
//
//   npm run build && node bench/fmt.mjs [COMPONENTS] [RUNS]
//
// Measures the compiled code in dist/ (or in the folder named by SYSD_DIST).

import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultSizes, generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env["SYSD_DIST"] ? path.resolve(process.env["SYSD_DIST"]) : path.resolve(here, "..", "dist");
const { formatSource } = await import(pathToFileURL(path.join(dist, "src", "format", "index.js")).href);
const { parseSource } = await import(pathToFileURL(path.join(dist, "src", "syntax", "parse.js")).href);

const components = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 7);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(run) {
  run(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

function measure(text, options) {
  // Warm-up: JIT, and Chevrotain's lazy initialization of its lookahead functions.
  const warm = formatSource(text, "bench.sysd", options);
  if (warm.diagnostics.length > 0) throw new Error(`the generated design has errors: ${warm.diagnostics[0].message}`);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    formatSource(text, "bench.sysd", options);
    times.push(performance.now() - start);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), formatted: warm.formatted };
}

const text = generateDesign(defaultSizes(components));
const lines = text.split("\n").length - 1;
const parse = time(() => parseSource(text, "bench.sysd"));
const plain = measure(text, {});
const again = formatSource(plain.formatted, "bench.sysd");
const verified = measure(text, { verify: true });

const ms = (value) => `${value.toFixed(0)} ms`;
console.log(`sysd fmt on ${components.toLocaleString("en-US")} components (${(text.length / 1e6).toFixed(2)} MB, ${lines.toLocaleString("en-US")} lines), ${runs} runs:`);
console.log(`  parse alone      median ${ms(parse.median)} (min ${ms(parse.min)}, max ${ms(parse.max)})`);
console.log(`  format           median ${ms(plain.median)} (min ${ms(plain.min)}, max ${ms(plain.max)})${plain.median < 1000 ? "" : "  OVER 1 s"}`);
console.log(`  format + verify  median ${ms(verified.median)} (min ${ms(verified.min)}, max ${ms(verified.max)})`);
console.log(`  the input ${plain.formatted === text ? "was already formatted" : "changed"}; formatting again ${again.changed ? "CHANGES it (not idempotent)" : "changes nothing"}`);
