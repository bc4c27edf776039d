#!/usr/bin/env node
// Sequence diagrams of long flows: lay out and draw one flow of 1,000,
// 10,000 and 100,000 steps (messages, notes, loops, async messages, across
// 12 participants in nested boundaries), in a fresh process each, and a whole
// `sysd build` of the 100,000-step design. Measures dist/: run `npm run
// build` first. Figures go to bench/RESULTS.md; no test asserts them.
//
//   npm run build && node bench/sequence.mjs

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const dist = (p) => pathToFileURL(path.join(repo, "dist", p)).href;
const bin = path.join(repo, "bin", "sysd.js");
const mib = (bytes) => (bytes / (1024 * 1024)).toFixed(0);

if (!fs.existsSync(path.join(repo, "dist", "src", "index.js"))) {
  console.error("bench/sequence.mjs measures dist/: run `npm run build` first");
  process.exit(2);
}

/** A design with one flow of `steps` steps; seeded, so the same bytes every run. */
function design(steps) {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const names = ["Web", "Gateway", "Orders", "Payments", "Stock", "Ledger", "Bus", "Mailer", "Search", "Cache", "Db", "Partner"];
  const lines = [`system Long "Long flow" {`, `  component Web "Web app" : client`];
  lines.push(`  boundary cloud "Cloud" {`, `    component Gateway "API gateway" : gateway`);
  lines.push(`    boundary core "Core services" {`);
  for (const n of ["Orders", "Payments", "Stock", "Ledger"]) lines.push(`      component ${n} "${n} service"`);
  lines.push(`    }`, `    component Bus "Event bus" : queue`, `    component Cache "Cache" : cache`, `    component Db "Database" : database`, `  }`);
  lines.push(`  component Mailer "Mailer"`, `  component Search "Search"`, `  component Partner "Partner API" : external`);
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) if (i !== j) lines.push(`  ${names[i]} -> ${names[j]}${names[j] === "Bus" ? ` { async }` : ""}`);
  }
  const words = ["fetch", "the", "order", "and", "its", "lines", "reserve", "stock", "for", "each", "item", "charge", "card", "notify", "customer", "by", "mail"];
  lines.push(`  flow long "Long flow" {`);
  for (let s = 0; s < steps; s++) {
    const a = names[Math.floor(random() * names.length)];
    const r = random();
    const b = r < 0.1 ? a : names[Math.floor(random() * names.length)];
    const text = Array.from({ length: 2 + Math.floor(random() * 9) }, () => words[Math.floor(random() * words.length)]).join(" ");
    lines.push(r < 0.1 ? `    ${a}: "${text}"` : `    ${a} -> ${b} "${text}"`);
  }
  lines.push(`  }`, `}`, ``);
  return lines.join("\n");
}

// ── child mode: check, then lay out and draw the flow, and print figures ──
if (process.argv[2] === "--child") {
  const file = process.argv[3];
  const { check } = await import(dist("src/index.js"));
  const { layoutSequence } = await import(dist("src/layout/index.js"));
  const { renderSequence } = await import(dist("src/render/svg/sequence.js"));
  // Wall and CPU time of each stage: on a shared machine the CPU time is the steadier figure.
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const lap = () => {
    const used = process.cpuUsage(cpu);
    const figures = { wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
    wall = performance.now();
    cpu = process.cpuUsage();
    return figures;
  };
  const system = check([file], { root: path.dirname(file), rules: {} }).model.systems[0];
  const checked = lap();
  const diagram = layoutSequence(system, system.flows[0]);
  const laidOut = lap();
  const svg = renderSequence(diagram);
  const drawn = lap();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ checked, laidOut, drawn, peak, bytes: svg.length, width: diagram.width, height: diagram.height }));
  process.exit(0);
}

const t = (lap) => `${lap.cpu.toFixed(0)} / ${lap.wall.toFixed(0)}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-bench-sequence-"));
console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
console.log("| steps | check: CPU / wall (ms) | layout: CPU / wall (ms) | SVG: CPU / wall (ms) | peak RSS (MiB) | SVG size (MiB) | drawing (px) |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | --- |");
let largest;
for (const steps of [1000, 10000, 100000]) {
  const file = path.join(tmp, `flow-${steps}.sysd`);
  fs.writeFileSync(file, design(steps));
  largest = file;
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--child", file], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  const r = JSON.parse(result.stdout.trim().split("\n").pop());
  console.log(
    `| ${steps.toLocaleString("en")} | ${t(r.checked)} | ${t(r.laidOut)} | ${t(r.drawn)} | ${mib(r.peak)} | ${(r.bytes / 1048576).toFixed(1)} | ${r.width} × ${r.height} |`,
  );
}

const start = performance.now();
const build = spawnSync(process.execPath, [bin, "build", largest, "--root", tmp, "-o", path.join(tmp, "out")], { encoding: "utf8" });
const buildMs = performance.now() - start;
if (build.status !== 0) throw new Error(`sysd build exited ${build.status}: ${build.stderr}`);
console.log(`\nwhole \`sysd build\` of the 100,000-step design: ${(buildMs / 1000).toFixed(1)} s`);
fs.rmSync(tmp, { recursive: true, force: true });
