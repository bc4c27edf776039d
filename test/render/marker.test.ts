/**
 * Every file a build writes carries sysd's generated note where
 * `isGeneratedFile` looks for it; a file without it would be refused by the
 * next build as hand-written (as flow diagrams once were).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/index.js";
import { isGeneratedFile } from "../../src/render/marker.js";

const repo = path.resolve(import.meta.dirname, "../..");

describe("the generated note", () => {
  it("is in every output of a design with every kind of diagram", async () => {
    const result = await compile([path.join(repo, "test/fixtures/valid/video_pipeline.sysd")], { root: repo, rules: {} });
    const names = result.outputs.map((output) => output.path);
    expect(names.some((name) => /flow-.*\.svg$/.test(name))).toBe(true);
    expect(names.some((name) => name.endsWith("model.json"))).toBe(true);
    for (const output of result.outputs) expect(isGeneratedFile(output.path, output.content), output.path).toBe(true);
  });
});
