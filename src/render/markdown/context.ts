import type { ComponentModel, FlowModel, RequirementModel, SystemModel } from "../../semantics/model.js";
import { formatNumber } from "../../semantics/format.js";
import { escapeText } from "./text.js";

/** Diagram files written beside README.md, by the SVG renderer. */
export interface MarkdownDiagrams {
  architecture?: string;
  /** Flow id → file name (`flow-upload.svg`). */
  flows: Record<string, string>;
  dataModel?: string;
  /** View id → file name (`view-payments.svg`), for views that hold a component. */
  views?: Record<string, string>;
  /** Top-level boundary id → file name (`boundary-aws.svg`), when `architecture` is the landscape. */
  boundaries?: Record<string, string>;
}

export interface MarkdownOptions {
  diagrams: MarkdownDiagrams;
  /** Whether `openapi.yaml` is written beside README.md. */
  hasOpenApi: boolean;
}

/** What every section renderer reads: the system, the options, and look-ups by id. */
export interface Context {
  system: SystemModel;
  options: MarkdownOptions;
  components: Map<string, ComponentModel>;
  flows: Map<string, FlowModel>;
  requirements: Map<string, RequirementModel>;
  /** Component and boundary titles by id. */
  titles: Map<string, string>;
}

export function makeContext(system: SystemModel, options: MarkdownOptions): Context {
  const titles = new Map<string, string>();
  for (const b of system.boundaries) titles.set(b.id, b.title);
  for (const c of system.components) titles.set(c.id, c.title);
  return {
    system,
    options,
    components: new Map(system.components.map((c) => [c.id, c])),
    flows: new Map(system.flows.map((f) => [f.id, f])),
    requirements: new Map(system.requirements.map((r) => [r.id, r])),
    titles,
  };
}

/** A component or boundary by its title, escaped (its id when unknown). */
export function nameOf(ctx: Context, id: string): string {
  return escapeText(ctx.titles.get(id) ?? id);
}

/** A flow by its title, escaped. */
export function flowName(ctx: Context, id: string): string {
  return escapeText(ctx.flows.get(id)?.title ?? id);
}

/** A tier multiplier as shown in headings and columns: `1x`, `10x`, `2.5x`. */
export function tierLabel(tier: number): string {
  return `${formatNumber(tier)}x`;
}

/** `http(s)` links only; anything else is shown as text. */
export function isWebLink(link: string): boolean {
  return /^https?:\/\/[^\s<>()]+$/.test(link);
}
