/**
 * Drives `sysd lsp` over stdio with a real JSON-RPC client, as an editor
 * does: open a design, type an error, see it, apply the quick fix, hover,
 * go to the definition, rename, complete, outline and format.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from "vscode-languageserver-protocol/node";

const repo = path.resolve(import.meta.dirname, "../..");
const fixture = fs.readFileSync(path.join(repo, "test/fixtures/valid/video_pipeline.sysd"), "utf8");

let child: ChildProcess;
let connection: ProtocolConnection;
let folder: string;
let uri: string;
let version = 1;
const diagnostics = new Map<string, PublishDiagnosticsParams[]>();
const waiters: (() => void)[] = [];

/** The next diagnostics published for `target` after now. */
function nextDiagnostics(target: string): Promise<PublishDiagnosticsParams> {
  const seen = diagnostics.get(target)?.length ?? 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${target}`)), 20_000);
    const check = (): void => {
      const list = diagnostics.get(target) ?? [];
      if (list.length > seen) {
        clearTimeout(timer);
        resolve(list[list.length - 1]!);
      } else waiters.push(check);
    };
    check();
  });
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

let text = fixture;
async function change(next: string): Promise<void> {
  text = next;
  await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
}

function positionOf(needle: string, occurrence = 0, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - before.lastIndexOf("\n") - 1 };
}

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-lsp-"));
  const file = path.join(folder, "video.sysd");
  fs.writeFileSync(file, fixture);
  uri = pathToFileURL(file).href;
  child = spawn(process.execPath, [path.join(repo, "bin/sysd.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, [...(diagnostics.get(params.uri) ?? []), params]);
    for (const waiter of waiters.splice(0)) waiter();
  });
  connection.listen();
  const init = await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "w" }] });
  expect(init).toMatchObject({ capabilities: { hoverProvider: true, renameProvider: { prepareProvider: true } } });
  await connection.sendNotification("initialized", {});
  const first = nextDiagnostics(uri);
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sysd", version, text } });
  expect((await first).diagnostics).toEqual([]);
}, 60_000);

afterAll(async () => {
  try {
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
  } catch {
    // already gone
  }
  child.kill();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("sysd lsp", () => {
  it("reports a typed error at its line, and its quick fix repairs it", async () => {
    const published = nextDiagnostics(uri);
    await change(text.replace("Workers -> Queue \"poll jobs\"", "Workers -> Queeu \"poll jobs\""));
    const { diagnostics: found } = await published;
    const line = positionOf("Queeu").line;
    // The flow step over that connection now has none (W303): the same diagnostics as `sysd check`.
    expect(found.map((d) => d.code)).toEqual(["E201", "W303"]);
    expect(found[0]!.range.start.line).toBe(line);
    expect(found[0]!.message).toContain("did you mean `Queue`");

    const actions = (await connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: found[0]!.range,
      context: { diagnostics: found.slice(0, 1) },
    })) as { title: string; edit: { changes: Record<string, TextEdit[]> } }[];
    expect(actions.map((a) => a.title)).toEqual(["Change to `Queue`"]);
    const cleared = nextDiagnostics(uri);
    await change(applyEdits(text, actions[0]!.edit.changes[uri]!));
    expect(text).toBe(fixture);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it("hovers a component with its kind, connections and computed instances", async () => {
    const hover = (await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: positionOf("Workers -> Queue", 0, 2) })) as { contents: { value: string } };
    const value = hover.contents.value;
    expect(value).toContain("Processor Workers");
    expect(value).toContain("instances: 5 at 1x · 50 at 10x · 497 at 100x");
    expect(value).toMatch(/calls: .*`Queue`/);
  });

  it("hovers a requirement with its target's computed value and status", async () => {
    const hover = (await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: positionOf("NFR4", 0, 1) })) as { contents: { value: string } };
    expect(hover.contents.value).toContain("computed: $0.018");
    expect(hover.contents.value).toContain("status: met");
  });

  it("goes to a definition, in this file and in std/", async () => {
    const definition = (await connection.sendRequest("textDocument/definition", { textDocument: { uri }, position: positionOf("Workers -> Queue", 0, 1) })) as { uri: string; range: { start: { line: number } } };
    expect(definition.uri).toBe(uri);
    expect(definition.range.start.line).toBe(positionOf("component Workers").line);
    const kind = (await connection.sendRequest("textDocument/definition", { textDocument: { uri }, position: positionOf(": worker", 0, 3) })) as { uri: string };
    expect(kind.uri).toMatch(/stdlib\/core\.sysd$/);
  });

  it("finds every reference", async () => {
    const references = (await connection.sendRequest("textDocument/references", { textDocument: { uri }, position: positionOf("component Workers", 0, 11), context: { includeDeclaration: true } })) as unknown[];
    expect(references).toHaveLength(14);
  });

  it("renames across every use, and refuses a name that clashes", async () => {
    const edit = (await connection.sendRequest("textDocument/rename", { textDocument: { uri }, position: positionOf("component Workers", 0, 11), newName: "Processors" })) as { changes: Record<string, TextEdit[]> };
    const renamed = applyEdits(text, edit.changes[uri]!);
    const outsideStrings = (t: string): string => t.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    expect(outsideStrings(renamed)).not.toMatch(/\bWorkers\b/);
    expect(outsideStrings(renamed).match(/\bProcessors\b/g)).toHaveLength(14);
    await expect(connection.sendRequest("textDocument/rename", { textDocument: { uri }, position: positionOf("component Workers", 0, 11), newName: "Queue" })).rejects.toThrow(/already the name of a component/);
  });

  it("completes component ids after ->, kinds after :, and keywords at a statement's start", async () => {
    const labels = async (position: { line: number; character: number }): Promise<string[]> =>
      ((await connection.sendRequest("textDocument/completion", { textDocument: { uri }, position })) as { label: string }[]).map((i) => i.label);
    expect(await labels(positionOf("-> Queue \"poll jobs\"", 0, 3))).toContain("Storage");
    expect(await labels(positionOf(": worker", 0, 2))).toEqual(expect.arrayContaining(["worker", "database", "queue"]));
    const systemLine = positionOf("  Workers -> Queue \"poll jobs\"");
    expect(await labels({ line: systemLine.line, character: 2 })).toEqual(expect.arrayContaining(["component", "flow", "monitoring"]));
  });

  it("outlines the file and folds its blocks", async () => {
    const symbols = (await connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as { name: string; children?: { name: string }[] }[];
    expect(symbols.map((s) => s.name)).toContain("VideoPipeline");
    const names = JSON.stringify(symbols);
    for (const name of ["Workers", "upload", "Upload", "POST /uploads", "monitoring"]) expect(names).toContain(`"${name}"`);
    const folds = (await connection.sendRequest("textDocument/foldingRange", { textDocument: { uri } })) as unknown[];
    expect(folds.length).toBeGreaterThan(10);
  });

  it("formats exactly as sysd fmt", async () => {
    await change(text.replace("Workers -> Queue \"poll jobs\"", "Workers   ->Queue    \"poll jobs\""));
    const edits = (await connection.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as TextEdit[];
    expect(applyEdits(text, edits)).toContain("Workers -> Queue \"poll jobs\"");
    await change(fixture);
  });

  it("survives half-typed text and answers on", async () => {
    await change(`${fixture}\nsystem Half {\n  component A : \n  A -> \n  flow f { A -> `);
    const hover = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 9999, character: 9999 } });
    expect(hover).toBeNull();
    const labels = ((await connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: positionOf("flow f { A -> ", 0, 14) })) as { label: string }[]).map((i) => i.label);
    expect(labels).toContain("A");
    await change(fixture);
  });
});
