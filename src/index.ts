/**
 * The public API of sysd. A library user compiles designs here; the CLI is a
 * thin layer over it.
 */
import * as path from "node:path";
import { capPerFile, isWarningCode, makeDiagnostic, sortDiagnostics, type Diagnostic } from "./diagnostics/index.js";
import { analyze, RULE_SETTINGS, type Model, type ReferenceIndex, type RuleSetting } from "./semantics/index.js";
import { loadProgram, nodeHost, SourceText, type LoadOptions, type Program, type SourceHost } from "./syntax/index.js";

export interface CheckResult {
  program: Program;
  model: Model;
  diagnostics: Diagnostic[];
  /** Where every name is declared and used (see semantics/references.ts). */
  references: ReferenceIndex;
}

export interface CheckOptions extends LoadOptions {
  /** Warning settings; when absent, read from `sysd.json` in the root folder. */
  rules?: Record<string, RuleSetting>;
}

/** Reads, resolves and checks `.sysd` files and what they import. Never throws on bad input. */
export function check(inputs: string[], options: CheckOptions): CheckResult {
  const program = loadProgram(inputs, options);
  const diagnostics = program.diagnostics.slice();
  let rules = options.rules;
  if (!rules) {
    const config = readProjectConfig(options.root, options.cwd ?? options.root, options.host);
    rules = config.rules;
    for (const d of config.diagnostics) diagnostics.push(d);
  }
  const analyzed = analyze(program, { rules });
  for (const d of analyzed.diagnostics) diagnostics.push(d);
  const reported = capPerFile(sortDiagnostics(diagnostics));
  return { program, model: analyzed.model, diagnostics: reported, references: analyzed.references };
}

/** `sysd.json` at the root: `{"rules": {"W301": "off"}}`. */
export function readProjectConfig(
  root: string,
  cwd: string,
  host: SourceHost = nodeHost,
): { rules: Record<string, RuleSetting>; diagnostics: Diagnostic[] } {
  const file = path.join(path.resolve(root), "sysd.json");
  if (!host.exists(file)) return { rules: {}, diagnostics: [] };
  const read = host.read(file);
  const display = path.relative(cwd, file).split(path.sep).join("/") || "sysd.json";
  if ("error" in read) {
    // The host reads regular files only (a named pipe here never blocks); a
    // settings file that is there but cannot be read is said, not skipped.
    const span = new SourceText(display, "").span(0, 0);
    return { rules: {}, diagnostics: [makeDiagnostic("E101", span, `cannot read \`sysd.json\`: ${read.error}`)] };
  }
  const text = read.text;
  const source = new SourceText(display, text);
  const problem = (message: string): { rules: Record<string, RuleSetting>; diagnostics: Diagnostic[] } => ({
    rules: {},
    diagnostics: [makeDiagnostic("E100", source.span(0, Math.min(1, text.length)), message)],
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return problem(`sysd.json is not valid JSON: ${(error as Error).message}`);
  }
  const rulesValue = parsed && typeof parsed === "object" && "rules" in parsed ? (parsed as { rules: unknown }).rules : {};
  if (!rulesValue || typeof rulesValue !== "object" || Array.isArray(rulesValue)) return problem("sysd.json: `rules` must be an object");
  const rules: Record<string, RuleSetting> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [code, setting] of Object.entries(rulesValue)) {
    if (typeof setting !== "string" || !(RULE_SETTINGS as readonly string[]).includes(setting)) {
      return problem(`sysd.json: rule ${code} must be one of ${RULE_SETTINGS.join(", ")}`);
    }
    if (!isWarningCode(code)) {
      // Like a bad entry of a `lint` block: the rest of the file still applies.
      const why = /^E\d+$/.test(code) ? "errors cannot be turned off" : "it is not a warning code";
      diagnostics.push(makeDiagnostic("W309", source.span(0, Math.min(1, text.length)), `sysd.json: rule \`${code}\` is ignored: ${why}`));
      continue;
    }
    rules[code] = setting as RuleSetting;
  }
  return { rules, diagnostics };
}

export interface OutputFile {
  /** `<System>/<file>`, relative to the output folder, with `/` separators. */
  path: string;
  content: string;
}

export interface CompileResult extends CheckResult {
  /** Empty when the designs have errors: a document of a broken design would mislead. */
  outputs: OutputFile[];
}

/**
 * Checks the designs and renders every system's document, diagrams, OpenAPI
 * and model. The output stage (and with it ELK) is loaded only here, never
 * for a plain check.
 */
export async function compile(
  inputs: string[],
  options: CheckOptions & { toolVersion?: string; onProgress?: (done: number, total: number, system: string) => void },
): Promise<CompileResult> {
  const checked = check(inputs, options);
  if (checked.diagnostics.some((d) => d.severity === "error")) return { ...checked, outputs: [] };
  const { renderSystem } = await import("./render/index.js");
  const { caseCollisions } = await import("./render/collisions.js");
  const outputs: OutputFile[] = [];
  const collisions: Diagnostic[] = [];
  const systems = checked.model.systems;
  for (const [index, system] of systems.entries()) {
    options.onProgress?.(index, systems.length, system.id);
    const files = await renderSystem(system, { toolVersion: options.toolVersion ?? "0.0.0" });
    collisions.push(...caseCollisions(system, files.map((f) => f.file)));
    for (const file of files) {
      outputs.push({ path: `${system.id}/${file.file}`, content: file.content });
    }
  }
  if (collisions.length > 0) return { ...checked, diagnostics: sortDiagnostics([...checked.diagnostics, ...collisions]), outputs: [] };
  return { ...checked, outputs };
}

export * as syntax from "./syntax/index.js";
export * as diagnostics from "./diagnostics/index.js";
export * as semantics from "./semantics/index.js";
