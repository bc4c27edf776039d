/**
 * The few GitHub REST calls the action makes: find the pull request's sysd
 * comment and create or update it. The API address comes from
 * GITHUB_API_URL (set by GitHub, and by tests to a local server).
 */

/** Hidden in the comment so later runs update it instead of adding another. */
export const COMMENT_MARKER = "<!-- sysd-design-diff -->";

export interface CommentTarget {
  apiUrl: string;
  repository: string;
  pullNumber: number;
  token: string;
}

interface IssueComment {
  id: number;
  body?: string;
}

export type CommentOutcome = { action: "created" | "updated"; id: number } | { error: string };

async function call(target: CommentTarget, method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${target.apiUrl.replace(/\/$/, "")}${route}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${target.token}`,
      "x-github-api-version": "2022-11-28",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

/** Pages through the comments (100 a page) until it finds ours or runs out. */
async function findComment(target: CommentTarget): Promise<IssueComment | undefined | { error: string }> {
  for (let page = 1; page <= 50; page++) {
    const { status, json } = await call(target, "GET", `/repos/${target.repository}/issues/${target.pullNumber}/comments?per_page=100&page=${page}`);
    if (status !== 200 || !Array.isArray(json)) return { error: `listing comments answered ${status}` };
    const comments = json as IssueComment[];
    const ours = comments.find((comment) => typeof comment.body === "string" && comment.body.includes(COMMENT_MARKER));
    if (ours) return ours;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

export async function upsertComment(target: CommentTarget, markdown: string): Promise<CommentOutcome> {
  const body = `${COMMENT_MARKER}\n${markdown}`;
  try {
    const existing = await findComment(target);
    if (existing && "error" in existing) return existing;
    if (existing) {
      const { status } = await call(target, "PATCH", `/repos/${target.repository}/issues/comments/${existing.id}`, { body });
      return status === 200 ? { action: "updated", id: existing.id } : { error: `updating the comment answered ${status}` };
    }
    const { status, json } = await call(target, "POST", `/repos/${target.repository}/issues/${target.pullNumber}/comments`, { body });
    const id = (json as IssueComment | undefined)?.id;
    return status === 201 && typeof id === "number" ? { action: "created", id } : { error: `creating the comment answered ${status}` };
  } catch (error) {
    return { error: `could not reach ${target.apiUrl}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
