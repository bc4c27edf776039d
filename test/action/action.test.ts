/**
 * The GitHub Action's script, run as GitHub runs it (a child process with
 * GitHub's environment variables) against a temporary git repository with
 * two commits and a local stand-in for the GitHub API: no network.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const repo = path.resolve(import.meta.dirname, "../..");
const script = path.join(repo, "dist/src/action/run.js");
const bin = path.join(repo, "bin/sysd.js");
const shortener = fs.readFileSync(path.join(repo, "examples/url-shortener/shortener.sysd"), "utf8");

interface Comment {
  id: number;
  body: string;
}

/** Just enough of GitHub's issue-comment API; records every request. */
function fakeGitHub(): Promise<{ url: string; comments: Comment[]; requests: string[]; close(): Promise<void> }> {
  const comments: Comment[] = [];
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      requests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ""}`);
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(json));
      };
      if (request.method === "GET" && request.url?.startsWith("/repos/acme/shop/issues/7/comments")) return send(200, comments);
      if (request.method === "POST" && request.url === "/repos/acme/shop/issues/7/comments") {
        const comment = { id: 100 + comments.length, body: (JSON.parse(body) as { body: string }).body };
        comments.push(comment);
        return send(201, comment);
      }
      const patch = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(request.url ?? "");
      const existing = patch ? comments.find((comment) => comment.id === Number(patch[1])) : undefined;
      if (request.method === "PATCH" && existing) {
        existing.body = (JSON.parse(body) as { body: string }).body;
        return send(200, existing);
      }
      send(404, { message: "Not Found" });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, comments, requests, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } }).trim();
}

/** Async, so the fake API in this process can answer while the script runs. */
function runScript(cwd: string, env: Record<string, string>): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.on("close", (status) => resolve({ status: status ?? -1, stdout }));
  });
}

describe("the GitHub Action", () => {
  let work: string;
  let api: Awaited<ReturnType<typeof fakeGitHub>>;
  let base: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "sysd-action-"));
    const project = path.join(work, "repo");
    fs.mkdirSync(path.join(project, "design"), { recursive: true });
    git(project, "init", "-q", "-b", "main");
    fs.writeFileSync(path.join(project, "design/shortener.sysd"), shortener);
    execFileSync(process.execPath, [bin, "build", "design", "-o", "out"], { cwd: project });
    git(project, "add", ".");
    git(project, "commit", "-qm", "base");
    base = git(project, "rev-parse", "HEAD");
    // The pull request removes an endpoint: a breaking change for the API's clients.
    fs.writeFileSync(path.join(project, "design/shortener.sysd"), shortener.replace('    DELETE /links/{code} "Delete a link" {\n      response 204\n    }\n', ""));
    execFileSync(process.execPath, [bin, "build", "design", "-o", "out"], { cwd: project });
    git(project, "commit", "-qam", "drop delete");
    api = await fakeGitHub();
    fs.writeFileSync(path.join(work, "event.json"), JSON.stringify({ pull_request: { number: 7, base: { sha: base } } }));
    env = {
      GITHUB_EVENT_PATH: path.join(work, "event.json"),
      GITHUB_REPOSITORY: "acme/shop",
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_RUN_ID: "42",
      GITHUB_TOKEN: "secret-token",
      GITHUB_STEP_SUMMARY: path.join(work, "summary.md"),
      GITHUB_OUTPUT: path.join(work, "output.txt"),
      RUNNER_TEMP: work,
      SYSD_PATHS: "design",
    };
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("comments the diff, keeps the picture, and fails on a breaking change", async () => {
    const run = await runScript(path.join(work, "repo"), env);
    expect(run.stdout).toContain("created comment 100");
    expect(run.status).toBe(1);
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body).toMatch(/^<!-- sysd-design-diff -->\n### sysd design review\n\ncheck passed · build --check passed\n/);
    expect(body).toContain("DELETE /v1/links/{code}");
    expect(body.toLowerCase()).toContain("breaking");
    expect(body).toContain("https://github.example/acme/shop/actions/runs/42");
    expect(api.requests.every((request) => request.endsWith("Bearer secret-token"))).toBe(true);
    expect(fs.readFileSync(env.GITHUB_STEP_SUMMARY!, "utf8")).toContain("DELETE /v1/links/{code}");
    const pictureDir = fs.readFileSync(env.GITHUB_OUTPUT!, "utf8").match(/^picture-dir=(.*)$/m)?.[1];
    expect(pictureDir).toBe(path.join(work, "sysd-diff"));
    const pictures = fs.readdirSync(pictureDir!);
    expect(pictures.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(pictureDir!, pictures[0]!), "utf8")).toContain("<svg");
  }, 60_000);

  it("updates the same comment on the next run, and passes when told never to fail", async () => {
    const run = await runScript(path.join(work, "repo"), { ...env, SYSD_FAIL_ON: "never" });
    expect(run.stdout).toContain("updated comment 100");
    expect(run.status).toBe(0);
    expect(api.comments).toHaveLength(1);
  }, 60_000);

  it("annotates errors in the design and fails, whatever the diff", async () => {
    const project = path.join(work, "repo");
    fs.appendFileSync(path.join(project, "design/shortener.sysd"), "\n");
    const text = fs.readFileSync(path.join(project, "design/shortener.sysd"), "utf8");
    fs.writeFileSync(path.join(project, "design/shortener.sysd"), text.replace("  Api -> Clicks", "  Api -> Nowhere\n  Api -> Clicks"));
    const run = await runScript(project, { ...env, SYSD_FAIL_ON: "never", SYSD_COMMENT: "false" });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=design\/shortener\.sysd,line=\d+,.*E201/m);
    git(project, "checkout", "-q", "--", ".");
  }, 60_000);

  it("refuses a fail-on it does not know", async () => {
    const run = await runScript(path.join(work, "repo"), { ...env, SYSD_FAIL_ON: "sometimes" });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("fail-on must be breaking, warning or never");
  });

  it("declares every input it reads, and runs the compiled script", () => {
    const action = parseYaml(fs.readFileSync(path.join(repo, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      runs: { using: string; steps: { run?: string; env?: Record<string, string> }[] };
    };
    expect(action.runs.using).toBe("composite");
    const review = action.runs.steps.find((step) => step.run?.includes("dist/src/action/run.js"));
    expect(review).toBeDefined();
    for (const value of Object.values(review!.env ?? {})) {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1];
      expect(input, `${value} names an input`).toBeDefined();
      expect(Object.keys(action.inputs)).toContain(input);
    }
  });
});
