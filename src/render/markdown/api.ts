import type { ApiModel, EndpointModel, WebhookModel } from "../../semantics/model.js";
import { reasonPhrase } from "../http-status.js";
import { fullPath } from "./components.js";
import { nameOf, type Context } from "./context.js";
import { code, escapeText, fence, heading, markdownBlock, nothing, table } from "./text.js";
import { tsRecord, tsType } from "./types.js";

function statusText(status: number): string {
  return `${status} ${reasonPhrase(status)}`;
}

/** `Path params:`, `Request:`, `Response 201:`, `Errors:` lines, labels aligned. */
function shapeLines(endpoint: EndpointModel): string[][] {
  const lines: string[][] = [];
  if (endpoint.params.length > 0) lines.push(["Path params:", tsRecord(endpoint.params)]);
  if (endpoint.query.length > 0) lines.push(["Query:", tsRecord(endpoint.query)]);
  if (endpoint.request) lines.push(["Request:", tsType(endpoint.request)]);
  for (const r of endpoint.responses) lines.push([`Response ${r.status}:`, r.body ? tsType(r.body) : "(no body)"]);
  if (endpoint.errors.length > 0) lines.push(["Errors:", endpoint.errors.map(statusText).join(", ")]);
  return lines;
}

function aligned(lines: string[][]): string {
  const width = Math.max(...lines.map(([label]) => label!.length));
  return lines.map(([label, value]) => `${label!.padEnd(width)} ${value}`).join("\n");
}

function endpointBlocks(api: ApiModel, endpoint: EndpointModel): string[] {
  const blocks = [heading(4, code(`${endpoint.method} ${fullPath(api, endpoint.path)}`))];
  if (endpoint.title !== undefined) blocks.push(escapeText(endpoint.title));
  if (endpoint.description !== undefined && markdownBlock(endpoint.description) !== "") blocks.push(markdownBlock(endpoint.description));
  const lines = shapeLines(endpoint);
  blocks.push(lines.length > 0 ? fence(aligned(lines)) : nothing("No parameters, body or responses are specified."));
  return blocks;
}

function apiBlocks(ctx: Context, api: ApiModel): string[] {
  const blocks = [heading(3, escapeText(api.title))];
  const facts = [`**ID:** ${code(api.id)}`];
  if (api.base !== undefined) facts.push(`**Base path:** ${code(api.base)}`);
  if (api.auth !== undefined) facts.push(`**Auth:** ${escapeText(api.auth)}`);
  if (api.servedBy !== undefined) facts.push(`**Served by:** ${nameOf(ctx, api.servedBy)}`);
  blocks.push(facts.join("\\\n"));
  if (api.description !== undefined && markdownBlock(api.description) !== "") blocks.push(markdownBlock(api.description));
  if (api.endpoints.length === 0) {
    blocks.push(nothing("This API has no endpoints."));
    return blocks;
  }
  blocks.push(
    table(
      ["Method", "Path", "Description"],
      api.endpoints.map((e) => [code(e.method), code(fullPath(api, e.path)), e.title !== undefined ? escapeText(e.title) : ""]),
    ),
  );
  for (const endpoint of api.endpoints) blocks.push(...endpointBlocks(api, endpoint));
  return blocks;
}

function webhookBlocks(ctx: Context, webhook: WebhookModel): string[] {
  const blocks = [heading(4, code(webhook.event))];
  const facts = [`**ID:** ${code(webhook.id)}`];
  if (webhook.from !== undefined) facts.push(`**Sent by:** ${nameOf(ctx, webhook.from)}`);
  blocks.push(facts.join("\\\n"));
  if (webhook.description !== undefined && markdownBlock(webhook.description) !== "") blocks.push(markdownBlock(webhook.description));
  blocks.push(webhook.payload ? fence(`Payload: ${tsType(webhook.payload)}`) : nothing("No payload is specified."));
  return blocks;
}

export function renderApis(ctx: Context): string[] {
  const { apis, webhooks } = ctx.system;
  const blocks = [heading(2, "API Contract")];
  if (apis.length === 0 && webhooks.length === 0) {
    blocks.push(nothing("No APIs or webhooks are recorded."));
    return blocks;
  }
  if (ctx.options.hasOpenApi) blocks.push("The machine-readable contract is [`openapi.yaml`](openapi.yaml) (OpenAPI 3.1).");
  if (apis.length === 0) blocks.push(nothing("No APIs are recorded."));
  for (const api of apis) blocks.push(...apiBlocks(ctx, api));
  blocks.push(heading(3, "Webhooks"));
  if (webhooks.length === 0) blocks.push(nothing("No webhooks are recorded."));
  for (const webhook of webhooks) blocks.push(...webhookBlocks(ctx, webhook));
  return blocks;
}
