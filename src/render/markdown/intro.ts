import type { PropertyModel } from "../../semantics/model.js";
import { xmlCommentMarker } from "../marker.js";
import type { Context } from "./context.js";
import { bullets, code, escapeText, heading, markdownBlock, nothing, table } from "./text.js";

/** The title, a generated-file note, and the owner/status line. */
export function renderTitle(ctx: Context): string[] {
  const { system } = ctx;
  const meta = [`**System:** ${code(system.id)}`];
  if (system.owner !== undefined) meta.push(`**Owner:** ${escapeText(system.owner)}`);
  if (system.status !== undefined) meta.push(`**Status:** ${escapeText(system.status)}`);
  return [
    xmlCommentMarker(system.file),
    heading(1, `System Design: ${escapeText(system.title)}`),
    meta.join(" · "),
  ];
}

export function renderOverview(ctx: Context): string[] {
  const { system } = ctx;
  const blocks = [heading(2, "Overview")];
  blocks.push(system.overview !== undefined && markdownBlock(system.overview) !== "" ? markdownBlock(system.overview) : nothing("No overview is written."));
  if (system.properties.length > 0) {
    blocks.push(heading(3, "Other Properties"), propertyTable(system.properties));
  }
  return blocks;
}

export function renderScope(ctx: Context): string[] {
  const { scope } = ctx.system;
  const blocks = [heading(2, "Scope")];
  if (scope.in.length === 0 && scope.out.length === 0) {
    blocks.push(nothing("No scope is recorded."));
    return blocks;
  }
  const part = (label: string, items: string[]): string[] =>
    items.length === 0 ? [`**${label}:** _nothing recorded_`] : [`**${label}:**`, bullets(items.map(escapeText))];
  blocks.push(...part("In scope", scope.in), ...part("Out of scope", scope.out));
  return blocks;
}

/** Free-form properties as a key/value table; nested blocks become dotted keys. */
export function propertyTable(properties: PropertyModel[]): string {
  const rows: string[][] = [];
  const walk = (list: PropertyModel[], prefix: string): void => {
    for (const p of list) {
      const key = prefix + p.key;
      if (p.values.length > 0 || !p.block || p.block.length === 0) {
        rows.push([code(key), p.values.length > 0 ? escapeText(p.values.join(", ")) : "true"]);
      }
      if (p.block) walk(p.block, `${key}.`);
    }
  };
  walk(properties, "");
  return table(["Key", "Value"], rows);
}
