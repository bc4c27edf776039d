import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type { SystemModel } from "../semantics/model.js";

/**
 * E200 for output files of one system whose names differ only by case
 * (`flow-Upload.svg`, `flow-upload.svg`): on a case-insensitive file system
 * (macOS, Windows) one would overwrite the other. Points at the flow the
 * second file is drawn from, else at the system.
 */
export function caseCollisions(system: SystemModel, files: readonly string[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const folded = file.toLowerCase();
    const first = seen.get(folded);
    if (first === undefined) {
      seen.set(folded, file);
      continue;
    }
    const flow = system.flows.find((f) => `flow-${f.id}.svg` === file);
    const firstFlow = system.flows.find((f) => `flow-${f.id}.svg` === first);
    diagnostics.push(
      makeDiagnostic(
        "E200",
        flow?.span ?? system.span,
        `the outputs \`${first}\` and \`${file}\` of system \`${system.id}\` differ only by case: one would overwrite the other on a case-insensitive file system`,
        firstFlow ? { related: [{ message: `\`${first}\` is drawn from this flow`, span: firstFlow.span }] } : undefined,
      ),
    );
  }
  return diagnostics;
}
