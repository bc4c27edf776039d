import type { Diagnostic } from "../diagnostic.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatPretty } from "./pretty.js";
import { formatSarif } from "./sarif.js";

export const DIAGNOSTIC_FORMATS = ["pretty", "json", "github", "sarif"] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export function isDiagnosticFormat(value: string): value is DiagnosticFormat {
  return (DIAGNOSTIC_FORMATS as readonly string[]).includes(value);
}

/** The union of what every printer may need; each reads only its own part. */
export interface FormatOptions {
  /** Working folder: paths under it are printed relative to it. */
  cwd: string;
  /** sysd's version, recorded in SARIF. */
  toolVersion: string;
  /** pretty only; default false. */
  color?: boolean;
  /** pretty only: source text for snippets; without it no snippet is shown. */
  source?: (file: string) => string | undefined;
  /** pretty only; default 4. */
  tabWidth?: number;
  /** sarif only. */
  informationUri?: string;
  /** sarif only: record `cwd` as the `%SRCROOT%` base (machine-specific). */
  embedSrcRoot?: boolean;
}

export function formatDiagnostics(
  format: DiagnosticFormat,
  diags: readonly Diagnostic[],
  options: FormatOptions,
): string {
  switch (format) {
    case "pretty":
      return formatPretty(diags, {
        color: options.color ?? false,
        source: options.source ?? (() => undefined),
        cwd: options.cwd,
        ...(options.tabWidth !== undefined ? { tabWidth: options.tabWidth } : {}),
      });
    case "json":
      return formatJson(diags, { cwd: options.cwd });
    case "github":
      return formatGithub(diags, { cwd: options.cwd });
    case "sarif":
      return formatSarif(diags, {
        toolVersion: options.toolVersion,
        cwd: options.cwd,
        ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
        ...(options.embedSrcRoot !== undefined ? { embedSrcRoot: options.embedSrcRoot } : {}),
      });
  }
}

export { formatGithub, toGithubCommand, escapeData, escapeProperty, type GithubOptions } from "./github.js";
export { formatJson, toJsonDiagnostic, type JsonDiagnostic, type JsonOptions } from "./json.js";
export { formatPretty, formatSummary, type PrettyOptions } from "./pretty.js";
export {
  formatSarif,
  buildSarif,
  SARIF_SCHEMA_URI,
  type SarifOptions,
  type SarifLog,
  type SarifResult,
  type SarifRule,
  type SarifLevel,
} from "./sarif.js";
