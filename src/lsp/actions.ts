/** Quick fixes: a diagnostic's own fix, or the name its "did you mean" proposes. */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from "vscode-languageserver";

interface FixData {
  fix?: { message: string; range: LspDiagnostic["range"]; replacement: string };
}

const SUGGESTION = /did you mean `([^`]+)`\?/;

export function quickFixes(uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== "sysd") continue;
    const message = typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value;
    const data = diagnostic.data as FixData | undefined;
    if (data?.fix) {
      actions.push(action(data.fix.message, uri, diagnostic, data.fix.range, data.fix.replacement));
      continue;
    }
    const suggested = SUGGESTION.exec(message)?.[1];
    if (suggested === undefined || diagnostic.range.start.line !== diagnostic.range.end.line) continue;
    actions.push(action(`Change to \`${suggested}\``, uri, diagnostic, diagnostic.range, suggested));
  }
  return actions;
}

function action(title: string, uri: string, diagnostic: LspDiagnostic, range: LspDiagnostic["range"], newText: string): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [uri]: [{ range, newText }] } },
  };
}
