/**
 * Hover: what a name is, where it is declared, and — what no other tool can
 * show — the design's own computed figures for it.
 */
import type { Declaration, ReferenceIndex, SystemModel } from "../semantics/index.js";
import { usesOf } from "../semantics/index.js";
import type { Model } from "../semantics/index.js";
import { visible } from "../util/visible.js";

// Design text reaches the editor's markdown escaped first (controls and bidi
// overrides as `\u{202E}`, a line break as `\n`), so it stays on its line and
// reads in the order it is written.
const code = (text: string): string => `\`${visible(text).replace(/`/g, "'")}\``;
/** Markdown shown in a hover must not run as HTML or carry a link of the design's making. */
const plain = (text: string): string => visible(text).replace(/[\\`*_{}[\]<>()#+!|~-]/g, (c) => `\\${c}`);

function tierNames(system: SystemModel): string[] {
  return system.scaling.tiers.map((t) => `${t}x`);
}

function shareOfTotal(system: SystemModel, value: number): string {
  const total = system.cost.totals[0]?.value;
  if (total === undefined || !(total > 0)) return "";
  return ` (${Math.round((value / total) * 1000) / 10}% of the total)`;
}

function componentHover(system: SystemModel, declaration: Declaration, index: ReferenceIndex): string[] {
  const component = system.components.find((c) => c.id === declaration.name);
  if (!component) return [];
  const lines = [`**${plain(component.title)}** ${code(component.id)} — component`, ""];
  lines.push(`- kind: ${component.kind.chain.map(code).join(" → ")}${component.kind.stateful ? " (holds state)" : ""}`);
  if (component.boundary !== undefined) {
    const boundary = system.boundaries.find((b) => b.id === component.boundary);
    lines.push(`- in: ${plain(boundary?.title ?? component.boundary)} ${code(component.boundary)}`);
  }
  if (component.technology) lines.push(`- technology: ${plain(component.technology.summary)}`);
  const outgoing = system.connections.filter((c) => c.from === component.id);
  const incoming = system.connections.filter((c) => c.to === component.id);
  const connection = (id: string, label: string | undefined): string => `${code(id)}${label ? ` ${plain(label)}` : ""}`;
  if (outgoing.length > 0) lines.push(`- calls: ${outgoing.map((c) => connection(c.to, c.label)).join(", ")}`);
  if (incoming.length > 0) lines.push(`- called by: ${incoming.map((c) => connection(c.from, c.label)).join(", ")}`);
  if (component.handles !== undefined || component.capacity) {
    const parts = [component.handles !== undefined ? `handles ${code(component.handles)}` : "", component.capacity ? `capacity ${component.capacity.text} per instance` : ""];
    lines.push(`- ${parts.filter(Boolean).join(", ")}`);
  }
  if (component.instances) {
    const tiers = tierNames(system);
    lines.push(`- instances: ${component.instances.map((n, i) => `${n} at ${tiers[i] ?? "?"}`).join(" · ")}`);
  }
  // Cost items whose amount names this component (`$60/month * Workers.instances`).
  const uses = usesOf(index, declaration);
  const items = system.cost.items.filter((item) => uses.some((u) => u.span.file === item.span.file && u.span.offset >= item.span.offset && u.span.endOffset <= item.span.endOffset));
  for (const item of items) {
    const first = item.perTier[0];
    if (first) lines.push(`- cost: ${plain(item.label)} ${first.text}${shareOfTotal(system, first.value)}`);
  }
  // A long text reads as one paragraph here; its line breaks are not worth a `\n` each.
  if (component.description) lines.push("", plain(component.description.replace(/\s+/g, " ")));
  return lines;
}

function describe(model: Model, declaration: Declaration, index: ReferenceIndex): string[] {
  const system = model.systems.find((s) => s.id === declaration.system);
  const where = `declared in ${code(declaration.nameSpan.file)} line ${declaration.nameSpan.line}`;
  if (declaration.category === "kind") {
    const component = model.systems.flatMap((s) => s.components).find((c) => c.kind.chain[0] === declaration.name || c.kind.id.endsWith(`.${declaration.name}`));
    const chain = component ? ` — ${component.kind.chain.map(code).join(" → ")}` : "";
    return [`${code(declaration.name)} — kind${chain}`, "", where];
  }
  if (declaration.category === "type") {
    const entity = model.systems.flatMap((s) => s.types.entities).find((e) => e.id === declaration.name || e.id.endsWith(`.${declaration.name}`));
    if (entity) return [`${code(entity.id)} — entity`, "", ...entity.fields.map((f) => `- ${code(f.name)}${f.optional ? "?" : ""}${f.pk ? " (pk)" : ""}`), "", where];
    const enumeration = model.systems.flatMap((s) => s.types.enums).find((e) => e.id === declaration.name || e.id.endsWith(`.${declaration.name}`));
    if (enumeration) return [`${code(enumeration.id)} — enum: ${enumeration.members.map(code).join(" | ")}`, "", where];
    return [`${code(declaration.name)} — type`, "", where];
  }
  if (!system) return [`${code(declaration.name)} — ${declaration.category}`, "", where];
  switch (declaration.category) {
    case "component":
      return [...componentHover(system, declaration, index), "", where];
    case "boundary": {
      const boundary = system.boundaries.find((b) => b.id === declaration.name);
      return [`**${plain(boundary?.title ?? declaration.name)}** ${code(declaration.name)} — boundary`, "", `- holds: ${(boundary?.children ?? []).map(code).join(", ") || "nothing"}`, "", where];
    }
    case "requirement": {
      const requirement = system.requirements.find((r) => r.id === declaration.name);
      if (!requirement) break;
      const lines = [`${code(requirement.id)} — ${requirement.kind === "functional" ? "functional" : "non-functional"} requirement`, "", plain(requirement.text)];
      const target = requirement.target;
      if (target) {
        lines.push("", `- target: ${code(target.text)}`);
        if (target.computed) lines.push(`- computed: ${target.computed.text}`);
        lines.push(`- status: ${target.status}`);
        if (target.monitoredBy.length > 0) lines.push(`- watched by: ${target.monitoredBy.map(code).join(", ")}`);
      }
      if (requirement.satisfiedBy.length > 0) lines.push(`- satisfied by: ${requirement.satisfiedBy.map(code).join(", ")}`);
      return [...lines, "", where];
    }
    case "demand": {
      const demand = system.scaling.demands.find((d) => d.id === declaration.name);
      const tiers = system.scaling.table.map((row) => `${row.demands.find((d) => d.id === declaration.name)?.rate.text ?? "?"} at ${row.tier}x`);
      return [`${code(declaration.name)} — demand${demand?.title ? `: ${plain(demand.title)}` : ""}`, "", `- rate: ${tiers.join(" · ")}`, "", where];
    }
    case "metric": {
      const metric = system.monitoring.metrics.find((m) => m.id === declaration.name);
      const alerts = system.monitoring.alerts.filter((a) => a.metric === declaration.name).map((a) => code(a.condition));
      const lines = [`**${plain(metric?.title ?? declaration.name)}** ${code(declaration.name)} — metric`, ""];
      if (metric?.unit) lines.push(`- unit: ${code(metric.unit)}`);
      if (metric && metric.percentiles.length > 0) lines.push(`- percentiles: ${metric.percentiles.join(", ")}`);
      if (metric?.of) lines.push(`- of: ${code(metric.of)}`);
      lines.push(`- alerts: ${alerts.join(", ") || "none"}`);
      return [...lines, "", where];
    }
    case "api": {
      const api = system.apis.find((a) => a.id === declaration.name);
      const lines = [`**${plain(api?.title ?? declaration.name)}** ${code(declaration.name)} — api`, ""];
      if (api?.servedBy) lines.push(`- served by: ${code(api.servedBy)}`);
      for (const endpoint of api?.endpoints ?? []) lines.push(`- ${code(`${endpoint.method} ${endpoint.path}`)}`);
      return [...lines, "", where];
    }
    case "flow": {
      const flow = system.flows.find((f) => f.id === declaration.name);
      return [`**${plain(flow?.title ?? declaration.name)}** ${code(declaration.name)} — flow of ${flow?.steps.length ?? 0} steps`, "", `- through: ${(flow?.participants ?? []).map(code).join(" → ")}`, "", where];
    }
    case "decision": {
      const decision = system.decisions.find((d) => d.id === declaration.name);
      return [`**${plain(decision?.title ?? declaration.name)}** ${code(declaration.name)} — decision${decision?.status ? ` (${plain(decision.status)})` : ""}`, "", where];
    }
    case "view": {
      const view = system.views.find((v) => v.id === declaration.name);
      const lines = [`**${plain(view?.title ?? declaration.name)}** ${code(declaration.name)} — view`, "", `- holds: ${(view?.components ?? []).map(code).join(", ") || "nothing"}`];
      if (view && view.collapsed.length > 0) lines.push(`- collapsed: ${view.collapsed.map(code).join(", ")}`);
      return [...lines, "", where];
    }
    case "system": {
      const lines = [`**${plain(system.title)}** ${code(system.id)} — system`, ""];
      lines.push(`- ${system.components.length} components, ${system.connections.length} connections, ${system.flows.length} flows`);
      if (system.cost.totals.length > 0) lines.push(`- cost: ${system.cost.totals.map((t, i) => `${t.text} at ${system.scaling.tiers[i] ?? "?"}x`).join(" · ")}`);
      return [...lines, "", where];
    }
    default:
      break;
  }
  return [`${code(declaration.name)} — ${declaration.category}`, "", where];
}

export function hoverText(model: Model, declaration: Declaration, index: ReferenceIndex): string {
  return describe(model, declaration, index).join("\n");
}
