import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveInputs } from "./check.js";
import { collectInputs } from "./inputs.js";
import { EXIT, type Io } from "./io.js";

export interface ServeCommandOptions {
  root?: string;
  port?: string;
  open?: boolean;
}

/** Opens the page in the desktop's browser; a machine without one just prints the address. */
function openBrowser(url: string): void {
  const command = process.platform === "darwin" ? "open" : process.platform === "win32" ? "cmd" : "xdg-open";
  const args = process.platform === "win32" ? ["/c", "start", "", url] : [url];
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // no browser here
  }
}

/** `sysd serve`: runs until Ctrl-C. */
export async function runServe(paths: string[], options: ServeCommandOptions, io: Io, waitForStop: () => Promise<void>): Promise<number> {
  const first = resolveInputs(paths, io);
  if (typeof first === "number") return first;
  let port: number | undefined;
  if (options.port !== undefined) {
    port = Number(options.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      io.stderr(`sysd: --port must be a whole number from 1 to 65535, not \`${options.port}\`\n`);
      return EXIT.usage;
    }
  }
  const named = paths.length > 0 ? paths : ["."];
  const folders = named.map((p) => path.resolve(io.cwd, p)).filter((p) => {
    try {
      return fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
  const { startPreview, PortInUseError } = await import("../serve/index.js");
  let preview;
  try {
    preview = await startPreview({
      inputs: () => collectInputs(named, io.cwd).files,
      folders,
      root: path.resolve(io.cwd, options.root ?? "."),
      cwd: io.cwd,
      toolVersion: io.version,
      ...(port !== undefined ? { port } : {}),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      io.stderr(`sysd: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const state = preview.state();
  io.stdout(`sysd serve: ${preview.url} — ${state.systems.length} system${state.systems.length === 1 ? "" : "s"}, watching for changes (Ctrl-C stops)\n`);
  if (options.open) openBrowser(preview.url);
  await waitForStop();
  await preview.close();
  return EXIT.ok;
}
