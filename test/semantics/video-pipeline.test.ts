import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";

const root = path.resolve(import.meta.dirname, "../..");
const fixture = path.join(root, "test/fixtures/valid/video_pipeline.sysd");

describe("the video pipeline of the design template", () => {
  const result = check([fixture], { root, cwd: root, rules: {} });
  const system = result.model.systems[0]!;

  it("checks with no error and no warning", () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it("needs 5, 50 and 497 workers", () => {
    expect(system.components.find((c) => c.id === "Workers")!.instances).toEqual([5, 50, 497]);
  });

  it("costs $560/month, $3,260/month at 10x and $30,080/month at 100x", () => {
    expect(system.cost.totals.map((t) => t.text)).toEqual(["$560/month", "$3,260/month", "$30,080/month"]);
  });

  it("costs about $0.018 per upload and meets its cost target", () => {
    expect(system.cost.unitCosts).toEqual([{ demand: "uploads", cost: expect.objectContaining({ text: "$0.018" }) }]);
    expect(system.cost.unitCosts[0]!.cost.value).toBeCloseTo((560 / 730) * (24 / 1000), 10);
    const nfr4 = system.requirements.find((r) => r.id === "NFR4")!;
    expect(nfr4.target?.status).toBe("met");
  });

  it("lists a metric target as monitored by the alerts on its metric", () => {
    const nfr3 = system.requirements.find((r) => r.id === "NFR3")!;
    expect(nfr3.target).toMatchObject({ status: "monitored", metric: "processing_time" });
    expect(nfr3.target!.monitoredBy.length).toBeGreaterThan(0);
  });

  it("ticks every section of the checklist", () => {
    expect(system.checklist.filter((item) => !item.done)).toEqual([]);
  });
});
