import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { hoverText } from "../../src/lsp/hover.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("hover on a view", () => {
  it("names what the view holds and collapses", () => {
    const result = check([path.join(root, "test/fixtures/valid/views.sysd")], { root, cwd: root, rules: {} });
    const view = result.references.declarations.find((d) => d.category === "view" && d.name === "overview")!;
    const text = hoverText(result.model, view, result.references);
    expect(text).toContain("**Overview** `overview` — view");
    expect(text).toContain("- holds: `Buyer`, `Cdn`");
    expect(text).toContain("- collapsed: `core`, `billing`");
  });
});
