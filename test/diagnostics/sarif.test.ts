import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import {
  ALL_CODES,
  DIAGNOSTIC_CODES,
  SARIF_SCHEMA_URI,
  formatDiagnostics,
  formatSarif,
  makeDiagnostic,
  type Diagnostic,
  type DiagnosticCode,
  type SarifLog,
} from "../../src/diagnostics/index.js";
import { span } from "./helpers.js";

// ajv-formats is CommonJS with a `default` export; under NodeNext the default
// import is the module object in the types but the function at run time.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

function sarifValidator(): ValidateFunction {
  const schemaUrl = new URL("../schemas/sarif-schema-2.1.0.json", import.meta.url);
  const schema = JSON.parse(readFileSync(schemaUrl, "utf8")) as Record<string, unknown>;
  // The official schema predates ajv's strict mode (e.g. `default` next to `$ref`).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

function expectValid(output: string): SarifLog {
  const log = JSON.parse(output) as SarifLog;
  const ok = validate(log);
  if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
  return log;
}

const CWD = "/work/proj";
const OPTIONS = { toolVersion: "0.1.0", cwd: CWD };

function sample(): Diagnostic[] {
  const info: Diagnostic = { ...makeDiagnostic("W301", span(`${CWD}/a.sysd`, 1, 8, 1, 12), "2 components"), severity: "info" };
  return [
    makeDiagnostic("E200", span(`${CWD}/src/shop.sysd`, 9, 13, 9, 15), "duplicate component `db`", {
      related: [
        { message: "first declared here", span: span(`${CWD}/src/shop.sysd`, 4, 13, 4, 15) },
        { message: "imported from here", span: span(`${CWD}/lib/common.sysd`, 1, 1, 1, 7) },
      ],
    }),
    makeDiagnostic("E201", span(`${CWD}/src/shop.sysd`, 12, 10, 12, 12), "unknown component `dbb`", {
      fix: { message: "did you mean `db`?", span: span(`${CWD}/src/shop.sysd`, 12, 10, 12, 13), replacement: "db" },
    }),
    makeDiagnostic("W303", span(`${CWD}/src/shop.sysd`, 20, 5, 22, 6), "no connection from api to cache"),
    makeDiagnostic("E101", span("/outside/x y#1.sysd", 1, 1, 1, 1), "import not found"),
    makeDiagnostic("W300", span(`${CWD}/dir with space/100%.sysd`, 1, 8, 1, 12), "missing section: cost"),
    info,
    // A code from outside the table, as a reader of foreign diagnostics could pass: the type is bypassed on purpose.
    { code: "X999" as DiagnosticCode, severity: "error", message: "not in the table", span: span("rel/c.sysd", 1, 1, 1, 2) },
  ];
}

describe("formatSarif", () => {
  it("validates against the SARIF 2.1.0 schema when empty", () => {
    const log = expectValid(formatSarif([], OPTIONS));
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toEqual([]);
  });

  it("validates against the SARIF 2.1.0 schema with every feature in use", () => {
    expectValid(formatSarif(sample(), { ...OPTIONS, informationUri: "https://example.com/sysd", embedSrcRoot: true }));
    expectValid(formatSarif(sample(), OPTIONS));
  });

  it("the validator really rejects a broken log", () => {
    const log = JSON.parse(formatSarif(sample(), OPTIONS)) as SarifLog;
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) first.level = "fatal";
    expect(validate(broken)).toBe(false);
  });

  it("describes the tool and lists every code as a rule", () => {
    const log = expectValid(formatSarif([], { ...OPTIONS, informationUri: "https://example.com/sysd" }));
    const run = log.runs[0];
    expect(run?.columnKind).toBe("utf16CodeUnits");
    expect(run?.tool.driver.name).toBe("sysd");
    expect(run?.tool.driver.version).toBe("0.1.0");
    expect(run?.tool.driver.informationUri).toBe("https://example.com/sysd");
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...ALL_CODES]);
    expect(rules.find((r) => r.id === "W304")).toEqual({
      id: "W304",
      name: DIAGNOSTIC_CODES.W304.title,
      shortDescription: { text: DIAGNOSTIC_CODES.W304.explanation },
      defaultConfiguration: { level: "warning" },
    });
    expect(rules.find((r) => r.id === "E100")?.defaultConfiguration.level).toBe("error");
    expect(run?.originalUriBaseIds).toBeUndefined();
  });

  it("maps results: rule, level, message, location, related locations, fixes", () => {
    const log = expectValid(formatSarif(sample(), OPTIONS));
    const results = log.runs[0]?.results ?? [];
    const byRule = (id: string) => results.find((r) => r.ruleId === id);

    const dup = byRule("E200");
    expect(dup?.ruleIndex).toBe(ALL_CODES.indexOf("E200"));
    expect(dup?.level).toBe("error");
    expect(dup?.message.text).toBe("duplicate component `db`");
    expect(dup?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "src/shop.sysd", uriBaseId: "%SRCROOT%" },
          region: { startLine: 9, startColumn: 13, endLine: 9, endColumn: 15 },
        },
      },
    ]);
    expect(dup?.relatedLocations?.map((l) => [l.id, l.message?.text, l.physicalLocation.artifactLocation.uri])).toEqual([
      [0, "first declared here", "src/shop.sysd"],
      [1, "imported from here", "lib/common.sysd"],
    ]);

    expect(byRule("E201")?.fixes?.[0]?.artifactChanges[0]?.replacements[0]).toEqual({
      deletedRegion: { startLine: 12, startColumn: 10, endLine: 12, endColumn: 13 },
      insertedContent: { text: "db" },
    });
    expect(byRule("W303")?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 20,
      startColumn: 5,
      endLine: 22,
      endColumn: 6,
    });
    expect(byRule("W301")?.level).toBe("note");
    expect(byRule("W300")?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("dir%20with%20space/100%25.sysd");
    expect(byRule("E101")?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: "file:///outside/x%20y%231.sysd" });
    const unknown = byRule("X999");
    expect(unknown?.ruleIndex).toBeUndefined();
    expect(unknown?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: "rel/c.sysd", uriBaseId: "%SRCROOT%" });
  });

  it("records the source root only when asked", () => {
    const log = expectValid(formatSarif([], { ...OPTIONS, embedSrcRoot: true }));
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///work/proj/" } });
  });

  it("keeps regions valid for positions a recovering parser may produce", () => {
    const d = makeDiagnostic("E100", span(`${CWD}/a.sysd`, 0, 0, 0, 0), "unexpected end of input");
    const log = expectValid(formatSarif([d], OPTIONS));
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    });
  });

  it("is deterministic: same bytes for the same diagnostics in any order", () => {
    const a = formatSarif(sample(), OPTIONS);
    const b = formatSarif([...sample()].reverse(), OPTIONS);
    expect(b).toBe(a);
    expect(a.endsWith("}\n")).toBe(true);
    const lines = (JSON.parse(a) as SarifLog).runs[0]?.results.map((r) => r.ruleId);
    // Sorted by the file as given (absolute here), not as displayed.
    expect(lines).toEqual(["E101", "W301", "W300", "E200", "E201", "W303", "X999"]);
  });
});

describe("formatDiagnostics", () => {
  it("dispatches to each printer", () => {
    const diags = [makeDiagnostic("E201", span(`${CWD}/a.sysd`, 1, 8, 1, 12), "unknown")];
    const options = { cwd: CWD, toolVersion: "0.1.0", source: () => "system Shop {\n" };
    expect(formatDiagnostics("pretty", diags, options)).toBe(
      "a.sysd:1:8: error E201: unknown\n 1 | system Shop {\n   |        ^~~~\n\n1 error\n",
    );
    expect(JSON.parse(formatDiagnostics("json", diags, options))).toEqual([
      { file: "a.sysd", line: 1, column: 8, endLine: 1, endColumn: 12, severity: "error", code: "E201", message: "unknown" },
    ]);
    expect(formatDiagnostics("github", diags, options)).toBe(
      "::error file=a.sysd,line=1,col=8,endLine=1,endColumn=12,title=E201::unknown\n",
    );
    expectValid(formatDiagnostics("sarif", diags, options));
    expect(formatDiagnostics("pretty", diags, { ...options, color: true })).toContain("\u001b[");
  });
});
