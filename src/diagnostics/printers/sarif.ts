import { pathToFileURL } from "node:url";
import { ALL_CODES, DIAGNOSTIC_CODES, isDiagnosticCode } from "../codes.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { sortDiagnostics } from "../sort.js";
import type { Span } from "../../syntax/span.js";
import { visible } from "../../util/visible.js";
import { place } from "./paths.js";

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const SRCROOT = "%SRCROOT%";

export interface SarifOptions {
  toolVersion: string;
  /** Files under it get a relative uri against `%SRCROOT%`; others an absolute file: uri. */
  cwd: string;
  informationUri?: string;
  /**
   * Also record `cwd` itself as the `%SRCROOT%` base. Off by default because
   * it embeds a machine-specific path in otherwise portable output.
   */
  embedSrcRoot?: boolean;
}

export type SarifLevel = "error" | "warning" | "note";

// Only the subset of SARIF 2.1.0 that sysd writes.
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: { text: string };
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: SarifArtifactLocation;
    replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
  }[];
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  fixes?: SarifFix[];
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri?: string;
        rules: SarifRule[];
      };
    };
    originalUriBaseIds?: Record<string, { uri: string }>;
    columnKind: "utf16CodeUnits";
    results: SarifResult[];
  }[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

function artifactLocation(file: string, cwd: string): SarifArtifactLocation {
  const placed = place(file, cwd);
  if (placed.kind === "absolute") return { uri: pathToFileURL(placed.path).href };
  // Encoding each segment keeps `#`, `?`, spaces and a leading `c:` from being
  // read as URI syntax.
  const uri = placed.path.split("/").map(encodeURIComponent).join("/");
  return { uri, uriBaseId: SRCROOT };
}

// The schema requires positive line and column numbers; a span built from
// recovery at end of input may not have them.
function region(span: Span): SarifRegion {
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  const endLine = Math.max(startLine, span.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, span.endColumn) : Math.max(1, span.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function physical(span: Span, cwd: string): SarifPhysicalLocation {
  return { artifactLocation: artifactLocation(span.file, cwd), region: region(span) };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  // SARIF requires base URIs to end with a slash.
  return href.endsWith("/") ? href : `${href}/`;
}

export function buildSarif(diags: readonly Diagnostic[], options: SarifOptions): SarifLog {
  const rules: SarifRule[] = ALL_CODES.map((code) => {
    const info = DIAGNOSTIC_CODES[code];
    return {
      id: code,
      name: info.title,
      shortDescription: { text: info.explanation },
      defaultConfiguration: { level: LEVEL[info.severity] },
    };
  });

  const results = sortDiagnostics(diags).map((d): SarifResult => {
    const result: SarifResult = {
      ruleId: d.code,
      // Codes outside the table (none today) still print, just without a rule to point at.
      ...(isDiagnosticCode(d.code) ? { ruleIndex: ALL_CODES.indexOf(d.code) } : {}),
      level: LEVEL[d.severity],
      message: { text: visible(d.message) },
      locations: [{ physicalLocation: physical(d.span, options.cwd) }],
    };
    if (d.related !== undefined && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, i) => ({
        id: i,
        physicalLocation: physical(r.span, options.cwd),
        message: { text: visible(r.message) },
      }));
    }
    if (d.fix !== undefined) {
      result.fixes = [
        {
          description: { text: visible(d.fix.message) },
          artifactChanges: [
            {
              artifactLocation: artifactLocation(d.fix.span.file, options.cwd),
              replacements: [{ deletedRegion: region(d.fix.span), insertedContent: { text: d.fix.replacement } }],
            },
          ],
        },
      ];
    }
    return result;
  });

  const driver = {
    name: "sysd",
    version: options.toolVersion,
    ...(options.informationUri !== undefined ? { informationUri: options.informationUri } : {}),
    rules,
  };
  const srcRoot = options.embedSrcRoot === true ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } } } : {};
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [{ tool: { driver }, ...srcRoot, columnKind: "utf16CodeUnits", results }],
  };
}

export function formatSarif(diags: readonly Diagnostic[], options: SarifOptions): string {
  return JSON.stringify(buildSarif(diags, options), null, 2) + "\n";
}
