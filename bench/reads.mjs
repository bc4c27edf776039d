#!/usr/bin/env node
// What reading only regular files costs (issue 10): `readRegularFile` stats a
// path, opens it without blocking and fstats the descriptor; a plain
// `readFileSync` only opens and reads. 2,000 files of 2 KiB, min and median
// of 15 passes after a warm-up.
//
//   npm run build && node bench/reads.mjs

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { readRegularFile } = await import(pathToFileURL(path.join(repo, "dist/src/syntax/index.js")).href);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-reads-"));
const files = [];
for (let i = 0; i < 2000; i++) {
  const file = path.join(dir, `f${i}.sysd`);
  fs.writeFileSync(file, `// ${i}\n`.padEnd(2048, "x"));
  files.push(file);
}

function measure(read) {
  for (const f of files) read(f);
  const times = [];
  for (let pass = 0; pass < 15; pass++) {
    const start = performance.now();
    for (const f of files) read(f);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[7] };
}

const plain = measure((f) => fs.readFileSync(f));
const safe = measure((f) => readRegularFile(f));
fs.rmSync(dir, { recursive: true, force: true });
const us = (ms) => `${((ms * 1000) / files.length).toFixed(1)} µs`;
console.log(`| reader | per file, min | per file, median |\n| --- | --- | --- |`);
console.log(`| readFileSync | ${us(plain.min)} | ${us(plain.median)} |`);
console.log(`| readRegularFile | ${us(safe.min)} | ${us(safe.median)} |`);
