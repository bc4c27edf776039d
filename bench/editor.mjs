#!/usr/bin/env node
// What an editor feels: the warm re-check of a project after one edit (one
// process, parse cache and overlay host, as the language server and the live
// preview use them), and the latency of a diagnostics round of `sysd lsp`
// after one keystroke, from the change notification to the published
// diagnostics (the server waits 150 ms for more keystrokes first).
//
//   npm run build && node bench/editor.mjs
//
// Inputs: the video pipeline fixture, and a generated 1,000-component project
// split into 10 files (one system importing the kinds and types of the rest
// is not what generate.mjs writes, so the split is 10 systems of 100
// components, checked together as one folder).

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateDesign } from "./generate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const { check } = await import(pathToFileURL(path.join(repo, "dist/src/index.js")).href);
const { OverlayHost, ParseCache, nodeHost } = await import(pathToFileURL(path.join(repo, "dist/src/syntax/index.js")).href);

const RUNS = 15;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function project(name, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sysd-editor-${name}-`));
  const paths = Object.entries(files).map(([file, text]) => {
    fs.writeFileSync(path.join(dir, file), text);
    return path.join(dir, file);
  });
  return { dir, paths };
}

/** A keystroke that changes no meaning but the text: a comment grows by one letter. */
const keystroke = (text, i) => `${text}\n// edit ${"x".repeat(i % 7)}\n`;

function warmRecheck(name, dir, paths) {
  const host = new OverlayHost(nodeHost);
  const cache = new ParseCache();
  const options = { root: dir, cwd: dir, host, parseCache: cache };
  const t0 = performance.now();
  check(paths, options);
  const cold = performance.now() - t0;
  const edited = paths[0];
  const original = fs.readFileSync(edited, "utf8");
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    host.set(edited, keystroke(original, i));
    const start = performance.now();
    check(paths, options);
    times.push(performance.now() - start);
  }
  return { name, cold, warm: median(times), min: Math.min(...times), max: Math.max(...times) };
}

/** One LSP session: open, then RUNS keystrokes, each timed to its published diagnostics. */
async function lspRounds(dir, file) {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = await import("vscode-languageserver-protocol/node");
  const child = spawn(process.execPath, [path.join(repo, "bin/sysd.js"), "lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(file).href;
  let resolveNext;
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    if (params.uri === uri && resolveNext) resolveNext();
  });
  connection.listen();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "b" }] });
  await connection.sendNotification("initialized", {});
  const text = fs.readFileSync(file, "utf8");
  const next = () => new Promise((resolve) => (resolveNext = resolve));
  let waiting = next();
  const t0 = performance.now();
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sysd", version: 1, text } });
  await waiting;
  const open = performance.now() - t0;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    waiting = next();
    const start = performance.now();
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: keystroke(text, i) }] });
    await waiting;
    times.push(performance.now() - start);
  }
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  child.kill();
  return { open, round: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const video = project("video", { "video.sysd": fs.readFileSync(path.join(repo, "test/fixtures/valid/video_pipeline.sysd"), "utf8") });
const big = project("big", Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`part${i}.sysd`, generateDesign({ components: 100, connections: 200, flows: 4, boundaries: 4, seed: i + 1 }).replace(/system (\w+)/, `system $1${i}`)])));
const oneFile = project("one", { "big.sysd": generateDesign({ components: 1000, connections: 2000, flows: 20, boundaries: 20 }) });

const rows = [warmRecheck("video pipeline (1 file)", video.dir, video.paths), warmRecheck("1,000 components in 10 files", big.dir, big.paths), warmRecheck("1,000 components in 1 file", oneFile.dir, oneFile.paths)];
console.log("warm re-check after one edit (ms): name | cold | warm median | min | max");
for (const r of rows) console.log(`${r.name} | ${r.cold.toFixed(0)} | ${r.warm.toFixed(1)} | ${r.min.toFixed(1)} | ${r.max.toFixed(1)}`);

console.log("\nsysd lsp diagnostics round after one keystroke (ms, includes the 150 ms debounce): file | open | round median | min | max");
for (const [name, p] of [["video pipeline", video], ["1,000 components in 1 file", oneFile]]) {
  const r = await lspRounds(p.dir, p.paths[0]);
  console.log(`${name} | ${r.open.toFixed(0)} | ${r.round.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)}`);
}
for (const p of [video, big, oneFile]) fs.rmSync(p.dir, { recursive: true, force: true });
