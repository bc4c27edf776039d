import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createConfig, lintFromString, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { check } from "../../src/index.js";
import { reasonPhrase } from "../../src/render/http-status.js";
import { buildOpenApi, renderOpenApi } from "../../src/render/openapi.js";
import type { SystemModel } from "../../src/semantics/model.js";
import { expectGolden } from "../helpers/golden.js";

const root = path.resolve(import.meta.dirname, "../..");
const valid = path.join(root, "test/fixtures/valid");

/** Every fixture with an `api` or a `webhook`, and the golden file beside the fixtures. */
const FIXTURES = [
  { name: "api", file: "test/fixtures/valid/api.sysd" },
  { name: "video_pipeline", file: "test/fixtures/valid/video_pipeline.sysd" },
  { name: "lexical", file: "test/fixtures/valid/lexical.sysd" },
  { name: "kinds", file: "test/fixtures/valid/kinds.sysd" },
  { name: "shortener", file: "examples/url-shortener/shortener.sysd" },
];

function systemOf(file: string): SystemModel {
  const result = check([path.join(root, file)], { root, cwd: root, rules: {} });
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const system = result.model.systems[0];
  if (!system) throw new Error(`${file} has no system`);
  return system;
}

// Parsed YAML, read with known paths.
type Doc = Record<string, any>;

function docOf(system: SystemModel): Doc {
  const text = renderOpenApi(system);
  if (text === undefined) throw new Error(`${system.id} renders no OpenAPI`);
  return parse(text) as Doc;
}

/** A system from source text, through a temporary file. */
let scratch = "";
function systemFrom(source: string): SystemModel {
  const file = path.join(scratch, `s${fs.readdirSync(scratch).length}.sysd`);
  fs.writeFileSync(file, source, "utf8");
  const result = check([file], { root: scratch, cwd: scratch, rules: {} });
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return result.model.systems[0]!;
}

let recommended: Config;
beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-openapi-"));
  recommended = await createConfig({ extends: ["recommended"] });
});
afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

async function lint(text: string): Promise<NormalizedProblem[]> {
  return lintFromString({ source: text, absoluteRef: path.join(scratch || os.tmpdir(), "openapi.yaml"), config: recommended });
}

function describeProblem(p: NormalizedProblem): string {
  return `${p.severity} ${p.ruleId} ${p.message} at ${p.location.map((l) => l.pointer).join(", ")}`;
}

describe.each(FIXTURES)("openapi.yaml of $name", ({ name, file }) => {
  it("matches the golden file", () => {
    const text = renderOpenApi(systemOf(file));
    expect(text).toBeDefined();
    expectGolden(path.join(valid, `${name}.openapi.yaml`), text!);
  });

  it("is valid OpenAPI 3.1 under Redocly's recommended rules (no error)", async () => {
    const problems = await lint(renderOpenApi(systemOf(file))!);
    expect(problems.filter((p) => p.severity === "error").map(describeProblem)).toEqual([]);
    // Warnings that are expected: the design says nothing about a license, and
    // endpoints that declare no 4xx (or no 2xx) response.
    const allowed = new Set(["info-license", "info-license-strict", "operation-4xx-response", "operation-2xx-response"]);
    expect(problems.filter((p) => !allowed.has(p.ruleId)).map(describeProblem)).toEqual([]);
  });

  it("is deterministic: the same bytes from a fresh check and no YAML aliases", () => {
    const first = renderOpenApi(systemOf(file))!;
    const second = renderOpenApi(systemOf(file))!;
    expect(second).toBe(first);
    expect(first).not.toMatch(/(^|\s)[&*]a\d+\b/m);
    expect(parse(first)).toEqual(buildOpenApi(systemOf(file)));
  });
});

describe("renderOpenApi", () => {
  it("is undefined for a system without api and webhook", () => {
    const system = systemOf("test/fixtures/valid/data_model.sysd");
    expect(system.apis).toEqual([]);
    expect(system.webhooks).toEqual([]);
    expect(renderOpenApi(system)).toBeUndefined();
  });

  it("writes info from the title, the version property and the overview", () => {
    const doc = docOf(systemOf("test/fixtures/valid/video_pipeline.sysd"));
    expect(doc["openapi"]).toBe("3.1.0");
    expect(doc["info"]).toMatchObject({ title: "Video Processing Pipeline", version: "0.0.0" });
    expect(doc["info"].description).toContain("Users upload videos");
    const versioned = docOf(systemFrom('system S "Shop" {\n  version "2.1.0"\n  component Api\n  api A { served_by Api; GET /x }\n}\n'));
    expect(versioned["info"]).toEqual({ title: "Shop", version: "2.1.0" });
  });

  it("uses the shared base as the server, and puts differing bases into the paths", () => {
    const video = docOf(systemOf("test/fixtures/valid/video_pipeline.sysd"));
    expect(video["servers"]).toEqual([{ url: "/v1" }]);
    expect(Object.keys(video["paths"])).toEqual(["/uploads", "/uploads/{id}"]);
    const apis = docOf(systemOf("test/fixtures/valid/api.sysd"));
    expect(apis["servers"]).toEqual([{ url: "/" }]);
    expect(Object.keys(apis["paths"])).toContain("/v1/uploads/{id}");
    expect(Object.keys(apis["paths"])).toContain("/uploads/{id}/status");
    // `GET /` under `base "/v1"`: the base itself, no trailing slash.
    const lexical = docOf(systemOf("test/fixtures/valid/lexical.sysd"));
    expect(lexical["servers"]).toEqual([{ url: "/v1" }]);
    expect(Object.keys(lexical["paths"])[0]).toBe("/");
    const mixed = docOf(systemFrom('system S {\n  component Api\n  api A { served_by Api; base "/a/"; GET / }\n  api B { served_by Api; base "https://x.example/b"; GET /y }\n}\n'));
    expect(Object.keys(mixed["paths"])).toEqual(["/a", "/b/y"]);
  });

  it("names operations <api>_<method>_<path words>, summarises and tags them", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    const upload = doc["paths"]["/v1/uploads/{id}"];
    expect(upload.get).toMatchObject({ operationId: "Uploads_get_uploads_id", summary: "Get upload status", tags: ["Upload API"] });
    expect(upload.delete.operationId).toBe("Uploads_delete_uploads_id");
    const status = doc["paths"]["/uploads/{id}/status"].put;
    expect(status).toMatchObject({ operationId: "Admin_put_uploads_id_status", summary: "PUT /uploads/{id}/status", description: "Force a status", tags: ["Admin"] });
    expect(docOf(systemOf("test/fixtures/valid/lexical.sysd"))["paths"]["/"].get.operationId).toBe("Paths_get_root");
  });

  it("declares a path parameter that is only in the path as a required string", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    expect(doc["paths"]["/v1/uploads/{id}"].delete.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    expect(doc["paths"]["/v1/uploads/{id}"].get.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }]);
    const lexical = docOf(systemOf("test/fixtures/valid/lexical.sysd"));
    expect(lexical["paths"]["/items/{id}/labels/{label_id}"].patch.parameters.map((p: Doc) => p["name"])).toEqual(["id", "label_id"]);
  });

  it("keeps path parameters in path order and marks query parameters required unless optional", () => {
    const doc = docOf(
      systemFrom(
        [
          "system S {",
          "  component Api",
          "  api A {",
          "    served_by Api",
          '    GET /a/{x}/b/{y} "Find" {',
          "      params { y: int, x: uuid }",
          '      query { q: string "Search text", page?: int [default 1], tags?: string[] }',
          "    }",
          "  }",
          "}",
          "",
        ].join("\n"),
      ),
    );
    expect(doc["paths"]["/a/{x}/b/{y}"].get.parameters).toEqual([
      { name: "x", in: "path", required: true, schema: { type: "string", format: "uuid" } },
      { name: "y", in: "path", required: true, schema: { type: "integer" } },
      { name: "q", in: "query", required: true, description: "Search text", schema: { type: "string" } },
      { name: "page", in: "query", required: false, schema: { type: "integer", default: 1 } },
      { name: "tags", in: "query", required: false, schema: { type: "array", items: { type: "string" } } },
    ]);
    const listing = docOf(systemOf("test/fixtures/valid/api.sysd"))["paths"]["/v1/uploads"].get;
    expect(listing.parameters).toEqual([
      { name: "cursor", in: "query", required: false, schema: { type: "string" } },
      { name: "limit", in: "query", required: false, schema: { type: "integer" } },
    ]);
  });

  it("writes request bodies, responses by status and errors with the shared Error schema", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    const create = doc["paths"]["/v1/uploads"].post;
    expect(create.requestBody).toEqual({
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["filename", "size", "content_type"],
            properties: { filename: { type: "string" }, size: { type: "integer" }, content_type: { type: "string" } },
            additionalProperties: false,
          },
        },
      },
    });
    expect(Object.keys(create.responses)).toEqual(["201", "400", "413"]);
    expect(create.responses["413"]).toEqual({ description: "Content Too Large", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
    const rename = doc["paths"]["/uploads/{id}"].patch;
    // `response 404` without a body is only a description.
    expect(rename.responses["404"]).toEqual({ description: "Not Found" });
    expect(rename.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Upload" });
    expect(doc["paths"]["/uploads/{id}/status"].put.responses["204"]).toEqual({ description: "No Content" });
    expect(doc["paths"]["/health"].get.responses).toEqual({ default: { description: "Not specified in the design" } });
    expect(doc["paths"]["/uploads/{id}/events"].get.responses["200"].content["application/json"].schema).toEqual({ type: "string", enum: ["ready", "pending"] });
    expect(doc["components"].schemas.Error.required).toEqual(["code", "message"]);
    expect(reasonPhrase(404)).toBe("Not Found");
    expect(reasonPhrase(499)).toBe("Client Error");
  });

  it("writes nested inline record arrays as closed object schemas", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    const orders = doc["paths"]["/orders"].post;
    expect(orders.requestBody.content["application/json"].schema).toEqual({
      type: "object",
      required: ["order_id", "lines"],
      properties: {
        order_id: { type: "string", format: "uuid" },
        lines: {
          type: "array",
          items: {
            type: "object",
            required: ["sku", "quantity"],
            properties: { sku: { type: "string" }, quantity: { type: "integer" } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    });
    expect(orders.responses["202"].content["application/json"].schema.properties.checks.items.required).toEqual(["name", "passed"]);
  });

  it("maps the data model: formats, enums, references, optional fields, descriptions and typed defaults", () => {
    const doc = docOf(systemOf("test/fixtures/valid/video_pipeline.sysd"));
    const schemas = doc["components"].schemas;
    // Only what the apis and webhooks reach; ProcessingJob is not.
    expect(Object.keys(schemas)).toEqual(["Error", "Upload", "UploadStatus"]);
    expect(schemas.UploadStatus).toEqual({ type: "string", enum: ["pending", "processing", "complete", "failed"] });
    expect(schemas.Upload.description).toBe("An uploaded video");
    expect(schemas.Upload.required).not.toContain("processed_url");
    expect(schemas.Upload.properties).toMatchObject({
      id: { type: "string", format: "uuid" },
      size: { type: "integer", description: "bytes" },
      status: { $ref: "#/components/schemas/UploadStatus" },
      original_url: { type: "string", format: "uri" },
      created_at: { type: "string", format: "date-time" },
    });
    const shortener = docOf(systemOf("examples/url-shortener/shortener.sysd"))["components"].schemas;
    expect(shortener.DailyClicks.properties).toMatchObject({
      link: { $ref: "#/components/schemas/Link" },
      day: { type: "string", format: "date" },
      clicks: { type: "integer", default: 0 },
    });
    expect(shortener.Link.properties.owner_email).toEqual({ type: "string", format: "email" });

    const all = docOf(
      systemFrom(
        [
          "system S {",
          "  component Api",
          "  model {",
          "    entity T {",
          "      a: text [default \"x\"], b: float [default 0.5], c: decimal, d: bool [default true], e: duration",
          "      f: bytes, g: json, h: int [default 10k], i: \"on\" | \"off\" [default off], j: { k: string }[]",
          "    }",
          "  }",
          "  api A { served_by Api; GET /t { response 200 T } }",
          "}",
          "",
        ].join("\n"),
      ),
    );
    expect(all["components"].schemas.T.properties).toEqual({
      a: { type: "string", default: "x" },
      b: { type: "number", default: 0.5 },
      c: { type: "number" },
      d: { type: "boolean", default: true },
      e: { type: "string", format: "duration" },
      f: { type: "string", format: "byte" },
      g: {},
      h: { type: "integer", default: 10000 },
      i: { type: "string", enum: ["on", "off"], default: "off" },
      j: { type: "array", items: { type: "object", required: ["k"], properties: { k: { type: "string" } }, additionalProperties: false } },
    });
  });

  it("chooses a security scheme from the auth text", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    expect(doc["components"].securitySchemes).toEqual({ bearerAuth: { type: "http", scheme: "bearer", description: "Bearer token" } });
    expect(doc["paths"]["/v1/uploads"].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc["paths"]["/health"].get.security).toEqual([]);
    const keyed = docOf(
      systemFrom(
        [
          "system S {",
          "  component Api",
          '  api A { served_by Api; auth "API key in the X-Shop-Key header"; GET /a }',
          '  api B { served_by Api; auth "HTTP Basic"; GET /b }',
          '  api C { served_by Api; auth "JWT bearer"; GET /c }',
          '  api D { served_by Api; auth "none"; GET /d }',
          '  api E { served_by Api; auth "mTLS client certificates"; GET /e }',
          "}",
          "",
        ].join("\n"),
      ),
    );
    expect(keyed["components"].securitySchemes).toEqual({
      apiKeyAuth: { type: "apiKey", in: "header", name: "X-Shop-Key", description: "API key in the X-Shop-Key header" },
      basicAuth: { type: "http", scheme: "basic", description: "HTTP Basic" },
      bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "JWT bearer" },
      mutualTLS: { type: "mutualTLS", description: "mTLS client certificates" },
    });
    expect(keyed["paths"]["/e"].get.security).toEqual([{ mutualTLS: [] }]);
    expect(keyed["paths"]["/d"].get.security).toEqual([]);
  });

  it("writes each webhook as a post keyed by its event", () => {
    const doc = docOf(systemOf("test/fixtures/valid/api.sysd"));
    expect(Object.keys(doc["webhooks"])).toEqual(["upload.completed", "upload.failed", "ping"]);
    const failed = doc["webhooks"]["upload.failed"].post;
    expect(failed).toMatchObject({
      operationId: "webhook_upload_failed",
      summary: "upload.failed",
      description: "Sent once when processing gives up\n\nSent by Notification Service.",
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Upload" } } } },
      responses: { "200": { description: "Received" } },
    });
  });

  it("merges paths that differ only in placeholder names and keeps operation ids unique", async () => {
    const system = systemFrom(
      [
        "system S {",
        "  component Api",
        "  api A {",
        "    served_by Api",
        "    GET /items/{id} { params { id: uuid } }",
        "    DELETE /items/{item} { params { item: uuid } }",
        "    GET /items-id",
        "  }",
        "  api B { served_by Api; GET /items/{x} }",
        "}",
        "",
      ].join("\n"),
    );
    const text = renderOpenApi(system)!;
    const doc = parse(text) as Doc;
    expect(Object.keys(doc["paths"])).toEqual(["/items/{id}", "/items-id"]);
    expect(doc["paths"]["/items/{id}"].delete.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }]);
    expect(doc["paths"]["/items/{id}"].get.operationId).toBe("A_get_items_id");
    expect(doc["paths"]["/items-id"].get.operationId).toBe("A_get_items_id_2");
    expect((await lint(text)).filter((p) => p.severity === "error").map(describeProblem)).toEqual([]);
  });

  it("quotes the strings that a YAML 1.1 reader would not take as text", () => {
    const text = renderOpenApi(
      systemFrom('system S {\n  component Api\n  api A { served_by Api; GET /a/{y} { response 200 { on: "on" | "off" | "yes" | "1_000" | "2024-01-01" | "plain" } } }\n}\n'),
    )!;
    expect(text).toContain('- name: "y"\n');
    expect(text).toContain('"on":\n');
    for (const quoted of ['"on"', '"off"', '"yes"', '"1_000"', '"2024-01-01"']) expect(text).toContain(`- ${quoted}\n`);
    expect(text).toContain("- plain\n");
    expect(text).toContain('"200":\n');
  });

  it("names the error schema ApiError when the model has an Error, and stubs types from outside the system's model", async () => {
    const system = systemFrom(
      [
        "model { entity Invoice { id: uuid [pk] } }",
        "system S {",
        "  component Api",
        "  model { entity Error { id: uuid [pk], text: string } }",
        "  api A { served_by Api; GET /e { response 200 Error; errors 404 } ; GET /i { response 200 Invoice } }",
        "}",
        "",
      ].join("\n"),
    );
    const text = renderOpenApi(system)!;
    const doc = parse(text) as Doc;
    expect(Object.keys(doc["components"].schemas)).toEqual(["ApiError", "Error", "Invoice"]);
    expect(doc["paths"]["/e"].get.responses["404"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ApiError" });
    expect(doc["components"].schemas.Error.required).toEqual(["id", "text"]);
    expect(doc["components"].schemas.Invoice.type).toBe("object");
    expect((await lint(text)).filter((p) => p.severity === "error").map(describeProblem)).toEqual([]);
  });

  it("renders field names that are Object.prototype keys", () => {
    const doc = docOf(systemFrom('system S {\n  component Api\n  api A { served_by Api; POST /a { request { constructor: string, __proto__?: int } } }\n}\n'));
    const schema = doc["paths"]["/a"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(["constructor", "__proto__"]);
    expect(schema.required).toEqual(["constructor"]);
  });
});
