/**
 * A design diff as text: `pretty` for a terminal (a `terraform plan`-like
 * list of `+ - ~` lines with old → new), `markdown` for a pull-request
 * comment, `json` for other tools (docs/diff.schema.json).
 */
import { escapeText } from "../render/markdown/text.js";
import { visible } from "../util/visible.js";
import type { Change, ChangeClass, DesignDiff } from "./compare.js";

export const DIFF_FORMATS = ["pretty", "markdown", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface Paint {
  added(text: string): string;
  removed(text: string): string;
  changed(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const NO_PAINT: Paint = { added: (t) => t, removed: (t) => t, changed: (t) => t, dim: (t) => t, bold: (t) => t };

const SIGN: Record<Change["kind"], string> = { added: "+", removed: "-", changed: "~", renamed: "~" };

/**
 * One line of text for a value a design wrote: control and bidi characters
 * shown as escapes, never run (a newline would start a forged line, and
 * `::error::` there a CI command), as the diagnostics printers do.
 */
function oneLine(text: string, max = 120): string {
  const flat = visible(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describe(change: Change): string {
  const item = oneLine(change.item);
  switch (change.kind) {
    case "added":
      return `${change.section}: ${item}${change.new !== undefined ? ` = ${oneLine(change.new)}` : ""}${change.property ? ` (${oneLine(change.property)})` : ""}`;
    case "removed":
      return `${change.section}: ${item}${change.property ? ` (${oneLine(change.property)})` : ""}${change.old !== undefined ? ` was ${oneLine(change.old)}` : ""}`;
    case "renamed":
      return `${change.section}: ${oneLine(change.old ?? "")} → ${oneLine(change.new ?? "")} (renamed)`;
    case "changed":
      return `${change.section}: ${item} ${oneLine(change.property ?? "")}: ${oneLine(change.old ?? "")} → ${oneLine(change.new ?? "")}`;
  }
}

function summaryLine(diff: DesignDiff): string {
  const { breaking, warning, info } = diff.summary;
  if (breaking + warning + info === 0) return "No changes.";
  return `${breaking} breaking, ${warning} warning${warning === 1 ? "" : "s"}, ${info} other change${info === 1 ? "" : "s"}`;
}

export function formatPretty(diff: DesignDiff, paint: Paint = NO_PAINT): string {
  const lines: string[] = [];
  const colour = (kind: Change["kind"], text: string): string => (kind === "added" ? paint.added(text) : kind === "removed" ? paint.removed(text) : paint.changed(text));
  for (const system of diff.systems) {
    if (system.status === "unchanged") continue;
    lines.push(paint.bold(`${system.status === "added" ? "+ " : system.status === "removed" ? "- " : "~ "}system ${oneLine(system.system)}${system.status === "changed" ? "" : ` (${system.status})`}`));
    for (const change of system.changes) {
      const tag = change.class === "info" ? "" : ` [${change.class}${change.reason ? `: ${change.reason}` : ""}]`;
      lines.push(`  ${colour(change.kind, `${SIGN[change.kind]} ${describe(change)}`)}${change.class === "breaking" ? paint.removed(tag) : paint.dim(tag)}`);
    }
  }
  if (diff.diagnostics.length > 0) {
    lines.push(paint.bold("~ diagnostics"));
    for (const d of diff.diagnostics) lines.push(`  ${d.kind === "added" ? paint.added("+") : paint.removed("-")} ${oneLine(d.file, 400)}: ${d.severity} ${d.code}: ${oneLine(d.message)}`);
  }
  lines.push("", summaryLine(diff));
  return `${lines.join("\n")}\n`;
}

/**
 * Plain text in a markdown table cell or list item: escaped as the design
 * document escapes it (no HTML, links, emphasis, entities or math), pipes
 * too, so a cell stays one cell.
 */
function cell(text: string): string {
  return escapeText(oneLine(text, 200)).replace(/\|/g, "\\|");
}

export function formatMarkdown(diff: DesignDiff): string {
  const all = diff.systems.flatMap((s) => s.changes);
  const out: string[] = ["## sysd design diff", "", `**${summaryLine(diff)}**`, ""];
  const table = (changes: Change[], withReason: boolean): void => {
    out.push(withReason ? "| system | section | change | why |" : "| system | section | change |", withReason ? "| --- | --- | --- | --- |" : "| --- | --- | --- |");
    for (const c of changes) out.push(`| ${cell(c.system)} | ${cell(c.section)} | ${SIGN[c.kind]} ${cell(describe(c).slice(c.section.length + 2))} |${withReason ? ` ${cell(c.reason ?? "")} |` : ""}`);
    out.push("");
  };
  const breaking = all.filter((c) => c.class === "breaking");
  const newErrors = diff.diagnostics.filter((d) => d.kind === "added" && d.class === "breaking");
  if (breaking.length > 0 || newErrors.length > 0) {
    out.push("### Breaking changes", "");
    if (breaking.length > 0) table(breaking, true);
    for (const d of newErrors) out.push(`- new error ${cell(d.code)} in ${cell(d.file)}: ${cell(d.message)}`);
    if (newErrors.length > 0) out.push("");
  }
  const figures = all.filter((c) => c.section === "figures");
  if (figures.length > 0) {
    out.push("### Figures that moved", "", "| system | figure | old | new | |", "| --- | --- | --- | --- | --- |");
    for (const c of figures) out.push(`| ${cell(c.system)} | ${cell(`${c.item} ${c.property ?? ""}`)} | ${cell(c.old ?? "—")} | ${cell(c.new ?? "—")} | ${c.class === "warning" ? `⚠️ ${cell(c.reason ?? "")}` : ""} |`);
    out.push("");
  }
  const warnings = all.filter((c) => c.class === "warning" && c.section !== "figures");
  if (warnings.length > 0) {
    out.push("### Warnings", "");
    table(warnings, true);
  }
  const appeared = diff.diagnostics.filter((d) => d.class !== "breaking" || d.kind === "removed");
  if (appeared.length > 0) {
    out.push("### Diagnostics", "");
    for (const d of appeared) out.push(`- ${d.kind === "added" ? "new" : "gone"}: ${cell(d.severity)} ${cell(d.code)} in ${cell(d.file)}: ${cell(d.message)}`);
    out.push("");
  }
  for (const system of diff.systems) {
    if (system.status === "unchanged") continue;
    const rest = system.changes.filter((c) => c.section !== "figures");
    out.push(`<details><summary>${cell(system.system)}: ${system.status === "changed" ? `${rest.length} change${rest.length === 1 ? "" : "s"}` : system.status}</summary>`, "");
    if (rest.length > 0) table(rest, false);
    out.push("</details>", "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** What JSON.stringify leaves raw but a terminal showing the file would act on: DEL, C1 controls, bidi controls, line separators. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function formatJson(diff: DesignDiff): string {
  const text = JSON.stringify({ version: 1, summary: diff.summary, systems: diff.systems, diagnostics: diff.diagnostics }, null, 2);
  // Only strings can hold these, and `\uXXXX` is the same string to a JSON reader.
  return `${text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

export function hasChangeOf(diff: DesignDiff, level: Exclude<ChangeClass, "info">): boolean {
  return level === "breaking" ? diff.summary.breaking > 0 : diff.summary.breaking + diff.summary.warning > 0;
}
