#!/usr/bin/env node
// Untrusted and huge inputs (issue 10): how long `check` takes and how much
// memory it holds on a generated design of growing size, a flow of 100,000
// steps, and hostile one-liners. Each case runs in its own process, so peak
// RSS is that case's alone; a case that runs out of memory or time is recorded
// as such rather than stopping the run.
//
//   npm run build && node bench/inputs.mjs [--only NAME] [--timeout SECONDS]

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");

if (process.argv[2] === "--child") {
  // One check of one file, measured from inside the process that does it.
  const { check } = await import(pathToFileURL(path.join(repo, "dist/src/index.js")).href);
  const file = process.argv[3];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = check([file], { root: path.dirname(file), cwd: path.dirname(file), rules: {} });
  const used = process.cpuUsage(cpu);
  const usage = process.resourceUsage();
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  process.stdout.write(
    JSON.stringify({
      ms: Math.round(performance.now() - start),
      cpuMs: Math.round((used.user + used.system) / 1000),
      maxRssMiB: Math.round(usage.maxRSS / 1024),
      diagnostics: result.diagnostics.length,
      errors,
      last: result.diagnostics.at(-1)?.message ?? "",
    }),
  );
  process.exit(0);
}

function flowDesign(components, steps) {
  const lines = ["system S {"];
  for (let i = 0; i < components; i++) lines.push(`  component C${i}`);
  for (let i = 0; i < components; i++) lines.push(`  C${i} -> C${(i + 1) % components}`);
  lines.push('  flow big "Big" {');
  for (let i = 0; i < steps; i++) {
    lines.push(`    C${i % components} -> C${(i + 1) % components} "step ${i}"`);
    if (i % 10 === 0) lines.push(`    C${(i + 1) % components}: "work ${i}"`);
  }
  lines.push("  }", "}");
  return `${lines.join("\n")}\n`;
}

const generated = (n) => () => generateDesign({ components: n, connections: 2 * n, flows: n / 25, boundaries: n / 50 });
const CASES = [
  { name: "generated 5,000 components", text: generated(5000) },
  { name: "generated 20,000 components", text: generated(20000) },
  { name: "generated 112,000 components (50 MB)", text: generated(112000) },
  { name: "flow of 100,000 steps over 20,000 components", text: () => flowDesign(20000, 100000) },
  { name: "10 MB string on one line", text: () => `system S {\n  owner "${"x".repeat(10 * 1024 * 1024)}"\n}\n` },
  { name: "175,000 statements on one line", text: () => `system S { ${"ab ".repeat(350_000)}}\n` },
];

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const timeout = 1000 * Number(args.includes("--timeout") ? args[args.indexOf("--timeout") + 1] : 300);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-inputs-"));
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${os.cpus().length} cores`);
console.log("| input | size | check wall | CPU | peak RSS | diagnostics | outcome |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
try {
  for (const c of CASES) {
    if (only && !c.name.includes(only)) continue;
    const file = path.join(dir, "design.sysd");
    const text = c.text();
    fs.writeFileSync(file, text);
    const size = `${(Buffer.byteLength(text) / (1024 * 1024)).toFixed(1)} MiB`;
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file], { encoding: "utf8", timeout });
    if (run.status === 0) {
      const r = JSON.parse(run.stdout);
      const outcome = r.errors > 0 ? `${r.errors} errors; last: ${r.last.slice(0, 60)}` : "ok";
      console.log(`| ${c.name} | ${size} | ${(r.ms / 1000).toFixed(1)} s | ${(r.cpuMs / 1000).toFixed(1)} s | ${r.maxRssMiB} MiB | ${r.diagnostics} | ${outcome} |`);
    } else {
      const why = run.error?.code === "ETIMEDOUT" ? `killed after ${timeout / 1000} s` : `exit ${run.status ?? run.signal}: ${(run.stderr ?? "").trim().split("\n").at(-1)?.slice(0, 80)}`;
      console.log(`| ${c.name} | ${size} | — | — | — | — | ${why} |`);
    }
    fs.rmSync(file);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
