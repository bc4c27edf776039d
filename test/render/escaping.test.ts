import fc from "fast-check";
import sax from "sax";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, parseDocument as parseYamlDocument } from "yaml";
import { sanitizeMarkdown } from "../../src/render/markdown/sanitize.js";
import { escapeText, markdownBlock, table } from "../../src/render/markdown/text.js";
import { visible } from "../../src/util/visible.js";
import { fuzzParams } from "../helpers/fuzz.js";
import { buildInMemory, eventHandlers, hostileDesign, renderHtml, unsafeLinks, visibleHtmlText, type HostileTexts } from "../helpers/hostile.js";

const PLAIN: HostileTexts = {
  title: "Hostile",
  component: "Api",
  connection: "calls",
  requirement: "A user gets a thing",
  entity: "A thing",
  endpoint: "Get a thing",
  decision: "Use a thing",
  overview: "An overview.",
  description: "A description.",
  context: "A context.",
  name: "Api",
};

async function build(texts: Partial<HostileTexts>): Promise<Map<string, string>> {
  const { outputs, errors } = await buildInMemory(hostileDesign({ ...PLAIN, ...texts }));
  expect(errors).toEqual([]);
  return outputs;
}

function readme(outputs: Map<string, string>): string {
  const text = outputs.get("README.md");
  expect(text).toBeDefined();
  return text!;
}

/** Throws on the first well-formedness error, as a strict XML reader would. */
function parseXml(svg: string): string {
  const parser = sax.parser(true);
  let text = "";
  parser.ontext = (t) => (text += t);
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(svg).close();
  return text;
}

function assertSafeHtml(markdown: string): void {
  for (const html of [renderHtml(markdown, true), renderHtml(markdown, false)]) {
    expect(html).not.toMatch(/<script/i);
    expect(eventHandlers(html)).toEqual([]);
    expect(unsafeLinks(html)).toEqual([]);
  }
}

describe("long texts stay markdown but cannot script or hide the document", () => {
  it("escapes raw HTML and comments", async () => {
    const md = readme(await build({ overview: 'Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> <!-- hide' }));
    assertSafeHtml(md);
    // The comment did not swallow the sections after the overview.
    expect(visibleHtmlText(renderHtml(md, true))).toContain("Requirements");
    expect(visibleHtmlText(renderHtml(md, true))).toContain('Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> <!-- hide');
  });

  it("keeps http(s) and relative links live, makes others plain text", async () => {
    const md = readme(
      await build({
        description: "[a](https://example.com/x) [b](docs/b.md) [c](javascript:alert(1)) ![d](data:text/html,x) [e](java&#115;cript:alert(1)) [f](<javascript:alert(1)>) [i](ftp://example.com/x) [j](mailto:a@example.com)\n\n[g]: vbscript:msgbox\n\n[h][g]",
      }),
    );
    assertSafeHtml(md);
    const html = renderHtml(md, true);
    expect(html).toContain('href="https://example.com/x"');
    expect(html).toContain('href="docs/b.md"');
    expect(visibleHtmlText(html)).toContain("[c](javascript:alert(1))");
    expect(visibleHtmlText(html)).toContain("[i](ftp://example.com/x)");
  });

  it("closes an open fence before the next section", async () => {
    const md = readme(await build({ context: "Before\n```\nunclosed" }));
    const html = renderHtml(md, true);
    // The requirements heading after the decision is still a heading.
    expect(html).toMatch(/<h2>Requirements<\/h2>|<h2>[^<]*Decisions[^<]*<\/h2>/);
    const afterDecision = md.slice(md.indexOf("unclosed"));
    expect(afterDecision.split("\n")[1]).toBe("```");
  });

  it("does not trust a fence that a list item ends early", () => {
    const md = `${markdownBlock("- item\n  ```\n<script>alert(1)</script>\n```")}\n\n## Next\n`;
    assertSafeHtml(md);
    expect(renderHtml(md, true)).toContain("<h2>Next</h2>");
  });

  it("keeps code blocks and code spans as written when they are unambiguous", () => {
    expect(markdownBlock("Use `List<T>`.\n\n```ts\nconst a: Array<number> = [];\n```")).toBe("Use `List<T>`.\n\n```ts\nconst a: Array<number> = [];\n```");
  });

  it("shows control and bidi characters as escapes, code spans kept", () => {
    expect(sanitizeMarkdown("a\u0000b\u001bc\u007f\u202Ed `<T>`\n\tx")).toBe("a\\u{0}b\\u{1B}c\\u{7F}\\u{202E}d `<T>`\n\tx");
  });
});

describe("labels are plain text", () => {
  it("escapes table pipes, newlines, backticks and HTML in a label", () => {
    const cell = escapeText("a|b\nc `d` <b>e</b>\u0000");
    const md = table(["H"], [[cell]]);
    const html = renderHtml(md, true);
    expect(html.match(/<td>/g)).toHaveLength(1);
    expect(visibleHtmlText(html)).toContain("a|b c `d` <b>e</b>\\u{0}");
  });
});

describe("control characters reach no output raw", () => {
  const hostile = "x\u007f\u0085\u009f\u001b\u0000\u202Ey";
  it("openapi.yaml reads back in YAML 1.1 and 1.2 with the label intact", async () => {
    const outputs = await build({ endpoint: hostile, description: `d${hostile}` });
    const yaml = outputs.get("openapi.yaml")!;
    expect(yaml).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    for (const version of ["1.1", "1.2"] as const) {
      const doc = parseYaml(yaml, { version }) as { paths: Record<string, { get: { summary: string } }> };
      expect(doc.paths["/things/{id}"]!.get.summary).toBe(hostile);
    }
  });

  it("README.md and the SVGs show them as escapes", async () => {
    const outputs = await build({ component: hostile, overview: `o${hostile}` });
    const md = readme(outputs);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(md).toContain("o" + "x\\u{7F}\\u{85}\\u{9F}\\u{1B}\\u{0}\\u{202E}y");
    const svg = outputs.get("architecture.svg")!;
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(parseXml(svg)).toContain("x\\u{7F}\\u{85}\\u{9F}\\u{1B}\\u{0}\\u{202E}y");
  });
});

// ── every output parses, whatever the design's texts ──────────────────────

const CONTROLS = [..."\u0000\u0001\u0007\u0008\u000b\u000c\u000d\u001b\u001f\u007f\u0080\u0085\u009b\u009f"];
const BIDI = [..."\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"];
const MARKUP = [
  ..."<>&\"'`*_[]()!#|-+=.:;{}%@$~\\/ \t",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<!--",
  "-->",
  "<a href='javascript:alert(1)'>",
  "```",
  "~~~",
  "[x](javascript:alert(1))",
  "![i](data:text/html;base64,PHNjcmlwdD4=)",
  "[y](vbscript:x)",
  "[z](https://example.com)",
  "<https://example.com>",
  "[r]: javascript:alert(1)",
  "&colon;",
  "&#106;",
  "&lt;",
  "]]>",
  "<![CDATA[",
  "yes",
  "on",
  "null",
  "~",
  "- ",
  "? ",
  "&anchor ",
  "*alias",
  "!!str ",
  "%YAML",
  "---",
  "...",
  "0x1F",
  "1_000",
  "2024-01-01",
  "名前",
  "😀",
  "a",
  "Z",
];
const piece = fc.constantFrom(...CONTROLS, ...BIDI, ...MARKUP);
const label = fc.array(piece, { maxLength: 8 }).map((parts) => `L${parts.join("")}`);
const longText = fc.array(fc.oneof(piece, fc.constant("\n"), fc.constant("\n\n")), { maxLength: 24 }).map((parts) => parts.join(""));
const name = fc.constantFrom("Api", "on", "yes", "null", "NaN", "_", "__proto__", "constructor", "Error", "component", "status");
const texts: fc.Arbitrary<HostileTexts> = fc.record({
  title: label,
  component: label,
  connection: label,
  requirement: label,
  entity: label,
  endpoint: label,
  decision: label,
  overview: longText,
  description: longText,
  context: longText,
  name,
});

/** What a one-line label reads as in every output (docs/security.md): whitespace runs made one space, controls and bidi characters escaped. */
function shownLabel(text: string): string {
  return visible(text.replace(/\s+/g, " ").trim());
}

function h2Headings(html: string): string[] {
  return [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]!);
}

describe("property: every output of a hostile design parses and shows its labels as text", () => {
  it("README.md, the SVGs, openapi.yaml and model.json", async () => {
    const plainHeadings = h2Headings(renderHtml(readme(await build({})), true));
    expect(plainHeadings.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        const { outputs, errors } = await buildInMemory(hostileDesign(t));
        expect(errors).toEqual([]);

        const md = readme(outputs);
        expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
        assertSafeHtml(md);
        const html = renderHtml(md, true);
        // No long text swallowed a section: sysd's own headings are all still there, in order.
        const headings = h2Headings(html);
        let at = 0;
        for (const h of plainHeadings) {
          at = headings.indexOf(h, at);
          expect(at, `section ${h}`).toBeGreaterThanOrEqual(0);
        }
        const shown = visibleHtmlText(html);
        for (const text of [t.component, t.requirement, t.decision]) expect(shown).toContain(shownLabel(text));

        const svgs = [...outputs.entries()].filter(([file]) => file.endsWith(".svg"));
        expect(svgs.length).toBeGreaterThan(0);
        for (const [, svg] of svgs) parseXml(svg);
        const architecture = parseXml(outputs.get("architecture.svg")!);
        expect(architecture.replace(/\s+/g, "")).toContain(shownLabel(t.component).replace(/\s+/g, ""));

        const yaml = outputs.get("openapi.yaml")!;
        for (const version of ["1.1", "1.2"] as const) {
          const doc = parseYamlDocument(yaml, { version });
          expect(doc.errors.map((e) => e.message)).toEqual([]);
          const api = doc.toJS() as { paths: Record<string, { get: { summary: string } }> };
          expect(api.paths["/things/{id}"]!.get.summary).toBe(t.endpoint);
        }

        const model = JSON.parse(outputs.get("model.json")!) as { system: { title: string; components: { title: string }[] } };
        expect(model.system.title).toBe(t.title);
        expect(model.system.components.map((c) => c.title)).toContain(t.component);
      }),
      fuzzParams(12),
    );
  }, 30_000);
});

describe("property: a sanitized long text never scripts or swallows what follows", () => {
  const MD_PIECES = [
    ..."<>&\"'`*_[]()!#|-:/\\ \t\n",
    "```",
    "~~~",
    "    ",
    "> ",
    "- ",
    "1. ",
    "<!--",
    "<script>",
    "<a href=x onclick=y>",
    "<img src=x onerror=y>",
    "javascript:",
    "data:",
    "https://e.com",
    "&#106;",
    "&colon;",
    "](",
    "[x]: ",
    "| a | b |\n| --- | --- |\n",
    "\n\n",
    "- ```",
    "  ```",
    "> ```",
    "~~~~",
    "1. <b>",
  ];
  const markdownText = fc.array(fc.constantFrom(...MD_PIECES), { maxLength: 40 }).map((p) => p.join(""));
  it("rendered with raw HTML on, then the next section", () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        const md = `# Doc\n\n${markdownBlock(text)}\n\n## Next\n`;
        assertSafeHtml(md);
        expect(renderHtml(md, true)).toContain("<h2>Next</h2>");
      }),
      fuzzParams(300),
    );
  });
});
