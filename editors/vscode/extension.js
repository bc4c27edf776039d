// The VS Code side of sysd: starts `sysd lsp` and hands it the .sysd files.
// All language knowledge lives in the server; this file only finds and runs it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** The setting, else the workspace's own sysd (node_modules/.bin), else `sysd` on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration("sysd").get("server.path");
  if (typeof configured === "string" && configured.trim() !== "") return configured.trim();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "sysd.cmd" : "sysd");
    if (fs.existsSync(local)) return local;
  }
  return "sysd";
}

async function start(context) {
  const command = serverCommand();
  client = new LanguageClient(
    "sysd",
    "sysd",
    { run: { command, args: ["lsp", "--stdio"] }, debug: { command, args: ["lsp", "--stdio"] } },
    {
      documentSelector: [{ scheme: "file", language: "sysd" }, { scheme: "untitled", language: "sysd" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.sysd,sysd.json}") },
    },
  );
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `sysd: could not start \`${command} lsp\` (${error instanceof Error ? error.message : error}). Install sysd in the workspace (npm install --save-dev sysd) or set "sysd.server.path".`,
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("sysd.restartServer", async () => {
      await client?.stop();
      await start(context);
    }),
    // The live preview is `sysd serve`: run it in a terminal, where its address and its errors show.
    vscode.commands.registerCommand("sysd.openPreview", () => {
      const terminal = vscode.window.createTerminal({ name: "sysd serve" });
      terminal.sendText(`"${serverCommand()}" serve --open`);
      terminal.show();
    }),
  );
  return start(context);
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
