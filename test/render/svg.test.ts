import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagram } from "../../src/layout/index.js";
import { renderDiagram, renderDiagrams } from "../../src/render/svg/index.js";
import { escapeXml, num } from "../../src/render/svg/writer.js";
import type { SystemModel } from "../../src/semantics/model.js";
import { expectGolden } from "../helpers/golden.js";
import { compileSystem, compileText } from "../helpers/compile.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/fixtures/valid");

const compile = (file: string): SystemModel => compileSystem(file, root);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-svg-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const compileSource = (source: string): SystemModel => compileText(source, scratch);

/**
 * A small well-formedness check: tags balance, attribute values are quoted
 * and escaped, text holds no raw `<` or stray `&`.
 */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  const token = /<[^>]*>|[^<]+/g;
  const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(svg))) {
    const t = m[0];
    if (!t.startsWith("<")) {
      expect(t.replace(entity, "").includes("&"), `stray & in ${JSON.stringify(t)}`).toBe(false);
      continue;
    }
    if (t.startsWith("<!--")) {
      // The generated-file note; a comment may not hold `--`.
      expect(t.endsWith("-->") && !t.slice(4, -3).includes("--"), `comment ${t.slice(0, 80)}`).toBe(true);
      continue;
    }
    if (t.startsWith("</")) {
      expect(stack.pop(), `closing ${t}`).toBe(t.slice(2, -1));
      continue;
    }
    const open = /^<([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(t);
    expect(open, `tag ${t.slice(0, 80)}`).not.toBeNull();
    expect(open![2]!.replace(entity, "").includes("&"), `stray & in ${t.slice(0, 80)}`).toBe(false);
    if (open![3] !== "/") stack.push(open![1]!);
  }
  expect(stack).toEqual([]);
}

const videoPipeline = compile(path.join(fixtures, "video_pipeline.sysd"));

describe("renderDiagrams", () => {
  it("names the architecture, one file per flow and the data model", async () => {
    const files = (await renderDiagrams(videoPipeline)).map((d) => d.file);
    expect(files).toEqual(["architecture.svg", "flow-upload.svg", "flow-processing.svg", "data-model.svg"]);
  });

  it.each(["video_pipeline", "boundaries", "views", "landscape"])("matches the golden SVGs of %s", async (name) => {
    const s = name === "video_pipeline" ? videoPipeline : compile(path.join(fixtures, `${name}.sysd`));
    for (const d of await renderDiagrams(s)) {
      expectGolden(path.join(fixtures, `${name}.${d.file}`), d.svg);
    }
  });

  it("gives the same bytes every time", async () => {
    const first = await renderDiagrams(videoPipeline);
    const second = await renderDiagrams(videoPipeline);
    expect(second).toEqual(first);
  });

  it("writes self-contained, well-formed SVG with a viewBox and one-decimal numbers", async () => {
    for (const d of await renderDiagrams(videoPipeline)) {
      expectWellFormed(d.svg);
      expect(d.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
      expect(d.svg).not.toMatch(/<script|<image|<foreignObject|href=|@import|url\((?!#)/i);
      expect(d.svg.match(/https?:\/\//g)).toEqual(["http://"]);
      const numbers = d.svg.match(/\d+\.\d+/g) ?? [];
      expect(numbers.filter((n) => !/^\d+\.\d$/.test(n) && !n.startsWith("0.9"))).toEqual([]);
      expect(d.svg).toContain("@media (prefers-color-scheme:dark)");
      expect(d.svg.endsWith("</svg>\n")).toBe(true);
    }
  });

  it("leaves out diagrams with nothing to draw", async () => {
    const s = compileSource(`system Empty "Empty" { overview "Nothing yet." }\n`);
    expect(await renderDiagrams(s)).toEqual([]);
  });

  it("escapes every text and keeps cut text whole in a title", async () => {
    const long = "A very long component name that cannot possibly fit on three lines of one node in any diagram at all";
    const s = compileSource(
      [
        `system Esc "Tags <b> & \\"quotes\\"" {`,
        `  component A "<script>alert('x')</script> & more" { technology "C++ <17> & \\"Boost\\"" }`,
        `  component B "${long}"`,
        `  A -> B "a < b & c > d"`,
        `}`,
        ``,
      ].join("\n"),
    );
    const [architecture] = await renderDiagrams(s);
    const svg = architecture!.svg;
    expectWellFormed(svg);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; more");
    expect(svg).toContain("C++ &lt;17&gt; &amp; &quot;Boost&quot;");
    expect(svg).toContain("a &lt; b &amp; c &gt; d");
    expect(svg).toContain(`<title>${long}</title>`);
    expect(svg).toContain("…");
  });
});

describe("writer", () => {
  it("formats numbers with at most one decimal", () => {
    expect(num(1)).toBe("1");
    expect(num(1.04)).toBe("1");
    expect(num(1.05)).toBe("1.1");
    expect(num(-0.01)).toBe("0");
    expect(num(123.456)).toBe("123.5");
    expect(num(Number.NaN)).toBe("0");
  });

  it("escapes markup, shows controls and bidi overrides as sysd escapes, drops what XML cannot hold", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u0007c\nd")).toBe("a\\u{0}b\\u{7}c d");
    expect(escapeXml("x\u202Ey\u0085z\uFFFE\uD800")).toBe("x\\u{202E}y\\u{85}z");
  });
});

describe("renderDiagram", () => {
  it("draws every shape", () => {
    const shapes = ["rectangle", "rounded", "cylinder", "queue", "hexagon", "person", "cloud", "dashed", "document"] as const;
    const diagram: Diagram = {
      kind: "architecture",
      name: "shapes",
      title: "Shapes",
      width: 200 * shapes.length,
      height: 120,
      containers: [],
      tables: [],
      edges: [],
      nodes: shapes.map((shape, i) => ({
        id: `shapes-node-${shape}`,
        ref: shape,
        shape,
        category: "service",
        box: { x: 200 * i + 20, y: 20, width: 160, height: 80 },
        texts: [],
        rules: [],
        tooltip: shape,
      })),
    };
    const svg = renderDiagram(diagram);
    expectWellFormed(svg);
    for (const shape of shapes) expect(svg).toContain(`shape-${shape}`);
  });
});

// ── in a browser ───────────────────────────────────────────────────────

const CHROMIUM = process.env["SYSD_CHROMIUM"] ?? "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);

describe.skipIf(!haveChromium)("in Chromium", () => {
  /**
   * Loads each diagram and checks that every text drawn in a node, a table
   * row or an edge label stays inside its box: with the fonts the machine
   * has for the SVG's font stack, and again with DejaVu Sans (the widest
   * common fallback) forced.
   */
  it("keeps every text inside its box, also in a wider fallback font", async () => {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const diagrams = [
        ...(await renderDiagrams(videoPipeline)),
        ...(await renderDiagrams(compile(path.join(root, "examples/url-shortener/shortener.sysd")))),
      ];
      for (const d of diagrams) {
        for (const font of ["", `"DejaVu Sans"`]) {
          let svg = d.svg;
          if (font !== "") svg = svg.replace("</style>", `text{font-family:${font} !important}\n</style>`);
          await page.setContent(svg);
          const problems = await page.evaluate(() => {
            const out: string[] = [];
            const box = (e: Element) => (e as SVGGraphicsElement).getBBox();
            const check = (container: Element, frame: DOMRect, what: string) => {
              for (const t of container.querySelectorAll("text")) {
                const b = box(t);
                if (b.x < frame.x - 1 || b.x + b.width > frame.x + frame.width + 1) out.push(`${what}: "${t.textContent}" ${b.x.toFixed(1)}+${b.width.toFixed(1)} outside ${frame.x.toFixed(1)}+${frame.width.toFixed(1)}`);
              }
            };
            for (const g of document.querySelectorAll("g.node")) {
              const outline = g.querySelector(".outline:not(circle)") ?? g.querySelector(".outline");
              if (outline) check(g, box(outline), g.id);
            }
            for (const g of document.querySelectorAll("g.edge-label")) {
              const rect = g.querySelector("rect");
              if (rect) check(g, box(rect), g.getAttribute("data-edge") ?? "label");
            }
            for (const g of document.querySelectorAll("g.table")) {
              const frame = g.querySelector(".frame");
              if (frame) check(g, box(frame), g.id);
            }
            return out;
          });
          expect(problems, `${d.file} ${font || "default fonts"}`).toEqual([]);
        }
      }
    } finally {
      await browser.close();
    }
  });
});
