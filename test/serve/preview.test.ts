// What `sysd serve` hands the browser: a system's document as HTML and the
// diagnostics as data. Design text holding HTML, links or bidi overrides must
// reach the page as text, never as markup or a reordered line.
import { describe, expect, it } from "vitest";
import { makeDiagnostic } from "../../src/diagnostics/index.js";
import { renderSystemPage } from "../../src/serve/document.js";
import { PAGE_SCRIPT } from "../../src/serve/page.js";
import { previewDiagnostic } from "../../src/serve/server.js";
import { SourceText } from "../../src/syntax/index.js";
import { buildInMemory, eventHandlers, hostileDesign, unsafeLinks, visibleHtmlText } from "../helpers/hostile.js";

const script = "<script>alert(1)</script>";
const texts = {
  title: `Shop ${script} \u202Eevil [x](javascript:alert(1))`,
  component: `Api <img src=x onerror=alert(1)> \u202Egnp.exe`,
  connection: `calls ${script}`,
  requirement: `Pays <iframe src="javascript:alert(1)">`,
  entity: `Thing ${script}`,
  endpoint: `Get ${script}`,
  decision: `Pick ${script}`,
  overview: `Hi ${script} <img src=x onerror="alert(1)"> [x](javascript:alert(1))`,
  description: `Does ${script}\n\n<svg onload=alert(1)>`,
  context: `Because ${script}`,
  name: "Api",
};

describe("the preview page of a system", () => {
  it("holds no script, no event handler and no unsafe link, whatever the design's texts", async () => {
    const built = await buildInMemory(hostileDesign(texts));
    expect(built.errors).toEqual([]);
    const page = renderSystemPage("Hostile", built.outputs);
    expect(page.html).toContain("<figure class=\"diagram\"");
    expect(page.html).not.toMatch(/<script|<iframe|<img\b/i);
    expect(eventHandlers(page.html)).toEqual([]);
    expect(unsafeLinks(page.html)).toEqual([]);
    // Shown as written, escaped, not dropped: the reader sees what the design says.
    expect(visibleHtmlText(page.html)).toContain(`Does ${script}`);
    expect(page.html).not.toContain("\u202E");
  });

  it("takes its title from the document as plain text: as written, one line, bidi overrides escaped", async () => {
    const built = await buildInMemory(hostileDesign(texts));
    const page = renderSystemPage("Hostile", built.outputs);
    // The page sets the title with textContent, so it must not carry markdown's backslashes either.
    expect(page.title).toBe(`Shop ${script} \\u{202E}evil [x](javascript:alert(1))`);
  });

  it("escapes control and bidi characters in a diagnostic's message and file; the page sets them as text", () => {
    const span = new SourceText("designs/\u202Etxt.sysd", "system X {}\n").span(0, 6);
    const shown = previewDiagnostic(makeDiagnostic("E201", span, `unknown component \`${script}\u202E\nx\``));
    expect(shown.file).toBe("designs/\\u{202E}txt.sysd");
    expect(shown.message).toBe(`unknown component \`${script}\\u{202E}\\nx\``);
    // The only HTML the page's script sets is the document rendered above; diagnostics and titles go in as text.
    expect(PAGE_SCRIPT.match(/innerHTML/g)).toEqual(["innerHTML"]);
    expect(PAGE_SCRIPT).toContain("innerHTML = current.html");
    expect(PAGE_SCRIPT).toContain("e.textContent = content");
  });
});
