import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.js";
import { temporaryName } from "../../src/cli/write.js";
import { isGeneratedFile } from "../../src/render/marker.js";
import { captureIo } from "../helpers/io.js";

// Which files `sysd build` may overwrite, and what it leaves behind.
const repo = path.resolve(import.meta.dirname, "../..");
const options = { format: "json" as const, color: false, out: "out" };
const design = fs.readFileSync(path.join(repo, "test/fixtures/valid/video_pipeline.sysd"), "utf8");
const second = 'system Other "Other" {\n  component A : service\n}\n';
let tmp: string;
let built: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-build-files-"));
  built = path.join(tmp, "built");
  fs.mkdirSync(built);
  fs.writeFileSync(path.join(built, "video.sysd"), design);
  expect(await runBuild([], options, captureIo(built))).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function project(): string {
  const dir = fs.mkdtempSync(path.join(tmp, "p-"));
  fs.writeFileSync(path.join(dir, "video.sysd"), design);
  fs.writeFileSync(path.join(dir, "other.sysd"), second);
  return dir;
}

const outputs = (): string[] => fs.readdirSync(path.join(built, "out", "VideoPipeline")).sort();

describe("sysd build and the files it overwrites", () => {
  it("marks every output it writes as generated, in each format's own comment form", () => {
    expect(outputs()).toEqual(["README.md", "architecture.svg", "data-model.svg", "flow-processing.svg", "flow-upload.svg", "model.json", "openapi.yaml"]);
    for (const name of outputs()) {
      const text = fs.readFileSync(path.join(built, "out", "VideoPipeline", name), "utf8");
      expect(isGeneratedFile(name, text), name).toBe(true);
    }
  });

  it.each(["README.md", "architecture.svg", "openapi.yaml", "model.json"])("refuses to overwrite a hand-written %s, writes nothing for its system, names it and exits 2", async (name) => {
    const dir = project();
    const folder = path.join(dir, "out", "VideoPipeline");
    fs.mkdirSync(folder, { recursive: true });
    const mine = name.endsWith(".json") ? '{"mine": true}\n' : name.endsWith(".svg") ? '<svg xmlns="http://www.w3.org/2000/svg"/>\n' : "mine\n";
    fs.writeFileSync(path.join(folder, name), mine);
    const run = captureIo(dir);
    expect(await runBuild([], options, run)).toBe(2);
    expect(run.err).toContain(`not overwriting out/VideoPipeline/${name}: sysd did not write it`);
    expect(fs.readdirSync(folder)).toEqual([name]);
    expect(fs.readFileSync(path.join(folder, name), "utf8")).toBe(mine);
    // The other system is still written.
    expect(fs.readdirSync(path.join(dir, "out", "Other"))).toContain("README.md");
  });

  it("overwrites a file sysd wrote before, even changed, and a file that already holds the new bytes", async () => {
    const dir = project();
    const folder = path.join(dir, "out", "VideoPipeline");
    fs.cpSync(path.join(built, "out", "VideoPipeline"), folder, { recursive: true });
    const edit: Record<string, (text: string) => string> = {
      "README.md": (t) => t.replace("# System Design", "# Edited design"),
      "architecture.svg": (t) => t.replace("<title", "<desc>edited</desc><title"),
      "openapi.yaml": (t) => `${t}x-edited: true\n`,
      "model.json": (t) => t.replace('"formatVersion": 1', '"formatVersion": 1, "edited": true'),
    };
    for (const [name, change] of Object.entries(edit)) {
      const file = path.join(folder, name);
      const text = fs.readFileSync(file, "utf8");
      expect(change(text)).not.toBe(text);
      fs.writeFileSync(file, change(text));
    }
    const run = captureIo(dir);
    expect(await runBuild([], options, run)).toBe(0);
    expect(run.err).toContain("VideoPipeline: 7 files in out/VideoPipeline/ (4 written, 3 unchanged)");
    for (const name of Object.keys(edit)) {
      expect(fs.readFileSync(path.join(folder, name), "utf8")).toBe(fs.readFileSync(path.join(built, "out", "VideoPipeline", name), "utf8"));
    }
  });

  it("--check reports a hand-written output as a file that would change, writing nothing", async () => {
    const dir = project();
    const folder = path.join(dir, "out", "VideoPipeline");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "README.md"), "mine\n");
    const run = captureIo(dir);
    expect(await runBuild([], { ...options, format: "pretty", check: true }, run)).toBe(1);
    expect(run.out).toContain("would change: out/VideoPipeline/README.md");
    expect(fs.readFileSync(path.join(folder, "README.md"), "utf8")).toBe("mine\n");
  });

  it("removes the temporary files a crashed build left beside its outputs, and nothing else", async () => {
    const dir = project();
    const folder = path.join(dir, "out", "VideoPipeline");
    fs.mkdirSync(folder, { recursive: true });
    // No process has a pid above Linux's pid_max (2^22).
    const leftover = temporaryName(path.join(folder, "README.md"), 4194305);
    const unrelated = path.join(folder, ".notes.txt.4194305.tmp");
    fs.writeFileSync(leftover, "half a document");
    fs.writeFileSync(unrelated, "not sysd's");
    expect(await runBuild([], options, captureIo(dir))).toBe(0);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(unrelated)).toBe(true);
  });
});

describe("isGeneratedFile", () => {
  it("recognizes the note only where sysd puts it", () => {
    const note = "Generated by sysd from a.sysd. Edit the .sysd source, not this file.";
    expect(isGeneratedFile("README.md", `<!-- ${note} -->\n# x\n`)).toBe(true);
    expect(isGeneratedFile("README.md", `# x\n<!-- ${note} -->\n`)).toBe(false);
    expect(isGeneratedFile("a.svg", `<?xml version="1.0"?>\n<svg a="1">\n<!-- ${note} -->\n</svg>`)).toBe(true);
    expect(isGeneratedFile("a.svg", `<svg a="1"><title/><!-- ${note} --></svg>`)).toBe(false);
    expect(isGeneratedFile("openapi.yaml", `# ${note}\nopenapi: 3.1.0\n`)).toBe(true);
    expect(isGeneratedFile("openapi.yaml", `openapi: 3.1.0\n# ${note}\n`)).toBe(false);
    expect(isGeneratedFile("model.json", `{\n  "$comment": "${note}",\n  "x": 1\n}\n`)).toBe(true);
    expect(isGeneratedFile("model.json", `{"x": 1, "$comment": "${note}"}`)).toBe(false);
    expect(isGeneratedFile("notes.txt", note)).toBe(false);
  });
});

describe("source paths in the outputs", () => {
  const shared = 'kind Svc "Shared service" : service {\n  technology "Go"\n}\n\nmodel {\n  entity Account {\n    id: uuid [pk]\n  }\n}\n';
  const main = 'import "../shared/types.sysd" as t\n\nsystem Shop "Shop" {\n  component A : t.Svc\n}\n';

  function layout(withConfig: boolean): string {
    const dir = fs.mkdtempSync(path.join(tmp, "paths-"));
    fs.mkdirSync(path.join(dir, "designs", "shop"), { recursive: true });
    fs.mkdirSync(path.join(dir, "designs", "shared"), { recursive: true });
    fs.mkdirSync(path.join(dir, "elsewhere"));
    fs.writeFileSync(path.join(dir, "designs", "shop", "shop.sysd"), main);
    fs.writeFileSync(path.join(dir, "designs", "shared", "types.sysd"), shared);
    if (withConfig) fs.writeFileSync(path.join(dir, "designs", "sysd.json"), "{}\n");
    return dir;
  }

  async function modelFrom(dir: string, cwd: string, input: string, root?: string): Promise<string> {
    const out = path.join(dir, `out-${path.basename(cwd)}`);
    const run = captureIo(cwd);
    const buildOptions = root === undefined ? { ...options, out } : { ...options, out, root };
    expect(await runBuild([input], buildOptions, run), run.err + run.out).toBe(0);
    return fs.readFileSync(path.join(out, "Shop", "model.json"), "utf8");
  }

  it("are the same bytes from two working folders, relative to the common folder of the inputs and never absolute", async () => {
    const dir = layout(false);
    const fromTop = await modelFrom(dir, dir, "designs/shop", dir);
    const fromBelow = await modelFrom(dir, path.join(dir, "designs", "shop"), ".", dir);
    const fromAside = await modelFrom(dir, path.join(dir, "elsewhere"), "../designs/shop", dir);
    expect(fromBelow).toBe(fromTop);
    expect(fromAside).toBe(fromTop);
    const model = JSON.parse(fromTop) as { system: { file: string } };
    expect(model.system.file).toBe("designs/shop/shop.sysd");
    expect(fromTop).not.toContain(dir);
  });

  it("without --root, are relative to the common folder of the inputs, an import above it as ../", async () => {
    const dir = layout(false);
    const fromTop = await modelFrom(dir, dir, "designs/shop");
    const fromBelow = await modelFrom(dir, path.join(dir, "designs"), "shop");
    expect(fromBelow).toBe(fromTop);
    expect((JSON.parse(fromTop) as { system: { file: string } }).system.file).toBe("shop.sysd");
    expect(fromTop).toContain('"file": "../shared/types.sysd"');
    expect(fromTop).not.toContain(dir);
  });

  it("without --root, are relative to the folder of sysd.json above the inputs", async () => {
    const dir = layout(true);
    const fromTop = await modelFrom(dir, dir, "designs/shop");
    // (Run from designs/shop, the import would leave the root folder: E101.)
    const fromInside = await modelFrom(dir, path.join(dir, "designs"), "shop/shop.sysd");
    expect(fromInside).toBe(fromTop);
    expect((JSON.parse(fromTop) as { system: { file: string } }).system.file).toBe("shop/shop.sysd");
    expect(fromTop).toContain('"file": "shared/types.sysd"');
  });

  it("diagnostics still name files relative to the current folder", async () => {
    const dir = layout(false);
    fs.writeFileSync(path.join(dir, "designs", "shop", "shop.sysd"), `${main}system Shop "again" {}\n`);
    const run = captureIo(dir);
    expect(await runBuild(["designs/shop"], { ...options, out: path.join(dir, "out") }, run)).toBe(1);
    const printed = JSON.parse(run.out) as { file: string; code: string }[];
    expect(printed.find((d) => d.code === "E200")?.file).toBe("designs/shop/shop.sysd");
  });
});
