#!/usr/bin/env node
// What disarming a long text costs (src/render/markdown/sanitize.ts): the line
// scan plus one markdown-it parse that checks its result. A design's long
// texts are a few hundred bytes to a few KB; 100 KB is an extreme overview.
//
//   npm run build && node bench/sanitize.mjs

import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { sanitizeMarkdown } = await import(pathToFileURL(path.join(repo, "dist/src/render/markdown/sanitize.js")).href);

const paragraph =
  "Uploads go to S3 through a **presigned** URL; see [the guide](https://example.com/guide) and `List<T>`.\n" +
  "- one item\n- another <b>item</b>\n\n```ts\nconst a: Array<number> = [];\n```\n\n";
const RUNS = 15;
for (const size of [1_000, 10_000, 100_000]) {
  const text = paragraph.repeat(Math.ceil(size / paragraph.length)).slice(0, size);
  sanitizeMarkdown(text);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    sanitizeMarkdown(text);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${size} chars: median ${times[RUNS >> 1].toFixed(2)} ms (min ${times[0].toFixed(2)}, max ${times[RUNS - 1].toFixed(2)})`);
}
