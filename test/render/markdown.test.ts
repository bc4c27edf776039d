import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeText, renderMarkdown, SECTION_TITLES, type MarkdownOptions } from "../../src/render/markdown/index.js";
import { code, table } from "../../src/render/markdown/text.js";
import type { Figure, SystemModel } from "../../src/semantics/model.js";
import { expectGolden } from "../helpers/golden.js";
import { compileSystem, compileText } from "../helpers/compile.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/fixtures/valid");

const compile = (file: string): SystemModel => compileSystem(file, root);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-markdown-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const compileSource = (source: string): SystemModel => compileText(source, scratch);

/** The options `renderSystem` passes when every diagram was drawn. */
function allDiagrams(system: SystemModel): MarkdownOptions {
  return {
    diagrams: {
      architecture: "architecture.svg",
      flows: Object.fromEntries(system.flows.map((f) => [f.id, `flow-${f.id}.svg`])),
      dataModel: "data-model.svg",
    },
    hasOpenApi: system.apis.length > 0 || system.webhooks.length > 0,
  };
}

// ── reading the document back ──────────────────────────────────────────

/** `## Title` → the text up to the next `## `. */
function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^## (.*)$/.exec(line);
    if (m) {
      if (current !== undefined) result.set(current, lines.join("\n"));
      current = m[1]!;
      lines = [];
    } else if (current !== undefined) lines.push(line);
  }
  if (current !== undefined) result.set(current, lines.join("\n"));
  return result;
}

function section(markdown: string, title: string): string {
  const text = sections(markdown).get(title);
  expect(text, `section ${title}`).toBeDefined();
  return text!;
}

/** `### Title` subsections of a section's text. */
function subsection(text: string, title: string): string {
  const parts = text.split(/^### /m);
  const found = parts.find((p) => p.startsWith(`${title}\n`));
  expect(found, `subsection ${title}`).toBeDefined();
  return found!;
}

/** Cells of a table row, split on `|` that are not escaped (as GitHub does), unescaping `\|`. */
function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, "").replace(/\|$/, "");
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "\\" && inner[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (c === "|") {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

/** The first table in `text` whose header row starts with `firstHeader`: header cells and body rows. */
function tableAfter(text: string, firstHeader: string): { header: string[]; rows: string[][] } {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|") && cells(l)[0] === firstHeader);
  expect(start, `table starting with ${firstHeader}`).toBeGreaterThanOrEqual(0);
  const header = cells(lines[start]!);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith("|"); i++) rows.push(cells(lines[i]!));
  for (const row of rows) expect(row.length, `row ${row.join(" | ")}`).toBe(header.length);
  return { header, rows };
}

function row(t: { rows: string[][] }, first: string): string[] {
  const found = t.rows.find((r) => r[0] === first);
  expect(found, `row ${first}`).toBeDefined();
  return found!;
}

const tierLabels = (system: SystemModel): string[] => system.scaling.tiers.map((t) => `${t}x`);

// ── the designs ────────────────────────────────────────────────────────

const videoPipeline = compile(path.join(fixtures, "video_pipeline.sysd"));
const shortener = compile(path.join(root, "examples/url-shortener/shortener.sysd"));
const designs: [string, SystemModel][] = [
  ["video_pipeline", videoPipeline],
  ["shortener", shortener],
];
const rendered = new Map(designs.map(([name, system]) => [name, renderMarkdown(system, allDiagrams(system))]));
const videoMd = rendered.get("video_pipeline")!;

describe("README.md of the designs", () => {
  for (const [name] of designs) {
    it(`matches the golden file for ${name}`, () => {
      expectGolden(path.join(fixtures, `${name}.md`), rendered.get(name)!);
    });

    it(`is clean text for ${name}: LF line ends, no trailing spaces, one final line break`, () => {
      const md = rendered.get(name)!;
      expect(md).not.toContain("\r");
      expect(md.split("\n").filter((l) => /[ \t]$/.test(l))).toEqual([]);
      expect(md.endsWith("\n")).toBe(true);
      expect(md.endsWith("\n\n")).toBe(false);
      expect(md).not.toMatch(/\n\n\n/);
    });
  }

  it("is deterministic", () => {
    expect(renderMarkdown(videoPipeline, allDiagrams(videoPipeline))).toBe(videoMd);
    const copy = JSON.parse(JSON.stringify(videoPipeline)) as SystemModel;
    expect(renderMarkdown(copy, allDiagrams(copy))).toBe(videoMd);
  });

  it("has every section of the design template, in order", () => {
    expect(videoMd.startsWith("<!-- ")).toBe(true);
    expect(videoMd).toMatch(/^# System Design: Video Processing Pipeline$/m);
    const titles = [...videoMd.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([...SECTION_TITLES]);
    // The template's own sections and subsections.
    for (const title of [
      "Overview",
      "Requirements",
      "High-Level Architecture",
      "Components",
      "Data Flow",
      "Data Model",
      "API Contract",
      "Scaling Considerations",
      "Failure Modes",
      "Cost Estimate",
      "Security",
      "Monitoring",
      "Open Questions",
    ]) {
      expect(section(videoMd, title).trim(), title).not.toBe("");
      // Not the line an empty section holds.
      expect(section(videoMd, title).trim(), title).not.toMatch(/^_No .*\._$/);
    }
    subsection(section(videoMd, "Requirements"), "Functional");
    subsection(section(videoMd, "Requirements"), "Non-Functional");
    subsection(section(videoMd, "API Contract"), "Webhooks");
    subsection(section(videoMd, "Scaling Considerations"), "10x");
    subsection(section(videoMd, "Scaling Considerations"), "100x");
    expect(section(videoMd, "Data Model")).toContain("```typescript\n");
    expect(section(videoMd, "Data Model")).toContain("interface Upload {");
  });

  it("shows the template's figures: 5, 50 and 497 workers, $560/month, $30,080/month, $0.018 per upload", () => {
    const scaling = section(videoMd, "Scaling Considerations");
    const instances = tableAfter(scaling, "Component");
    expect(row(instances, "Processor Workers").slice(-3)).toEqual(["5", "50", "497"]);
    const cost = section(videoMd, "Cost Estimate");
    expect(row(tableAfter(cost, "Item"), "**Total**").slice(-3)).toEqual(["**$560/month**", "**$3,260/month**", "**$30,080/month**"]);
    expect(cost).toContain("≈ $0.018 per upload");
    expect(subsection(section(videoMd, "Components"), "5. Processor Workers")).toContain("Instances: 5 at 1x, 50 at 10x and 497 at 100x");
    for (const text of ["$560/month", "$30,080/month", "$0.018"]) expect(videoMd).toContain(text);
  });

  it("writes the flows as numbered steps with titles, and inner steps without an arrow", () => {
    const flows = section(videoMd, "Data Flow");
    expect(flows).toContain("![Upload Flow](flow-upload.svg)");
    expect(flows).toContain("1. Client → API Gateway: Request upload URL");
    expect(flows).toContain("3. Upload Service: Generate pre-signed S3 URL");
    expect(flows).toContain("3. Processor Workers: Transcode and thumbnail");
  });

  it("writes the data model as TypeScript with declared enum types", () => {
    const model = section(videoMd, "Data Model");
    expect(model).toContain("type UploadStatus = 'pending' | 'processing' | 'complete' | 'failed';");
    expect(model).toContain("  status: UploadStatus;");
    expect(model).toContain("  processed_at?: Date;");
    expect(model).toContain("  size: number; // bytes");
    expect(model).toContain("  upload: Upload['id']; // fk → Upload");
  });

  it("lists each non-functional target with its status", () => {
    const nfr = tableAfter(subsection(section(videoMd, "Requirements"), "Non-Functional"), "ID");
    expect(row(nfr, "`NFR1`")[4]).toBe("✅ met");
    expect(row(nfr, "`NFR2`")[4]).toBe("— not computed");
    expect(row(nfr, "`NFR3`")[4]).toBe("👁 monitored by `processing_time.p95 > 10min`, `slow_p95`");
    expect(row(nfr, "`NFR4`")).toEqual(["`NFR4`", "Cost: \\<\\$0.50 per video", "`cost.total / uploads <= $0.50`", "$0.018", "✅ met"]);
  });

  it("mentions openapi.yaml only when it is written", () => {
    expect(section(videoMd, "API Contract")).toContain("(openapi.yaml)");
    const without = renderMarkdown(videoPipeline, { ...allDiagrams(videoPipeline), hasOpenApi: false });
    expect(section(without, "API Contract")).not.toContain("openapi.yaml");
  });

  it("shows no image for a diagram that was not drawn", () => {
    const md = renderMarkdown(videoPipeline, { diagrams: { flows: {} }, hasOpenApi: false });
    expect(md).not.toContain("![");
    expect(md).not.toContain(".svg");
  });
});

// ── every computed figure is the model's ───────────────────────────────

describe("every computed figure in the document is the model's", () => {
  for (const [name, system] of designs) {
    describe(name, () => {
      const md = rendered.get(name)!;
      const tiers = tierLabels(system);

      it("non-functional targets: the computed column is the target's computed figure", () => {
        const nfr = tableAfter(subsection(section(md, "Requirements"), "Non-Functional"), "ID");
        for (const r of system.requirements.filter((x) => x.kind === "nonfunctional")) {
          const computed: Figure | undefined = r.target?.computed;
          expect(row(nfr, code(r.id))[3], r.id).toBe(computed ? computed.text : "—");
        }
      });

      it("demands per tier", () => {
        const scaling = section(md, "Scaling Considerations");
        const demands = tableAfter(scaling, "Demand");
        expect(demands.header.slice(-tiers.length)).toEqual(tiers);
        for (const d of system.scaling.demands) {
          const cellsOfDemand = row(demands, code(d.id)).slice(-tiers.length);
          expect(cellsOfDemand).toEqual(system.scaling.table.map((t) => t.demands.find((x) => x.id === d.id)!.rate.text));
        }
        system.scaling.table.forEach((t, i) => {
          const tierText = subsection(scaling, tiers[i]!);
          for (const d of t.demands) expect(tierText).toContain(`${code(d.id)} ${d.rate.text}`);
        });
      });

      it("instances per component and tier", () => {
        const scaling = section(md, "Scaling Considerations");
        const instances = tableAfter(scaling, "Component");
        expect(instances.header.slice(-tiers.length)).toEqual(tiers);
        const scaled = system.components.filter((c) => c.instances !== undefined);
        expect(instances.rows.length).toBe(scaled.length);
        for (const c of scaled) {
          const r = row(instances, escapeText(c.title));
          expect(r.slice(-tiers.length)).toEqual(c.instances!.map(String));
          expect(r.slice(-tiers.length)).toEqual(system.scaling.table.map((t) => String(t.instances.find((i) => i.component === c.id)!.count)));
          expect(r[2]).toBe(c.capacity!.text);
          system.scaling.table.forEach((t, i) => {
            expect(subsection(scaling, tiers[i]!)).toContain(`${escapeText(c.title)} ${c.instances![i]}`);
          });
        }
      });

      it("cost items per tier, totals, budget and unit costs", () => {
        const cost = section(md, "Cost Estimate");
        const t = tableAfter(cost, "Item");
        expect(t.header.slice(-tiers.length)).toEqual(tiers);
        expect(t.rows.length).toBe(system.cost.items.length + 1);
        system.cost.items.forEach((item, i) => {
          expect(t.rows[i]![0]).toBe(escapeText(item.label));
          expect(t.rows[i]![1]).toBe(code(item.text));
          expect(t.rows[i]!.slice(-tiers.length)).toEqual(item.perTier.map((f) => f.text));
        });
        expect(t.rows[t.rows.length - 1]!.slice(-tiers.length)).toEqual(system.cost.totals.map((f) => `**${f.text}**`));
        if (system.cost.budget) expect(cost).toContain(`**Budget:** ${system.cost.budget.text}`);
        for (const u of system.cost.unitCosts) expect(cost).toContain(`≈ ${u.cost.text} per `);
        const scaling = section(md, "Scaling Considerations");
        system.cost.totals.forEach((total, i) => expect(subsection(scaling, tiers[i]!)).toContain(`Monthly cost: ${total.text}`));
      });

      it("capacities and alert durations", () => {
        const components = section(md, "Components");
        for (const c of system.components) if (c.capacity) expect(components).toContain(`Capacity: ${c.capacity.text} per instance`);
        const alerts = tableAfter(subsection(section(md, "Monitoring"), "Alerts"), "ID");
        system.monitoring.alerts.forEach((a, i) => expect(alerts.rows[i]![4]).toBe(a.duration ? a.duration.text : "—"));
      });
    });
  }
});

// ── escaping ───────────────────────────────────────────────────────────

describe("escapeText", () => {
  it.each([
    ["plain words", "plain words"],
    ["a *b* c", "a \\*b\\* c"],
    ["user_id stays, _leading", "user_id stays, \\_leading"],
    ["`code`", "\\`code\\`"],
    ["<script>", "\\<script>"],
    ["[link](x)", "\\[link\\](x)"],
    ["# heading", "\\# heading"],
    ["C# and F#", "C# and F#"],
    ["Issue #12", "Issue \\#12"],
    ["> quote", "\\> quote"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["1. first", "1\\. first"],
    ["3) third", "3\\) third"],
    ["1.5 GB", "1.5 GB"],
    ["costs $5/$10", "costs \\$5/\\$10"],
    ["~~gone~~", "\\~\\~gone\\~\\~"],
    ["a\\b", "a\\\\b"],
    ["&amp; & more", "\\&amp; & more"],
    ["two\nlines  and   spaces", "two lines and spaces"],
    ["a | b", "a | b"],
  ])("%j → %j", (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("keeps a table whole when a cell holds `|` and `*`, also inside code spans", () => {
    const t = table(["A", "B"], [[escapeText("x | *y*"), code("a | b")]]);
    expect(t.split("\n")[2]).toBe("| x \\| \\*y\\* | `a \\| b` |");
    expect(cells(t.split("\n")[2]!)).toEqual(["x | \\*y\\*", "`a | b`"]);
  });

  it("makes code spans that hold backticks", () => {
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
  });

  it("does not let titles with `|` and `*` break the document's tables", () => {
    const system = compileSource(`
system Tricky "A *bold* | title" {
  requirements {
    functional { FR1 "Pipes | and *stars* and _under_" }
    nonfunctional { NFR1 "Cost | check" target cost.total <= $100/month }
  }
  component A "Alpha | One" { handles hits; capacity 10/s }
  component B "B*e*ta" : database
  A -> B "reads | writes"
  flow f "Flow | one" {
    satisfies FR1
    A -> B "step | with *stars*"
  }
  scaling { demand hits 20/s "Hits | per second" }
  cost { item "Item | one *x*" $10/month * A.instances }
  security { control "Control | one" on A }
  monitoring {
    metric m "Metric | one"
    alert m > 5 "Too | many" severity page
  }
}
`);
    const md = renderMarkdown(system, allDiagrams(system));
    expect(md).toMatch(/^# System Design: A \\\*bold\\\* \| title$/m);
    const functional = tableAfter(subsection(section(md, "Requirements"), "Functional"), "ID");
    expect(row(functional, "`FR1`")).toEqual(["`FR1`", "Pipes | and \\*stars\\* and \\_under\\_", "Flow | one"]);
    const traceability = tableAfter(subsection(section(md, "Requirements"), "Traceability"), "Requirement");
    expect(traceability.header).toEqual(["Requirement", "Flow | one"]);
    const connections = tableAfter(section(md, "High-Level Architecture"), "From");
    expect(connections.rows).toEqual([["Alpha | One", "B\\*e\\*ta", "reads | writes"]]);
    const cost = tableAfter(section(md, "Cost Estimate"), "Item");
    expect(cost.rows[0]!.slice(0, 2)).toEqual(["Item | one \\*x\\*", "`$10/month * A.instances`"]);
    const instances = tableAfter(section(md, "Scaling Considerations"), "Component");
    expect(row(instances, "Alpha | One").slice(-3)).toEqual(system.components[0]!.instances!.map(String));
    expect(tableAfter(section(md, "Security"), "Control").rows).toEqual([["Control | one", "Alpha | One"]]);
    expect(tableAfter(subsection(section(md, "Monitoring"), "Alerts"), "ID").rows[0]![2]).toBe("Too | many");
    expect(section(md, "Data Flow")).toContain("1. Alpha | One → B\\*e\\*ta: step | with \\*stars\\*");
    expect(section(md, "Components")).toMatch(/^### 2\. B\\\*e\\\*ta$/m);
  });

  it("passes markdown texts through", () => {
    const system = compileSource(`
system Md "Markdown" {
  overview """
    Some **bold** and a [link](https://example.com).

    - a list
  """
  component A { description "A *described* component" }
  decision D1 "Pick" {
    context "Because of *this*"
    consequences """
      First line.
      Second line.
    """
  }
}
`);
    const md = renderMarkdown(system, allDiagrams(system));
    expect(section(md, "Overview")).toContain("Some **bold** and a [link](https://example.com).\n\n- a list");
    expect(section(md, "Components")).toContain("A *described* component");
    expect(section(md, "Decisions")).toContain("**Context:** Because of *this*");
    expect(section(md, "Decisions")).toContain("**Consequences:**\n\nFirst line.\nSecond line.");
  });
});

// ── an empty system ────────────────────────────────────────────────────

describe("an empty system", () => {
  const system = compileSource(`system Empty "Empty" {}\n`);
  const md = renderMarkdown(system, { diagrams: { flows: {} }, hasOpenApi: false });

  it("renders every section, each saying that it has nothing", () => {
    const all = sections(md);
    expect([...all.keys()]).toEqual([...SECTION_TITLES]);
    for (const title of SECTION_TITLES) {
      if (title === "Output Checklist") continue;
      const body = all.get(title)!.trim();
      expect(body, title).toMatch(/^_No .*\._$/);
    }
  });

  it("leaves every item of the checklist unticked", () => {
    const checklist = section(md, "Output Checklist");
    expect(system.checklist.length).toBeGreaterThan(0);
    expect(checklist).not.toContain("- [x]");
    expect(checklist.match(/^- \[ \] /gm)?.length).toBe(system.checklist.length);
  });

  it("is clean text", () => {
    expect(md.split("\n").filter((l) => /[ \t]$/.test(l))).toEqual([]);
    expect(md.endsWith("\n")).toBe(true);
    expect(md).not.toMatch(/\n\n\n/);
  });
});

describe("views and the landscape in the architecture section", () => {
  it("shows each view under its title, with its description and diagram, and says when it holds nothing", () => {
    const system = compile(path.join(fixtures, "views.sysd"));
    const md = renderMarkdown(system, {
      diagrams: { architecture: "architecture.svg", flows: {}, views: { payments: "view-payments.svg", overview: "view-overview.svg" } },
      hasOpenApi: false,
    });
    const architecture = sections(md).get("High-Level Architecture")!;
    expect(architecture).toContain("### View: Payments\n\nEverything that touches card data, and the queues around it.\n\n![Payments](view-payments.svg)");
    expect(architecture).toContain("![Overview](view-overview.svg)\n\nDrawn as one box each: Core services, Billing.");
    // No file for it here: the heading stays, without an image.
    expect(architecture).toContain("### View: Around the order service");
    expect(architecture).not.toContain("view-around_orders.svg");
    const empty = compileSource('system S { component A; component B; A -> B\n view none "None" { include tag "x" } }');
    expect(sections(renderMarkdown(empty, { diagrams: { flows: {} }, hasOpenApi: false })).get("High-Level Architecture")).toContain(
      "### View: None\n\n_The view selects no component._",
    );
  });

  it("explains the landscape and shows each top-level boundary's diagram", () => {
    const system = compile(path.join(fixtures, "landscape.sysd"));
    const boundaries = Object.fromEntries(system.boundaries.filter((b) => b.parent === undefined).map((b) => [b.id, `boundary-${b.id}.svg`]));
    const md = renderMarkdown(system, { diagrams: { architecture: "architecture.svg", flows: {}, boundaries }, hasOpenApi: false });
    const architecture = sections(md).get("High-Level Architecture")!;
    expect(architecture).toContain("The design has 34 components, more than fit one readable diagram");
    expect(architecture).toContain("### Payments\n\n![Payments](boundary-money.svg)");
    expect(architecture.indexOf("boundary-edge.svg")).toBeLessThan(architecture.indexOf("boundary-insight.svg"));
  });
});
