/**
 * A design rule: one check of a resolved system, in one file of this folder
 * named after its code (`w302-unconnected-component.ts`). The rule declares
 * its code, severity and explanation (the code table, the docs and
 * `sysd.json` validation read them from here) and its message from typed
 * parameters. `scripts/rules-index.mjs` lists the files in `index.ts`, so a
 * new rule is one new file.
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

export interface RuleDefinition<C extends string, P> {
  readonly code: C;
  readonly severity: "warning";
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
export interface DesignRule<C extends string = string> {
  readonly code: C;
  readonly severity: "warning";
  readonly title: string;
  readonly explanation: string;
  run(context: RuleContext): Finding[];
}

export function defineRule<const C extends string, P>(definition: RuleDefinition<C, P>): DesignRule<C> {
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
