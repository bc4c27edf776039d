/**
 * `sysd serve`: a live preview on 127.0.0.1. One warm process keeps the
 * compiler and ELK loaded; each change to a design rebuilds in place and
 * tells the open pages (Server-Sent Events) to fetch the new state.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { compile } from "../index.js";
import { ParseCache } from "../syntax/index.js";
import { renderSystemPage, type SystemPage } from "./document.js";
import { PAGE_CSS, PAGE_HTML, PAGE_SCRIPT } from "./page.js";
import { visible } from "../util/visible.js";
import { watchDesigns } from "./watch.js";

/** Tried first when no port is given; any free port when it is taken. */
export const DEFAULT_PORT = 7420;

export interface ServeOptions {
  /** The `.sysd` files to build now (called again on every change, so new and deleted files count). */
  inputs: () => string[];
  /** Folders the user named, watched for new files. */
  folders: string[];
  root: string;
  cwd: string;
  port?: number;
  toolVersion: string;
}

export interface PreviewDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/**
 * A diagnostic as the page shows it. The page sets it as text, never as HTML;
 * controls and bidi overrides are escaped here, as `sysd check` prints them,
 * so a file name or a quoted title cannot reorder what the reader sees.
 */
export function previewDiagnostic(d: Diagnostic): PreviewDiagnostic {
  return { file: visible(d.span.file), line: d.span.line, column: d.span.column, severity: d.severity, code: d.code, message: visible(d.message) };
}

export interface PreviewState {
  version: number;
  systems: SystemPage[];
  diagnostics: PreviewDiagnostic[];
  /** The systems shown are the last good ones: the designs have errors now. */
  stale: boolean;
  internalError?: string;
  /** Milliseconds the last rebuild took. */
  buildMs: number;
}

export interface RunningPreview {
  url: string;
  port: number;
  state(): PreviewState;
  /** Resolves after the rebuild that is running or queued now. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

export async function startPreview(options: ServeOptions): Promise<RunningPreview> {
  const cache = new ParseCache();
  let state: PreviewState = { version: 0, systems: [], diagnostics: [], stale: false, buildMs: 0 };
  const clients = new Set<http.ServerResponse>();
  let building: Promise<void> = Promise.resolve();
  let again = false;
  let running = false;

  const rebuild = async (): Promise<void> => {
    const started = Date.now();
    const inputs = options.inputs();
    let next: PreviewState;
    try {
      const result = await compile(inputs, { root: options.root, cwd: options.cwd, parseCache: cache, toolVersion: options.toolVersion });
      const diagnostics = result.diagnostics.map(previewDiagnostic);
      const hasErrors = result.diagnostics.some((d) => d.severity === "error");
      if (hasErrors) {
        // Keep the last good document, but drop systems whose file is gone.
        const present = new Set(result.model.systems.map((s) => s.id));
        next = { ...state, systems: state.systems.filter((s) => present.has(s.id)), diagnostics, stale: true, buildMs: 0 };
        delete next.internalError;
      } else {
        const bySystem = new Map<string, Map<string, string>>();
        for (const output of result.outputs) {
          const slash = output.path.indexOf("/");
          const system = output.path.slice(0, slash);
          const files = bySystem.get(system) ?? new Map<string, string>();
          files.set(output.path.slice(slash + 1), output.content);
          bySystem.set(system, files);
        }
        next = { version: 0, systems: result.model.systems.map((s) => renderSystemPage(s.id, bySystem.get(s.id) ?? new Map())), diagnostics, stale: false, buildMs: 0 };
      }
      watcher.refresh(watchedFolders(result.program.files.filter((f) => !f.isStdlib).map((f) => f.absolutePath)));
    } catch (error) {
      next = { ...state, stale: true, internalError: `internal error: ${visible(error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error))} (this is a bug in sysd)` };
    }
    next.version = state.version + 1;
    next.buildMs = Date.now() - started;
    state = next;
    for (const client of clients) client.write(`data: ${state.version}\n\n`);
  };

  /** One rebuild at a time; changes during one cause exactly one more. */
  const schedule = (): Promise<void> => {
    if (running) {
      again = true;
      return building;
    }
    running = true;
    building = (async () => {
      do {
        again = false;
        await rebuild();
      } while (again);
      running = false;
    })();
    return building;
  };

  const watchedFolders = (files: string[]): Set<string> => new Set([...options.folders, ...files.map((f) => path.dirname(f))]);
  const watcher = watchDesigns(() => void schedule(), () => options.inputs());
  watcher.refresh(watchedFolders(options.inputs()));

  const server = http.createServer((request, response) => {
    const host = request.headers.host ?? "";
    const port = (server.address() as AddressInfo | null)?.port;
    // Only pages on this machine, asked for by this name: no DNS rebinding from a web page.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      response.writeHead(403, { "content-type": "text/plain" }).end("sysd serve answers only to 127.0.0.1 and localhost\n");
      return;
    }
    const url = new URL(request.url ?? "/", `http://${host}`);
    const headers = {
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'",
    };
    switch (url.pathname) {
      case "/":
        response.writeHead(200, { ...headers, "content-type": "text/html; charset=utf-8" }).end(PAGE_HTML);
        return;
      case "/app.js":
        response.writeHead(200, { ...headers, "content-type": "text/javascript; charset=utf-8" }).end(PAGE_SCRIPT);
        return;
      case "/app.css":
        response.writeHead(200, { ...headers, "content-type": "text/css; charset=utf-8" }).end(PAGE_CSS);
        return;
      case "/api/state":
        response.writeHead(200, { ...headers, "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(state));
        return;
      case "/events":
        response.writeHead(200, { ...headers, "content-type": "text/event-stream", connection: "keep-alive" });
        response.write(`retry: 1000\ndata: ${state.version}\n\n`);
        clients.add(response);
        request.on("close", () => clients.delete(response));
        return;
      default:
        response.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found\n");
    }
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        server.off("listening", onListening);
        reject(error.code === "EADDRINUSE" ? new PortInUseError(`port ${port} on 127.0.0.1 is in use; choose another with --port`) : error);
      };
      const onListening = (): void => {
        server.off("error", onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once("error", onError);
      server.once("listening", onListening);
      // Loopback only, never 0.0.0.0: a design under review is nobody else's business.
      server.listen(port, "127.0.0.1");
    });

  let port: number;
  try {
    port = options.port !== undefined ? await listen(options.port) : await listen(DEFAULT_PORT).catch((error: unknown) => (error instanceof PortInUseError ? listen(0) : Promise.reject(error)));
  } catch (error) {
    watcher.close();
    throw error;
  }
  await schedule();

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    state: () => state,
    settled: () => building,
    close: async () => {
      watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
