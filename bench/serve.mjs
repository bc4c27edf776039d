#!/usr/bin/env node
// How long a reader of `sysd serve` waits: from saving a change to the video
// pipeline to the open page showing it (Chromium, driven by playwright-core),
// over several edits in one warm server. Needs /usr/bin/chromium.
//
//   npm run build && node bench/serve.mjs

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = await import("playwright-core");
const RUNS = 10;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-serve-bench-"));
const design = path.join(folder, "video.sysd");
const original = fs.readFileSync(path.join(repo, "test/fixtures/valid/video_pipeline.sysd"), "utf8");
fs.writeFileSync(design, original);
const port = 7600 + Math.floor(Math.random() * 300);
const child = spawn(process.execPath, [path.join(repo, "bin/sysd.js"), "serve", "--port", String(port)], { cwd: folder, stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => child.stdout.once("data", resolve));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector("figure.diagram svg [data-ref='Workers']");
const times = [];
for (let i = 0; i < RUNS; i++) {
  const title = `Workers ${i}`;
  const start = performance.now();
  fs.writeFileSync(design, original.replace('"Processor Workers"', `"${title}"`));
  await page.waitForFunction((t) => document.querySelector("figure.diagram svg [data-ref='Workers']")?.textContent?.includes(t), title, { timeout: 30_000, polling: 10 });
  times.push(performance.now() - start);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`save → page shows it, video pipeline, ${RUNS} edits: median ${sorted[Math.floor(RUNS / 2)].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[RUNS - 1].toFixed(0)} ms`);
await browser.close();
child.kill("SIGINT");
fs.rmSync(folder, { recursive: true, force: true });
