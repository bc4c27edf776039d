/**
 * The outputs of a system are a list of emitters: each says which files it
 * writes from the model alone, so the document links only to files that are
 * written, and a new output is one more entry.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMITTERS, renderSystem, type Emitter } from "../../src/render/index.js";
import { compileText } from "../helpers/compile.js";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-emitters-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const withApi = compileText(
  `system Shop "Shop" {
  component Web "Web" : client
  component Api "API"
  Web -> Api "calls"
  flow checkout "Checkout" {
    Web -> Api "POST /orders"
  }
  model {
    entity Order { id: uuid [pk] }
  }
  api Orders "Orders API" {
    served_by Api
    GET /orders "List orders"
  }
}
`,
  scratch,
);
const bare = compileText(`system Notes "Notes" {\n  component Api "API"\n}\n`, scratch);

describe("the emitters", () => {
  it("are the document, the diagrams, OpenAPI and the model, in that order", () => {
    expect(EMITTERS.map((e) => e.name)).toEqual(["markdown", "svg", "openapi", "model-json"]);
  });

  it("write exactly the files they plan, in the emitters' order", async () => {
    const files = (await renderSystem(withApi, { toolVersion: "1.0.0" })).map((f) => f.file);
    expect(files).toEqual(EMITTERS.flatMap((e) => e.files(withApi)));
    expect(files).toEqual(["README.md", "architecture.svg", "flow-checkout.svg", "data-model.svg", "openapi.yaml", "model.json"]);
    expect((await renderSystem(bare, { toolVersion: "1.0.0" })).map((f) => f.file)).toEqual(["README.md", "architecture.svg", "model.json"]);
  });

  it("link the document only to files that are written", async () => {
    const readme = (await renderSystem(bare, { toolVersion: "1.0.0" })).find((f) => f.file === "README.md")!.content;
    expect(readme).toContain("architecture.svg");
    expect(readme).not.toContain("openapi.yaml");
    const full = (await renderSystem(withApi, { toolVersion: "1.0.0" })).find((f) => f.file === "README.md")!.content;
    expect(full).toContain("openapi.yaml");
    expect(full).toContain("flow-checkout.svg");
  });

  it("take a new output as one more entry, which the others see in the context", async () => {
    let seen: string[] = [];
    const extra: Emitter = {
      name: "summary",
      files: () => ["summary.txt"],
      emit: (system, context) => {
        seen = [...context.files];
        return [{ file: "summary.txt", content: `${system.id} ${context.toolVersion}\n` }];
      },
    };
    const files = await renderSystem(bare, { toolVersion: "2.0.0" }, [...EMITTERS, extra]);
    expect(files.map((f) => f.file)).toEqual(["README.md", "architecture.svg", "model.json", "summary.txt"]);
    expect(files.at(-1)!.content).toBe("Notes 2.0.0\n");
    expect(seen).toEqual(["README.md", "architecture.svg", "model.json", "summary.txt"]);
  });

  it("refuse an emitter that writes a file it did not plan", async () => {
    const liar: Emitter = { name: "liar", files: () => [], emit: () => [{ file: "x.txt", content: "" }] };
    await expect(renderSystem(bare, { toolVersion: "1.0.0" }, [liar])).rejects.toThrow("emitter liar wrote x.txt but planned nothing");
    const twice: Emitter = { name: "twice", files: () => ["model.json"], emit: () => [{ file: "model.json", content: "" }] };
    await expect(renderSystem(bare, { toolVersion: "1.0.0" }, [...EMITTERS, twice])).rejects.toThrow("two emitters plan the same file");
  });
});
