/**
 * Completion from the text before the cursor and the last check's names:
 * keywords and properties valid in the enclosing block, component ids after
 * `->` and in flows, kinds after a component's `:`, types in fields, units
 * after a number.
 */
import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import { ruleStartKeywords } from "../../grammar/index.js";
import { HTTP_METHODS } from "../../grammar/tokens.js";
import { DATA_RATE_UNITS, DATA_UNITS, MULTIPLIER_UNITS, TIME_UNITS } from "../../grammar/units.js";
import type { CheckResult } from "../index.js";
import type { LoadedFile } from "../syntax/index.js";
import { ALERT_SEVERITIES, BLOCKS, propertySpec, type BlockName } from "../syntax/property-table.js";
import { visible } from "../util/visible.js";

const BUILTIN_TYPES = ["string", "text", "int", "float", "decimal", "bool", "uuid", "url", "email", "date", "datetime", "duration", "bytes", "json"];

/**
 * What each block of the editor's nesting holds: the grammar rule whose
 * keywords start its statements, the property-table block whose keys it
 * takes, and the few words the grammar reads as names (HTTP methods,
 * requirement groups). Both lists come from the compiler's own tables.
 */
const STATEMENTS: Record<string, { rule?: string; properties?: BlockName; keywords?: readonly string[] }> = {
  file: { rule: "topStatement" },
  system: { rule: "systemStatement", properties: "system" },
  // A boundary parses as a system block, but only groups components and boundaries.
  boundary: { keywords: ["component", "boundary"], properties: "boundary" },
  component: { properties: "component" },
  flow: { rule: "flowStatement", properties: "flow" },
  model: { rule: "modelStatement" },
  requirements: { keywords: ["functional", "nonfunctional"] },
  scaling: { rule: "scalingStatement", properties: "scaling" },
  api: { keywords: HTTP_METHODS, properties: "api" },
  endpoint: { rule: "endpointStatement", properties: "endpoint" },
  webhook: { rule: "webhookStatement", properties: "webhook" },
  cost: { rule: "costStatement", properties: "cost" },
  failure: { properties: "failure" },
  security: { rule: "securityStatement", properties: "security" },
  monitoring: { rule: "monitoringStatement", properties: "monitoring" },
  decision: { properties: "decision" },
  view: { rule: "viewStatement", properties: "view" },
  kind: { properties: "kind" },
  scope: { properties: "scope" },
  questions: { properties: "questions" },
  technology: { properties: "technology" },
};

/** Keywords first, then properties, each alphabetical. */
function statementItems(block: string): CompletionItem[] {
  const spec = Object.hasOwn(STATEMENTS, block) ? STATEMENTS[block]! : {};
  const keywords = [...(spec.keywords ?? []), ...(spec.rule ? ruleStartKeywords(spec.rule) : [])];
  const properties = spec.properties ? Object.keys(BLOCKS[spec.properties].properties).filter((p) => !keywords.includes(p)) : [];
  return [...items(keywords, CompletionItemKind.Keyword), ...items(properties, CompletionItemKind.Property)];
}

/** The closed set of words a property's value is drawn from, after `severity ` in a failure. */
function closedSet(block: string, property: string): readonly string[] | undefined {
  if (block === "monitoring" && property === "severity") return ALERT_SEVERITIES;
  const name = Object.hasOwn(STATEMENTS, block) ? STATEMENTS[block]!.properties : undefined;
  return name ? propertySpec(name, property)?.oneOf : undefined;
}

/** A word that opens a block, and the block it opens. */
const OPENS: Record<string, string> = {
  system: "system", boundary: "boundary", component: "component", flow: "flow", model: "model", entity: "entity",
  requirements: "requirements", functional: "requirements", nonfunctional: "requirements", scaling: "scaling", api: "api",
  webhook: "webhook", cost: "cost", failure: "failure", security: "security", monitoring: "monitoring", decision: "decision",
  view: "view", kind: "kind", scope: "scope", questions: "questions", technology: "technology",
  GET: "endpoint", POST: "endpoint", PUT: "endpoint", PATCH: "endpoint", DELETE: "endpoint", HEAD: "endpoint", OPTIONS: "endpoint",
  request: "record", response: "record", params: "record", query: "record", payload: "record",
};

/**
 * The blocks enclosing `offset`, innermost last, found by matching braces
 * (strings and comments skipped) and naming each `{` by the first word of
 * its statement.
 */
export function enclosingBlocks(text: string, offset: number): string[] {
  const stack: string[] = [];
  let statementStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '"') {
      const triple = text.startsWith('"""', i);
      const close = triple ? text.indexOf('"""', i + 3) : findQuote(text, i + 1);
      if (close < 0 || close >= offset) return stack;
      i = close + (triple ? 2 : 0);
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      if (end < 0 || end >= offset) return stack;
      i = end - 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0 || end >= offset) return stack;
      i = end + 1;
    } else if (c === "{") {
      const word = /[A-Za-z_]+/.exec(text.slice(statementStart, i))?.[0] ?? "";
      const parent = stack[stack.length - 1];
      // `name: { … }` inside a record or entity is another record.
      const opened = parent === "entity" || parent === "record" ? "record" : (Object.hasOwn(OPENS, word) ? OPENS[word]! : "block");
      stack.push(opened);
      statementStart = i + 1;
    } else if (c === "}") {
      stack.pop();
      statementStart = i + 1;
    } else if (c === "\n" || c === ";") {
      statementStart = i + 1;
    }
  }
  return stack;
}

function findQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
    else if (text[i] === "\n") return -1;
  }
  return -1;
}

function items(words: Iterable<string>, kind: CompletionItemKind, detail?: string): CompletionItem[] {
  return [...new Set(words)].sort().map((label) => (detail ? { label, kind, detail } : { label, kind }));
}

export function complete(text: string, offset: number, file: LoadedFile | undefined, result: CheckResult | undefined): CompletionItem[] {
  // Details are titles and requirement texts of the design: one line, controls and bidi overrides escaped.
  return candidates(text, offset, file, result).map((item) => (item.detail === undefined ? item : { ...item, detail: visible(item.detail) }));
}

function candidates(text: string, offset: number, file: LoadedFile | undefined, result: CheckResult | undefined): CompletionItem[] {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const blocks = enclosingBlocks(text, offset);
  const block = blocks[blocks.length - 1] ?? "file";
  // The system the cursor is in: the last one of this file starting before it (an unclosed one has a short span).
  const system = (result?.model.systems ?? [])
    .filter((s) => file && s.file === file.displayPath && s.span.offset <= offset)
    .sort((a, b) => b.span.offset - a.span.offset)[0];
  const componentIds = (): CompletionItem[] => [
    ...(system?.components ?? []).map((c) => ({ label: c.id, kind: CompletionItemKind.Class, detail: c.title })),
    ...(system?.boundaries ?? []).map((b) => ({ label: b.id, kind: CompletionItemKind.Module, detail: b.title })),
  ];

  // A unit right after a number: `5min`, `10 GB`, `1000/day`.
  if (/(?:^|[^\w.])\d[\d_.]*(?:k|M|bn)?\s?[A-Za-z]*$/.test(before)) {
    return items([...TIME_UNITS, ...DATA_UNITS, ...DATA_RATE_UNITS, ...MULTIPLIER_UNITS], CompletionItemKind.Unit, "unit");
  }
  if (/\d[\d_.]*(?:k|M|bn)?\s*\/\s*[A-Za-z]*$/.test(before)) return items(TIME_UNITS, CompletionItemKind.Unit, "time unit");
  // A component's kind: `component Api "Title" : `.
  if (/^\s*component\s+\w+(?:\s+"(?:[^"\\]|\\.)*")?\s*:\s*[\w.]*$/.test(before) || /^\s*kind\s+\w+(?:\s+"(?:[^"\\]|\\.)*")?\s*:\s*[\w.]*$/.test(before)) {
    const scope = result && file ? kindsVisibleFrom(result, file) : [];
    return items(scope, CompletionItemKind.TypeParameter, "kind");
  }
  // A field's type: `name: ` inside an entity or a record.
  if ((block === "entity" || block === "record") && /^\s*\w+\??\s*:\s*[\w.]*$/.test(before.split(/[,{]/).pop() ?? before)) {
    const types = [...BUILTIN_TYPES, ...(system?.types.entities ?? []).map((e) => e.id), ...(system?.types.enums ?? []).map((e) => e.id)];
    return items(types, CompletionItemKind.Struct, "type");
  }
  if (/->\s*\w*$/.test(before) || /^\s*\w*$/.test(before) && block === "flow") {
    const ids = componentIds();
    return /->\s*\w*$/.test(before) ? ids : [...ids, ...statementItems("flow")];
  }
  if (/\b(?:affects|served_by|from|of|on)\s+(?:\w+\s*,\s*)*\w*$/.test(before)) return componentIds();
  if (/\bsatisfies\s+(?:\w+\s*,\s*)*\w*$/.test(before)) {
    return (system?.requirements ?? []).filter((r) => r.kind === "functional").map((r) => ({ label: r.id, kind: CompletionItemKind.Constant, detail: r.text }));
  }
  if (/\bexposes\s+(?:\w+\s*,\s*)*\w*$/.test(before)) return (system?.apis ?? []).map((a) => ({ label: a.id, kind: CompletionItemKind.Interface, detail: a.title }));
  if (/\bhandles\s+\w*$/.test(before)) return (system?.scaling.demands ?? []).map((d) => ({ label: d.id, kind: CompletionItemKind.Variable }));
  if (/\b(?:target|alert)\s+[\w.]*$/.test(before)) {
    return [
      ...(system?.monitoring.metrics ?? []).map((m) => ({ label: m.id, kind: CompletionItemKind.Variable, detail: m.title })),
      ...(system?.scaling.demands ?? []).map((d) => ({ label: d.id, kind: CompletionItemKind.Variable, detail: "demand" })),
      { label: "cost.total", kind: CompletionItemKind.Variable, detail: "monthly cost" },
    ];
  }
  // A closed set's words after its property (`severity `) or an alert's `severity` clause.
  const valueOf = /^\s*(\w+)\s+\w*$/.exec(before) ?? (block === "monitoring" ? /\b(severity)\s+\w*$/.exec(before) : null);
  const words = valueOf ? closedSet(block, valueOf[1]!) : undefined;
  if (words) return words.map((label) => ({ label, kind: CompletionItemKind.EnumMember }));
  // The start of a statement: what this block takes.
  if (/^\s*\w*$/.test(before)) {
    const result = statementItems(block);
    if (block === "system" || block === "boundary") result.push(...componentIds());
    return result;
  }
  return [];
}

function kindsVisibleFrom(result: CheckResult, file: LoadedFile): string[] {
  // Kinds are shown as a component of the same file could name them: the index knows every kind use and declaration.
  const names = new Set<string>();
  for (const use of result.references.uses) if (use.category === "kind" && use.declaration && use.span.file === file.displayPath) names.add(use.name);
  const imports = new Map(result.program.imports.filter((i) => i.from === file.absolutePath && i.target).map((i) => [i.target!, i.namespace]));
  for (const declaration of result.references.declarations) {
    if (declaration.category !== "kind") continue;
    const from = result.program.files.find((f) => f.displayPath === declaration.nameSpan.file);
    if (!from) continue;
    if (from.absolutePath === file.absolutePath || from.absolutePath === result.program.core) names.add(declaration.name);
    else if (imports.has(from.absolutePath)) names.add(`${imports.get(from.absolutePath)}.${declaration.name}`);
  }
  return [...names];
}
