import { isWarningCode, makeDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import type { LoadedFile, Program } from "../syntax/index.js";
import { BLOCKS } from "../syntax/property-table.js";
import { didYouMean } from "../util/suggest.js";
import { bindSystem } from "./binder.js";
import { checklist } from "./checklist.js";
import { checkDesign } from "./checks/design.js";
import { checkKindProperties, checkProperties } from "./checks/properties.js";
import { Evaluator } from "./evaluate.js";
import { KindRegistry } from "./kinds.js";
import type * as M from "./model.js";
import { indexProgram, indexSystem, type ReferenceIndex } from "./references.js";
import { propertyModels, Resolver } from "./resolve.js";
import { resolveViews } from "./views.js";
import { findProperty, stringValue, stringValues, wordValue } from "./values.js";

export type RuleSetting = "off" | "info" | "warning" | "error";
export const RULE_SETTINGS: readonly RuleSetting[] = ["off", "info", "warning", "error"];

export interface AnalyzeOptions {
  /** Project-wide warning settings, from `sysd.json`. */
  rules?: Record<string, RuleSetting>;
}

export interface AnalyzeResult {
  model: M.Model;
  diagnostics: Diagnostic[];
  /** Where every name is declared and used, for editors and review tools. */
  references: ReferenceIndex;
}

/**
 * Binds, resolves, evaluates and checks every system of the entry files.
 * Pure: reads only the parsed program. Systems in files that are only
 * imported contribute kinds and types, not documents.
 */
export function analyze(program: Program, options: AnalyzeOptions = {}): AnalyzeResult {
  const diagnostics: Diagnostic[] = [];
  const kinds = new KindRegistry(program);
  for (const d of kinds.diagnostics) diagnostics.push(d);
  const shared = indexProgram(program, kinds);
  const references: ReferenceIndex = { declarations: shared.index.declarations.slice(), uses: shared.index.uses.slice() };
  for (const file of program.files) {
    if (file.isStdlib) continue;
    const fileDiagnostics: Diagnostic[] = [];
    checkKindProperties(file.ast.members.filter((m): m is A.KindDecl => m.type === "Kind"), fileDiagnostics);
    for (const d of applyRules(fileDiagnostics, options.rules ?? {})) diagnostics.push(d);
  }

  const systems: M.SystemModel[] = [];
  const seenSystems = new Map<string, A.Identifier>();
  const seenFolders = new Map<string, A.Identifier>();
  const entries = program.files.filter((f) => program.entries.includes(f.absolutePath));
  for (const file of entries) {
    for (const system of file.ast.members.filter((m): m is A.SystemDecl => m.type === "System")) {
      const first = seenSystems.get(system.name.name);
      if (first) {
        diagnostics.push(
          makeDiagnostic("E200", system.name.span, `duplicate system \`${system.name.name}\``, {
            related: [{ message: `\`${first.name}\` is first declared here`, span: first.span }],
          }),
        );
        continue;
      }
      seenSystems.set(system.name.name, system.name);
      // Each system gets the folder `<out>/<id>/`: names equal but for case
      // would share it on a case-insensitive file system (macOS, Windows).
      const sameFolder = seenFolders.get(system.name.name.toLowerCase());
      if (sameFolder) {
        diagnostics.push(
          makeDiagnostic("E200", system.name.span, `system \`${system.name.name}\` differs from \`${sameFolder.name}\` only by case: their output folders would be one on a case-insensitive file system`, {
            related: [{ message: `\`${sameFolder.name}\` is declared here`, span: sameFolder.span }],
          }),
        );
      } else {
        seenFolders.set(system.name.name.toLowerCase(), system.name);
      }
      const systemDiagnostics: Diagnostic[] = [];
      const rules = { ...(options.rules ?? {}), ...lintBlock(system, systemDiagnostics) };
      systems.push(analyzeSystem(system, file, kinds, systemDiagnostics, rules, (symbols) => {
        const index = indexSystem(symbols, kinds, shared);
        for (const d of index.declarations) references.declarations.push(d);
        for (const u of index.uses) references.uses.push(u);
      }));
      for (const d of applyRules(systemDiagnostics, rules)) diagnostics.push(d);
    }
  }
  return { model: { systems }, diagnostics, references };
}

function analyzeSystem(
  system: A.SystemDecl,
  file: LoadedFile,
  kinds: KindRegistry,
  diagnostics: Diagnostic[],
  rules: Record<string, RuleSetting>,
  onBound: (symbols: ReturnType<typeof bindSystem>) => void,
): M.SystemModel {
  const symbols = bindSystem(system, file, diagnostics);
  onBound(symbols);
  const resolver = new Resolver(symbols, kinds, kinds.scopeOf(file), diagnostics);
  const evaluator = new Evaluator(symbols, diagnostics);

  const types = resolver.types();
  const resolvedComponents = resolver.components();
  const boundaries = resolver.boundaries();
  const connections = resolver.connections();
  const flows = resolver.flows();
  const apis = resolver.apis();
  const webhooks = resolver.webhooks();
  const failures = resolver.failures();
  const security = resolver.security(types.entities);
  const decisions = resolver.decisions();
  const questions = resolver.questions();
  const views = resolveViews(symbols, kinds, resolvedComponents, boundaries, connections, diagnostics);

  // Evaluation reads the resolved structure and returns figures; the model is assembled from both below.
  const scaling = evaluator.scaling(resolvedComponents);
  const evaluatedCost = evaluator.cost();
  const metrics = evaluator.metrics((name) => resolver.componentOnlyRef(name, "of"));
  const alerts = evaluator.alerts();

  const requirements: M.RequirementModel[] = [];
  for (const block of symbols.requirementBlocks) {
    for (const group of block.groups) {
      for (const requirement of group.requirements) {
        if (symbols.requirements.get(requirement.id.name) !== requirement) continue;
        const model: M.RequirementModel = {
          id: requirement.id.name,
          kind: requirement.kind,
          text: requirement.text.value,
          satisfiedBy: flows.filter((f) => f.satisfies.includes(requirement.id.name)).map((f) => f.id),
          span: requirement.span,
        };
        const target = evaluator.target(requirement, alerts);
        if (target) model.target = target;
        requirements.push(model);
      }
    }
  }

  const components = resolvedComponents.map((component) => ({ ...component, ...evaluator.figures.components.get(component.id) }));
  const cost: M.CostModel = { ...evaluatedCost, unitCosts: evaluator.figures.unitCosts };

  const props = symbols.properties;
  const scope = findProperty(props, "scope")?.block ?? [];
  const result: M.SystemModel = {
    id: system.name.name,
    title: system.title?.value ?? system.name.name,
    span: system.span,
    file: file.displayPath,
    scope: { in: stringValues(findProperty(scope, "in")), out: stringValues(findProperty(scope, "out")) },
    requirements,
    components,
    boundaries,
    connections,
    flows,
    types,
    apis,
    webhooks,
    scaling,
    cost,
    failures,
    security,
    monitoring: { metrics, alerts },
    decisions,
    questions,
    views,
    checklist: [],
    properties: propertyModels(props.filter((p) => !SHOWN_ELSEWHERE.has(p.key.name))),
  };
  const owner = stringValue(findProperty(props, "owner"));
  if (owner !== undefined) result.owner = owner;
  const status = wordValue(findProperty(props, "status"));
  if (status !== undefined) result.status = status;
  const overview = stringValue(findProperty(props, "overview")) ?? stringValue(findProperty(props, "description"));
  if (overview !== undefined) result.overview = overview;
  result.checklist = checklist(result, symbols);

  checkProperties(symbols, diagnostics);
  checkDesign(result, symbols, evaluator.figures, diagnostics, (code) => rules[code] === "off");
  return result;
}

/** System properties with a place of their own in the model. */
const SHOWN_ELSEWHERE = new Set(Object.entries(BLOCKS.system.properties).filter(([, spec]) => spec.modelled).map(([key]) => key));

/** `lint { W301 off }`: per-system settings; a bad entry is W309 and is ignored. */
function lintBlock(system: A.SystemDecl, diagnostics: Diagnostic[]): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  const lint = system.members.filter((m): m is A.Property => m.type === "Property" && m.key.name === "lint");
  for (const entry of lint.flatMap((l) => l.block ?? [])) {
    const code = entry.key.name;
    const value = wordValue(entry);
    if (!isWarningCode(code)) {
      const message = /^E\d+$/.test(code) ? `errors cannot be turned off: \`${code}\`` : `\`${code}\` is not a warning code`;
      diagnostics.push(makeDiagnostic("W309", entry.key.span, message));
      continue;
    }
    if (value === undefined || !(RULE_SETTINGS as readonly string[]).includes(value)) {
      diagnostics.push(
        makeDiagnostic("W309", entry.span, `expected \`off\`, \`info\`, \`warning\` or \`error\` for ${code}${didYouMean(value ?? "", RULE_SETTINGS)}`),
      );
      continue;
    }
    settings[code] = value as RuleSetting;
  }
  return settings;
}

/** Changes the severity of warnings as configured; errors stay errors. */
export function applyRules(diagnostics: Diagnostic[], rules: Record<string, RuleSetting>): Diagnostic[] {
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = isWarningCode(diagnostic.code) && Object.hasOwn(rules, diagnostic.code) ? rules[diagnostic.code] : undefined;
    if (setting === undefined) result.push(diagnostic);
    else if (setting !== "off") result.push({ ...diagnostic, severity: setting });
  }
  return result;
}

