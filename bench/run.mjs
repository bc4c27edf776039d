#!/usr/bin/env node
// Front-end benchmark of sysd: lexing + parsing time, file size, peak memory,
// and the wall time of a whole `sysd check` process, on generated designs of
// 1,000 and 5,000 components and on the video pipeline fixture.
//
//   npm run build && node bench/run.mjs
//
// Builds nothing itself: it measures the compiled code in dist/. Each input's
// parse is measured in a fresh child process so that its memory figures are its
// own. The figures are measurements for bench/RESULTS.md; no test asserts them.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defaultSizes, generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const parseModule = path.join(repo, "dist", "src", "syntax", "parse.js");
const cliModule = path.join(repo, "dist", "src", "cli", "main.js");
const bin = path.join(repo, "bin", "sysd.js");
const fixture = path.join(repo, "test", "fixtures", "valid", "video_pipeline.sysd");

const PARSE_RUNS = 5;
const CHECK_RUNS = 3;
/** A larger young generation, measured beside the defaults (tried in bin/sysd.js and dropped: it did not help). */
const CLI_V8_FLAG = "--max-semi-space-size=64";

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mib = (bytes) => bytes / (1024 * 1024);

// ── child mode: parse one file, print JSON figures ─────────────────────────
async function child(file) {
  const { parseSource } = await import(pathToFileURL(parseModule).href);
  const text = fs.readFileSync(file, "utf8");
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  // Warm-up: JIT, and Chevrotain's lazy initialization of its lookahead functions.
  const warm = parseSource(text, path.basename(file));
  sample();
  const times = [];
  const cpuTimes = [];
  let diagnostics = warm.diagnostics.length;
  for (let i = 0; i < PARSE_RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const result = parseSource(text, path.basename(file));
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    sample();
    diagnostics = result.diagnostics.length;
  }
  // Heap kept alive by one parse result (AST, diagnostics, comments), after full GCs.
  let retained;
  if (typeof globalThis.gc === "function") {
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const kept = parseSource(text, path.basename(file));
    globalThis.gc();
    retained = process.memoryUsage().heapUsed - before;
    if (kept.ast === undefined) retained = undefined; // keeps `kept` alive until here
  }
  // What the file holds, from the AST: a check that the generator made what was asked.
  const counts = { Component: 0, Connection: 0, Flow: 0, Boundary: 0 };
  const walk = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (node !== null && typeof node === "object") {
      if (typeof node.type === "string" && node.type in counts && node.span) counts[node.type]++;
      for (const [key, value] of Object.entries(node)) if (key !== "span") walk(value);
    }
  };
  walk(warm.ast);
  process.stdout.write(
    JSON.stringify({
      counts,
      times,
      medianMs: median(times),
      cpuMedianMs: median(cpuTimes),
      retained,
      diagnostics,
      rssBefore,
      peakRss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    }) + "\n",
  );
}

// ── parent mode ─────────────────────────────────────────────────────────────
function ensureBuilt() {
  const missing = [parseModule, cliModule].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    process.stderr.write(
      `bench: the compiled code is missing (${missing.map((m) => path.relative(repo, m)).join(", ")}).\n` +
        "bench: run `npm run build` first; this script measures dist/ and builds nothing.\n",
    );
    process.exit(2);
  }
  // Warn (only) when a source file is newer than its compiled output.
  const distTime = fs.statSync(parseModule).mtimeMs;
  const newer = [];
  for (const dir of ["src", "grammar"]) {
    const walk = (d) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".ts") && fs.statSync(full).mtimeMs > distTime) newer.push(path.relative(repo, full));
      }
    };
    if (fs.existsSync(path.join(repo, dir))) walk(path.join(repo, dir));
  }
  if (newer.length > 0) {
    process.stderr.write(`bench: warning: dist/ may be stale (${newer.slice(0, 3).join(", ")}${newer.length > 3 ? ", …" : ""} newer); run \`npm run build\`\n`);
  }
}

function measureParse(file, nodeFlags = []) {
  const result = spawnSync(process.execPath, [...nodeFlags, "--expose-gc", fileURLToPath(import.meta.url), "--child", file], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`parse measurement of ${file} failed (exit ${result.status}):\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

function measureCheck(file, cwd) {
  const times = [];
  let status;
  let problems = 0;
  for (let i = 0; i < CHECK_RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, "check", file, "--format", "json"], {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    times.push(performance.now() - start);
    status = result.status;
    try {
      problems = JSON.parse(result.stdout).length;
    } catch {
      throw new Error(`sysd check printed no JSON for ${file} (exit ${result.status}):\n${result.stderr}`);
    }
  }
  return { medianMs: median(times), times, status, problems };
}

async function parent() {
  ensureBuilt();
  const loadBefore = os.loadavg()[0];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-"));
  try {
    const inputs = [{ name: "video_pipeline.sysd (fixture)", file: fixture, cwd: path.dirname(fixture), sizes: undefined }];
    for (const components of [1000, 5000]) {
      const sizes = defaultSizes(components);
      const start = performance.now();
      const text = generateDesign(sizes);
      const generateMs = performance.now() - start;
      const file = path.join(workDir, `generated-${components}.sysd`);
      fs.writeFileSync(file, text);
      inputs.push({ name: `generated ${components}`, file, cwd: workDir, sizes, generateMs });
      if (components === 5000) {
        // The same parse with a larger young generation, for comparison.
        inputs.push({ name: `generated ${components}, ${CLI_V8_FLAG}`, file, cwd: workDir, sizes, nodeFlags: [CLI_V8_FLAG], parseOnly: true });
      }
    }

    const rows = [];
    for (const input of inputs) {
      const bytes = fs.statSync(input.file).size;
      const lines = fs.readFileSync(input.file, "utf8").split("\n").length - 1;
      process.stderr.write(`bench: ${input.name}: parsing (${PARSE_RUNS} runs after a warm-up)…\n`);
      const parse = measureParse(input.file, input.nodeFlags);
      let check;
      if (!input.parseOnly) {
        process.stderr.write(`bench: ${input.name}: sysd check (${CHECK_RUNS} runs)…\n`);
        check = measureCheck(input.file, input.cwd);
      }
      rows.push({ input, bytes, lines, parse, check });
    }

    const cpu = (os.cpus()[0]?.model ?? "unknown CPU").trim();
    const out = [];
    out.push(
      `sysd front-end benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ` +
        `${os.availableParallelism?.() ?? os.cpus().length} CPUs (${cpu}), ${os.platform()} ${os.arch()}, ` +
        `load average ${loadBefore.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`,
    );
    out.push("");
    out.push(
      "| input | components / connections / flows / boundaries | size | lines | parse median (ms) | parse runs (ms) | parse CPU median (ms) | ms per 1k lines | parse diagnostics | heap retained by one AST | peak RSS, parse process | `sysd check` wall median (ms) | check exit | check diagnostics |",
    );
    out.push("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const { input, bytes, lines, parse, check } of rows) {
      const c = parse.counts;
      out.push(
        [
          "",
          input.name,
          `${c.Component} / ${c.Connection} / ${c.Flow} / ${c.Boundary}`,
          bytes >= 1024 * 1024 ? `${mib(bytes).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`,
          lines,
          parse.medianMs.toFixed(1),
          parse.times.map((t) => t.toFixed(0)).join(", "),
          parse.cpuMedianMs.toFixed(0),
          ((parse.medianMs * 1000) / lines).toFixed(1),
          parse.diagnostics,
          parse.retained === undefined ? "n/a" : parse.retained < 0.05 * 1024 * 1024 ? "< 0.1 MiB" : `${mib(parse.retained).toFixed(1)} MiB`,
          `${mib(Math.max(parse.peakRss, parse.maxRss)).toFixed(0)} MiB`,
          check ? check.medianMs.toFixed(0) : "(as above)",
          check ? check.status : "",
          check ? check.problems : "",
          "",
        ].join(" | ").trim(),
      );
    }
    out.push("");
    out.push(
      `Parse = \`parseSource(text, file)\` from dist/src/syntax/parse.js (lexing + parsing + AST building), median of ${PARSE_RUNS} runs after 1 warm-up, in a fresh process per input; parse CPU = user + system time of that process during one parse (GC threads included, so it can exceed wall time), less sensitive than wall time to other load on the machine. ` +
        `Heap retained = \`heapUsed\` growth, after full GCs, from keeping one parse result alive. ` +
        `Peak RSS = the larger of the highest \`process.memoryUsage().rss\` sampled after each parse and \`process.resourceUsage().maxRSS\` of that process. ` +
        `\`sysd check\` = wall time of a whole \`node bin/sysd.js check FILE --format json\` process (start-up, stdlib, parse, print), median of ${CHECK_RUNS}.`,
    );
    const big = rows.find((r) => r.input.sizes?.components === 5000 && !r.input.nodeFlags);
    if (big) {
      const ok = big.parse.medianMs < 1000;
      out.push("");
      out.push(`Parse of the 5,000-component design: ${big.parse.medianMs.toFixed(0)} ms — ${ok ? "under" : "OVER"} the 1 s goal.`);
    }
    process.stdout.write(out.join("\n") + "\n");
    const failed = rows.filter((r) => r.parse.diagnostics > 0 || (r.check !== undefined && r.check.status !== 0));
    if (failed.length > 0) {
      process.stderr.write(`bench: warning: ${failed.map((r) => r.input.name).join(", ")} had diagnostics or a non-zero check exit\n`);
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  await child(args[1]);
} else {
  await parent();
}
