import type { Diagnostic, Severity } from "../diagnostic.js";
import { sortDiagnostics } from "../sort.js";
import { visible } from "../../util/visible.js";
import { displayPath } from "./paths.js";

export interface GithubOptions {
  /** GitHub resolves annotation paths against the workspace, so pass the repository root. */
  cwd?: string;
}

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

// The escaping rules of the Actions toolkit: `%` first so the escapes it
// introduces are not escaped again. Callers pass text through `visible`
// first, so no raw line end is left for these to miss; they stay for the
// `%` that `visible` does not touch.
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function toGithubCommand(d: Diagnostic, options: GithubOptions = {}): string {
  const { span } = d;
  const props: [string, string | number][] = [
    ["file", displayPath(span.file, options.cwd)],
    ["line", span.line],
  ];
  // GitHub accepts columns only for single-line annotations.
  if (span.endLine === span.line) {
    props.push(["col", span.column], ["endLine", span.endLine], ["endColumn", span.endColumn]);
  } else {
    props.push(["endLine", span.endLine]);
  }
  props.push(["title", d.code]);
  const rendered = props.map(([k, v]) => `${k}=${escapeProperty(visible(String(v)))}`).join(",");
  return `::${COMMAND[d.severity]} ${rendered}::${escapeData(visible(d.message))}`;
}

/** One workflow command per line; "" when there is nothing to report. */
export function formatGithub(diags: readonly Diagnostic[], options: GithubOptions = {}): string {
  return sortDiagnostics(diags)
    .map((d) => toGithubCommand(d, options) + "\n")
    .join("");
}
