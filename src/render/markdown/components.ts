import { formatNumber } from "../../semantics/format.js";
import type { ApiModel, BoundaryModel, ComponentModel, ConnectionModel } from "../../semantics/model.js";
import { isWebLink, nameOf, tierLabel, type Context } from "./context.js";
import { propertyTable } from "./intro.js";
import { bullets, code, escapeText, fence, heading, image, joinWords, markdownBlock, nothing, oneLine, table } from "./text.js";

// ── High-Level Architecture ────────────────────────────────────────────

/** How a connection reads: `HTTPS (async, SQS SendMessage)`. */
function connectionLabel(c: ConnectionModel): string {
  const extras: string[] = [];
  if (c.async) extras.push("async");
  if (c.technology !== undefined) extras.push(escapeText(c.technology));
  const label = c.label !== undefined ? escapeText(c.label) : "";
  if (extras.length === 0) return label;
  return label === "" ? extras.join(", ") : `${label} (${extras.join(", ")})`;
}

function boundaryLines(ctx: Context, boundary: BoundaryModel, byId: Map<string, BoundaryModel>, depth: number): string[] {
  const indent = "  ".repeat(depth);
  const components = boundary.children.filter((child) => !byId.has(child));
  const inner = boundary.children.filter((child) => byId.has(child));
  const holds = components.length > 0 ? `: ${components.map((c) => nameOf(ctx, c)).join(", ")}` : "";
  const lines = [`${indent}- **${escapeText(boundary.title)}**${holds}`];
  for (const child of inner) lines.push(...boundaryLines(ctx, byId.get(child)!, byId, depth + 1));
  return lines;
}

export function renderArchitecture(ctx: Context): string[] {
  const { system, options } = ctx;
  const blocks = [heading(2, "High-Level Architecture")];
  if (options.diagrams.architecture !== undefined) blocks.push(image("Architecture", options.diagrams.architecture));
  blocks.push(...landscapeBlocks(ctx));
  if (system.components.length === 0) {
    blocks.push(nothing("No components are recorded."));
    blocks.push(...viewBlocks(ctx));
    return blocks;
  }
  if (system.boundaries.length > 0) {
    const byId = new Map(system.boundaries.map((b) => [b.id, b]));
    const lines = system.boundaries.filter((b) => b.parent === undefined).flatMap((b) => boundaryLines(ctx, b, byId, 0));
    blocks.push("**Boundaries:**", lines.join("\n"));
  }
  if (system.connections.length === 0) blocks.push(nothing("No connections are recorded."));
  else {
    // The description column only when some connection has one.
    const described = system.connections.some((c) => c.description !== undefined);
    blocks.push(
      "**Connections:**",
      table(
        ["From", "To", "Label", ...(described ? ["Description"] : [])],
        system.connections.map((c) => [
          nameOf(ctx, c.from),
          nameOf(ctx, c.to),
          connectionLabel(c),
          ...(described ? [c.description !== undefined ? oneLine(c.description) : ""] : []),
        ]),
      ),
    );
  }
  blocks.push(...viewBlocks(ctx));
  return blocks;
}

/** When `architecture.svg` is the landscape: why, and each top-level boundary's own diagram. */
function landscapeBlocks(ctx: Context): string[] {
  const files = ctx.options.diagrams.boundaries ?? {};
  const drawn = ctx.system.boundaries.filter((b) => b.parent === undefined && Object.hasOwn(files, b.id));
  if (drawn.length === 0) return [];
  const blocks = [
    `The design has ${formatNumber(ctx.system.components.length)} components, more than fit one readable diagram: the diagram above draws each top-level boundary as one box with the number of components inside, and parallel connections as one line with their number. Each boundary is drawn on its own below, with the components outside it that it talks to as dashed boxes.`,
  ];
  for (const b of drawn) blocks.push(heading(3, escapeText(b.title)), image(b.title, files[b.id]!));
  return blocks;
}

/** One sub-section per `view`: its title, description and diagram. */
function viewBlocks(ctx: Context): string[] {
  const files = ctx.options.diagrams.views ?? {};
  const blocks: string[] = [];
  for (const view of ctx.system.views) {
    blocks.push(heading(3, `View: ${escapeText(view.title)}`));
    if (view.description !== undefined) blocks.push(markdownBlock(view.description));
    const file = Object.hasOwn(files, view.id) ? files[view.id] : undefined;
    if (file !== undefined) blocks.push(image(view.title, file));
    else if (view.components.length === 0) blocks.push(nothing("The view selects no component."));
    if (view.collapsed.length > 0) {
      blocks.push(`Drawn as one box each: ${view.collapsed.map((b) => nameOf(ctx, b)).join(", ")}.`);
    }
  }
  return blocks;
}

// ── Components ─────────────────────────────────────────────────────────

function kindLine(component: ComponentModel): string {
  const { kind } = component;
  const chain = kind.chain.map((k) => code(k)).join(" → ");
  return `**Kind:** ${escapeText(kind.title)} (${chain}${kind.stateful ? ", stateful" : ""})`;
}

function boundaryPath(ctx: Context, id: string): string {
  const parents = new Map(ctx.system.boundaries.map((b) => [b.id, b.parent]));
  const path: string[] = [];
  let current: string | undefined = id;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    path.push(nameOf(ctx, current));
    current = parents.get(current);
  }
  return path.join(", inside ");
}

function technologyBlocks(component: ComponentModel): string[] {
  const t = component.technology;
  if (!t) return [];
  const parts: string[] = [];
  if (t.language !== undefined) parts.push(`Language: ${escapeText(t.language)}`);
  if (t.framework !== undefined) parts.push(`Framework: ${escapeText(t.framework)}`);
  if (t.database !== undefined) parts.push(`Database: ${escapeText(t.database)}`);
  if (t.runtime !== undefined) parts.push(`Runtime: ${escapeText(t.runtime)}`);
  if (parts.length === 0) return [`**Technology:** ${escapeText(t.summary)}`];
  return ["**Technology:**", bullets(parts)];
}

/** `POST   /v1/uploads        Request upload URL`, aligned as in the template. */
export function endpointLines(api: ApiModel): string {
  const method = Math.max(...api.endpoints.map((e) => e.method.length));
  const paths = api.endpoints.map((e) => fullPath(api, e.path));
  const width = Math.max(...paths.map((p) => p.length));
  return api.endpoints
    .map((e, i) => {
      const title = e.title !== undefined ? `  ${oneLine(e.title)}` : "";
      return `${e.method.padEnd(method)} ${paths[i]!.padEnd(width)}${title}`.trimEnd();
    })
    .join("\n");
}

/** An endpoint's path with its api's base: `/v1` + `/uploads` → `/v1/uploads`. */
export function fullPath(api: ApiModel, path: string): string {
  const base = (api.base ?? "").replace(/\/+$/, "");
  const tail = path.startsWith("/") || path === "" ? path : `/${path}`;
  return (base + tail || "/").replace(/\s+/g, "");
}

function apiBlocks(ctx: Context, component: ComponentModel): string[] {
  const ids = [...component.exposes];
  for (const api of ctx.system.apis) if (api.servedBy === component.id && !ids.includes(api.id)) ids.push(api.id);
  const apis = ids.map((id) => ctx.system.apis.find((a) => a.id === id)).filter((a): a is ApiModel => a !== undefined);
  if (apis.length === 0) return [];
  const blocks: string[] = [];
  for (const api of apis) {
    blocks.push(`**API:** ${escapeText(api.title)} (${code(api.id)}); see [API Contract](#api-contract)`);
    if (api.endpoints.length > 0) blocks.push(fence(endpointLines(api)));
  }
  return blocks;
}

function scalingBlocks(ctx: Context, component: ComponentModel): string[] {
  const items: string[] = [];
  const s = component.scaling;
  if (s?.horizontal !== undefined) items.push(`Horizontal: ${escapeText(s.horizontal)}`);
  if (s?.vertical !== undefined) items.push(`Vertical: ${escapeText(s.vertical)}`);
  if (component.handles !== undefined) {
    const demand = ctx.system.scaling.demands.find((d) => d.id === component.handles);
    const described = demand ? ` (${demand.title !== undefined ? `${escapeText(demand.title)}, ` : ""}${demand.rate.text} at 1x)` : "";
    items.push(`Handles: ${code(component.handles)}${described}`);
  }
  if (component.capacity) items.push(`Capacity: ${component.capacity.text} per instance`);
  if (component.instances && component.instances.length > 0) {
    const tiers = ctx.system.scaling.tiers;
    items.push(`Instances: ${joinWords(component.instances.map((n, i) => `${formatNumber(n)} at ${tiers[i] !== undefined ? tierLabel(tiers[i]) : `tier ${i + 1}`}`))}`);
  }
  if (component.instanceBounds) {
    const { min, max } = component.instanceBounds;
    items.push(min === max ? `Bounds: exactly ${formatNumber(min)} instances` : `Bounds: ${formatNumber(min)} to ${formatNumber(max)} instances`);
  }
  if (items.length === 0) return s ? [`**Scaling:** ${escapeText(s.summary)}`] : [];
  if (s && s.horizontal === undefined && s.vertical === undefined) return [`**Scaling:** ${escapeText(s.summary)}`, bullets(items)];
  return ["**Scaling:**", bullets(items)];
}

function linkLabels(connections: ConnectionModel[]): string {
  const labels = connections.map(connectionLabel).filter((l) => l !== "");
  return labels.length > 0 ? `: ${labels.join("; ")}` : "";
}

function dependencyBlocks(ctx: Context, component: ComponentModel): string[] {
  const blocks: string[] = [];
  const { connections } = ctx.system;
  if (component.dependencies.length > 0) {
    blocks.push(
      "**Dependencies:**",
      bullets(component.dependencies.map((to) => nameOf(ctx, to) + linkLabels(connections.filter((c) => c.from === component.id && c.to === to)))),
    );
  }
  const users: string[] = [];
  for (const c of connections) if (c.to === component.id && !users.includes(c.from)) users.push(c.from);
  if (users.length > 0) {
    blocks.push(
      "**Used by:**",
      bullets(users.map((from) => nameOf(ctx, from) + linkLabels(connections.filter((c) => c.from === from && c.to === component.id)))),
    );
  }
  return blocks;
}

function componentBlocks(ctx: Context, component: ComponentModel, number: number): string[] {
  const blocks = [heading(3, `${number}. ${escapeText(component.title)}`)];
  const facts = [`**ID:** ${code(component.id)}`, kindLine(component)];
  if (component.boundary !== undefined) facts.push(`**Boundary:** ${boundaryPath(ctx, component.boundary)}`);
  if (component.owner !== undefined) facts.push(`**Owner:** ${escapeText(component.owner)}`);
  if (component.tags.length > 0) facts.push(`**Tags:** ${component.tags.map((t) => code(t)).join(", ")}`);
  if (component.link !== undefined) {
    facts.push(`**Link:** ${isWebLink(component.link) ? `<${component.link}>` : escapeText(component.link)}`);
  }
  blocks.push(facts.join("\\\n"));
  if (component.description !== undefined && markdownBlock(component.description) !== "") blocks.push(markdownBlock(component.description));
  if (component.responsibilities.length > 0) blocks.push("**Responsibilities:**", bullets(component.responsibilities.map(escapeText)));
  blocks.push(...technologyBlocks(component));
  blocks.push(...apiBlocks(ctx, component));
  blocks.push(...scalingBlocks(ctx, component));
  blocks.push(...dependencyBlocks(ctx, component));
  if (component.stores.length > 0) blocks.push(`**Stores:** ${component.stores.map((s) => code(s)).join(", ")}`);
  if (component.failureHandling.length > 0) blocks.push("**Failure handling:**", bullets(component.failureHandling.map(escapeText)));
  if (component.properties.length > 0) blocks.push("**Properties:**", propertyTable(component.properties));
  return blocks;
}

export function renderComponents(ctx: Context): string[] {
  const blocks = [heading(2, "Components")];
  if (ctx.system.components.length === 0) {
    blocks.push(nothing("No components are recorded."));
    return blocks;
  }
  ctx.system.components.forEach((c, i) => blocks.push(...componentBlocks(ctx, c, i + 1)));
  return blocks;
}
