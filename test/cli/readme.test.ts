import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

// The designs shown in README.md and docs/language.md must stay valid as the language grows.
const repo = path.resolve(import.meta.dirname, "../..");

describe.each(["README.md", "docs/language.md"])("sysd blocks of %s", (doc) => {
  const text = fs.readFileSync(path.join(repo, doc), "utf8");
  const blocks = [...text.matchAll(/```sysd\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes("system "));

  it.each(blocks.map((block, i) => [i + 1, block] as const))("block %i checks with no error", (_n, block) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-readme-"));
    try {
      fs.writeFileSync(path.join(dir, "design.sysd"), block);
      // A project file the example imports stands in as an empty module.
      for (const [, imported] of block.matchAll(/import "\.\/([^"]+)"/g)) fs.writeFileSync(path.join(dir, imported!), "");
      const result = check([path.join(dir, "design.sysd")], { root: dir, cwd: dir, rules: {} });
      expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
