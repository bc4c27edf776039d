#!/usr/bin/env node
// Benchmark of the atomic write every output goes through: the median time
// per file of `writeFileAtomic` (exclusive create, fsync, rename) beside a
// plain write and rename, on files of 30 kB (a typical SVG) in a temporary
// folder. The difference is what sysd pays so that a crash never leaves an
// empty or half-written file.
//
//   npm run build && node bench/write.mjs [FILES]
//
// Measures the compiled code in dist/ (or in the folder named by SYSD_DIST).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env["SYSD_DIST"] ? path.resolve(process.env["SYSD_DIST"]) : path.resolve(here, "..", "dist");
const { writeFileAtomic } = await import(pathToFileURL(path.join(dist, "src", "cli", "write.js")).href);

const files = Number(process.argv[2] ?? 300);
const content = "x".repeat(30_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-write-"));

function plain(file, text) {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

function median(write) {
  const times = [];
  for (let i = 0; i < files; i++) {
    const start = performance.now();
    write(path.join(dir, `f${i % 30}.svg`), content + i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

try {
  median(plain); // warm-up
  console.log(`plain write + rename: ${median(plain).toFixed(2)} ms/file`);
  console.log(`writeFileAtomic:      ${median(writeFileAtomic).toFixed(2)} ms/file`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
