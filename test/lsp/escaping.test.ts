// What the language server shows an editor is design text: a title holding a
// bidi override or a line break must reach the hover, the outline, completion
// and the diagnostics escaped, as `sysd check` prints it.
import * as path from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { makeDiagnostic } from "../../src/diagnostics/index.js";
import { check } from "../../src/index.js";
import { complete } from "../../src/lsp/completion.js";
import { toLspDiagnostic } from "../../src/lsp/convert.js";
import { hoverText } from "../../src/lsp/hover.js";
import { documentSymbols } from "../../src/lsp/outline.js";
import { memoryHost, SourceText } from "../../src/syntax/index.js";

const root = path.resolve("/virtual/lsp");
const file = path.join(root, "shop.sysd");
// The title holds U+202E (right-to-left override) and a line break, written as sysd escapes.
const source = [
  'system Shop "Shop" {',
  '  component Api "Pay\\u{202E}fdp.exe\\n# Injected <b>x</b>" : service {',
  '    description "Line one\\nline \\u{202E}two"',
  "  }",
  "  component Db : database",
  "  Api -> Db",
  "}",
  "",
].join("\n");

function analyzed() {
  return check([file], { root, cwd: root, rules: {}, host: memoryHost({ [file]: source }) });
}

describe("the language server escapes design text", () => {
  it("hover of a component whose title holds U+202E and a newline shows both escaped, on the title's line", () => {
    const result = analyzed();
    const api = result.references.declarations.find((d) => d.category === "component" && d.name === "Api")!;
    const text = hoverText(result.model, api, result.references);
    expect(text).not.toMatch(/[\u202E\u0000-\u0008\u000b-\u001f]/);
    const [first] = text.split("\n");
    expect(first).toBe("**Pay\\\\u\\{202E\\}fdp.exe\\\\n\\# Injected \\<b\\>x\\</b\\>** `Api` — component");
    // As the editor renders it: the escapes read as written, no heading, no HTML.
    const html = new MarkdownIt({ html: true }).render(text);
    expect(html).toContain("<strong>Pay\\u{202E}fdp.exe\\n# Injected &lt;b&gt;x&lt;/b&gt;</strong>");
    expect(html).not.toMatch(/<h1|<b>/);
    // A long text stays one paragraph; its override is escaped too.
    expect(text).toContain("Line one line \\\\u\\{202E\\}two");
  });

  it("diagnostics, outline and completion details carry the escapes, not the characters", () => {
    const result = analyzed();
    const span = new SourceText("shop.sysd", source).span(0, 6);
    const quoted = makeDiagnostic("E201", span, "unknown component `A\u202E\nB`", { related: [{ span, message: "see `\u202E`" }] });
    const shown = toLspDiagnostic(quoted, () => "file:///virtual/lsp/shop.sysd");
    expect(shown.message).toBe("unknown component `A\\u{202E}\\nB`");
    expect(shown.relatedInformation?.[0]?.message).toBe("see `\\u{202E}`");
    const symbols = documentSymbols(result.program.files.find((f) => f.absolutePath === file)!);
    const api = symbols[0]!.children!.find((s) => s.name === "Api")!;
    expect(api.detail).toBe("Pay\\u{202E}fdp.exe\\n# Injected <b>x</b>");
    const offset = source.indexOf("  Api -> Db") + "  Api -> ".length;
    const items = complete(source, offset, result.program.files.find((f) => f.absolutePath === file), result);
    expect(items.find((i) => i.label === "Api")?.detail).toBe("Pay\\u{202E}fdp.exe\\n# Injected <b>x</b>");
  });
});
