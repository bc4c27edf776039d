/**
 * The VS Code extension: its manifest names files that exist, its code
 * parses, and it packages into a .vsix with @vscode/vsce holding the client
 * library and the grammar. Packaging needs the extension's own dependencies
 * (`npm ci --prefix editors/vscode`); without them that test is skipped and
 * says so, unless SYSD_REQUIRE_VSCE=1 (as `.ci/run` sets).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "../..");
const extension = path.join(repo, "editors/vscode");
const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8")) as {
  main: string;
  engines: { vscode: string };
  dependencies: Record<string, string>;
  contributes: { languages: { id: string; extensions: string[]; configuration: string }[]; grammars: { language: string; path: string }[]; commands: { command: string }[] };
};
const vsce = path.join(extension, "node_modules/@vscode/vsce/vsce");
const haveVsce = fs.existsSync(vsce);
const required = process.env["SYSD_REQUIRE_VSCE"] === "1";
if (!haveVsce && !required) console.warn("vscode extension packaging test skipped: run `npm ci --prefix editors/vscode` to enable it");

/** File names in a zip archive, from its central directory. */
function zipEntries(file: string): string[] {
  const bytes = fs.readFileSync(file);
  const names: string[] = [];
  for (let at = bytes.indexOf("PK\x01\x02"); at >= 0; at = bytes.indexOf("PK\x01\x02", at + 4)) {
    const nameLength = bytes.readUInt16LE(at + 28);
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
  }
  return names;
}

describe("the VS Code extension", () => {
  it("declares the sysd language, its grammar from grammar/, and the client it starts", () => {
    expect(manifest.engines.vscode).toBe("^1.91.0");
    expect(manifest.dependencies["vscode-languageclient"]).toMatch(/^\^11\./);
    expect(manifest.contributes.languages[0]).toMatchObject({ id: "sysd", extensions: [".sysd"] });
    expect(manifest.contributes.grammars[0]).toMatchObject({ language: "sysd", path: "./syntaxes/sysd.tmLanguage.json" });
    expect(manifest.contributes.commands.map((c) => c.command)).toEqual(["sysd.openPreview", "sysd.restartServer"]);
    const source = fs.readFileSync(path.join(extension, manifest.main), "utf8");
    expect(source).toContain('args: ["lsp", "--stdio"]');
    execFileSync(process.execPath, ["--check", path.join(extension, manifest.main)]);
  });

  it.skipIf(!haveVsce && !required)("packages into a .vsix with vsce", () => {
    if (!haveVsce) throw new Error("SYSD_REQUIRE_VSCE=1 but editors/vscode has no node_modules: run npm ci --prefix editors/vscode");
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sysd-vsix-")), "sysd.vsix");
    execFileSync(process.execPath, [path.join(extension, "copy-grammar.mjs")]);
    execFileSync(process.execPath, [vsce, "package", "--allow-missing-repository", "--skip-license", "-o", out], { cwd: extension, stdio: "pipe" });
    const entries = zipEntries(out);
    for (const name of ["extension/package.json", "extension/extension.js", "extension/syntaxes/sysd.tmLanguage.json", "extension/syntaxes/language-configuration.json", "extension/node_modules/vscode-languageclient/package.json"]) {
      expect(entries).toContain(name);
    }
    expect(entries.some((e) => e.includes("@vscode/vsce/"))).toBe(false);
    // The packed grammar is the repository's.
    expect(fs.readFileSync(path.join(extension, "syntaxes/sysd.tmLanguage.json"), "utf8")).toBe(fs.readFileSync(path.join(repo, "grammar/sysd.tmLanguage.json"), "utf8"));
  });
});
