/**
 * `sysd lsp`: the Language Server Protocol over stdio. Every answer comes
 * from the same `check()` as the command line, through a host that lays the
 * editor's unsaved buffers over the disk, and from the reference index.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { formatSource } from "../format/index.js";
import { nameAt } from "../semantics/index.js";
import { quickFixes } from "./actions.js";
import { complete } from "./completion.js";
import { offsetAt, spanToRange, toLspDiagnostic } from "./convert.js";
import { hoverText } from "./hover.js";
import { documentSymbols, foldingRanges } from "./outline.js";
import { planRename } from "./rename.js";
import { uriToPath, Workspace, type Analysis } from "./workspace.js";

/** Wait this long after the last keystroke before checking. */
const DEBOUNCE_MS = 150;

export interface ServerOptions {
  version: string;
  /** For tests: a connection over other streams. */
  connection?: Connection;
}

export function startLanguageServer(options: ServerOptions): Connection {
  const connection = options.connection ?? createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  /** Files that got diagnostics last time, per root, so that fixed files are cleared. */
  const published = new Map<string, Set<string>>();
  const pending = new Map<string, NodeJS.Timeout>();

  const safely = <T>(what: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      // One bad request must not take the editor's server down with it.
      connection.console.error(`sysd: internal error in ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return fallback;
    }
  };

  const publish = (root: string): void => {
    const analysis = safely("check", undefined, () => workspace.analyze(root));
    if (!analysis) return;
    const byUri = new Map<string, ReturnType<typeof toLspDiagnostic>[]>();
    for (const uri of analysis.projectUris()) byUri.set(uri, []);
    for (const diagnostic of analysis.result.diagnostics) {
      const uri = analysis.uriOfDisplay(diagnostic.span.file);
      if (!uri || analysis.fileOfDisplay(diagnostic.span.file)?.isStdlib) continue;
      const list = byUri.get(uri) ?? [];
      list.push(toLspDiagnostic(diagnostic, (file) => analysis.uriOfDisplay(file)));
      byUri.set(uri, list);
    }
    const before = published.get(root) ?? new Set<string>();
    for (const uri of before) if (!byUri.has(uri)) byUri.set(uri, []);
    for (const [uri, diagnostics] of byUri) void connection.sendDiagnostics({ uri, diagnostics });
    published.set(root, new Set([...byUri].filter(([, list]) => list.length > 0).map(([uri]) => uri)));
  };

  const schedule = (root: string | undefined): void => {
    if (root === undefined) return;
    clearTimeout(pending.get(root));
    pending.set(root, setTimeout(() => {
      pending.delete(root);
      publish(root);
    }, DEBOUNCE_MS));
  };

  /** The analysis for a request: a pending check runs now, so answers match the text. */
  const analysisFor = (uri: string): Analysis | undefined => {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    const root = workspace.rootOf(file);
    if (pending.has(root)) {
      clearTimeout(pending.get(root));
      pending.delete(root);
      publish(root);
    }
    return workspace.analysisOf(uri);
  };

  connection.onInitialize((params): InitializeResult => {
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((f): f is string => f !== undefined);
    if (folders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) folders.push(root);
    }
    workspace.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [">", ":", " ", "."] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix"] },
      },
      serverInfo: { name: "sysd", version: options.version },
    };
  });

  documents.onDidOpen((event) => schedule(workspace.update(event.document.uri, event.document.getText())));
  documents.onDidChangeContent((event) => schedule(workspace.update(event.document.uri, event.document.getText())));
  documents.onDidClose((event) => schedule(workspace.close(event.document.uri)));
  connection.onDidChangeWatchedFiles((event) => {
    for (const change of event.changes) schedule(workspace.invalidate(change.uri));
  });

  const locate = (uri: string, position: { line: number; character: number }) => {
    const analysis = analysisFor(uri);
    const file = analysis?.fileOfUri(uri);
    if (!analysis || !file) return undefined;
    const offset = offsetAt(file.text, position);
    const found = nameAt(analysis.result.references, file.displayPath, offset);
    return found ? { analysis, file, offset, ...found } : undefined;
  };

  connection.onHover((params) =>
    safely("hover", null, () => {
      const found = locate(params.textDocument.uri, params.position);
      if (!found?.declaration) return null;
      const range = spanToRange(found.use?.nameSpan ?? found.declaration.nameSpan);
      return { contents: { kind: "markdown", value: hoverText(found.analysis.result.model, found.declaration, found.analysis.result.references) }, range };
    }),
  );

  connection.onDefinition((params) =>
    safely("definition", null, () => {
      const found = locate(params.textDocument.uri, params.position);
      const declaration = found?.declaration;
      const uri = declaration ? found.analysis.uriOfDisplay(declaration.nameSpan.file) : undefined;
      return declaration && uri ? { uri, range: spanToRange(declaration.nameSpan) } : null;
    }),
  );

  connection.onReferences((params) =>
    safely("references", [], () => {
      const found = locate(params.textDocument.uri, params.position);
      const declaration = found?.declaration;
      if (!declaration) return [];
      const spans = found.analysis.result.references.uses.filter((u) => u.declaration === declaration).map((u) => u.nameSpan);
      if (params.context.includeDeclaration) spans.unshift(declaration.nameSpan);
      return spans.flatMap((span) => {
        const uri = found.analysis.uriOfDisplay(span.file);
        return uri ? [{ uri, range: spanToRange(span) }] : [];
      });
    }),
  );

  connection.onPrepareRename((params) =>
    safely("rename", null, () => {
      const found = locate(params.textDocument.uri, params.position);
      if (!found?.declaration) return null;
      const span = found.use?.nameSpan ?? found.declaration.nameSpan;
      return { range: spanToRange(span), placeholder: found.declaration.name };
    }),
  );

  connection.onRenameRequest((params) => {
    const found = locate(params.textDocument.uri, params.position);
    if (!found?.declaration) throw new Error("there is no name here to rename");
    const plan = planRename(found.analysis.result.references, found.declaration, params.newName, (file) => !!found.analysis.fileOfDisplay(file)?.isStdlib);
    // A refusal reaches the user as the request's error message.
    if ("refused" in plan) throw new Error(plan.refused);
    const changes: Record<string, TextEdit[]> = {};
    for (const [display, edits] of plan.edits) {
      const uri = found.analysis.uriOfDisplay(display);
      if (uri) changes[uri] = edits;
    }
    return { changes };
  });

  connection.onCompletion((params) =>
    safely("completion", [], () => {
      const analysis = analysisFor(params.textDocument.uri);
      const text = documents.get(params.textDocument.uri)?.getText() ?? workspace.text(params.textDocument.uri) ?? "";
      const file = analysis?.fileOfUri(params.textDocument.uri);
      return complete(text, offsetAt(text, params.position), file, analysis?.result);
    }),
  );

  connection.onDocumentSymbol((params) =>
    safely("symbols", [], () => {
      const file = analysisFor(params.textDocument.uri)?.fileOfUri(params.textDocument.uri);
      return file ? documentSymbols(file) : [];
    }),
  );

  connection.onFoldingRanges((params) =>
    safely("folding", [], () => {
      const file = analysisFor(params.textDocument.uri)?.fileOfUri(params.textDocument.uri);
      return file ? foldingRanges(file) : [];
    }),
  );

  connection.onDocumentFormatting((params) =>
    safely("format", [], () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const text = document.getText();
      // Exactly `sysd fmt`: a file with syntax errors is left alone.
      const formatted = formatSource(text, params.textDocument.uri);
      if (formatted.diagnostics.length > 0 || !formatted.changed) return [];
      return [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, newText: formatted.formatted }];
    }),
  );

  connection.onCodeAction((params) => safely("quick fix", [], () => quickFixes(params.textDocument.uri, params.context.diagnostics)));

  documents.listen(connection);
  connection.listen();
  return connection;
}
