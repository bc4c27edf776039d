/**
 * Completion draws its words from the compiler's tables: the grammar's
 * statement keywords and the property table's keys and closed sets.
 */
import { describe, expect, it } from "vitest";
import { complete } from "../../src/lsp/completion.js";

/** The labels offered where `|` stands in `text`. */
function labelsAt(marked: string): string[] {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return complete(text, offset, undefined, undefined).map((item) => item.label);
}

describe("completion from the compiler's tables", () => {
  it("offers the grammar's keywords in a system, `view` among them, before the properties", () => {
    const labels = labelsAt('system Shop "Shop" {\n  |\n}\n');
    expect(labels).toContain("view");
    expect(labels).toContain("component");
    expect(labels).toContain("status");
    expect(labels.indexOf("view")).toBeLessThan(labels.indexOf("description"));
  });

  it("offers exactly the severities after `severity ` in a failure", () => {
    const labels = labelsAt('system Shop "Shop" {\n  failure Down "Down" {\n    severity |\n  }\n}\n');
    expect(labels).toEqual(["low", "medium", "high", "critical"]);
  });

  it("offers a component's properties, not a failure's", () => {
    const labels = labelsAt('system Shop "Shop" {\n  component Api "Api" {\n    |\n  }\n}\n');
    expect(labels).toContain("capacity");
    expect(labels).not.toContain("severity");
  });
});
