import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import { MODEL_JSON_ENUMS, MODEL_JSON_FORMAT_VERSION, MODEL_JSON_SCHEMA_ID, renderModelJson } from "../../src/render/model-json.js";
import type { SystemModel } from "../../src/semantics/index.js";
import { BUILTIN_TYPES } from "../../src/semantics/resolve.js";
import { expectGolden } from "../helpers/golden.js";

/**
 * `model.json`: the document validates against `docs/model.schema.json`
 * (which documents it), is deterministic, and keeps the figures of the model.
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/render/model-json.test.ts` rewrites
 * `test/fixtures/valid/video_pipeline.model.json`.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const validDir = path.join(root, "test/fixtures/valid");
const errorsDir = path.join(root, "test/fixtures/errors");
const videoPipeline = path.join(validDir, "video_pipeline.sysd");
const shortener = path.join(root, "examples/url-shortener/shortener.sysd");
const schemaPath = path.join(root, "docs/model.schema.json");
const options = { toolVersion: "0.0.0-test" };

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type SchemaNode = { [key: string]: unknown };

const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8")) as SchemaNode;
const defs = schema["$defs"] as Record<string, SchemaNode>;

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(schema);
}
const validate = compile();

function errorsOf(document: unknown): string {
  validate(document);
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("\n");
}

function expectValid(document: unknown, name: string): void {
  const valid = validate(document);
  expect(valid ? "" : errorsOf(document), `${name} should match docs/model.schema.json`).toBe("");
}

function systemsOf(file: string, cwd = root, checkRoot = root): SystemModel[] {
  return check([file], { root: checkRoot, cwd, rules: {} }).model.systems;
}

function sysdFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sysd"))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Every file with a system: the valid fixtures and the examples. */
const documentedFiles = [...sysdFiles(validDir), shortener].filter((file) => systemsOf(file).length > 0);

function render(file: string): string {
  const systems = systemsOf(file);
  expect(systems.length, `${path.relative(root, file)} should hold one system`).toBe(1);
  return renderModelJson(systems[0]!, options);
}

// ── schema walking ────────────────────────────────────────────────────

function resolveRef(node: SchemaNode): SchemaNode {
  let current = node;
  while (typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    expect(ref.startsWith("#/$defs/"), `unexpected $ref ${ref}`).toBe(true);
    current = defs[ref.slice("#/$defs/".length)]!;
    expect(current, `dangling $ref ${ref}`).toBeDefined();
  }
  return current;
}

/** The schema node that describes `value` (resolving `$ref`, and `oneOf` by the `type` discriminator). */
function nodeFor(node: SchemaNode, value: JsonValue): SchemaNode {
  const resolved = resolveRef(node);
  const oneOf = resolved["oneOf"] as SchemaNode[] | undefined;
  if (!oneOf) return resolved;
  const kind = (value as { type?: string }).type;
  const branch = oneOf.find((b) => ((b["properties"] as Record<string, SchemaNode>)["type"]!["const"] as string) === kind);
  expect(branch, `no oneOf branch for type ${kind}`).toBeDefined();
  return branch!;
}

/** Calls `visit` on every object of `value` with its schema node. */
function walk(node: SchemaNode, value: JsonValue, at: string, visit: (node: SchemaNode, value: { [key: string]: JsonValue }, at: string) => void): void {
  if (value === null || typeof value !== "object") return;
  const described = nodeFor(node, value);
  if (Array.isArray(value)) {
    const items = described["items"] as SchemaNode;
    value.forEach((item, index) => walk(items, item, `${at}/${index}`, visit));
    return;
  }
  visit(described, value, at);
  const properties = described["properties"] as Record<string, SchemaNode>;
  for (const [key, child] of Object.entries(value)) walk(properties[key]!, child, `${at}/${key}`, visit);
}

/** Every object schema in the file (following only schema keywords), with where it is. */
function objectSchemas(node: SchemaNode, at: string, found: { at: string; node: SchemaNode }[] = []): { at: string; node: SchemaNode }[] {
  const properties = node["properties"] as Record<string, SchemaNode> | undefined;
  if (properties) {
    found.push({ at, node });
    for (const [key, child] of Object.entries(properties)) objectSchemas(child, `${at}/properties/${key}`, found);
  }
  const items = node["items"] as SchemaNode | undefined;
  if (items) objectSchemas(items, `${at}/items`, found);
  ((node["oneOf"] as SchemaNode[] | undefined) ?? []).forEach((branch, i) => objectSchemas(branch, `${at}/oneOf/${i}`, found));
  for (const [name, def] of Object.entries((node["$defs"] as Record<string, SchemaNode> | undefined) ?? {})) objectSchemas(def, `${at}/$defs/${name}`, found);
  return found;
}

/**
 * The model as the document should hold it, built independently of the
 * renderer: spans without offsets, non-finite numbers as null (what
 * `JSON.stringify` does), absent fields absent.
 */
function plainModel(system: SystemModel): unknown {
  return JSON.parse(
    JSON.stringify(system, (_key, value: unknown) => {
      if (value !== null && typeof value === "object" && "offset" in value && "endOffset" in value) {
        const { offset: _offset, endOffset: _endOffset, ...rest } = value as Record<string, unknown>;
        return rest;
      }
      return value;
    }),
  );
}

// ── tests ─────────────────────────────────────────────────────────────

describe("docs/model.schema.json", () => {
  it("is a valid draft 2020-12 schema that compiles in strict mode", () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(schema["$id"]).toBe(MODEL_JSON_SCHEMA_ID);
  });

  it("documents every property, closes every object and requires only known properties", () => {
    const problems: string[] = [];
    for (const { at, node } of objectSchemas(schema, "#")) {
      if (node["additionalProperties"] !== false) problems.push(`${at}: additionalProperties is not false`);
      const properties = node["properties"] as Record<string, SchemaNode>;
      for (const [key, property] of Object.entries(properties)) {
        if (typeof property["description"] !== "string" || property["description"] === "") problems.push(`${at}/${key}: no description`);
      }
      for (const key of (node["required"] as string[] | undefined) ?? []) {
        if (!(key in properties)) problems.push(`${at}: requires unknown ${key}`);
      }
    }
    for (const [name, def] of Object.entries(defs)) {
      if (typeof def["description"] !== "string") problems.push(`$defs/${name}: no description`);
    }
    expect(problems).toEqual([]);
  });

  it("lists the closed sets of the model exactly", () => {
    const sorted = (values: readonly unknown[]): unknown[] => [...values].map(String).sort();
    const enumOf = (node: SchemaNode): unknown[] => resolveRef(node)["enum"] as unknown[];
    const props = (name: string): Record<string, SchemaNode> => defs[name]!["properties"] as Record<string, SchemaNode>;
    const typeBranches = defs["typeModel"]!["oneOf"] as SchemaNode[];
    const branchTypes = typeBranches.map((b) => (b["properties"] as Record<string, SchemaNode>)["type"]!["const"]);
    const builtin = typeBranches.find((b) => (b["properties"] as Record<string, SchemaNode>)["type"]!["const"] === "builtin")!;

    expect(sorted(enumOf(props("target")["status"]!))).toEqual(sorted(MODEL_JSON_ENUMS.targetStatus));
    expect(sorted(enumOf(defs["comparisonOperator"]!))).toEqual(sorted(MODEL_JSON_ENUMS.comparisonOperator));
    expect(sorted(enumOf(props("requirement")["kind"]!))).toEqual(sorted(MODEL_JSON_ENUMS.requirementKind));
    expect(sorted(enumOf(props("kind")["shape"]!))).toEqual(sorted(MODEL_JSON_ENUMS.shape));
    expect(sorted(enumOf(props("flowStep")["type"]!))).toEqual(sorted(MODEL_JSON_ENUMS.flowStepType));
    expect(sorted(branchTypes)).toEqual(sorted(MODEL_JSON_ENUMS.typeModelType));
    expect(sorted(enumOf(props("endpoint")["method"]!))).toEqual(sorted(MODEL_JSON_ENUMS.httpMethod));
    expect(sorted(enumOf(props("failure")["severity"]!))).toEqual(sorted(MODEL_JSON_ENUMS.failureSeverity));
    expect(sorted(enumOf((builtin["properties"] as Record<string, SchemaNode>)["name"]!))).toEqual(sorted([...BUILTIN_TYPES]));
  });

  it("rejects a broken document", () => {
    const good = JSON.parse(render(videoPipeline)) as { system: Record<string, JsonValue> } & Record<string, JsonValue>;
    expectValid(good, "the video pipeline");
    const variants: [string, (doc: any) => void][] = [
      ["missing system.id", (doc) => delete doc.system.id],
      ["an unknown top-level key", (doc) => (doc.generatedAt = "2024-01-01")],
      ["an unknown key in the system", (doc) => (doc.system.extra = true)],
      ["an unknown key in a span", (doc) => (doc.system.span.offset = 0)],
      ["an unknown key in a figure", (doc) => (doc.system.cost.totals[0].unit = "$/month")],
      ["a wrong format version", (doc) => (doc.formatVersion = 2)],
      ["an absolute span file", (doc) => (doc.system.components[0].span.file = "/home/me/design.sysd")],
      ["a Windows span file", (doc) => (doc.system.components[0].span.file = "C:\\design.sysd")],
      ["an unknown target status", (doc) => (doc.system.requirements[3].target.status = "ok")],
      ["an unknown shape", (doc) => (doc.system.components[0].kind.shape = "circle")],
      ["an unknown type form", (doc) => (doc.system.types.entities[0].fields[0].valueType = { type: "map", name: "x" })],
      ["a string instance count", (doc) => (doc.system.components[4].instances = ["5"])],
      ["a missing required list", (doc) => delete doc.system.components[0].tags],
      ["a null optional field", (doc) => (doc.system.owner = null)],
    ];
    for (const [what, breakIt] of variants) {
      const broken = structuredClone(good);
      breakIt(broken);
      expect(validate(broken), `the schema should reject ${what}`).toBe(false);
    }
  });
});

describe("model.json of every design", () => {
  it("has designs to check", () => {
    expect(documentedFiles.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining(["test/fixtures/valid/video_pipeline.sysd", "examples/url-shortener/shortener.sysd"]),
    );
  });

  it.each(documentedFiles.map((f) => [path.relative(root, f), f]))("%s matches the schema", (_name, file) => {
    const text = render(file);
    expectValid(JSON.parse(text), path.relative(root, file));
  });

  it.each(documentedFiles.map((f) => [path.relative(root, f), f]))("%s is formatted and ordered as documented", (_name, file) => {
    const text = render(file);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toContain("\r");
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    // Keys follow the order the schema lists them.
    const problems: string[] = [];
    walk(schema, JSON.parse(text) as JsonValue, "", (node, value, at) => {
      const order = Object.keys(node["properties"] as object);
      const positions = Object.keys(value).map((k) => order.indexOf(k));
      if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]!))) problems.push(`${at}: ${Object.keys(value).join(", ")}`);
    });
    expect(problems).toEqual([]);
    // No absolute path, no offsets.
    expect(text).not.toContain(root);
    expect(text).not.toMatch(/"(offset|endOffset)"/);
  });

  it.each(documentedFiles.map((f) => [path.relative(root, f), f]))("%s is the same on every run", (_name, file) => {
    const systems = systemsOf(file);
    const first = renderModelJson(systems[0]!, options);
    expect(renderModelJson(systems[0]!, options)).toBe(first);
    expect(render(file)).toBe(first);
    expect(renderModelJson(systems[0]!, { toolVersion: "9.9.9" })).toBe(first);
  });

  it.each(documentedFiles.map((f) => [path.relative(root, f), f]))("%s holds the whole model and nothing else", (_name, file) => {
    const system = systemsOf(file)[0]!;
    expect(JSON.parse(renderModelJson(system, options)).system).toEqual(plainModel(system));
  });

  it("does not depend on the order the model's objects were filled in", () => {
    const system = systemsOf(videoPipeline)[0]!;
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value === null || typeof value !== "object") return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
    };
    const shuffled = reversed(system) as SystemModel;
    expect(Object.keys(shuffled)[0]).not.toBe("id");
    expect(renderModelJson(shuffled, options)).toBe(renderModelJson(system, options));
  });
});

describe("model.json of the video pipeline", () => {
  const text = render(videoPipeline);
  const document = JSON.parse(text) as any;

  it("matches its golden file", () => {
    expectGolden(path.join(validDir, "video_pipeline.model.json"), text);
  });

  it("starts with the generated-file note, its schema and format version", () => {
    expect(Object.keys(document)).toEqual(["$comment", "$schema", "formatVersion", "system"]);
    expect(document.$comment).toBe("Generated by sysd from video_pipeline.sysd. Edit the .sysd source, not this file.");
    expect(document.$schema).toBe(MODEL_JSON_SCHEMA_ID);
    expect(document.formatVersion).toBe(MODEL_JSON_FORMAT_VERSION);
    expect(text).not.toContain(options.toolVersion);
  });

  it("keeps the computed figures", () => {
    const system = document.system;
    expect(system.id).toBe("VideoPipeline");
    expect(system.file).toBe("test/fixtures/valid/video_pipeline.sysd");
    expect(system.components.find((c: any) => c.id === "Workers").instances).toEqual([5, 50, 497]);
    expect(system.scaling.tiers).toEqual([1, 10, 100]);
    expect(system.scaling.table.map((row: any) => row.instances)).toEqual([
      [{ component: "Workers", count: 5 }],
      [{ component: "Workers", count: 50 }],
      [{ component: "Workers", count: 497 }],
    ]);
    expect(system.cost.totals.map((t: any) => t.text)).toEqual(["$560/month", "$3,260/month", "$30,080/month"]);
    // Base units: a monthly cost is dollars per second, a month 730 hours.
    expect(system.cost.totals[0].value * 730 * 3600).toBeCloseTo(560, 9);
    expect(system.cost.totals[0].dimension).toBe("money per time");
    expect(system.cost.unitCosts).toEqual([{ demand: "uploads", cost: expect.objectContaining({ text: "$0.018", dimension: "money" }) }]);
    const nfr4 = system.requirements.find((r: any) => r.id === "NFR4");
    expect(nfr4.target).toMatchObject({ status: "met", threshold: { value: 0.5, dimension: "money", text: "$0.50" } });
    expect(system.requirements.find((r: any) => r.id === "NFR2").target.threshold).toEqual({ value: 0.999, dimension: "count", text: "99.9%" });
    expect(system.requirements.find((r: any) => r.id === "NFR3").target.status).toBe("monitored");
  });

  it("writes spans as file, line and column only", () => {
    expect(document.system.span).toEqual({ file: "test/fixtures/valid/video_pipeline.sysd", line: 4, column: 1, endLine: expect.any(Number), endColumn: expect.any(Number) });
    expect(Object.keys(document.system.components[0].span)).toEqual(["file", "line", "column", "endLine", "endColumn"]);
  });

  it("is independent of where the repository is checked out", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-model-json-"));
    try {
      const target = path.join(copy, "test/fixtures/valid");
      fs.mkdirSync(target, { recursive: true });
      fs.copyFileSync(videoPipeline, path.join(target, "video_pipeline.sysd"));
      const moved = systemsOf(path.join(target, "video_pipeline.sysd"), copy, copy)[0]!;
      expect(renderModelJson(moved, options)).toBe(text);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("model.json of the URL shortener", () => {
  it("keeps its figures", () => {
    const document = JSON.parse(render(shortener)) as any;
    expect(document.system.id).toBe("Shortener");
    expect(document.system.cost.totals.length).toBe(document.system.scaling.tiers.length);
    expect(document.system.components.find((c: any) => c.id === "Api").instanceBounds).toEqual({ min: 3, max: 800 });
  });
});

describe("model.json of designs with errors", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-model-json-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it.each(sysdFiles(errorsDir).map((f) => [path.relative(root, f), f]))("%s still gives a document that matches the schema", (_name, file) => {
    for (const system of systemsOf(file)) {
      const document = JSON.parse(renderModelJson(system, options));
      expectValid(document, path.relative(root, file));
      expect(document.system).toEqual(plainModel(system));
    }
  });

  it("writes numbers that are not finite as null", () => {
    const file = path.join(scratch, "odd.sysd");
    fs.writeFileSync(
      file,
      [
        "system Odd {",
        "  requirements {",
        "    nonfunctional {",
        "      NFR1 \"Handle uploads\" target uploads >= nonsense",
        "    }",
        "  }",
        "  component Workers : worker {",
        "    handles uploads",
        "    capacity 1/min",
        "    instances 1..(2 * bogus)",
        "  }",
        "  scaling {",
        "    demand uploads 1000/day",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const system = systemsOf(file, scratch, scratch)[0]!;
    expect(Number.isNaN(system.requirements[0]!.target!.threshold.value)).toBe(true);
    const text = renderModelJson(system, options);
    expect(text).not.toMatch(/NaN|Infinity/);
    const document = JSON.parse(text) as any;
    expectValid(document, "odd.sysd");
    expect(document.system.requirements[0].target.threshold).toEqual({ value: null, dimension: "", text: "nonsense" });
    // A bound that does not evaluate leaves the count unbounded.
    const workers = document.system.components.find((c: any) => c.id === "Workers");
    expect(workers.instances).toEqual([1, 7, 70]);
    expect(workers.instanceBounds).toEqual({ min: 1, max: null });
  });

  it("gives the same bytes for a file with CRLF line ends", () => {
    const lf = fs.readFileSync(path.join(validDir, "crlf.sysd"), "utf8").replace(/\r\n/g, "\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    const outputs = [lf, crlf].map((source, index) => {
      const dir = path.join(scratch, `line-ends-${index}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "design.sysd"), source);
      return renderModelJson(systemsOf(path.join(dir, "design.sysd"), dir, dir)[0]!, options);
    });
    expect(outputs[1]).toBe(outputs[0]);
  });
});
