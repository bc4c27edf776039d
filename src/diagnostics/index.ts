// The only entry point into diagnostics; other folders import from here.
export type { Diagnostic, Fix, RelatedLocation, Severity } from "./diagnostic.js";
export {
  DIAGNOSTIC_CODES,
  ALL_CODES,
  codeInfo,
  isDiagnosticCode,
  isWarningCode,
  makeDiagnostic,
  type CodeInfo,
  type DefaultSeverity,
  type DiagnosticCode,
  type DiagnosticExtras,
  type ErrorCode,
  type WarningCode,
} from "./codes.js";
export { capPerFile, MAX_DIAGNOSTICS_PER_FILE } from "./cap.js";
export { compareDiagnostics, countBySeverity, sortDiagnostics, type SeverityCounts } from "./sort.js";
export * from "./printers/index.js";
