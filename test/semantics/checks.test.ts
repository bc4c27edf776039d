/**
 * One `_fires` and one `_near_miss` fixture (or several) per check of spec §4,
 * in test/fixtures/checks:
 *
 * - `<CODE>_fires[_what].sysd` makes only `<CODE>` fire; each diagnostic is
 *   asserted at its line, column and the exact text it covers (the table
 *   below), every span is valid, and the `--format json` output equals the
 *   golden `<name>.diagnostics.json` (paths relative to the fixtures folder).
 * - `<CODE>_near_miss[_what].sysd` is one step from firing and checks clean.
 *
 * Then: `sysd.json` rules, `lint` blocks, errors that cannot be turned off,
 * did-you-mean suggestions, and the model's figures (instances, cost).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatJson, type Diagnostic } from "../../src/diagnostics/index.js";
import { check } from "../../src/index.js";
import { expectGolden } from "../helpers/golden.js";
import { assertValidDiagnostic } from "../helpers/spans.js";

const dir = path.resolve(import.meta.dirname, "../fixtures/checks");

const CODES = [
  "E101", "E102", "E200", "E201", "E202", "E203", "E204", "E206", "E207", "E210", "E221", "E230", "E231",
  "W300", "W301", "W302", "W303", "W304", "W305", "W306", "W307", "W308", "W309", "W310", "W311",
] as const;

const NAME = /^([EW]\d{3})_(fires|near_miss)(?:_[a-z0-9_]+)?\.sysd$/;

/** Checks fixture files with the fixtures folder as root and working folder, and no project rules. */
function checkFiles(files: string[], rules: Record<string, "off" | "info" | "warning" | "error"> = {}) {
  return check(
    files.map((f) => path.join(dir, f)),
    { root: dir, cwd: dir, rules },
  );
}

function textOf(file: string): string {
  return fs.readFileSync(path.join(dir, file), "utf8");
}

/** The source text a diagnostic's span covers. */
function covered(d: { span: Diagnostic["span"] }): string {
  return textOf(d.span.file).slice(d.span.offset, d.span.endOffset);
}

const fixtures = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".sysd"))
  .sort();

/**
 * Where each `_fires` fixture's diagnostics must be: [fixture, code, line,
 * column, text covered]. The text is "the narrowest text" of spec §4: the
 * name for unknown names and duplicates, the `target` keyword for E230/W306,
 * `budget` for E231, the system's name for W300/W301, the component's name
 * for W302/W304, the message for W303, the requirement for W305, the key for
 * W307, the entity's name for W308, the code or the whole entry for W309,
 * the upper bound for W310.
 */
const EXPECTED: [fixture: string, code: string, line: number, column: number, text: string][] = [
  ["E101_fires_missing", "E101", 2, 8, '"./lib/missing.sysd"'],
  ["E101_fires_outside", "E101", 2, 8, '"../valid/platform.sysd"'],
  ["E101_fires_std", "E101", 2, 8, '"std/amazon"'],
  ["E102_fires_closed_sets", "E102", 4, 10, "drfat"],
  ["E102_fires_closed_sets", "E102", 8, 14, "hgih"],
  ["E102_fires_closed_sets", "E102", 12, 32, "pgae"],
  ["E102_fires_closed_sets", "E102", 13, 33, "urgent"],
  ["E102_fires_closed_sets", "E102", 15, 39, "acepted"],
  ["E102_fires_keywords", "E102", 3, 1, "sytem"],
  ["E102_fires_keywords", "E102", 5, 3, "componnet"],
  ["E102_fires_keywords", "E102", 10, 5, "entiti"],
  ["E102_fires_keywords", "E102", 13, 5, "demnad"],
  ["E102_fires_keywords", "E102", 16, 5, "itme"],
  ["E102_fires_keywords", "E102", 19, 5, "metrc"],
  ["E102_fires_keywords", "E102", 20, 5, "alrt"],
  ["E102_fires_keywords", "E102", 25, 7, "respone"],
  ["E200_fires_component", "E200", 6, 13, "Api"],
  ["E200_fires_component", "E200", 7, 12, "Web"],
  ["E200_fires_endpoint", "E200", 11, 5, "GET /orders/{id}"],
  ["E200_fires_names", "E200", 3, 6, "Broker"],
  ["E200_fires_names", "E200", 12, 7, "FR1"],
  ["E200_fires_names", "E200", 22, 8, "checkout"],
  ["E200_fires_names", "E200", 26, 33, "open"],
  ["E200_fires_names", "E200", 29, 7, "id"],
  ["E200_fires_names", "E200", 31, 12, "Status"],
  ["E200_fires_names", "E200", 34, 7, "Orders"],
  ["E200_fires_names", "E200", 36, 11, "placed"],
  ["E200_fires_names", "E200", 39, 12, "orders"],
  ["E200_fires_names", "E200", 42, 11, "api_down"],
  ["E200_fires_names", "E200", 45, 12, "latency"],
  ["E200_fires_names", "E200", 47, 11, "slow"],
  ["E200_fires_names", "E200", 50, 12, "D1"],
  ["E200_fires_names", "E200", 53, 8, "Shop"],
  ["E201_fires_connection", "E201", 6, 3, "Gatway"],
  ["E201_fires_connection", "E201", 7, 14, "Billing"],
  ["E201_fires_references", "E201", 12, 16, "Order"],
  ["E201_fires_view", "E201", 11, 18, "Wbe"],
  ["E201_fires_view", "E201", 11, 32, "clod"],
  ["E201_fires_view", "E201", 12, 22, "Web"],
  ["E201_fires_view", "E201", 13, 11, "Apii"],
  ["E201_fires_view", "E201", 14, 14, "cloudd"],
  ["E201_fires_references", "E201", 13, 5, "Ordrs"],
  ["E201_fires_references", "E201", 15, 42, "OrderService"],
  ["E201_fires_references", "E201", 16, 40, "Ordrs"],
  ["E201_fires_references", "E201", 17, 43, "Ordres"],
  ["E201_fires_references", "E201", 18, 42, "Gatewy"],
  ["E201_fires_references", "E201", 20, 41, "Ordr"],
  ["E201_fires_references", "E201", 23, 37, "Odrers"],
  ["E202_fires", "E202", 5, 38, "Ordr"],
  ["E202_fires", "E202", 10, 17, "Custmer"],
  ["E202_fires", "E202", 11, 13, "strng"],
  ["E202_fires", "E202", 12, 14, "money"],
  ["E202_fires", "E202", 13, 14, "OrderLin"],
  ["E202_fires", "E202", 21, 51, "Sku"],
  ["E202_fires", "E202", 22, 20, "Ordr"],
  ["E202_fires", "E202", 27, 35, "timestamp"],
  ["E203_fires", "E203", 5, 24, "queu"],
  ["E203_fires", "E203", 7, 13, "Ping"],
  ["E203_fires", "E203", 11, 25, "servce"],
  ["E203_fires", "E203", 12, 29, "databse"],
  ["E203_fires", "E203", 13, 29, "aws.S4"],
  ["E203_fires", "E203", 14, 27, "gcp.PubSub"],
  ["E203_fires_view", "E203", 9, 34, "queu"],
  ["E203_fires_view", "E203", 9, 45, "aws.SQS"],
  ["E204_fires_demand", "E204", 6, 43, "order"],
  ["E204_fires_demand", "E204", 11, 13, "odrers"],
  ["E204_fires_metric", "E204", 6, 32, "eror_rate"],
  ["E204_fires_metric", "E204", 15, 11, "latncy"],
  ["E204_fires_metric", "E204", 16, 11, "saturation"],
  ["E204_fires_percentile", "E204", 6, 40, "p999"],
  ["E204_fires_percentile", "E204", 15, 19, "p95"],
  ["E204_fires_percentile", "E204", 16, 22, "p99"],
  ["E206_fires", "E206", 17, 25, "Chekout"],
  ["E206_fires", "E206", 17, 34, "Refunds"],
  ["E206_fires", "E206", 17, 43, "NFR1"],
  ["E207_fires", "E207", 5, 33, "OrderApi"],
  ["E207_fires", "E207", 5, 53, "Inventory"],
  ["E210_fires_alert", "E210", 6, 60, "5GB"],
  ["E210_fires_alert", "E210", 15, 29, "5GB"],
  ["E210_fires_alert", "E210", 16, 33, "10%"],
  ["E210_fires_alert", "E210", 17, 25, "10min"],
  ["E210_fires_alert", "E210", 18, 39, "5GB"],
  ["E210_fires_scaling", "E210", 6, 14, "1GB"],
  ["E210_fires_scaling", "E210", 11, 15, "2.5"],
  ["E210_fires_scaling", "E210", 16, 19, "5000"],
  ["E210_fires_scaling", "E210", 17, 17, "150%"],
  ["E210_fires_scaling", "E210", 18, 15, "10min"],
  ["E210_fires_scaling", "E210", 21, 20, "$50"],
  ["E210_fires_scaling", "E210", 22, 12, "600GB"],
  ["E210_fires_sum", "E210", 6, 43, "orders - 5min"],
  ["E210_fires_sum", "E210", 14, 20, "$50/month + 1GB"],
  ["E210_fires_target", "E210", 6, 27, "cost.total <= 5min"],
  ["E210_fires_target", "E210", 7, 43, "orders >= 1000"],
  ["E210_fires_target", "E210", 8, 33, "Api.instances <= $100/month"],
  ["E221_fires", "E221", 10, 26, "order_id"],
  ["E221_fires", "E221", 13, 16, "customer"],
  ["E230_fires", "E230", 7, 39, "target"],
  ["E230_fires", "E230", 8, 33, "target"],
  ["E230_fires", "E230", 9, 27, "target"],
  ["E230_fires", "E230", 10, 37, "target"],
  ["E231_fires", "E231", 10, 5, "budget"],
  // W300: one per missing section, all at the system's name (see the messages test below).
  ...Array.from({ length: 9 }, (): [string, string, number, number, string] => ["W300_fires", "W300", 4, 8, "Shop"]),
  ["W301_fires_few", "W301", 5, 8, "Shop"],
  ["W301_fires_many", "W301", 2, 8, "Shop"],
  ["W302_fires", "W302", 7, 13, "Audit"],
  ["W302_fires", "W302", 9, 15, "Reports"],
  ["W303_fires", "W303", 22, 5, 'Web -> Orders "store order"'],
  ["W303_fires", "W303", 24, 5, 'Orders -> Reports "update report"'],
  ["W304_fires", "W304", 10, 13, "Db"],
  ["W304_fires", "W304", 11, 13, "Cache"],
  ["W304_fires", "W304", 12, 13, "Files"],
  ["W304_fires", "W304", 13, 13, "Jobs"],
  ["W304_fires", "W304", 14, 13, "Events"],
  ["W304_fires", "W304", 15, 13, "Index"],
  ["W305_fires", "W305", 7, 7, 'FR2 "Cancel an order"'],
  ["W306_fires", "W306", 6, 25, "target"],
  ["W306_fires", "W306", 7, 25, "target"],
  ["W307_fires", "W307", 2, 32, "shap"],
  ["W307_fires", "W307", 6, 3, "ower"],
  ["W307_fires", "W307", 7, 11, "inside"],
  ["W307_fires", "W307", 8, 15, "opne"],
  ["W307_fires", "W307", 10, 5, "techology"],
  ["W307_fires", "W307", 11, 18, "lang"],
  ["W307_fires", "W307", 12, 15, "horizontl"],
  ["W307_fires", "W307", 16, 24, "asynch"],
  ["W307_fires", "W307", 17, 28, "region"],
  ["W307_fires", "W307", 19, 5, "descripton"],
  ["W307_fires", "W307", 23, 5, "serverd_by"],
  ["W307_fires", "W307", 24, 33, "summary"],
  ["W307_fires", "W307", 26, 35, "form"],
  ["W307_fires", "W307", 27, 13, "utilisation"],
  ["W307_fires", "W307", 28, 10, "currency"],
  ["W307_fires", "W307", 31, 5, "mitigations"],
  ["W307_fires", "W307", 33, 14, "audit"],
  ["W307_fires", "W307", 34, 16, "dashboard"],
  ["W307_fires", "W307", 35, 32, "statu"],
  ["W308_fires", "W308", 8, 12, "Order"],
  ["W308_fires", "W308", 12, 12, "Event"],
  ["W309_fires", "W309", 4, 30, "W999"],
  ["W309_fires", "W309", 4, 40, "E201"],
  ["W309_fires", "W309", 4, 50, "W302 offf"],
  ["W310_fires", "W310", 10, 18, "3"],
  ["W311_fires", "W311", 8, 8, "pci"],
  ["W311_fires", "W311", 9, 8, "nothing"],
];

describe("the fixtures folder", () => {
  it("names every fixture <CODE>_fires… or <CODE>_near_miss… for a code of spec §4", () => {
    for (const file of fixtures) {
      const match = NAME.exec(file);
      expect(match, `${file} does not follow <CODE>_(fires|near_miss)[_what].sysd`).not.toBeNull();
      expect(CODES as readonly string[]).toContain(match![1]);
    }
  });

  it.each(CODES)("has a _fires and a _near_miss fixture for %s", (code) => {
    expect(fixtures.some((f) => f.startsWith(`${code}_fires`))).toBe(true);
    expect(fixtures.some((f) => f.startsWith(`${code}_near_miss`))).toBe(true);
  });

  it("has a position row for every _fires fixture", () => {
    const withRows = new Set(EXPECTED.map((row) => `${row[0]}.sysd`));
    expect(fixtures.filter((f) => f.includes("_fires"))).toEqual([...withRows].sort());
  });
});

describe.each(fixtures.filter((f) => f.includes("_fires")))("%s", (file) => {
  const code = NAME.exec(file)![1]!;
  const name = file.replace(/\.sysd$/, "");
  const result = checkFiles([file]);
  const diagnostics = result.diagnostics;

  it(`reports ${code} and nothing else`, () => {
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => d.code !== code).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it(`reports each ${code} at the narrowest text`, () => {
    const expected = EXPECTED.filter((row) => row[0] === name).map(([, c, line, column, text]) => ({ code: c, line, column, text }));
    const actual = diagnostics.map((d) => ({ code: d.code, line: d.span.line, column: d.span.column, text: covered(d) }));
    expect(actual).toEqual(expected);
    for (const d of diagnostics) expect(d.span.file).toBe(file);
  });

  it("gives every diagnostic a valid span", () => {
    for (const d of diagnostics) assertValidDiagnostic(d, textOf(d.span.file));
  });

  it("prints the golden --format json output", () => {
    expectGolden(path.join(dir, `${name}.diagnostics.json`), formatJson(diagnostics, { cwd: dir }));
  });
});

describe.each(fixtures.filter((f) => f.includes("_near_miss")))("%s", (file) => {
  const code = NAME.exec(file)![1]!;
  const name = file.replace(/\.sysd$/, "");
  const result = checkFiles([file]);

  it(`does not report ${code}`, () => {
    expect(result.diagnostics.filter((d) => d.code === code).map((d) => d.message)).toEqual([]);
  });

  it("checks clean", () => {
    expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`)).toEqual([]);
  });

  it("prints the golden --format json output", () => {
    expectGolden(path.join(dir, `${name}.diagnostics.json`), formatJson(result.diagnostics, { cwd: dir }));
  });
});

// ── details of single checks ───────────────────────────────────────────

describe("E200", () => {
  it("relates each duplicate to the first declaration of the name", () => {
    for (const file of ["E200_fires_component.sysd", "E200_fires_names.sysd", "E200_fires_endpoint.sysd"]) {
      for (const d of checkFiles([file]).diagnostics) {
        expect(d.related, d.message).toHaveLength(1);
        const first = d.related![0]!;
        assertValidDiagnostic({ ...d, span: first.span, related: [] }, textOf(first.span.file));
        expect(covered(first)).toBe(covered(d));
        expect(first.span.offset).toBeLessThan(d.span.offset);
        expect(first.message).toBe(`\`${covered(d)}\` is first declared here`);
      }
    }
  });

  it("names the category and the endpoint", () => {
    const messages = checkFiles(["E200_fires_names.sysd"]).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      "duplicate kind `Broker`",
      "duplicate requirement `FR1`",
      "duplicate flow `checkout`",
      "duplicate enum member `open`",
      "duplicate field `id`",
      "duplicate type `Status`",
      "duplicate api `Orders`",
      "duplicate webhook `placed`",
      "duplicate demand `orders`",
      "duplicate failure `api_down`",
      "duplicate metric `latency`",
      "duplicate alert `slow`",
      "duplicate decision `D1`",
      "duplicate system `Shop`",
    ]);
    expect(checkFiles(["E200_fires_endpoint.sysd"]).diagnostics[0]!.message).toBe("duplicate endpoint `GET /orders/{id}`");
    expect(checkFiles(["E200_fires_component.sysd"]).diagnostics.map((d) => d.message)).toEqual([
      "duplicate component or boundary `Api`",
      "duplicate component or boundary `Web`",
    ]);
  });
});

describe("E102", () => {
  it("reads a misspelled keyword as the keyword, so the declaration and what refers to it stay", () => {
    const system = checkFiles(["E102_fires_keywords.sysd"]).model.systems[0]!;
    expect(system.id).toBe("Shop");
    expect(system.components.map((c) => c.id).sort()).toEqual(["Api", "Cache"]);
    expect(system.failures[0]!.affects).toEqual(["Cache"]);
    expect(system.types.entities.map((e) => e.id)).toEqual(["User"]);
    expect(system.scaling.demands.map((d) => d.id)).toEqual(["uploads"]);
    expect(system.cost.items.map((i) => i.label)).toEqual(["Cache"]);
    expect(system.monitoring.alerts).toHaveLength(1);
  });
});

describe("E101", () => {
  it("does not read a file outside the root, even one that exists", () => {
    const result = checkFiles(["E101_fires_outside.sysd"]);
    expect(result.program.files.map((f) => f.displayPath).filter((p) => !p.startsWith("std/"))).toEqual(["E101_fires_outside.sysd"]);
  });

  it("reads a file imported twice, and an import cycle, once each", () => {
    const result = checkFiles(["E101_near_miss.sysd"]);
    const own = result.program.files.map((f) => f.displayPath).filter((p) => !p.startsWith("std/"));
    expect(own).toEqual(["E101_near_miss.sysd", "lib/platform.sysd", "lib/types.sysd"]);
  });

  it("reports an entry file that does not exist", () => {
    const result = check(["no_such_file.sysd"], { root: dir, cwd: dir, rules: {} });
    expect(result.diagnostics.map((d) => [d.span.file, d.code, d.severity, d.message])).toEqual([
      ["no_such_file.sysd", "E101", "error", "cannot read `no_such_file.sysd`: not found"],
    ]);
  });
});

describe("W300", () => {
  it("names each missing or incomplete section, in one warning each", () => {
    const messages = checkFiles(["W300_fires.sysd"]).diagnostics.map((d) => d.message);
    expect([...messages].sort()).toEqual(
      [
        "the requirements have no non-functional requirement",
        "the design has no data flows section",
        "the design has no data model section",
        "the design has no API contract section",
        "the scaling section has no `demand` and no tier notes",
        "the design has no failure modes section",
        "the cost section has no `item`",
        "the design has no security section",
        "the monitoring section has metrics but no alert",
      ].sort(),
    );
  });
});

describe("W301", () => {
  it("counts neither clients, users and externals nor kinds that extend them", () => {
    const [few] = checkFiles(["W301_fires_few.sysd"]).diagnostics;
    expect(few!.message).toMatch(/^the system has 2 components \(not counting clients, users and externals\), fewer than 3/);
    const [many] = checkFiles(["W301_fires_many.sysd"]).diagnostics;
    expect(many!.message).toMatch(/^the system has 8 components .*more than 7/);
  });
});

describe("did-you-mean suggestions", () => {
  const messagesOf = (file: string): string[] => checkFiles([file]).diagnostics.map((d) => d.message);

  it.each([
    ["E201_fires_connection.sysd", "unknown component or boundary `Gatway` — did you mean `Gateway`?"],
    ["E201_fires_connection.sysd", "unknown component or boundary `Billing`"],
    ["E201_fires_references.sysd", "unknown component or boundary `Order` — did you mean `Orders`?"],
    ["E201_fires_references.sysd", "unknown component `Gatewy` — did you mean `Gateway`?"],
    ["E201_fires_references.sysd", "unknown component `Odrers` — did you mean `Orders`?"],
    ["E202_fires.sysd", "unknown type `Custmer` — did you mean `Customer`?"],
    ["E202_fires.sysd", "unknown type `strng` — did you mean `string`?"],
    ["E202_fires.sysd", "unknown type `OrderLin` — did you mean `OrderLine`?"],
    ["E202_fires.sysd", "unknown type `money`"],
    ["E203_fires.sysd", "unknown kind `databse` — did you mean `database`?"],
    ["E203_fires.sysd", "unknown kind `aws.S4` — did you mean `aws.S3`?"],
    ["E203_fires.sysd", "unknown kind `queu` — did you mean `queue`?"],
    ["E203_fires.sysd", "kind `Pong` extends itself through `Ping`"],
    ["E204_fires_metric.sysd", "unknown metric or demand `latncy` — did you mean `latency`?"],
    ["E204_fires_metric.sysd", "unknown metric or demand `eror_rate` — did you mean `error_rate`?"],
    ["E204_fires_metric.sysd", "unknown metric or demand `saturation`: declare it as `metric saturation` in `monitoring`, or as `demand saturation <rate>` in `scaling`"],
    ["E204_fires_percentile.sysd", "unknown percentile `p999` of metric `latency` (it has p50, p99)"],
    ["E204_fires_percentile.sysd", "unknown percentile `p99` of metric `error_rate` (it declares no percentiles)"],
    ["E204_fires_demand.sysd", "unknown demand `odrers` — did you mean `orders`?"],
    ["E204_fires_demand.sysd", "unknown metric or demand `order` — did you mean `orders`?"],
    ["E206_fires.sysd", "unknown functional requirement `Chekout` — did you mean `Checkout`?"],
    ["E206_fires.sysd", "unknown functional requirement `Refunds`"],
    ["E207_fires.sysd", "unknown api `OrderApi` — did you mean `OrdersApi`?"],
    ["E207_fires.sysd", "unknown api `Inventory`"],
    ["W307_fires.sysd", "unknown property `techology` in a component — did you mean `technology`?"],
    ["W307_fires.sysd", "unknown property `asynch` in a connection — did you mean `async`?"],
    ["W307_fires.sysd", "unknown property `ower` in a system — did you mean `owner`?"],
    ["W307_fires.sysd", "unknown property `utilisation` in `scaling` — did you mean `utilization`?"],
    ["W307_fires.sysd", "unknown property `serverd_by` in an api — did you mean `served_by`?"],
    ["W307_fires.sysd", "unknown property `horizontl` in a component's `scaling` — did you mean `horizontal`?"],
    ["W307_fires.sysd", "unknown property `shap` in a kind — did you mean `shape`?"],
    ["W307_fires.sysd", "unknown property `region` in a boundary"],
    ["E102_fires_closed_sets.sysd", "`drfat` is not a `status` of a system: expected `draft`, `review`, `approved` or `deprecated` — did you mean `draft`?"],
    ["E102_fires_closed_sets.sysd", "`hgih` is not a `severity` of a failure: expected `low`, `medium`, `high` or `critical` — did you mean `high`?"],
    ["E102_fires_closed_sets.sysd", "`acepted` is not a `status` of a decision: expected `proposed`, `accepted`, `rejected` or `superseded` — did you mean `accepted`?"],
    ["E102_fires_closed_sets.sysd", "`pgae` is not a `severity` of an alert: expected `page`, `ticket` or `info` — did you mean `page`?"],
    ["E102_fires_keywords.sysd", "unknown keyword `componnet` — did you mean `component`?"],
    ["E102_fires_keywords.sysd", "unknown keyword `sytem` — did you mean `system`?"],
    ["E102_fires_closed_sets.sysd", "`urgent` is not a `severity` of an alert: expected `page`, `ticket` or `info`"],
  ])("%s: %s", (file, message) => {
    expect(messagesOf(file)).toContain(message);
  });

  it("tells a non-functional requirement in `satisfies` apart from an unknown one", () => {
    expect(messagesOf("E206_fires.sysd")).toContain(
      "`NFR1` is a non-functional requirement; `satisfies` names functional ones",
    );
  });
});

describe("E230 and E231 messages", () => {
  it("give the computed figure and the threshold", () => {
    expect(checkFiles(["E230_fires.sysd"]).diagnostics.map((d) => d.message)).toEqual([
      "`NFR1` fails its target: orders is 24/day, which is not >= 2,000/day",
      "`NFR2` fails its target: cost.total is $730/month, which is not <= $100/month",
      "`NFR3` fails its target: Api.instances is 2, which is not <= 1",
      "`NFR4` fails its target: cost.total / orders is $1, which is not < $0.01",
    ]);
    expect(checkFiles(["E231_fires.sysd"]).diagnostics.map((d) => d.message)).toEqual([
      "the cost total $150/month is over the budget of $149/month",
    ]);
  });
});

// ── rules: sysd.json and lint blocks ───────────────────────────────────

describe("warning settings", () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  /** A root folder holding `design.sysd` and, when given, `sysd.json`. */
  function project(design: string, config?: unknown): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-rules-"));
    temps.push(root);
    fs.writeFileSync(path.join(root, "design.sysd"), design);
    if (config !== undefined) fs.writeFileSync(path.join(root, "sysd.json"), typeof config === "string" ? config : JSON.stringify(config));
    return root;
  }

  /** Two components besides the client (W301), one unconnected (W302), an unknown end (E201). */
  const design = (lint = ""): string => `system Shop "Shop" {
  lint { W300 off${lint} }
  component Browser "Browser" : client
  component Web "Web"
  component Audit "Audit"
  Browser -> Web "loads"
  Web -> Billing "charges"
}
`;

  /** Reads sysd.json: no `rules` option. */
  const run = (root: string) =>
    check([path.join(root, "design.sysd")], { root, cwd: root }).diagnostics.map((d) => `${d.code} ${d.severity}`);

  it("uses the default severities without sysd.json", () => {
    expect(run(project(design()))).toEqual(["W301 warning", "W302 warning", "E201 error"]);
  });

  it("turns warnings off or changes their severity from sysd.json", () => {
    const root = project(design(), { rules: { W301: "off", W302: "error" } });
    expect(run(root)).toEqual(["W302 error", "E201 error"]);
    expect(run(project(design(), { rules: { W302: "info" } }))).toEqual(["W301 warning", "W302 info", "E201 error"]);
  });

  it("does not let sysd.json turn an error off or change its severity", () => {
    // sysd.json sorts first by file name; its W309 says the rule is ignored.
    expect(run(project(design(), { rules: { E201: "off" } }))).toEqual(["W301 warning", "W302 warning", "E201 error", "W309 warning"]);
    expect(run(project(design(), { rules: { E201: "warning" } }))).toEqual(["W301 warning", "W302 warning", "E201 error", "W309 warning"]);
    const root = project(design(), { rules: { E201: "off", W999: "off" } });
    const messages = check([path.join(root, "design.sysd")], { root, cwd: root })
      .diagnostics.filter((d) => d.span.file === "sysd.json")
      .map((d) => d.message);
    expect(messages).toEqual([
      "sysd.json: rule `E201` is ignored: errors cannot be turned off",
      "sysd.json: rule `W999` is ignored: it is not a warning code",
    ]);
  });

  it("reports a sysd.json that is not valid JSON, or has bad settings, as E100", () => {
    const brokenRoot = project(design(), "{ rules: ");
    const broken = check([path.join(brokenRoot, "design.sysd")], { root: brokenRoot, cwd: brokenRoot });
    const e100 = broken.diagnostics.filter((d) => d.code === "E100");
    expect(e100).toHaveLength(1);
    expect(e100[0]!.span.file).toBe("sysd.json");
    expect(e100[0]!.message).toMatch(/^sysd\.json is not valid JSON/);
    const badRoot = project(design(), { rules: { W301: "loud" } });
    const badSetting = check([path.join(badRoot, "design.sysd")], { root: badRoot, cwd: badRoot });
    expect(badSetting.diagnostics.filter((d) => d.code === "E100").map((d) => d.message)).toEqual([
      "sysd.json: rule W301 must be one of off, info, warning, error",
    ]);
  });

  it("ignores sysd.json when the caller passes rules", () => {
    const root = project(design(), { rules: { W301: "off" } });
    const result = check([path.join(root, "design.sysd")], { root, cwd: root, rules: {} });
    expect(result.diagnostics.map((d) => d.code)).toContain("W301");
  });

  it("lets a lint block change severities, over sysd.json", () => {
    const root = project(design("; W301 warning; W302 info"), { rules: { W301: "off", W302: "error" } });
    expect(run(root)).toEqual(["W301 warning", "W302 info", "E201 error"]);
    expect(run(project(design("; W301 error; W302 off")))).toEqual(["W301 error", "E201 error"]);
  });

  it("does not let a lint block turn an error off, and says so", () => {
    const root = project(design("; E201 off"));
    const result = check([path.join(root, "design.sysd")], { root, cwd: root });
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message}`)).toEqual([
      "W301 warning the system has 2 components (not counting clients, users and externals), fewer than 3: name the parts the system is made of",
      "W309 warning errors cannot be turned off: `E201`",
      "W302 warning component `Audit` has no connection",
      "E201 error unknown component or boundary `Billing`",
    ]);
    const text = fs.readFileSync(path.join(root, "design.sysd"), "utf8");
    const w309 = result.diagnostics.find((d) => d.code === "W309")!;
    expect(text.slice(w309.span.offset, w309.span.endOffset)).toBe("E201");
  });

  it("reports unknown codes and settings in a lint block as W309, with a suggestion", () => {
    const root = project(design("; W999 off; W302 offf"));
    const result = check([path.join(root, "design.sysd")], { root, cwd: root });
    const text = fs.readFileSync(path.join(root, "design.sysd"), "utf8");
    const w309 = result.diagnostics.filter((d) => d.code === "W309");
    expect(w309.map((d) => [d.message, text.slice(d.span.offset, d.span.endOffset)])).toEqual([
      ["`W999` is not a warning code", "W999"],
      ["expected `off`, `info`, `warning` or `error` for W302 — did you mean `off`?", "W302 offf"],
    ]);
    // The bad setting is ignored: W302 keeps its default severity.
    expect(result.diagnostics.filter((d) => d.code === "W302").map((d) => d.severity)).toEqual(["warning"]);
  });

  it("applies a lint block to its own system only", () => {
    const root = project(`system A "A" {
  lint { W300 off; W301 off }
  component Web "Web"
}
system B "B" {
  lint { W300 off }
  component Web "Web"
}
`);
    const result = check([path.join(root, "design.sysd")], { root, cwd: root });
    expect(result.diagnostics.map((d) => `${d.span.line} ${d.code}`)).toEqual(["3 W302", "5 W301", "7 W302"]);
  });
});

// ── the model's figures ────────────────────────────────────────────────

describe("figures of the model", () => {
  it("clamps instances to the upper bound in every tier (W310_fires)", () => {
    const system = checkFiles(["W310_fires.sysd"]).model.systems[0]!;
    const api = system.components.find((c) => c.id === "Api")!;
    expect(api.instanceBounds).toEqual({ min: 2, max: 3 });
    expect(api.instances).toEqual([3, 3, 3]);
    expect(system.scaling.table.map((t) => t.instances)).toEqual([
      [{ component: "Api", count: 3 }],
      [{ component: "Api", count: 3 }],
      [{ component: "Api", count: 3 }],
    ]);
    expect(system.cost.totals.map((t) => t.text)).toEqual(["$300/month", "$300/month", "$300/month"]);
    const [w310] = checkFiles(["W310_fires.sysd"]).diagnostics;
    expect(w310!.message).toBe("`Api` needs 5 at 1x, 50 at 10x, 500 at 100x: more instances than its bound of 3");
  });

  it("computes instances, cost per tier and unit cost (W310_near_miss)", () => {
    const system = checkFiles(["W310_near_miss.sysd"]).model.systems[0]!;
    const byId = (id: string) => system.components.find((c) => c.id === id)!;
    expect(byId("Api").instances).toEqual([5, 50, 500]);
    // The lower bound lifts 1x from 1 to 4.
    expect(byId("Worker").instances).toEqual([4, 10, 100]);
    expect(byId("Web").instances).toBeUndefined();
    expect(system.scaling.tiers).toEqual([1, 10, 100]);
    expect(system.scaling.table.map((t) => t.demands.map((d) => d.rate.text))).toEqual([["1,000/day"], ["10,000/day"], ["100,000/day"]]);
    // 5 × $10 + 4 × $20 + $100; 50 × $10 + 10 × $20 + $100; 500 × $10 + 100 × $20 + $100.
    expect(system.cost.totals.map((t) => t.text)).toEqual(["$230/month", "$800/month", "$7,100/month"]);
    expect(system.cost.totals[0]!.value).toBeCloseTo(230 / (730 * 3600), 15);
    expect(system.cost.items.map((i) => i.perTier.map((f) => f.text))).toEqual([
      ["$50/month", "$500/month", "$5,000/month"],
      ["$80/month", "$200/month", "$2,000/month"],
      ["$100/month", "$100/month", "$100/month"],
    ]);
    expect(system.cost.budget?.text).toBe("$250/month");
    // $230/month ÷ 1000/day = 230 × 24 / 730 / 1000 ≈ $0.0076 per order.
    expect(system.cost.unitCosts).toEqual([{ demand: "orders", cost: expect.objectContaining({ text: "$0.0076" }) }]);
    expect(system.cost.unitCosts[0]!.cost.value).toBeCloseTo((230 * 24) / 730 / 1000, 12);
    expect(system.requirements[0]!.target).toMatchObject({ status: "met", computed: { text: "$0.0076" } });
  });

  it("meets targets exactly at their thresholds (E230_near_miss)", () => {
    const system = checkFiles(["E230_near_miss.sysd"]).model.systems[0]!;
    expect(system.requirements.map((r) => [r.id, r.target?.status, r.target?.computed?.text])).toEqual([
      ["NFR1", "met", "24/day"],
      ["NFR2", "met", "24/day"],
      ["NFR3", "met", "$730/month"],
      ["NFR4", "met", "2"],
      ["NFR5", "met", "$1"],
      ["NFR6", "met", "$730/month"],
    ]);
    expect(system.components.find((c) => c.id === "Api")!.instances).toEqual([2, 20, 200]);
  });

  it("marks failed targets (E230_fires)", () => {
    const system = checkFiles(["E230_fires.sysd"]).model.systems[0]!;
    expect(system.requirements.map((r) => r.target?.status)).toEqual(["failed", "failed", "failed", "failed"]);
  });

  it("lists metric targets as monitored by the alerts on their metric (W306_near_miss)", () => {
    const system = checkFiles(["W306_near_miss.sysd"]).model.systems[0]!;
    expect(system.requirements.map((r) => [r.id, r.target?.status, r.target?.monitoredBy])).toEqual([
      ["NFR1", "monitored", ["latency.p99 > 500ms"]],
      ["NFR2", "monitored", ["errors"]],
      ["NFR3", "monitored", ["job_time.p99 > 10min"]],
      ["NFR4", "not-computed", []],
      ["NFR5", "met", []],
    ]);
  });
});

// ── known problems (see the report); `it.fails` until fixed ────────────

describe("known problems", () => {
  const temps: string[] = [];
  afterAll(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });
  const run = (design: string) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-known-"));
    temps.push(root);
    fs.writeFileSync(path.join(root, "design.sysd"), design);
    const result = check([path.join(root, "design.sysd")], { root, cwd: root, rules: {} });
    return { ...result, text: design };
  };
  const shop = (body: string) => `system Shop "Shop" {
  lint { W300 off; W301 off }
  component Web "Web"
${body}
}
`;

  // `instances N` is a bound like `N..N` (spec §3.3: "`N` or `min..max`", bounds
  // for the computed count); with `handles` and `capacity` the N is ignored.
  it("clamps a component with `instances 3` that needs 5 to 3, with W310", () => {
    const result = run(shop(`  component Api "API" {
    handles orders
    capacity 1/day
    instances 3
  }
  Web -> Api "calls"
  scaling { demand orders 5/day }`));
    expect(result.model.systems[0]!.components.find((c) => c.id === "Api")!.instances).toEqual([3, 3, 3]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["W310"]);
  });

  // Metrics and demands are separate namespaces (spec §3); an alert watches a
  // metric, yet `orders` resolves to the demand and the alert is E210.
  it("resolves a name in an alert to the metric when a demand has the same name", () => {
    const result = run(shop(`  component Api "API"
  Web -> Api "calls"
  scaling { demand orders 5/day }
  monitoring {
    metric orders "Orders placed"
    alert orders < 1
  }`));
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  // `latency.p99.max` reports "unknown percentile `p99` … (it has p99)".
  it("reports a reference with too many parts at the extra part", () => {
    const result = run(shop(`  component Api "API"
  Web -> Api "calls"
  monitoring {
    metric latency "Latency" unit ms percentiles p99
    alert latency.p99.max > 1s
  }`));
    const [d] = result.diagnostics;
    expect(d!.code).toBe("E204");
    expect(result.text.slice(d!.span.offset, d!.span.endOffset)).toBe("max");
    expect(d!.message).not.toMatch(/unknown percentile `p99`/);
  });

  // `capacity 0/day` gives Infinity instances (null in model.json) and no diagnostic.
  it("reports a zero capacity instead of computing infinite instances", () => {
    const result = run(shop(`  component Api "API" {
    handles orders
    capacity 0/day
  }
  Web -> Api "calls"
  scaling { demand orders 5/day }`));
    expect(result.diagnostics.some((d) => d.severity === "error" && result.text.slice(d.span.offset, d.span.endOffset) === "0/day")).toBe(true);
    expect(result.model.systems[0]!.components.find((c) => c.id === "Api")!.instances?.every(Number.isFinite) ?? true).toBe(true);
  });

  // `instances 5..2` is accepted; the count becomes 2 and W310 says it "needs 5".
  it("reports an `instances` range whose minimum is above its maximum", () => {
    const result = run(shop(`  component Api "API" {
    handles orders
    capacity 1/day
    instances 5..2
  }
  Web -> Api "calls"
  scaling { demand orders 1/day }`));
    expect(result.diagnostics.some((d) => result.text.slice(d.span.offset, d.span.endOffset).startsWith("5..2"))).toBe(true);
  });

  // Only the first `budget` is read; a second one is silently ignored.
  it("reports a second budget", () => {
    const result = run(shop(`  component Api "API"
  Web -> Api "calls"
  cost {
    item "Servers" $10/month
    budget $100/month
    budget $5/month
  }`));
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});
