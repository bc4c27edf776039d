/**
 * A design rule: one check of a resolved system, in one file of this folder
 * named after its code (`w302-unconnected-component.ts`). The rule declares
 * its code, severity and explanation (the code table, the docs and
 * `sysd.json` validation read them from here) and its message from typed
 * parameters. `scripts/rules-index.mjs` lists the files in `index.ts`, so a
 * new rule is one new file.
 *
 * A rule judges figures, it does not compute them: numbers come from the
 * model or from the evaluator's `figures`. An `error` rule (E230, E231) is a
 * check of the contract like any other error: no setting turns it off.
 */
import type { DiagnosticExtras } from "../../diagnostics/codes.js";
import type { Span } from "../../syntax/span.js";
import type { SystemSymbols } from "../binder.js";
import type { EvaluationFigures } from "../evaluate.js";
import type * as M from "../model.js";

export interface RuleContext {
  system: M.SystemModel;
  symbols: SystemSymbols;
  /** What the evaluation computed beyond the model. */
  figures: EvaluationFigures;
  /** The component or boundary itself, then the boundaries holding it, innermost first. */
  selfAndEnclosing(id: string): string[];
  /** A component's declaration, where rules about a component point: its name. */
  declarationOf(component: M.ComponentModel): Span;
}

/** Warnings can be set per project and per system; errors cannot. */
export type RuleSeverity = "error" | "warning";

export interface RuleDefinition<C extends string, S extends RuleSeverity, P> {
  readonly code: C;
  readonly severity: S;
  /** Stable kebab-case name, used as the SARIF rule name. */
  readonly title: string;
  readonly explanation: string;
  message(params: P): string;
  check(context: RuleContext, report: (span: Span, params: P, extra?: DiagnosticExtras) => void): void;
}

export interface Finding {
  span: Span;
  message: string;
  extra?: DiagnosticExtras;
}

/** A rule with its parameter type closed over, so rules of any parameters share one list. */
export interface DesignRule<C extends string = string, S extends RuleSeverity = RuleSeverity> {
  readonly code: C;
  readonly severity: S;
  readonly title: string;
  readonly explanation: string;
  run(context: RuleContext): Finding[];
}

export function defineRule<const C extends string, const S extends RuleSeverity, P>(
  definition: RuleDefinition<C, S, P>,
): DesignRule<C, S> {
  return {
    code: definition.code,
    severity: definition.severity,
    title: definition.title,
    explanation: definition.explanation,
    run(context) {
      const findings: Finding[] = [];
      definition.check(context, (span, params, extra) => {
        const finding: Finding = { span, message: definition.message(params) };
        if (extra !== undefined) finding.extra = extra;
        findings.push(finding);
      });
      return findings;
    },
  };
}
