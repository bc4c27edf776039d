import * as fs from "node:fs";
import * as path from "node:path";
import chalk from "chalk";
import { check } from "../index.js";
import { compareDesigns, formatJson, formatMarkdown, formatPretty, hasChangeOf, type DiffFormat, type Paint } from "../diff/index.js";
import { EXIT, type Io } from "./io.js";
import { openRevision } from "./revision.js";
import { writeFileAtomic } from "./write.js";

export interface DiffOptions {
  format: DiffFormat;
  failOn?: "breaking" | "warning";
  svg?: string;
  root?: string;
  color: boolean;
}

/** `sysd diff [OLD] [NEW]`: OLD defaults to HEAD, NEW to the working tree. */
export async function runDiff(oldSpec: string | undefined, newSpec: string | undefined, options: DiffOptions, io: Io): Promise<number> {
  const before = openRevision(oldSpec ?? "HEAD", io.cwd, options.root);
  if ("error" in before) {
    io.stderr(`sysd: ${before.error}\n`);
    return EXIT.usage;
  }
  const after = openRevision(newSpec, io.cwd, options.root);
  if ("error" in after) {
    io.stderr(`sysd: ${after.error}\n`);
    return EXIT.usage;
  }
  // Errors in either side are reported in the diff, which covers what could be resolved.
  const checkSide = (side: typeof before) => check(side.inputs, { root: side.root, cwd: side.cwd, host: side.host });
  const old = checkSide(before);
  const next = checkSide(after);
  const diff = compareDesigns(
    { systems: old.model.systems, diagnostics: old.diagnostics },
    { systems: next.model.systems, diagnostics: next.diagnostics },
  );
  const paint: Paint | undefined = options.color
    ? { added: chalk.green, removed: chalk.red, changed: chalk.yellow, dim: chalk.dim, bold: chalk.bold }
    : undefined;
  const text = options.format === "json" ? formatJson(diff) : options.format === "markdown" ? formatMarkdown(diff) : formatPretty(diff, paint);
  io.stdout(text);
  if (options.svg !== undefined) {
    const { renderDiffSvg } = await import("../diff/svg.js");
    const pictures = await renderDiffSvg(diff, old.model.systems, next.model.systems);
    const target = path.resolve(io.cwd, options.svg);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // One changed system: FILE itself; several: FILE with each system's id before the extension.
    for (const [system, svg] of pictures) {
      const file = pictures.size === 1 ? target : target.replace(/(\.svg)?$/i, `.${system}.svg`);
      writeFileAtomic(file, svg);
      io.stderr(`sysd: wrote ${path.relative(io.cwd, file) || file}\n`);
    }
  }
  if (options.failOn && hasChangeOf(diff, options.failOn)) return EXIT.errors;
  return EXIT.ok;
}
