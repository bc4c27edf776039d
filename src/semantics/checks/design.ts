/**
 * Runs the design rules (src/semantics/rules/) over one resolved system. A
 * warning rule turned off by `sysd.json` or the system's `lint` block is not
 * run; an error rule always is, whatever the settings name.
 */
import { makeDiagnostic, type Diagnostic, type DiagnosticCode } from "../../diagnostics/index.js";
import type { SystemSymbols } from "../binder.js";
import type { EvaluationFigures } from "../evaluate.js";
import type * as M from "../model.js";
import { DESIGN_RULES } from "../rules/index.js";
import type { RuleContext } from "../rules/rule.js";
import { containment } from "../topology.js";

export function checkDesign(
  system: M.SystemModel,
  symbols: SystemSymbols,
  figures: EvaluationFigures,
  diagnostics: Diagnostic[], off: (code: DiagnosticCode) => boolean = () => false): void {
  const within = containment(system);
  const context: RuleContext = {
    system,
    symbols,
    figures,
    selfAndEnclosing: (id) => within.get(id) ?? [id],
    declarationOf: (component) => symbols.components.get(component.id)?.decl.name.span ?? component.span,
  };
  for (const rule of DESIGN_RULES) {
    if (rule.severity === "warning" && off(rule.code)) continue;
    for (const finding of rule.run(context)) diagnostics.push(makeDiagnostic(rule.code, finding.span, finding.message, finding.extra));
  }
}
