import { formatNumber } from "../../semantics/format.js";
import type { DemandModel, UnitCostModel } from "../../semantics/model.js";
import { formatPercent } from "../../semantics/format.js";
import { nameOf, tierLabel, type Context } from "./context.js";
import { BLANK, bullets, code, escapeText, heading, nothing, table, type Align } from "./text.js";

// ── Scaling Considerations ─────────────────────────────────────────────

function demandTitle(demand: DemandModel | undefined): string {
  return demand?.title !== undefined ? escapeText(demand.title) : "";
}

/** Tiers in order: the declared ones, then any that only have notes. */
function allTiers(ctx: Context): number[] {
  const tiers = [...ctx.system.scaling.tiers];
  for (const n of ctx.system.scaling.notes) if (!tiers.includes(n.tier)) tiers.push(n.tier);
  return tiers;
}

/** Components with computed instances, in order of first appearance in the table. */
function scaledComponents(ctx: Context): string[] {
  const ids: string[] = [];
  for (const row of ctx.system.scaling.table) for (const i of row.instances) if (!ids.includes(i.component)) ids.push(i.component);
  return ids;
}

function tierSummary(ctx: Context, tier: number): string[] {
  const { scaling, cost } = ctx.system;
  const index = scaling.tiers.indexOf(tier);
  const row = scaling.table.find((r) => r.tier === tier);
  const lines: string[] = [];
  if (row && row.demands.length > 0) lines.push(`Demand: ${row.demands.map((d) => `${code(d.id)} ${d.rate.text}`).join(", ")}`);
  if (row && row.instances.length > 0) {
    lines.push(`Instances: ${row.instances.map((i) => `${nameOf(ctx, i.component)} ${formatNumber(i.count)}`).join(", ")}`);
  }
  const total = index >= 0 ? cost.totals[index] : undefined;
  if (total && cost.items.length > 0) lines.push(`Monthly cost: ${total.text}`);
  return lines;
}

export function renderScaling(ctx: Context): string[] {
  const { scaling } = ctx.system;
  const blocks = [heading(2, "Scaling Considerations")];
  const components = scaledComponents(ctx);
  if (scaling.demands.length === 0 && scaling.notes.length === 0 && components.length === 0) {
    blocks.push(nothing("No demands or tier notes are recorded."));
    return blocks;
  }
  const tiers = scaling.tiers;
  const tierColumns = tiers.map(tierLabel);
  const right = (n: number): Align[] => Array.from({ length: n }, () => "right");
  blocks.push(`**Tiers:** ${tiers.map(tierLabel).join(", ")} · **Target utilization per instance:** ${formatPercent(scaling.utilization)}`);

  blocks.push(heading(3, "Demand"));
  if (scaling.demands.length === 0) blocks.push(nothing("No demands are recorded."));
  else {
    blocks.push(
      table(
        ["Demand", "Description", ...tierColumns],
        scaling.demands.map((d) => [
          code(d.id),
          demandTitle(d),
          ...tiers.map((t) => scaling.table.find((r) => r.tier === t)?.demands.find((x) => x.id === d.id)?.rate.text ?? ""),
        ]),
        ["left", "left", ...right(tiers.length)],
      ),
    );
  }

  blocks.push(heading(3, "Instances"));
  if (components.length === 0) blocks.push(nothing("No component has both `handles` and `capacity`, so no instance counts are computed."));
  else {
    blocks.push(
      table(
        ["Component", "Handles", "Capacity per instance", "Bounds", ...tierColumns],
        components.map((id) => {
          const c = ctx.components.get(id);
          const bounds = c?.instanceBounds ? `${formatNumber(c.instanceBounds.min)}–${formatNumber(c.instanceBounds.max)}` : "";
          return [
            nameOf(ctx, id),
            c?.handles !== undefined ? code(c.handles) : "",
            c?.capacity ? c.capacity.text : "",
            bounds,
            ...tiers.map((t) => {
              const count = scaling.table.find((r) => r.tier === t)?.instances.find((i) => i.component === id)?.count;
              return count === undefined ? "" : formatNumber(count);
            }),
          ];
        }),
        ["left", "left", "right", "right", ...right(tiers.length)],
      ),
    );
  }

  for (const tier of allTiers(ctx)) {
    blocks.push(heading(3, tierLabel(tier)));
    const summary = tierSummary(ctx, tier);
    if (summary.length > 0) blocks.push(bullets(summary));
    const notes = scaling.notes.find((n) => n.tier === tier)?.notes ?? [];
    if (notes.length > 0) blocks.push("**Notes:**", bullets(notes.map(escapeText)));
    else if (summary.length === 0) blocks.push(nothing("No figures or notes for this tier."));
  }
  return blocks;
}

// ── Cost Estimate ──────────────────────────────────────────────────────

/** `uploads` → "upload"; a demand id that does not read as a plural noun → undefined. */
function singularNoun(id: string): string | undefined {
  const words = id.split("_").filter((w) => w !== "");
  const last = words[words.length - 1];
  if (last === undefined || !/^[a-z]+s$/.test(last) || /(ss|us|is)$/.test(last)) return undefined;
  words[words.length - 1] = /[^aeiou]ies$/.test(last) ? `${last.slice(0, -3)}y` : last.slice(0, -1);
  return words.join(" ");
}

function unitCostLine(ctx: Context, unit: UnitCostModel): string {
  const demand = ctx.system.scaling.demands.find((d) => d.id === unit.demand);
  const noun = singularNoun(unit.demand);
  const per = noun !== undefined ? `per ${escapeText(noun)}` : `per unit of ${code(unit.demand)}`;
  const at = demand ? ` (${code(unit.demand)} at ${demand.rate.text})` : "";
  return `≈ ${unit.cost.text} ${per}${at}`;
}

export function renderCost(ctx: Context): string[] {
  const { cost, scaling } = ctx.system;
  const blocks = [heading(2, "Cost Estimate")];
  if (cost.items.length === 0) {
    blocks.push(nothing("No cost items are recorded."));
    if (cost.budget) blocks.push(`**Budget:** ${cost.budget.text}`);
    return blocks;
  }
  const tiers = scaling.tiers;
  const right: Align[] = tiers.map(() => "right");
  blocks.push("Monthly figures per scaling tier; an item that uses a component's instances grows with that tier's count.");
  blocks.push(
    table(
      ["Item", "Expression", ...tiers.map(tierLabel)],
      [
        ...cost.items.map((item) => [escapeText(item.label), code(item.text), ...tiers.map((_, i) => item.perTier[i]?.text ?? "")]),
        ["**Total**", BLANK, ...tiers.map((_, i) => (cost.totals[i] ? `**${cost.totals[i].text}**` : ""))],
      ],
      ["left", "left", ...right],
    ),
  );
  if (cost.budget) {
    // The verdict is the model's, the same comparison that raises E231.
    const verdict = cost.overBudget === undefined ? "" : cost.overBudget ? "the 1x total is over it" : "the 1x total is within it";
    blocks.push(`**Budget:** ${cost.budget.text}${verdict !== "" ? `; ${verdict}` : ""}.`);
  }
  if (cost.unitCosts.length > 0) blocks.push("**Unit cost at 1x:**", bullets(cost.unitCosts.map((u) => unitCostLine(ctx, u))));
  return blocks;
}
