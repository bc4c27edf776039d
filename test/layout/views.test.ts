/**
 * Views and the landscape (spec §3.14, §3.15): which boxes and lines each
 * diagram holds. The pictures themselves are golden files
 * (test/fixtures/valid/views.*.svg, landscape.*.svg) and are checked in a
 * browser by test/browser/diagrams.test.ts.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildParts } from "../../src/layout/collapse.js";
import { isLandscape, LANDSCAPE_LIMIT, layoutBoundary, layoutLandscape, layoutView } from "../../src/layout/index.js";
import { renderDiagrams } from "../../src/render/svg/index.js";
import { compileSystem } from "../helpers/compile.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixtures = path.join(root, "test/fixtures/valid");
const views = compileSystem(path.join(fixtures, "views.sysd"), root);
const landscape = compileSystem(path.join(fixtures, "landscape.sysd"), root);
const viewOf = (id: string) => views.views.find((v) => v.id === id)!;

describe("views", () => {
  it("hold what their selectors pick, exclusions last", () => {
    expect(viewOf("payments").components).toEqual(["Orders", "Payments", "Invoices", "Events"]);
    expect(viewOf("around_orders").components).toEqual(["Gateway", "Orders", "Payments", "Events"]);
    expect(viewOf("overview").components).toHaveLength(views.components.length);
    expect(viewOf("overview").collapsed).toEqual(["core", "billing"]);
  });

  it("draw the connections whose two ends they hold, inside the boundaries of what they hold", async () => {
    const diagram = await layoutView(views, viewOf("payments"));
    expect(diagram.name).toBe("view-payments");
    expect(diagram.nodes.map((n) => n.ref).sort()).toEqual(["Events", "Invoices", "Orders", "Payments"]);
    expect(diagram.containers.map((c) => c.ref)).toEqual(["core", "billing"]);
    expect(diagram.edges.map((e) => `${e.from}>${e.to}`)).toEqual(["Orders>Payments", "Orders>Events", "Events>Invoices"]);
  });

  it("collapse a boundary into one box with its count, and merge the lines into it", async () => {
    const diagram = await layoutView(views, viewOf("overview"));
    const core = diagram.nodes.find((n) => n.ref === "core")!;
    expect(core.category).toBe("boundary");
    expect(core.texts.flatMap((t) => t.lines.map((l) => l.text))).toEqual(["Core services", "3 components"]);
    expect(diagram.containers).toEqual([]);
    const gatewayToCore = diagram.edges.filter((e) => e.from === "Gateway" && e.to === "core");
    expect(gatewayToCore).toHaveLength(1);
    expect(gatewayToCore[0]!.label?.texts[0]?.lines[0]?.text).toBe("2 connections");
    // Orders -> Payments between two collapsed boxes keeps its own label.
    expect(diagram.edges.find((e) => e.from === "core" && e.to === "billing")?.label?.texts[0]?.lines[0]?.text).toBe("charges");
  });

  it("are written as view-<id>.svg after the architecture", async () => {
    const files = (await renderDiagrams(views)).map((d) => d.file);
    expect(files).toEqual(["architecture.svg", "view-payments.svg", "view-around_orders.svg", "view-overview.svg"]);
  });
});

describe("the landscape", () => {
  it("starts above the documented limit, and only with boundaries to fold", () => {
    expect(LANDSCAPE_LIMIT).toBeGreaterThanOrEqual(25);
    expect(landscape.components.length).toBeGreaterThan(LANDSCAPE_LIMIT);
    expect(isLandscape(landscape)).toBe(true);
    expect(isLandscape(views)).toBe(false);
    expect(isLandscape({ ...landscape, boundaries: [], components: landscape.components.map(({ boundary: _, ...c }) => c) })).toBe(false);
  });

  it("draws each top-level boundary as one box with its member count", async () => {
    const diagram = await layoutLandscape(landscape);
    const boxes = diagram.nodes.filter((n) => n.category === "boundary");
    expect(boxes.map((n) => n.ref)).toEqual(["edge", "catalog", "ordering", "money", "comms", "insight"]);
    const count = (ref: string) => boxes.find((n) => n.ref === ref)!.texts[1]!.lines[0]!.text;
    expect(count("catalog")).toBe("6 components");
    expect(count("money")).toBe("5 components");
    // One line per pair of boxes: no two edges join the same two boxes.
    const pairs = diagram.edges.map((e) => `${e.from}>${e.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const bff = diagram.edges.find((e) => e.from === "edge" && e.to === "ordering")!;
    expect(bff.label?.texts[0]?.lines[0]?.text).toBe("2 connections");
  });

  it("gives every top-level boundary its own diagram, with outside neighbours as dashed stubs", async () => {
    const files = (await renderDiagrams(landscape)).map((d) => d.file);
    expect(files).toEqual(["architecture.svg", ...["edge", "catalog", "ordering", "money", "comms", "insight"].map((b) => `boundary-${b}.svg`)]);
    const diagram = await layoutBoundary(landscape, "money");
    const stubs = diagram.nodes.filter((n) => n.category === "external").map((n) => n.ref).sort();
    expect(stubs).toEqual(["Bff", "Orders", "Stripe"]);
    expect(diagram.nodes.find((n) => n.ref === "Orders")!.texts[1]!.lines[0]!.text).toBe("in Ordering");
    expect(diagram.containers.map((c) => c.ref)).toEqual(["money"]);
    // Connections among outside components are not drawn.
    expect(diagram.edges.every((e) => ["Payments", "Ledger", "Payouts", "Fraud", "Refunds"].some((m) => e.from === m || e.to === m))).toBe(true);
  });

  it("draws nothing of a part that holds nothing", () => {
    const parts = buildParts(landscape, { held: new Set(), collapsed: new Set(["edge"]) });
    expect(parts).toEqual({ nodes: [], containers: [], edges: [] });
  });
});
