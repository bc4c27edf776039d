/**
 * The public API of sysd. A library user compiles designs here; the CLI is a
 * thin layer over it.
 */
import { sortDiagnostics, type Diagnostic } from "./diagnostics/index.js";
import { loadProgram, type LoadOptions, type Program } from "./syntax/index.js";

export interface CheckResult {
  program: Program;
  diagnostics: Diagnostic[];
}

/** Reads and checks `.sysd` files and what they import. Never throws on bad input. */
export function check(inputs: string[], options: LoadOptions): CheckResult {
  const program = loadProgram(inputs, options);
  return { program, diagnostics: sortDiagnostics(program.diagnostics) };
}

export * as syntax from "./syntax/index.js";
export * as diagnostics from "./diagnostics/index.js";
