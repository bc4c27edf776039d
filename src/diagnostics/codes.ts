import type { Span } from "../syntax/span.js";
import { DESIGN_RULES, type RuleCode } from "../semantics/rules/index.js";
import type { Diagnostic, Fix, RelatedLocation, Severity } from "./diagnostic.js";

/** The severity a code has before any `sysd.json` or `lint` override. */
export type DefaultSeverity = "error" | "warning";

export interface CodeInfo {
  readonly code: string;
  readonly severity: DefaultSeverity;
  /** Stable kebab-case name, used as the SARIF rule name. */
  readonly title: string;
  readonly explanation: string;
}

function entry<C extends string, S extends DefaultSeverity>(
  code: C,
  severity: S,
  title: string,
  explanation: string,
): { readonly code: C; readonly severity: S; readonly title: string; readonly explanation: string } {
  return { code, severity, title, explanation };
}

/**
 * The diagnostics of the syntax, resolution and evaluation. The design
 * rules (E230, E231, W300…) declare their own entries, in src/semantics/rules/.
 */
const CORE_CODES = {
  E100: entry("E100", "error", "syntax-error", "The text does not follow the grammar, e.g. an unexpected token, an unclosed string or an unknown unit."),
  E101: entry("E101", "error", "import-not-found", "An input, an imported file or `sysd.json` is missing, cannot be read (not a regular file, or over the size limit), or an import lies outside the root."),
  E102: entry("E102", "error", "unknown-word", "A word is not one of the words allowed there: a misspelled keyword, status or severity."),
  E200: entry("E200", "error", "duplicate-name", "A name is declared twice in the same category, or an endpoint is declared twice."),
  E201: entry("E201", "error", "unknown-component", "A reference names a component or boundary that is not declared."),
  E202: entry("E202", "error", "unknown-type", "A field or parameter uses a type that is neither built in nor declared."),
  E203: entry("E203", "error", "unknown-kind", "A component uses a kind that is neither built in nor declared."),
  E204: entry("E204", "error", "unknown-metric", "An expression names a metric, percentile or demand that does not exist."),
  E206: entry("E206", "error", "unknown-requirement", "A flow's `satisfies` list names a requirement that is not declared."),
  E207: entry("E207", "error", "unknown-api", "A component's `exposes` list names an api that is not declared."),
  E210: entry("E210", "error", "dimension-mismatch", "Quantities of different dimensions are added, compared or assigned."),
  E221: entry("E221", "error", "param-not-in-path", "A `params` entry has no matching `{placeholder}` in the endpoint path."),
  W307: entry("W307", "warning", "unknown-property", "A block contains a property the language does not define there."),
  W309: entry("W309", "warning", "bad-setting", "A `lint` block or `sysd.json` names an unknown code, an error code, or a setting other than off, info, warning and error."),
} as const satisfies Record<string, CodeInfo>;

type CoreCode = keyof typeof CORE_CODES;

export type DiagnosticCode = CoreCode | RuleCode;

export type WarningCode =
  | {
      [K in CoreCode]: (typeof CORE_CODES)[K]["severity"] extends "warning" ? K : never;
    }[CoreCode]
  | Extract<(typeof DESIGN_RULES)[number], { readonly severity: "warning" }>["code"];

/**
 * Every diagnostic the compiler can report. Key order is the order rules are
 * listed in SARIF output, so it is kept sorted by code.
 */
export const DIAGNOSTIC_CODES: Readonly<Record<DiagnosticCode, CodeInfo>> = Object.freeze(
  Object.fromEntries(
    [
      ...Object.values(CORE_CODES),
      ...DESIGN_RULES.map(({ code, severity, title, explanation }) => ({ code, severity, title, explanation })),
    ]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((info) => [info.code, info]),
  ) as Record<DiagnosticCode, CodeInfo>,
);

export type ErrorCode = Exclude<DiagnosticCode, WarningCode>;

export const ALL_CODES: readonly DiagnosticCode[] = Object.freeze(
  Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[],
);

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

/** True only for known warning codes: errors cannot be reconfigured, unknown codes have no rule. */
export function isWarningCode(code: string): code is WarningCode {
  return isDiagnosticCode(code) && DIAGNOSTIC_CODES[code].severity === "warning";
}

export function codeInfo(code: string): CodeInfo | undefined {
  return isDiagnosticCode(code) ? DIAGNOSTIC_CODES[code] : undefined;
}

export interface DiagnosticExtras {
  related?: RelatedLocation[];
  fix?: Fix;
}

export function makeDiagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra?: DiagnosticExtras,
): Diagnostic {
  const severity: Severity = DIAGNOSTIC_CODES[code].severity;
  const diagnostic: Diagnostic = { code, severity, message, span };
  // Absent rather than empty keeps structural equality in tests and snapshots simple.
  if (extra?.related !== undefined && extra.related.length > 0) diagnostic.related = extra.related;
  if (extra?.fix !== undefined) diagnostic.fix = extra.fix;
  return diagnostic;
}
