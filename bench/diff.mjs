#!/usr/bin/env node
// `sysd diff` of two revisions of a generated 1,000-component design: the
// NEW side renames titles, drops connections and adds components, so every
// section has changes. Measures the whole command (two checks, the
// comparison and the markdown) as a user runs it on two folders, and the
// comparison alone in one process.
//
//   npm run build && node bench/diff.mjs [components]

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const { check } = await import(pathToFileURL(path.join(repo, "dist/src/index.js")).href);
const { compareDesigns, formatMarkdown } = await import(pathToFileURL(path.join(repo, "dist/src/diff/index.js")).href);

const components = Number(process.argv[2] ?? 1000);
const old = generateDesign({ components, connections: components * 2, flows: 20, boundaries: 10 });
let changedLines = 0;
const next = old
  .split("\n")
  .map((line, index) => {
    // Every 25th connection goes, every 40th component gets a new title.
    if (/^\s+\w+ -> \w+[^{]*$/.test(line) && index % 25 === 0) {
      changedLines++;
      return "";
    }
    if (/^\s+component \w+ "/.test(line) && index % 40 === 0) {
      changedLines++;
      return line.replace(/"([^"]*)"/, '"$1 v2"');
    }
    return line;
  })
  .join("\n");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-diff-"));
fs.mkdirSync(path.join(dir, "old"));
fs.mkdirSync(path.join(dir, "new"));
fs.writeFileSync(path.join(dir, "old/design.sysd"), old);
fs.writeFileSync(path.join(dir, "new/design.sysd"), next);

const runs = [];
let output = "";
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, "bin/sysd.js"), "diff", "old", "new", "--format", "markdown"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  runs.push(performance.now() - start);
  output = result.stdout;
  if (result.status !== 0) throw new Error(`sysd diff exited ${result.status}: ${result.stderr}`);
}
runs.sort((a, b) => a - b);

const a = check([path.join(dir, "old/design.sysd")], { root: path.join(dir, "old") });
const b = check([path.join(dir, "new/design.sysd")], { root: path.join(dir, "new") });
const compareRuns = [];
let diff;
for (let run = 0; run < 9; run++) {
  const start = performance.now();
  diff = compareDesigns({ systems: a.model.systems, diagnostics: a.diagnostics }, { systems: b.model.systems, diagnostics: b.diagnostics });
  formatMarkdown(diff);
  compareRuns.push(performance.now() - start);
}
compareRuns.sort((x, y) => x - y);
fs.rmSync(dir, { recursive: true, force: true });

console.log(`${components} components, ${changedLines} edited lines, markdown ${output.length} bytes`);
console.log(`sysd diff old new (whole process): median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`);
console.log(`compare + markdown in process: median ${compareRuns[4].toFixed(1)} ms`);
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
const errors = b.diagnostics.filter((d) => d.severity === "error").length;
console.log(`NEW side: ${b.diagnostics.length} diagnostics (${errors} errors); diff: ${diff.systems[0]?.changes.length ?? 0} changes`);
