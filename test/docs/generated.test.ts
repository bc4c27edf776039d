import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_POINTER, main } from "../../src/cli/main.js";
import { compile } from "../../src/index.js";
import { ALL_CODES, DIAGNOSTIC_CODES } from "../../src/diagnostics/index.js";
import { CODE_GUIDE } from "../../src/diagnostics/guide.js";
import { CLI_DOC, docsProgram, renderCliDoc } from "../../src/docs/cli.js";
import { DIAGNOSTICS_DOC, renderDiagnosticsDoc } from "../../src/docs/diagnostics.js";
import { checkExample, EXAMPLE_FILE } from "../../src/docs/example.js";
import { captureIo } from "../helpers/io.js";

const repo = path.resolve(import.meta.dirname, "../..");
const read = (file: string): string => fs.readFileSync(path.join(repo, file), "utf8").replace(/\r\n/g, "\n");

/** Codes of the language contract that other branches are implementing; their entries are written ahead. */
const CODES_TO_COME = new Set(["E102", "W311"]);

describe("the guide table of diagnostic codes", () => {
  it("has an entry for every code, and none for a code that does not exist", () => {
    const missing = ALL_CODES.filter((code) => CODE_GUIDE[code] === undefined);
    expect(missing, "add these codes to src/diagnostics/guide.ts, then run `npm run docs`").toEqual([]);
    const unknown = Object.keys(CODE_GUIDE).filter((code) => !(code in DIAGNOSTIC_CODES) && !CODES_TO_COME.has(code));
    expect(unknown, "entries of src/diagnostics/guide.ts for codes the code table does not have").toEqual([]);
  });

  it.each(ALL_CODES.map((code) => [code] as const))("%s: the example yields the code and the fixed design does not", (code) => {
    const guide = CODE_GUIDE[code]!;
    expect(guide.trigger.length).toBeGreaterThan(20);
    expect(guide.fix.length).toBeGreaterThan(10);
    const example = checkExample({ [EXAMPLE_FILE]: guide.example }).diagnostics;
    expect(example.map((d) => d.code)).toContain(code);
    if (guide.fixed === undefined) return;
    const fixed = checkExample({ [EXAMPLE_FILE]: guide.fixed }).diagnostics;
    expect(fixed.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(fixed.map((d) => d.code)).not.toContain(code);
  });

  it("gives a fixed design for every error code (a warning may need a whole design to go away)", () => {
    expect(ALL_CODES.filter((code) => code.startsWith("E") && CODE_GUIDE[code]?.fixed === undefined)).toEqual([]);
  });
});

describe("generated docs are up to date (`npm run docs` rewrites them)", () => {
  it(DIAGNOSTICS_DOC, () => {
    expect(read(DIAGNOSTICS_DOC), `${DIAGNOSTICS_DOC} is stale: run \`npm run docs\``).toBe(renderDiagnosticsDoc());
  });

  it(CLI_DOC, () => {
    expect(read(CLI_DOC), `${CLI_DOC} is stale: run \`npm run docs\``).toBe(renderCliDoc(docsProgram()));
  });

  it("docs/tutorial/out: the tutorial's finished design checks clean and its document is the one committed", async () => {
    // As `sysd build` names sources: relative to the folder that holds the inputs.
    const result = await compile([path.join(repo, "docs/tutorial/delivery.sysd")], { root: repo, cwd: path.join(repo, "docs/tutorial"), relativeOutsideCwd: true, rules: {} });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(result.outputs.map((o) => o.path)).toContain("Delivery/architecture.svg");
    for (const output of result.outputs) {
      const committed = path.join("docs/tutorial/out", ...output.path.split("/"));
      expect(fs.existsSync(path.join(repo, committed)), `${committed} is missing: run \`npm run docs\``).toBe(true);
      expect(read(committed), `${committed} is stale: run \`npm run docs\``).toBe(output.content);
    }
  });

  it("lists every command, option and code", () => {
    const cli = read(CLI_DOC);
    for (const command of docsProgram().commands) {
      expect(cli).toContain(`## sysd ${command.name()}`);
      for (const option of command.options) expect(cli).toContain(`\`${option.flags}\``);
    }
    const diagnostics = read(DIAGNOSTICS_DOC);
    for (const code of ALL_CODES) expect(diagnostics).toContain(`## ${code} ${DIAGNOSTIC_CODES[code].title}`);
  });
});
describe("the way to the docs", () => {
  it("`sysd --help` ends by pointing to the docs, which exist", async () => {
    const io = captureIo(repo);
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out.endsWith(`${DOCS_POINTER}\n`)).toBe(true);
    const named = [...DOCS_POINTER.matchAll(/docs\/[a-z-]+\.md/g)].map((m) => m[0]);
    expect(named).toEqual(["docs/tutorial.md", "docs/reference.md", "docs/cli.md", "docs/diagnostics.md"]);
    for (const doc of named) expect(fs.existsSync(path.join(repo, doc)), doc).toBe(true);
  });

  it("README links each doc", () => {
    const readme = read("README.md");
    for (const doc of ["docs/tutorial.md", "docs/reference.md", "docs/cli.md", "docs/diagnostics.md", "docs/language.md"]) {
      expect(readme).toContain(`](${doc})`);
    }
  });
});

describe("links between the docs", () => {
  const docs = ["README.md", ...fs.readdirSync(path.join(repo, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  it.each(docs.map((doc) => [doc] as const))("every relative link of %s names a file that exists", (doc) => {
    // Code spans and fences are examples, not links.
    const text = read(doc).replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:|^#/.test(t));
    const missing = targets.filter((t) => !fs.existsSync(path.join(repo, path.dirname(doc), decodeURI(t.split("#")[0]!))));
    expect(missing).toEqual([]);
  });
});
