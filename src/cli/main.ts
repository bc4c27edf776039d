import { Command, CommanderError, Option } from "commander";
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from "../diagnostics/index.js";
import { EXIT, type Io } from "./io.js";
import { packageVersion } from "./package-info.js";

interface CommonOptions {
  format: DiagnosticFormat;
  root?: string;
  strict?: boolean;
  color?: boolean;
}

function formatOption(): Option {
  return new Option("--format <format>", "how diagnostics are printed").choices(DIAGNOSTIC_FORMATS).default("pretty");
}

/** The docs `sysd --help` points to; they ship in the package's `docs/` folder. */
export const DOCS_POINTER = [
  "Documentation, in the docs/ folder of the sysd package and repository:",
  "  docs/tutorial.md     a first design, built step by step",
  "  docs/reference.md    the language, construct by construct",
  "  docs/cli.md          every command and option",
  "  docs/diagnostics.md  every diagnostic code, with an example and its fix",
].join("\n");

/**
 * The command definitions. Exported so `docs/cli.md` is generated from them;
 * `main` is the only caller that parses with it.
 */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("sysd")
    .description(
      "Design-as-code compiler: checks a system design written in .sysd files (its references, units and the numbers it states) and writes its document, diagrams, OpenAPI and JSON model.",
    )
    .version(io.version, "-v, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 errors in a design, 2 bad usage or unreadable input, 3 internal error.\n" +
        "Examples:\n  sysd check                       check every .sysd file under this folder\n" +
        "  sysd check design.sysd --format json\n  sysd build examples -o out\n\n" +
        DOCS_POINTER,
    );

  const withCommon = (command: Command): Command =>
    command
      .addOption(formatOption())
      .option("--root <dir>", "imports must stay inside this folder (default: the current folder); build also names sources relative to it")
      .option("--strict", "treat warnings as errors for the exit code")
      .option("--color", "color pretty output even when not on a terminal")
      .option("--no-color", "never color pretty output");

  withCommon(
    program
      .command("check")
      .description("check designs and print their diagnostics; write nothing")
      .argument("[paths...]", ".sysd files or folders to search (default: the current folder)"),
  ).action(async (paths: string[], options: CommonOptions) => {
    // Commands load the compiler only when they run, so --help and --version stay instant.
    const { runCheck } = await import("./check.js");
    setExit(runCheck(paths, { ...options, color: options.color ?? io.colorDefault }, io));
  });

  withCommon(
    program
      .command("build")
      .description("check designs, then write each system's README.md, SVG diagrams, openapi.yaml and model.json into <out>/<System>/")
      .argument("[paths...]", ".sysd files or folders to search (default: the current folder, skipping node_modules and <out>)")
      .option("-o, --out <dir>", "output folder", "out")
      .option("--check", "write nothing; list the files that would change and exit 1 if any would"),
  ).action(async (paths: string[], options: CommonOptions & { out: string; check?: boolean }) => {
    const { runBuild } = await import("./build.js");
    setExit(await runBuild(paths, { ...options, color: options.color ?? io.colorDefault }, io));
  });

  program
    .command("fmt")
    .description("rewrite .sysd files in the canonical layout, keeping every comment")
    .argument("[paths...]", ".sysd files or folders to search (default: the current folder)")
    .addOption(formatOption())
    .option("--check", "write nothing; list the files that would change and exit 1 if any would")
    .option("--stdout", "print the formatted text instead of writing the files")
    .option("--color", "color pretty output even when not on a terminal")
    .option("--no-color", "never color pretty output")
    .action(async (paths: string[], options: { format: DiagnosticFormat; check?: boolean; stdout?: boolean; color?: boolean }) => {
      const { runFmt } = await import("./fmt.js");
      setExit(runFmt(paths, { ...options, color: options.color ?? io.colorDefault }, io));
    });

  program
    .command("init")
    .description("write a starter design that covers every section of the checklist")
    .argument("[name]", "file name without .sysd (default: design)")
    .action(async (name: string | undefined) => {
      const { runInit } = await import("./init.js");
      setExit(runInit(name, io));
    });

  program
    .command("diff")
    .description("compare two revisions of the designs: what each change adds, removes or changes, every computed figure that moved, and which changes break a promise")
    .argument("[old]", "a git revision of the repository around this folder, or a file or folder (default: HEAD)")
    .argument("[new]", "the same (default: the working tree)")
    .addOption(new Option("--format <format>", "how the diff is printed").choices(["pretty", "markdown", "json"]).default("pretty"))
    .addOption(new Option("--fail-on <class>", "exit 1 when a change of this class (or worse) exists").choices(["breaking", "warning"]))
    .option("--svg <file>", "also write the new architecture with added, removed and changed elements marked")
    .option("--root <dir>", "imports must stay inside this folder (default: the current folder)")
    .option("--color", "color pretty output even when not on a terminal")
    .option("--no-color", "never color pretty output")
    .action(async (oldSpec: string | undefined, newSpec: string | undefined, options: { format: "pretty" | "markdown" | "json"; failOn?: "breaking" | "warning"; svg?: string; root?: string; color?: boolean }) => {
      const { runDiff } = await import("./diff.js");
      const diffOptions: import("./diff.js").DiffOptions = { format: options.format, color: options.color ?? io.colorDefault };
      if (options.failOn) diffOptions.failOn = options.failOn;
      if (options.svg !== undefined) diffOptions.svg = options.svg;
      if (options.root !== undefined) diffOptions.root = options.root;
      setExit(await runDiff(oldSpec, newSpec, diffOptions, io));
    });

  program
    .command("serve")
    .description("serve a live preview of every system's document and diagrams on 127.0.0.1, rebuilt and updated in the open page on every change")
    .argument("[paths...]", ".sysd files or folders to watch (default: the current folder)")
    .option("--port <n>", `port on 127.0.0.1 (default: 7420, or any free port when it is taken)`)
    .option("--open", "open the page in the default browser")
    .option("--root <dir>", "imports must stay inside this folder (default: the current folder)")
    .action(async (paths: string[], options: { port?: string; open?: boolean; root?: string }) => {
      const { runServe } = await import("./serve.js");
      const stop = (): Promise<void> =>
        new Promise((resolve) => {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        });
      setExit(await runServe(paths, options, io, stop));
    });

  program
    .command("lsp")
    .description("run the language server (Language Server Protocol on stdin and stdout) for editors: diagnostics, hover, definition, references, rename, completion, outline, formatting, quick fixes")
    .option("--stdio", "talk over stdin and stdout (the only transport; accepted because editors pass it)")
    .action(async () => {
      const { startLanguageServer } = await import("../lsp/index.js");
      // Runs until the editor closes the connection; the exit code stays 0.
      startLanguageServer({ version: io.version });
    });

  return program;
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    const program = buildProgram(io, (code) => (exitCode = code));
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end in a CommanderError too, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`sysd: internal error: ${message.split("\n")[0]} (this is a bug in sysd; please report it)\n`);
    return EXIT.internal;
  }
}

export function processIo(): Io {
  const forced = process.env["FORCE_COLOR"];
  return {
    cwd: process.cwd(),
    version: packageVersion(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    colorDefault:
      forced !== undefined ? forced !== "0" : process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined,
    isTerminal: process.stderr.isTTY === true,
  };
}
