import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";

/**
 * Golden files: expected output kept beside the fixtures, compared as text.
 *
 * - `UPDATE_GOLDEN=1`: (re)write every golden file instead of comparing.
 * - A missing golden file is a failure everywhere, so a fixture cannot slip
 *   in without its expected output, and a laptop fails as CI would.
 *
 * Line ends are compared as `\n`: a checkout that turns them into `\r\n`
 * must not fail every golden test.
 */

function flag(name: string): boolean {
  const value = process.env[name];
  if (value === undefined) return false;
  const normalized = value.trim().toLowerCase();
  return normalized !== "" && normalized !== "0" && normalized !== "false";
}

export function updatingGolden(): boolean {
  return flag("UPDATE_GOLDEN");
}

function write(goldenPath: string, text: string): void {
  fs.mkdirSync(path.dirname(goldenPath), { recursive: true });
  fs.writeFileSync(goldenPath, text, "utf8");
}

/** Compares `actualText` with the golden file at `goldenPath` (or writes it; see above). */
export function expectGolden(goldenPath: string, actualText: string): void {
  const shown = path.relative(process.cwd(), goldenPath) || goldenPath;
  if (updatingGolden()) {
    write(goldenPath, actualText);
    return;
  }
  if (!fs.existsSync(goldenPath)) {
    expect.fail(`golden file ${shown} is missing; run the tests once with UPDATE_GOLDEN=1, review it and commit it`);
  }
  const expected = fs.readFileSync(goldenPath, "utf8").replace(/\r\n/g, "\n");
  expect(actualText, `output differs from ${shown} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
}

// ── stable text forms ─────────────────────────────────────────────────

interface SpanLike {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
}

function isSpan(value: unknown): value is SpanLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["line"] === "number" &&
    typeof v["column"] === "number" &&
    typeof v["endLine"] === "number" &&
    typeof v["endColumn"] === "number" &&
    typeof v["offset"] === "number" &&
    typeof v["endOffset"] === "number"
  );
}

/** `3:5-3:12`: start line:column, then end line:column (exclusive), all 1-based. */
export function compactSpan(span: SpanLike): string {
  return `${span.line}:${span.column}-${span.endLine}:${span.endColumn}`;
}

/**
 * JSON with a 2-space indent in which every span (`span`, `keywordSpan`,
 * `methodSpan` …) is the compact `L:C-L:C` string, so a golden AST reads like
 * the source and does not depend on the file's absolute path. Keys keep the
 * order the builder wrote them in. Ends with a line break.
 */
export function toGoldenJson(value: unknown): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (isSpan(v)) return compactSpan(v);
      if (typeof v === "number" && !Number.isFinite(v)) return String(v);
      return v;
    },
    2,
  );
  return `${text}\n`;
}
