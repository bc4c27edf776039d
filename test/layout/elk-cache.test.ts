import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { elkCachePath } from "../../src/layout/elk.js";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-elk-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * Compiles ELK with the cache at `file`, lays out a two-node graph and saves
 * the cache, in a fresh process: within one process V8 reuses the code it
 * compiled before and never looks at the cache.
 */
function compileInChild(file: string, timeout?: number): { cacheUsed: boolean; height: number } {
  const module = pathToFileURL(path.join(root, "dist", "src", "layout", "elk.js")).href;
  const script = `
    const { compileElk } = await import(${JSON.stringify(module)});
    const compiled = compileElk(process.argv[1]);
    const graph = { id: "r", children: [{ id: "a", width: 30, height: 20 }, { id: "b", width: 30, height: 20 }], edges: [{ id: "e", sources: ["a"], targets: ["b"] }] };
    const laid = await new compiled.Constructor().layout(graph);
    compiled.saveCache();
    console.log(JSON.stringify({ cacheUsed: compiled.cacheUsed, height: laid.height }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, file], { encoding: "utf8", timeout });
  return JSON.parse(out.trim()) as { cacheUsed: boolean; height: number };
}

describe("ELK's code cache", () => {
  it("lives under XDG_CACHE_HOME (else ~/.cache), named by the elkjs and Node versions", () => {
    const file = elkCachePath({ XDG_CACHE_HOME: "/somewhere" })!;
    expect(path.dirname(file)).toBe(path.join("/somewhere", "sysd"));
    expect(path.basename(file)).toContain(process.versions.node);
    expect(path.basename(file)).toMatch(/^elk-\d+\.\d+\.\d+-/);
    expect(path.dirname(elkCachePath({ XDG_CACHE_HOME: "relative" })!)).toBe(path.join(os.homedir(), ".cache", "sysd"));
  });

  it("is written after a layout, then used, with the same result", () => {
    const file = path.join(tmp, "fresh", "sysd", "elk.code");
    const first = compileInChild(file);
    expect(first.cacheUsed).toBe(false);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const second = compileInChild(file);
    expect(second).toEqual({ cacheUsed: true, height: first.height });
  });

  it("ignores a stale cache and replaces it", () => {
    const file = path.join(tmp, "stale.code");
    fs.writeFileSync(file, "not V8's code");
    const compiled = compileInChild(file);
    expect(compiled.cacheUsed).toBe(false);
    expect(compiled.height).toBeGreaterThan(0);
    expect(fs.statSync(file).size).toBeGreaterThan(100);
  });

  it("never fails when the folder cannot be written", () => {
    const blocker = path.join(tmp, "a-file");
    fs.writeFileSync(blocker, "");
    expect(compileInChild(path.join(blocker, "sysd", "elk.code")).height).toBeGreaterThan(0);
    expect(fs.readFileSync(blocker, "utf8")).toBe("");
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it.runIf(process.platform !== "win32")("does not wait on a named pipe at the cache's name, and replaces it", () => {
    const file = path.join(tmp, "pipe.code");
    expect(spawnSync("mkfifo", [file]).status).toBe(0);
    // A read of the pipe would block the child forever: the timeout turns that into a failure.
    const compiled = compileInChild(file, 30_000);
    expect(compiled).toMatchObject({ cacheUsed: false });
    expect(compiled.height).toBeGreaterThan(0);
    expect(fs.statSync(file).isFile()).toBe(true);
  });
});
