import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.js";
import { runFmt } from "../../src/cli/fmt.js";
import { runInit } from "../../src/cli/init.js";
import { captureIo } from "../helpers/io.js";

const repo = path.resolve(import.meta.dirname, "../..");
let tmp: string;

const io = captureIo;

const options = { format: "json" as const, color: false, out: "out" };

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-build-"));
  fs.copyFileSync(path.join(repo, "test/fixtures/valid/video_pipeline.sysd"), path.join(tmp, "video.sysd"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("sysd build", () => {
  it("writes every output of a system, then --check finds nothing to change", async () => {
    const first = io(tmp);
    expect(await runBuild([], options, first)).toBe(0);
    const folder = path.join(tmp, "out", "VideoPipeline");
    expect(fs.readdirSync(folder).sort()).toEqual([
      "README.md",
      "architecture.svg",
      "data-model.svg",
      "flow-processing.svg",
      "flow-upload.svg",
      "model.json",
      "openapi.yaml",
    ]);
    expect(first.err).toContain("VideoPipeline: 7 files in out/VideoPipeline/ (7 written, 0 unchanged)");
    const check = io(tmp);
    expect(await runBuild([], { ...options, check: true }, check)).toBe(0);
    expect(check.out).toBe("[]\n");
    expect(check.err).toContain("VideoPipeline: up to date");
  });

  it("--check lists a file that would change and exits 1, without writing it", async () => {
    const readme = path.join(tmp, "out", "VideoPipeline", "README.md");
    fs.writeFileSync(readme, "edited by hand\n");
    const check = io(tmp);
    expect(await runBuild([], { ...options, format: "pretty", check: true }, check)).toBe(1);
    expect(check.out).toBe("would change: out/VideoPipeline/README.md\n");
    expect(fs.readFileSync(readme, "utf8")).toBe("edited by hand\n");
    expect(await runBuild([], options, io(tmp))).toBe(0);
    expect(fs.readFileSync(readme, "utf8")).toContain("# System Design: Video Processing Pipeline");
  });

  it("leaves files it did not write alone, and does not read designs from the output folder", async () => {
    const foreign = path.join(tmp, "out", "VideoPipeline", "notes.txt");
    fs.writeFileSync(foreign, "mine\n");
    fs.writeFileSync(path.join(tmp, "out", "broken.sysd"), "system {");
    expect(await runBuild([], options, io(tmp))).toBe(0);
    expect(fs.readFileSync(foreign, "utf8")).toBe("mine\n");
  });

  it("writes nothing when a design has errors", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "broken-"));
    fs.writeFileSync(path.join(dir, "bad.sysd"), 'system S {\n  A -> B "x"\n}\n');
    const result = io(dir);
    expect(await runBuild([], options, result)).toBe(1);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
    expect(result.err).toContain("no files written");
  });

  it("gives the same bytes on a second build from another working folder", async () => {
    const before = fs.readFileSync(path.join(tmp, "out", "VideoPipeline", "model.json"), "utf8");
    const elsewhere = io(path.join(tmp, "out"));
    expect(await runBuild([path.join(tmp, "video.sysd")], { ...options, root: tmp, out: path.join(tmp, "out") }, elsewhere)).toBe(0);
    expect(fs.readFileSync(path.join(tmp, "out", "VideoPipeline", "model.json"), "utf8")).toBe(before);
  });
});

describe("sysd init", () => {
  it("writes a starter design that builds with no diagnostic, and never overwrites", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "init-"));
    expect(runInit("my-shop", io(dir))).toBe(0);
    const build = io(dir);
    expect(await runBuild([], options, build)).toBe(0);
    expect(build.out).toBe("[]\n");
    expect(fs.existsSync(path.join(dir, "out", "MyShop", "README.md"))).toBe(true);
    const again = io(dir);
    expect(runInit("my-shop", again)).toBe(2);
    expect(again.err).toContain("already exists");
  });

  it("writes a starter that `sysd fmt --check` accepts as it is", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "init-fmt-"));
    // A title with a quote and a short name: neither may move a column.
    expect(runInit("a", io(dir))).toBe(0);
    expect(runInit("Order \"Service\" v2", io(dir))).toBe(0);
    const check = io(dir);
    expect(runFmt([], { format: "pretty", color: false, check: true }, check)).toBe(0);
    expect(check.out).toBe("");
  });
});
