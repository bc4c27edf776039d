/**
 * The diagrams' one theme: colours for light and dark in one embedded
 * stylesheet (dark through `prefers-color-scheme`), fonts from the layout's
 * text styles. Elements carry classes; no colour is written anywhere else.
 */
import { FONTS, MONO_FAMILY, SANS_FAMILY, type FontName } from "../../layout/measure.js";
import type { NodeCategory } from "../../layout/types.js";

interface Palette {
  background: string;
  text: string;
  muted: string;
  edge: string;
  labelText: string;
  boundary: { stroke: string; fill: string[]; text: string };
  nodes: Record<NodeCategory, { fill: string; stroke: string }>;
  table: { header: string; headerStroke: string; row: string; rowAlt: string; stroke: string; pk: string; pkText: string; fk: string; fkText: string };
  rule: string;
}

const LIGHT: Palette = {
  background: "#ffffff",
  text: "#1f2328",
  muted: "#59636e",
  edge: "#6e7781",
  labelText: "#3d444d",
  boundary: { stroke: "#8c959f", fill: ["#f6f8fa", "#eef1f4", "#e6eaef"], text: "#59636e" },
  nodes: {
    service: { fill: "#ddf4ff", stroke: "#0969da" },
    store: { fill: "#dafbe1", stroke: "#1a7f37" },
    queue: { fill: "#fbefff", stroke: "#8250df" },
    gateway: { fill: "#fff8c5", stroke: "#9a6700" },
    person: { fill: "#eaeef2", stroke: "#59636e" },
    cdn: { fill: "#d7f5f3", stroke: "#1b7c83" },
    external: { fill: "#ffffff", stroke: "#818b98" },
    document: { fill: "#fff1e5", stroke: "#bc4c00" },
    boundary: { fill: "#f6f8fa", stroke: "#8c959f" },
  },
  table: {
    header: "#ddf4ff",
    headerStroke: "#0969da",
    row: "#ffffff",
    rowAlt: "#f6f8fa",
    stroke: "#8c959f",
    pk: "#fff8c5",
    pkText: "#7d4e00",
    fk: "#ddf4ff",
    fkText: "#0550ae",
  },
  rule: "#8c959f",
};

const DARK: Palette = {
  background: "#0d1117",
  text: "#e6edf3",
  muted: "#9198a1",
  edge: "#8b949e",
  labelText: "#d1d7e0",
  boundary: { stroke: "#656c76", fill: ["#151b23", "#1a212b", "#1f2733"], text: "#9198a1" },
  nodes: {
    service: { fill: "#0d2847", stroke: "#4493f8" },
    store: { fill: "#0f2d1a", stroke: "#3fb950" },
    queue: { fill: "#261a45", stroke: "#ab7df8" },
    gateway: { fill: "#2e2307", stroke: "#d29922" },
    person: { fill: "#212830", stroke: "#9198a1" },
    cdn: { fill: "#0a2a2c", stroke: "#39c5cf" },
    external: { fill: "#0d1117", stroke: "#7d8590" },
    document: { fill: "#2d1a0c", stroke: "#f0883e" },
    boundary: { fill: "#151b23", stroke: "#656c76" },
  },
  table: {
    header: "#0d2847",
    headerStroke: "#4493f8",
    row: "#0d1117",
    rowAlt: "#151b23",
    stroke: "#656c76",
    pk: "#3b2e0a",
    pkText: "#e3b341",
    fk: "#0d2847",
    fkText: "#79c0ff",
  },
  rule: "#656c76",
};

const CATEGORIES: NodeCategory[] = ["service", "store", "queue", "gateway", "person", "cdn", "external", "document", "boundary"];
export const FONT_NAMES = Object.keys(FONTS) as FontName[];

/** The CSS class of text in `font`. */
export function fontClass(font: FontName): string {
  return `t-${font.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function colours(p: Palette): string[] {
  const rules: string[] = [
    `.bg{fill:${p.background}}`,
    `text{fill:${p.text}}`,
    `text.muted{fill:${p.muted}}`,
    `.edge path{stroke:${p.edge}}`,
    `.arrowhead{fill:${p.edge};stroke:${p.edge}}`,
    `.arrowhead.open{fill:none}`,
    `.edge-label rect{fill:${p.background}}`,
    `.edge-label text{fill:${p.labelText}}`,
    `.edge-label text.muted{fill:${p.muted}}`,
    `.boundary .frame{stroke:${p.boundary.stroke}}`,
    `.boundary-label text{fill:${p.boundary.text}}`,
    `.rule{stroke:${p.rule}}`,
  ];
  p.boundary.fill.forEach((fill, i) => rules.push(`.depth-${i + 1} .frame,.depth-${i + 1} .label-bg,.edge-label.on-depth-${i + 1} rect{fill:${fill}}`));
  for (const c of CATEGORIES) rules.push(`.node.${c} .outline{fill:${p.nodes[c].fill};stroke:${p.nodes[c].stroke}}`, `.node.${c} .rim{stroke:${p.nodes[c].stroke}}`);
  rules.push(
    `.table .outline{fill:${p.table.row};stroke:${p.table.stroke}}`,
    `.table .frame{stroke:${p.table.stroke}}`,
    `.table .header{fill:${p.table.header};stroke:${p.table.headerStroke}}`,
    `.table .row-alt{fill:${p.table.rowAlt}}`,
    `.badge.pk rect{fill:${p.table.pk}}`,
    `.badge.pk text{fill:${p.table.pkText}}`,
    `.badge.fk rect{fill:${p.table.fk}}`,
    `.badge.fk text{fill:${p.table.fkText}}`,
  );
  return rules;
}

/** The stylesheet embedded in every diagram. */
export function styleSheet(): string {
  const rules: string[] = [
    `svg{font-family:${SANS_FAMILY}}`,
    `text{font-family:${SANS_FAMILY};font-kerning:normal}`,
  ];
  for (const name of FONT_NAMES) {
    const f = FONTS[name];
    const family = f.mono ? `font-family:${MONO_FAMILY};` : "";
    rules.push(`.${fontClass(name)}{${family}font-size:${f.size}px;font-weight:${f.weight}}`);
  }
  rules.push(
    `.outline{stroke-width:1.5px}`,
    `.rim{fill:none;stroke-width:1.5px}`,
    `.table .frame{fill:none;stroke-width:1.5px}`,
    `.node.external .outline,.node.boundary .outline{stroke-dasharray:6 4}`,
    `.boundary .frame{stroke-width:1.2px;stroke-dasharray:7 4}`,
    `.edge path{fill:none;stroke-width:1.5px;stroke-linejoin:round}`,
    `.edge.async path{stroke-dasharray:6 4}`,
    `.edge.relation path{stroke-width:1.3px}`,
    `.arrowhead{stroke-width:1px;stroke-linejoin:round}`,
    `.arrowhead.open{stroke-width:1.5px}`,
    `.edge-label rect{opacity:0.92}`,
    `.rule{stroke-width:1px}`,
    `.table .outline{stroke-width:1.5px}`,
    `.table .header{stroke-width:1.5px}`,
  );
  rules.push(...colours(LIGHT));
  const dark = colours(DARK).map((r) => `  ${r}`);
  return [...rules, "@media (prefers-color-scheme:dark){", ...dark, "}"].join("\n");
}

// ── sequence diagrams (flows) ─────────────────────────────────────────

interface SequencePalette {
  lifeline: string;
  badge: string;
  badgeText: string;
  note: string;
  noteStroke: string;
}

const SEQUENCE_LIGHT: SequencePalette = { lifeline: "#8c959f", badge: "#0969da", badgeText: "#ffffff", note: "#fff8c5", noteStroke: "#d4a72c" };
const SEQUENCE_DARK: SequencePalette = { lifeline: "#656c76", badge: "#4493f8", badgeText: "#0d1117", note: "#2e2307", noteStroke: "#9e6a03" };

function sequenceColours(p: Palette, s: SequencePalette): string[] {
  return [
    `.lifeline{stroke:${s.lifeline}}`,
    `.message path{stroke:${p.edge}}`,
    `.step-number rect{fill:${s.badge}}`,
    `.step-number text{fill:${s.badgeText}}`,
    `.note rect{fill:${s.note};stroke:${s.noteStroke}}`,
  ];
}

/** What a sequence diagram adds to `styleSheet()`: lifelines, messages, step numbers, notes. */
export function sequenceStyleSheet(): string {
  const rules = [
    `.lifeline{stroke-width:1.2px;stroke-dasharray:5 4}`,
    `.message path{fill:none;stroke-width:1.5px;stroke-linejoin:round}`,
    `.message.async path{stroke-dasharray:6 4}`,
    `.note rect{stroke-width:1px}`,
    ...sequenceColours(LIGHT, SEQUENCE_LIGHT),
  ];
  const dark = sequenceColours(DARK, SEQUENCE_DARK).map((r) => `  ${r}`);
  return [...rules, "@media (prefers-color-scheme:dark){", ...dark, "}"].join("\n");
}
