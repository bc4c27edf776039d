/**
 * The GitHub Action's script (action.yml runs it): `sysd check --format
 * github`, `sysd build --check`, and `sysd diff` between the pull request's
 * base and the checked-out head, then one pull-request comment with the
 * diff, created or updated. It runs the sysd CLI of the same package, so the
 * action and the command line can never disagree.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { upsertComment } from "./github.js";

const SYSD = fileURLToPath(new URL("../../../bin/sysd.js", import.meta.url));

interface Settings {
  paths: string[];
  out: string;
  buildCheck: boolean;
  failOn: "breaking" | "warning" | "never";
  comment: boolean;
  base: string | undefined;
  pictureDir: string;
  token: string | undefined;
  repository: string | undefined;
  pullNumber: number | undefined;
  apiUrl: string;
  runUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === "") return fallback;
  return /^(true|yes|1|on)$/i.test(value.trim());
}

interface PullRequestEvent {
  pull_request?: { number?: number; base?: { sha?: string } };
}

function readEvent(env: Env): PullRequestEvent {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as PullRequestEvent;
  } catch {
    return {};
  }
}

export function readSettings(env: Env, cwd: string): Settings | { error: string } {
  const event = readEvent(env);
  const failOn = (env.SYSD_FAIL_ON ?? "breaking").trim() || "breaking";
  if (failOn !== "breaking" && failOn !== "warning" && failOn !== "never") {
    return { error: `fail-on must be breaking, warning or never, not '${failOn}'` };
  }
  const paths = (env.SYSD_PATHS ?? "").split(/\s+/).filter((entry) => entry !== "");
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    paths: paths.length > 0 ? paths : ["."],
    out: (env.SYSD_OUT ?? "").trim() || "out",
    buildCheck: flag(env.SYSD_BUILD_CHECK, true),
    failOn,
    comment: flag(env.SYSD_COMMENT, true),
    base: (env.SYSD_BASE ?? "").trim() || event.pull_request?.base?.sha,
    pictureDir: path.resolve(cwd, env.SYSD_PICTURE_DIR ?? path.join(env.RUNNER_TEMP ?? ".", "sysd-diff")),
    token: env.GITHUB_TOKEN || undefined,
    repository: env.GITHUB_REPOSITORY,
    pullNumber: event.pull_request?.number,
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    runUrl: env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

interface Step {
  status: number;
  stdout: string;
  stderr: string;
}

function sysd(args: string[], cwd: string): Step {
  const result = spawnSync(process.execPath, [SYSD, ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status ?? 3, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}

function verdict(status: number): string {
  return status === 0 ? "passed" : status === 1 ? "failed" : "could not run";
}

export interface ActionResult {
  exitCode: number;
  comment: string;
  /** What the log shows, in order. */
  log: string[];
}

export async function runAction(env: Env, cwd: string): Promise<ActionResult> {
  const log: string[] = [];
  const settings = readSettings(env, cwd);
  if ("error" in settings) return { exitCode: 2, comment: "", log: [`::error::sysd action: ${settings.error}`] };

  const checked = sysd(["check", "--format", "github", ...settings.paths], cwd);
  // Annotations are workflow commands on stdout, which GitHub reads from the log.
  log.push(checked.stdout.trimEnd(), checked.stderr.trimEnd());
  const built = settings.buildCheck ? sysd(["build", "--check", "-o", settings.out, ...settings.paths], cwd) : undefined;
  if (built) log.push(built.stdout.trimEnd(), built.stderr.trimEnd());

  const sections: string[] = [];
  let diffFailed = false;
  if (settings.base === undefined) {
    log.push("sysd action: no base revision (not a pull request and no `base` input): skipping the diff");
  } else {
    fs.rmSync(settings.pictureDir, { recursive: true, force: true });
    const diffArgs = ["diff", settings.base, "--format", "markdown", "--svg", path.join(settings.pictureDir, "architecture.svg")];
    if (settings.failOn !== "never") diffArgs.push("--fail-on", settings.failOn);
    const diffed = sysd(diffArgs, cwd);
    log.push(diffed.stderr.trimEnd());
    diffFailed = diffed.status !== 0;
    if (diffed.status >= 2) log.push(`::error::sysd diff ${verdict(diffed.status)}`);
    sections.push(diffed.stdout.trimEnd());
    const pictures = fs.existsSync(settings.pictureDir) ? fs.readdirSync(settings.pictureDir).filter((name) => name.endsWith(".svg")).sort() : [];
    if (pictures.length > 0) {
      const where = settings.runUrl ? `the [run's artifacts](${settings.runUrl})` : "the run's artifacts";
      sections.push(`The new architecture with the changes marked (${pictures.join(", ")}) is in ${where}, artifact \`sysd-diff\`.`);
    }
  }
  const statusLine = [`check ${verdict(checked.status)}`, built ? `build --check ${verdict(built.status)}` : undefined]
    .filter((entry) => entry !== undefined)
    .join(" · ");
  const comment = [`### sysd design review`, "", `${statusLine}`, "", ...sections.flatMap((section) => [section, ""])].join("\n").trimEnd() + "\n";

  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, comment);
  if (env.GITHUB_OUTPUT) fs.appendFileSync(env.GITHUB_OUTPUT, `picture-dir=${settings.pictureDir}\n`);

  if (settings.comment && settings.pullNumber !== undefined && settings.base !== undefined) {
    if (!settings.token || !settings.repository) {
      log.push("::warning::sysd action: no token or repository, so no pull-request comment");
    } else {
      const outcome = await upsertComment({ apiUrl: settings.apiUrl, repository: settings.repository, pullNumber: settings.pullNumber, token: settings.token }, comment);
      // A fork's pull request gets a read-only token: say so, but the checks decide the outcome.
      log.push("error" in outcome ? `::warning::sysd action: no comment: ${outcome.error}` : `sysd action: ${outcome.action} comment ${outcome.id}`);
    }
  }
  const failed = checked.status !== 0 || (built !== undefined && built.status !== 0) || diffFailed;
  return { exitCode: failed ? 1 : 0, comment, log: log.filter((line) => line !== "") };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  runAction(process.env, process.cwd()).then(
    (result) => {
      for (const line of result.log) process.stdout.write(`${line}\n`);
      process.exitCode = result.exitCode;
    },
    (error: unknown) => {
      process.stdout.write(`::error::sysd action: internal error: ${String(error instanceof Error ? error.message : error).split("\n")[0]}\n`);
      process.exitCode = 3;
    },
  );
}
