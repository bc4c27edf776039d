#!/usr/bin/env node
// Entry point of the `sysd` command: runs the compiled CLI and sets the exit code.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// A reader that stops early (`sysd check | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const cli = new URL("../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write("sysd: not built yet: run `npm run build` (npm ci does it through `prepare`)\n");
  process.exit(3);
}
try {
  const { main, processIo } = await import(cli.href);
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (error) {
  process.stderr.write(`sysd: internal error: ${String(error?.message ?? error).split("\n")[0]}\n`);
  process.exitCode = 3;
}
