import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { pathRoot } from "../../src/cli/path-root.js";
import { compile } from "../../src/index.js";

// The generated documents of the examples are committed so readers see them
// on the repository page; this keeps them from going stale. Regenerate with
// `npm run examples`.
const repo = path.resolve(import.meta.dirname, "../..");
const examples = fs
  .readdirSync(path.join(repo, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe.each(examples)("examples/%s", (name) => {
  const folder = path.join(repo, "examples", name);
  const sources = fs.readdirSync(folder).filter((file) => file.endsWith(".sysd"));

  it("checks with no diagnostic and its committed documents are up to date", async () => {
    const files = sources.map((file) => path.join(folder, file));
    // As `sysd build` names the sources: relative to the root it finds from the inputs.
    const result = await compile(files, { root: repo, cwd: pathRoot(files, undefined, repo), relativeOutsideCwd: true, rules: {} });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(result.outputs.length).toBeGreaterThan(0);
    for (const output of result.outputs) {
      const committed = path.join(folder, "out", ...output.path.split("/"));
      expect(fs.existsSync(committed), `${committed} is missing: run npm run examples`).toBe(true);
      expect(fs.readFileSync(committed, "utf8"), `${committed} is stale: run npm run examples`).toBe(output.content);
    }
  });
});
