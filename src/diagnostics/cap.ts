/**
 * A limit on how many diagnostics one file reports. A hostile or garbled file
 * can yield one per token (hundreds of thousands), which nobody reads and
 * which costs more to print than to find; past the limit one last diagnostic
 * says how many more there were.
 */
import type { Span } from "../syntax/span.js";
import { makeDiagnostic, type DiagnosticCode } from "./codes.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

export const MAX_DIAGNOSTICS_PER_FILE = 500;

/** How many diagnostics a summary stands for, so a second cap can count them. */
const standsFor = new WeakMap<Diagnostic, number>();

/** Marks `d` as the closing line of a list already capped, standing for `count` diagnostics. */
export function markSummary(d: Diagnostic, count: number): Diagnostic {
  standsFor.set(d, count);
  return d;
}

/** Diagnostics hidden behind `d`: its own count when it is a summary, else 1. */
export function countOf(d: Diagnostic): number {
  return standsFor.get(d) ?? 1;
}

/** The diagnostic closing a capped list: "N more … not shown", as severe as the worst hidden one. */
export function summaryDiagnostic(hidden: readonly Diagnostic[], span: Span, what: string, extra = 0): Diagnostic {
  let count = extra;
  let worst: Diagnostic | undefined;
  for (const d of hidden) {
    count += countOf(d);
    if (!worst || rank(d.severity) > rank(worst.severity)) worst = d;
  }
  const code = (worst?.code ?? "E100") as DiagnosticCode;
  const summary = makeDiagnostic(
    code,
    span,
    `${count} more ${what}${count === 1 ? " is" : "s are"} not shown: sysd reports at most ${MAX_DIAGNOSTICS_PER_FILE} per file`,
  );
  // Keeps the exit status: a hidden error still fails the run.
  if (worst) summary.severity = worst.severity;
  standsFor.set(summary, count);
  return summary;
}

function rank(severity: Severity): number {
  return severity === "error" ? 2 : severity === "warning" ? 1 : 0;
}

/**
 * Keeps the first `max` diagnostics of each file of a sorted list and closes
 * each capped file with a summary. The result stays sorted: the summary sits
 * at the first hidden diagnostic.
 */
export function capPerFile(sorted: readonly Diagnostic[], max: number = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const out: Diagnostic[] = [];
  let start = 0;
  while (start < sorted.length) {
    const file = sorted[start]!.span.file;
    let end = start;
    while (end < sorted.length && sorted[end]!.span.file === file) end++;
    if (end - start <= max) {
      for (let i = start; i < end; i++) out.push(sorted[i]!);
    } else {
      for (let i = start; i < start + max; i++) out.push(sorted[i]!);
      const hidden = sorted.slice(start + max, end);
      // A list capped earlier (by the parser) keeps its own closing line.
      const closing = hidden.length === 1 && standsFor.has(hidden[0]!) ? hidden[0]! : undefined;
      out.push(closing ?? summaryDiagnostic(hidden, hidden[0]!.span, "problem"));
    }
    start = end;
  }
  return out;
}
