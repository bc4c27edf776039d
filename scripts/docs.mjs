// Regenerates the docs that are derived from code: docs/diagnostics.md (from the
// code table and src/diagnostics/guide.ts) and docs/cli.md (from the commander
// definitions). Run with `npm run docs`, which builds first; the tests fail
// when a committed page differs from what this writes.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const repo = path.resolve(import.meta.dirname, "..");
const { renderDiagnosticsDoc, DIAGNOSTICS_DOC } = await import("../dist/src/docs/diagnostics.js");
const { renderCliDoc, CLI_DOC, docsProgram } = await import("../dist/src/docs/cli.js");

for (const [file, text] of [
  [DIAGNOSTICS_DOC, renderDiagnosticsDoc()],
  [CLI_DOC, renderCliDoc(docsProgram())],
]) {
  const target = path.join(repo, file);
  const old = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
  if (old === text) continue;
  // Written beside and renamed, so an interrupted run never leaves half a page.
  fs.writeFileSync(`${target}.tmp`, text);
  fs.renameSync(`${target}.tmp`, target);
  process.stdout.write(`wrote ${file}\n`);
}

// The tutorial's finished design, built as a user would build it, so the document the
// tutorial links to and the pictures it shows are the compiler's own output.
const build = spawnSync(process.execPath, [path.join(repo, "bin/sysd.js"), "build", "docs/tutorial/delivery.sysd", "-o", "docs/tutorial/out"], {
  cwd: repo,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);
