/**
 * `openapi.yaml`: the system's `api` blocks and webhooks as OpenAPI 3.1.0
 * (spec §3.9, §5). Plain data in, text out; the same model always gives the
 * same bytes.
 *
 * Choices the language leaves open (to be mirrored in docs/language.md):
 *
 * - **Servers and bases.** When every api has the same `base` (or none has
 *   one), that base is the single server (`/` when there is none) and paths
 *   are written as in the source. When the bases differ, each path carries
 *   its api's base and the one server is `/`: a path-level server per api
 *   would break as soon as two apis share a path. A base that is an absolute
 *   URL (`https://api.example.com/v1`) contributes only its path then.
 *   `base + "/"` is the base itself (no trailing slash: `GET /` under
 *   `base "/v1"` is `/v1`).
 * - **Paths.** Endpoints keep the source order, operations within a path the
 *   OpenAPI order (get put post delete options head patch). Two endpoints
 *   whose paths differ only in placeholder names (`/items/{id}` and
 *   `/items/{item}`) are one path in OpenAPI: the later one takes the
 *   earlier one's placeholder names, by position. An operation that already
 *   exists (same method and full path in two apis) is kept from the first api.
 * - **Operations.** `operationId` is `<api>_<method>_<path words>` (`root` for
 *   `/`), with `_2`, `_3` … on a clash; `summary` is the title, else
 *   `METHOD /path`; `tags` is the api's title. Path parameters come in path
 *   order (a placeholder without a `params` entry is a string), then query
 *   parameters. Responses are sorted by status; `errors` add a response with
 *   the reason phrase (RFC 9110) and the shared `Error` schema unless the
 *   endpoint declares that status itself. An endpoint without any `response`
 *   gets a `default` response saying so.
 * - **Security.** Each operation states its security: `[]` when its api has no
 *   `auth` (or `auth "none"`). Otherwise, by the words of `auth`: "Bearer",
 *   "JWT", "token" or "OAuth" → HTTP bearer; "mTLS" or "client certificate"
 *   → mutual TLS; "Basic" → HTTP basic; anything else ("API key",
 *   "X-Shop-Key header") → an API key header, named after an `X-…` word in
 *   the text or `X-API-Key`. The `auth` text is the scheme's description;
 *   apis with the same scheme share it. Webhooks state `security: []`.
 * - **Schemas.** Only the entities and enums that an endpoint or webhook
 *   reaches (directly or through other entities) are components, sorted by
 *   name, so there are no unused components. An entity-typed field stays a
 *   `$ref` to that entity even when marked `fk`: the model does not say how
 *   a reference is sent, and the data-model diagram shows the same relation.
 *   Entity fields and inline records are closed (`additionalProperties:
 *   false`); optional fields are left out of `required`, never `null`.
 *   `default` is typed by the field (`0` is a number for `int`, `true` a
 *   boolean for `bool`). `Error` is renamed `ApiError` (…) if the model
 *   already has an `Error`. A type that the system's model does not hold
 *   (declared in a file-level or imported `model`) becomes an open object
 *   component that says so.
 * - **Webhooks.** Keyed by event name (by id when two share one), one `post`
 *   with the payload as the JSON body and a `200` response.
 * - **YAML.** Key order is fixed by this file; no anchors; no folding. A
 *   string is plain unless YAML 1.2 or 1.1 would read it back as something
 *   else, then double-quoted (`"200"`, `"#/components/schemas/X"`, `"on"`).
 */
import { Document, parse, visit } from "yaml";
import { reasonPhrase } from "./http-status.js";
import { yamlMarker } from "./marker.js";
import type { ApiModel, EndpointModel, EntityModel, EnumModel, FieldModel, SystemModel, TypeModel, WebhookModel } from "../semantics/model.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Operations within a path item, in the order of the OpenAPI specification. */
const METHOD_ORDER = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

const JSON_MEDIA = "application/json";

/**
 * The OpenAPI 3.1 document of a system's apis and webhooks as YAML, or
 * `undefined` when the system has neither.
 */
export function renderOpenApi(system: SystemModel): string | undefined {
  const document = buildOpenApi(system);
  if (!document) return undefined;
  const yaml = new Document(document, { aliasDuplicateObjects: false });
  // Plain where YAML 1.2 and 1.1 both read the text back as the same string;
  // double quotes otherwise (`"200"`, `"#/components/…"`, and `on`, `yes`,
  // `1_000`, `2024-01-01`, which a YAML 1.1 reader would not take as text).
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && (NEEDS_ESCAPES.test(node.value) || !readsBackAsText(node.value))) node.type = "QUOTE_DOUBLE";
    },
  });
  const text = yaml.toString({ lineWidth: 0, indent: 2, indentSeq: true, defaultStringType: "PLAIN", defaultKeyType: "PLAIN", singleQuote: false });
  // The writer escapes C0 controls but leaves DEL, C1 (U+0085 is a line break
  // to YAML 1.1) and bidi controls raw. Every scalar holding one was made
  // double-quoted above, where `\x85`/`\u202E` read back as the character.
  const escaped = text.replace(HIDDEN_ALL, (c) => {
    const cp = c.charCodeAt(0);
    return cp <= 0xff ? `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  });
  return `${yamlMarker(system.file)}\n${escaped}`;
}

const HIDDEN_SOURCE = "[\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]";
/** Also C0 controls but tab and line feed, which only a double-quoted scalar can escape. */
const NEEDS_ESCAPES = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f]|${HIDDEN_SOURCE}`);
const HIDDEN_ALL = new RegExp(HIDDEN_SOURCE, "g");

function readsBackAsText(text: string): boolean {
  if (text.includes("\n")) return true; // a block scalar; its lines are not plain scalars
  try {
    return parse(text, { version: "1.1" }) === text && parse(text, { version: "1.2" }) === text;
  } catch {
    return false;
  }
}

/** The OpenAPI document as plain data (what `renderOpenApi` prints). */
/** Whether `system` gets an openapi.yaml: it has an api or a webhook. */
export function hasOpenApi(system: SystemModel): boolean {
  return system.apis.length > 0 || system.webhooks.length > 0;
}

export function buildOpenApi(system: SystemModel): JsonObject | undefined {
  if (!hasOpenApi(system)) return undefined;
  return new OpenApiBuilder(system).build();
}

interface Operation {
  method: (typeof METHOD_ORDER)[number];
  value: JsonObject;
}

interface SecurityScheme {
  name: string;
  value: JsonObject;
}

class OpenApiBuilder {
  private readonly entities = new Map<string, EntityModel>();
  private readonly enums = new Map<string, EnumModel>();
  /** Component schemas reached so far (entities, enums, placeholders), by name. */
  private readonly used = new Set<string>();
  private readonly operationIds = new Set<string>();
  private readonly schemes: SecurityScheme[] = [];
  private readonly errorSchema: string;
  private errorUsed = false;

  constructor(private readonly system: SystemModel) {
    for (const entity of system.types.entities) this.entities.set(entity.id, entity);
    for (const enumModel of system.types.enums) this.enums.set(enumModel.id, enumModel);
    let name = "Error";
    for (let n = 1; this.entities.has(name) || this.enums.has(name); n++) name = n === 1 ? "ApiError" : `ApiError${n}`;
    this.errorSchema = name;
  }

  build(): JsonObject {
    const system = this.system;
    const doc: JsonObject = { openapi: "3.1.0", info: this.info() };

    const bases = new Set(system.apis.map((api) => trimSlash(api.base ?? "")));
    const shared = bases.size <= 1;
    const serverUrl = shared ? [...bases][0] || "/" : "/";
    doc["servers"] = [{ url: serverUrl }];

    const tags = this.tags();
    if (tags.length > 0) doc["tags"] = tags;

    if (system.apis.length > 0) doc["paths"] = this.paths(shared);
    if (system.webhooks.length > 0) doc["webhooks"] = this.webhooks();

    const components: JsonObject = {};
    const schemas = this.schemas();
    if (Object.keys(schemas).length > 0) components["schemas"] = schemas;
    if (this.schemes.length > 0) {
      const securitySchemes: JsonObject = {};
      for (const scheme of this.schemes) put(securitySchemes, scheme.name, scheme.value);
      components["securitySchemes"] = securitySchemes;
    }
    if (Object.keys(components).length > 0) doc["components"] = components;
    return doc;
  }

  private info(): JsonObject {
    const info: JsonObject = { title: this.system.title };
    const version = this.system.properties.find((p) => p.key === "version")?.values[0];
    info["version"] = version !== undefined && version.trim() !== "" ? version : "0.0.0";
    if (this.system.overview !== undefined && this.system.overview.trim() !== "") info["description"] = this.system.overview;
    return info;
  }

  private tags(): JsonObject[] {
    const tags: JsonObject[] = [];
    const seen = new Set<string>();
    for (const api of this.system.apis) {
      if (api.endpoints.length === 0 || seen.has(api.title)) continue;
      seen.add(api.title);
      const tag: JsonObject = { name: api.title };
      const description = this.apiDescription(api);
      if (description !== undefined) tag["description"] = description;
      tags.push(tag);
    }
    return tags;
  }

  private apiDescription(api: ApiModel): string | undefined {
    const parts: string[] = [];
    if (api.description !== undefined && api.description.trim() !== "") parts.push(api.description);
    if (api.servedBy !== undefined) parts.push(`Served by ${this.componentTitle(api.servedBy)}.`);
    return parts.length > 0 ? parts.join("\n\n") : undefined;
  }

  private componentTitle(id: string): string {
    return this.system.components.find((c) => c.id === id)?.title ?? id;
  }

  // ── paths ────────────────────────────────────────────────────────────

  private paths(shared: boolean): JsonObject {
    /** Full path → its operations; insertion order is the path order. */
    const items = new Map<string, Operation[]>();
    /** Path with placeholders blanked → the first full path written. */
    const templates = new Map<string, string>();
    for (const api of this.system.apis) {
      const base = shared ? "" : basePath(api.base);
      const security = this.security(api);
      for (const endpoint of api.endpoints) {
        let full = joinPath(base, endpoint.path);
        const template = full.replace(/\{[^{}]*\}/g, "{}");
        const first = templates.get(template);
        const renames = new Map<string, string>();
        if (first === undefined) {
          templates.set(template, full);
        } else if (first !== full) {
          const mine = placeholders(full);
          const theirs = placeholders(first);
          mine.forEach((name, i) => {
            const other = theirs[i];
            if (other !== undefined && other !== name) renames.set(name, other);
          });
          full = first;
        }
        const method = endpoint.method.toLowerCase() as Operation["method"];
        const operations = items.get(full) ?? [];
        if (operations.some((op) => op.method === method)) continue;
        operations.push({ method, value: this.operation(api, endpoint, full, renames, security) });
        items.set(full, operations);
      }
    }
    const paths: JsonObject = {};
    for (const [path, operations] of items) {
      const item: JsonObject = {};
      for (const method of METHOD_ORDER) {
        const op = operations.find((o) => o.method === method);
        if (op) item[method] = op.value;
      }
      put(paths, path, item);
    }
    return paths;
  }

  private operation(api: ApiModel, endpoint: EndpointModel, fullPath: string, renames: Map<string, string>, security: Json[]): JsonObject {
    const method = endpoint.method.toLowerCase();
    const op: JsonObject = {
      operationId: this.operationId(`${api.id}_${method}_${pathWords(endpoint.path)}`),
      summary: endpoint.title !== undefined && endpoint.title.trim() !== "" ? endpoint.title : `${endpoint.method} ${fullPath}`,
    };
    if (endpoint.description !== undefined && endpoint.description.trim() !== "") op["description"] = endpoint.description;
    op["tags"] = [api.title];

    const parameters: Json[] = [];
    const order = placeholders(fullPath);
    const params = endpoint.params
      .map((field) => ({ field, name: renames.get(field.name) ?? field.name }))
      .filter(({ name }) => order.includes(name)) // one that is not in the path is E221
      .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    for (const { field, name } of params) parameters.push(this.parameter(field, name, "path", true));
    for (const field of endpoint.query) parameters.push(this.parameter(field, field.name, "query", !field.optional));
    if (parameters.length > 0) op["parameters"] = parameters;

    if (endpoint.request) {
      op["requestBody"] = { required: true, content: { [JSON_MEDIA]: { schema: this.schema(endpoint.request) } } };
    }
    op["responses"] = this.responses(endpoint);
    op["security"] = security;
    return op;
  }

  private operationId(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.operationIds.has(id); n++) id = `${wanted}_${n}`;
    this.operationIds.add(id);
    return id;
  }

  private parameter(field: FieldModel, name: string, where: "path" | "query", required: boolean): JsonObject {
    const parameter: JsonObject = { name, in: where, required };
    if (field.description !== undefined && field.description.trim() !== "") parameter["description"] = field.description;
    const schema = this.schema(field.valueType);
    const defaultValue = this.defaultValue(field);
    if (defaultValue !== undefined) schema["default"] = defaultValue;
    parameter["schema"] = schema;
    return parameter;
  }

  private responses(endpoint: EndpointModel): JsonObject {
    const byStatus = new Map<number, JsonObject>();
    for (const response of endpoint.responses) {
      if (byStatus.has(response.status)) continue;
      const value: JsonObject = { description: reasonPhrase(response.status) };
      if (response.body) value["content"] = { [JSON_MEDIA]: { schema: this.schema(response.body) } };
      byStatus.set(response.status, value);
    }
    for (const status of endpoint.errors) {
      if (byStatus.has(status)) continue;
      this.errorUsed = true;
      byStatus.set(status, {
        description: reasonPhrase(status),
        content: { [JSON_MEDIA]: { schema: { $ref: schemaRef(this.errorSchema) } } },
      });
    }
    const responses: JsonObject = {};
    for (const status of [...byStatus.keys()].sort((a, b) => a - b)) responses[String(status)] = byStatus.get(status)!;
    if (endpoint.responses.length === 0) responses["default"] = { description: "Not specified in the design" };
    return responses;
  }

  // ── security ─────────────────────────────────────────────────────────

  private security(api: ApiModel): Json[] {
    const auth = api.auth?.trim();
    if (auth === undefined || auth === "" || /^(none|public|anonymous|no auth(entication)?)$/i.test(auth)) return [];
    const { base, value } = securityScheme(auth);
    const text = JSON.stringify(value);
    let scheme = this.schemes.find((s) => JSON.stringify(s.value) === text);
    if (!scheme) {
      let name = base;
      if (this.schemes.some((s) => s.name === name)) name = `${base}_${api.id}`;
      for (let n = 2; this.schemes.some((s) => s.name === name); n++) name = `${base}_${api.id}_${n}`;
      scheme = { name, value };
      this.schemes.push(scheme);
    }
    return [{ [scheme.name]: [] }];
  }

  // ── webhooks ─────────────────────────────────────────────────────────

  private webhooks(): JsonObject {
    const webhooks: JsonObject = {};
    for (const webhook of this.system.webhooks) {
      const key = Object.hasOwn(webhooks, webhook.event) ? webhook.id : webhook.event;
      if (Object.hasOwn(webhooks, key)) continue;
      put(webhooks, key, { post: this.webhookOperation(webhook) });
    }
    return webhooks;
  }

  private webhookOperation(webhook: WebhookModel): JsonObject {
    const op: JsonObject = { operationId: this.operationId(`webhook_${webhook.id}`), summary: webhook.event };
    const parts: string[] = [];
    if (webhook.description !== undefined && webhook.description.trim() !== "") parts.push(webhook.description);
    if (webhook.from !== undefined) parts.push(`Sent by ${this.componentTitle(webhook.from)}.`);
    if (parts.length > 0) op["description"] = parts.join("\n\n");
    if (webhook.payload) {
      op["requestBody"] = { required: true, content: { [JSON_MEDIA]: { schema: this.schema(webhook.payload) } } };
    }
    op["responses"] = { "200": { description: "Received" } };
    op["security"] = [];
    return op;
  }

  // ── schemas ──────────────────────────────────────────────────────────

  /** The JSON Schema of a type; marks the components it names as used. */
  private schema(type: TypeModel): JsonObject {
    switch (type.type) {
      case "builtin":
        return builtinSchema(type.name);
      case "enum":
      case "entity":
        this.used.add(type.name);
        return { $ref: schemaRef(type.name) };
      case "record":
        return this.objectSchema(type.fields);
      case "union":
        return { type: "string", enum: unique(type.options) };
      case "array":
        return { type: "array", items: this.schema(type.element) };
      case "unknown":
        return {};
    }
  }

  private objectSchema(fields: FieldModel[], description?: string): JsonObject {
    const schema: JsonObject = { type: "object" };
    if (description !== undefined && description.trim() !== "") schema["description"] = description;
    const required = fields.filter((f) => !f.optional).map((f) => f.name);
    if (required.length > 0) schema["required"] = unique(required);
    const properties: JsonObject = {};
    for (const field of fields) {
      if (Object.hasOwn(properties, field.name)) continue;
      put(properties, field.name, this.fieldSchema(field));
    }
    schema["properties"] = properties;
    schema["additionalProperties"] = false;
    return schema;
  }

  private fieldSchema(field: FieldModel): JsonObject {
    const schema = this.schema(field.valueType);
    if (field.description !== undefined && field.description.trim() !== "") schema["description"] = field.description;
    const defaultValue = this.defaultValue(field);
    if (defaultValue !== undefined) schema["default"] = defaultValue;
    return schema;
  }

  /** A field's `default`, typed by the field: numbers for numeric types, booleans for `bool`. */
  private defaultValue(field: FieldModel): Json | undefined {
    const text = field.default;
    if (text === undefined) return undefined;
    const type = field.valueType;
    if (type.type === "builtin") {
      if (type.name === "int" || type.name === "float" || type.name === "decimal") {
        const value = field.defaultNumber;
        if (value !== undefined && (type.name !== "int" || Number.isInteger(value))) return value;
        return text;
      }
      if (type.name === "bool") {
        if (text === "true") return true;
        if (text === "false") return false;
        return text;
      }
      if (type.name === "json") {
        try {
          return JSON.parse(text) as Json;
        } catch {
          return text;
        }
      }
    }
    return text;
  }

  /** `components.schemas`: `Error` and every entity and enum reached, closed over entity fields, by name. */
  private schemas(): JsonObject {
    const built = new Map<string, JsonObject>();
    // Entity fields may reach further components; build until nothing new.
    for (let pending = [...this.used]; pending.length > 0; pending = [...this.used].filter((n) => !built.has(n))) {
      for (const name of pending) built.set(name, this.component(name));
    }
    if (this.errorUsed) built.set(this.errorSchema, errorSchema());
    const schemas: JsonObject = {};
    for (const name of [...built.keys()].sort(compareText)) put(schemas, name, built.get(name)!);
    return schemas;
  }

  private component(name: string): JsonObject {
    const enumModel = this.enums.get(name);
    if (enumModel) return { type: "string", enum: unique(enumModel.members) };
    const entity = this.entities.get(name);
    if (entity) return this.objectSchema(entity.fields, entity.title);
    return {
      type: "object",
      description: `\`${name}\` is declared outside this system's model; its fields are not shown here.`,
    };
  }
}

// ── helpers ────────────────────────────────────────────────────────────

function builtinSchema(name: string): JsonObject {
  switch (name) {
    case "string":
    case "text":
      return { type: "string" };
    case "int":
      return { type: "integer" };
    case "float":
    case "decimal":
      return { type: "number" };
    case "bool":
      return { type: "boolean" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "url":
      return { type: "string", format: "uri" };
    case "email":
      return { type: "string", format: "email" };
    case "date":
      return { type: "string", format: "date" };
    case "datetime":
      return { type: "string", format: "date-time" };
    case "duration":
      return { type: "string", format: "duration" };
    case "bytes":
      return { type: "string", format: "byte" };
    default:
      // json, and any builtin a later version adds: any JSON value.
      return {};
  }
}

function errorSchema(): JsonObject {
  return {
    type: "object",
    description: "The body of an error response.",
    required: ["code", "message"],
    properties: {
      code: { type: "string", description: "A stable, machine-readable error code." },
      message: { type: "string", description: "A human-readable explanation." },
    },
  };
}

function securityScheme(auth: string): { base: string; value: JsonObject } {
  if (/\b(bearer|jwt|token|oauth2?|oidc|openid)\b/i.test(auth)) {
    const value: JsonObject = { type: "http", scheme: "bearer" };
    if (/\bjwt\b/i.test(auth)) value["bearerFormat"] = "JWT";
    value["description"] = auth;
    return { base: "bearerAuth", value };
  }
  if (/\b(mtls|mutual tls|client certificates?)\b/i.test(auth)) return { base: "mutualTLS", value: { type: "mutualTLS", description: auth } };
  if (/\bbasic\b/i.test(auth)) return { base: "basicAuth", value: { type: "http", scheme: "basic", description: auth } };
  const header = /\b(X-[A-Za-z0-9-]+)/.exec(auth)?.[1] ?? "X-API-Key";
  return { base: "apiKeyAuth", value: { type: "apiKey", in: "header", name: header, description: auth } };
}

function schemaRef(name: string): string {
  return `#/components/schemas/${name}`;
}

/** Without the trailing slashes (`/` stays `/`). */
function trimSlash(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, "");
  return trimmed === "" && path.trim() !== "" ? "/" : trimmed;
}

/** The path part of a base (of an absolute URL, its pathname), without a trailing slash. */
function basePath(base: string | undefined): string {
  if (base === undefined) return "";
  let path = base.trim();
  const absolute = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*(.*)$/.exec(path);
  if (absolute) path = absolute[1]!;
  path = path.replace(/\/+$/, "");
  if (path !== "" && !path.startsWith("/")) path = `/${path}`;
  return path;
}

function joinPath(base: string, path: string): string {
  const joined = `${base}${path.startsWith("/") ? path : `/${path}`}`;
  if (joined.length > 1 && joined.endsWith("/")) return joined.replace(/\/+$/, "") || "/";
  return joined;
}

function placeholders(path: string): string[] {
  return [...path.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}

/** `/uploads/{id}/status` → `uploads_id_status`; `/` → `root`. */
function pathWords(path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  return words.length > 0 ? words.join("_") : "root";
}

/** Sets a key that comes from the source (`__proto__` included) as an own property. */
function put(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Code-point order, independent of the locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
