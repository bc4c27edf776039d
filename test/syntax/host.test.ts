import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { memoryHost, OverlayHost, ParseCache, nodeHost } from "../../src/syntax/index.js";

const root = path.resolve("/virtual/project");
const main = path.join(root, "main.sysd");
const shared = path.join(root, "shared.sysd");

const files = {
  [main]: 'import "./shared.sysd" as shared\nsystem Shop {\n  component Api : shared.svc\n  component Db : database\n  Api -> Db\n}\n',
  [shared]: 'kind svc "Service" : service\n',
};

function overDisk(): OverlayHost {
  const host = new OverlayHost(nodeHost);
  for (const [file, text] of Object.entries(files)) host.set(file, text);
  return host;
}

describe("the source host", () => {
  it("checks a project held only in memory, std/ modules included from the package", () => {
    // The project exists nowhere on disk; std/ modules still come from the package.
    const result = check([main], { root, cwd: root, rules: {}, host: overDisk() });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.model.systems[0]!.components.map((c) => c.kind.chain.join("<"))).toEqual(["shared.svc<service", "database"]);
  });

  it("lets unsaved text shadow the disk", () => {
    const host = overDisk();
    host.set(main, files[main]!.replace("Api -> Db", "Api -> Dbx"));
    const result = check([main], { root, cwd: root, rules: {}, host });
    expect(result.diagnostics.map((d) => d.code)).toContain("E201");
  });

  it("reports a file the host does not have as E101, in plain words", () => {
    const result = check([path.join(root, "missing.sysd")], { root, cwd: root, rules: {}, host: memoryHost({}) });
    expect(result.diagnostics.find((d) => d.code === "E101")?.message).toMatch(/not found/);
  });
});

describe("the parse cache", () => {
  it("re-parses only the file that changed", () => {
    const host = overDisk();
    const cache = new ParseCache();
    const first = check([main], { root, cwd: root, rules: {}, host, parseCache: cache });
    const filesRead = first.program.files.length;
    expect(cache.parses).toBe(filesRead);
    check([main], { root, cwd: root, rules: {}, host, parseCache: cache });
    expect(cache.parses).toBe(filesRead);
    host.set(main, files[main]!.replace("component Db", "component Db \"Database\""));
    const third = check([main], { root, cwd: root, rules: {}, host, parseCache: cache });
    expect(cache.parses).toBe(filesRead + 1);
    expect(third.model.systems[0]!.components[1]!.title).toBe("Database");
  });

  it("gives the same diagnostics and model as a cold check", () => {
    const host = overDisk();
    host.set(main, files[main]!.replace("Api -> Db", "Api -> Nope"));
    const cache = new ParseCache();
    check([main], { root, cwd: root, rules: {}, host, parseCache: cache });
    const warm = check([main], { root, cwd: root, rules: {}, host, parseCache: cache });
    const cold = check([main], { root, cwd: root, rules: {}, host });
    expect(JSON.stringify(warm.diagnostics)).toBe(JSON.stringify(cold.diagnostics));
    expect(JSON.stringify(warm.model)).toBe(JSON.stringify(cold.model));
  });
});
