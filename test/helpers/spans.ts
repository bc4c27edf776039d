import type { Span } from "../../src/syntax/span.js";

/**
 * Independent re-implementation of the span rules of src/syntax/span.ts, so a
 * test can check any span against the text it claims to cover:
 * - lines end at `\n`, `\r\n` or a lone `\r`;
 * - columns are 1-based UTF-16 indices into the line;
 * - an empty range ends where it starts; a non-empty range ends one column past
 *   its last character, on that character's line.
 */

interface LineTable {
  text: string;
  /** Offset at which each line starts; always begins with 0. */
  starts: number[];
}

// One-entry cache: tests check many spans against the same (possibly 2 MB) text.
let cached: LineTable | undefined;

function lineTable(text: string): LineTable {
  if (cached && cached.text === text) return cached;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) starts.push(i + 1);
    else if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        starts.push(i + 2);
        i++;
      } else {
        starts.push(i + 1);
      }
    }
  }
  cached = { text, starts };
  return cached;
}

/** 1-based line and column of the character at `offset` (or of end of text). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const { starts } = lineTable(text);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

function describe(span: Span): string {
  let json: string;
  try {
    json = JSON.stringify(span);
  } catch {
    json = String(span);
  }
  return json;
}

function isInt(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** Throws an Error (with the span in its message) unless `span` is a valid range of `text`. */
export function assertValidSpan(span: Span, text: string, where = "span"): void {
  const fail = (why: string): never => {
    throw new Error(`invalid ${where}: ${why}: ${describe(span)} (text length ${text.length})`);
  };
  if (span === null || typeof span !== "object") fail("not an object");
  if (typeof span.file !== "string" || span.file.length === 0) fail("empty or missing file");
  for (const key of ["line", "column", "endLine", "endColumn", "offset", "endOffset"] as const) {
    if (!isInt(span[key])) fail(`${key} is not an integer`);
  }
  if (span.line < 1 || span.column < 1 || span.endLine < 1 || span.endColumn < 1) fail("line/column below 1");
  if (span.endLine < span.line || (span.endLine === span.line && span.endColumn < span.column)) {
    fail("end before start");
  }
  if (span.offset < 0 || span.endOffset > text.length) fail("offset outside [0, text.length]");
  if (span.endOffset < span.offset) fail("endOffset before offset");

  const start = positionAt(text, span.offset);
  if (start.line !== span.line || start.column !== span.column) {
    fail(`start is offset ${span.offset} = ${start.line}:${start.column}, not ${span.line}:${span.column}`);
  }
  let end = start;
  if (span.endOffset > span.offset) {
    const last = positionAt(text, span.endOffset - 1);
    end = { line: last.line, column: last.column + 1 };
  }
  if (end.line !== span.endLine || end.column !== span.endColumn) {
    fail(`end is offset ${span.endOffset} = ${end.line}:${end.column}, not ${span.endLine}:${span.endColumn}`);
  }
}

/**
 * Every object found under a `span` key anywhere in `root`, depth first.
 * Iterative (an AST may be 100,000 levels deep) and safe on cycles.
 */
export function* collectSpans(root: unknown): Generator<Span> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (key === "span" && child !== null && typeof child === "object") {
        yield child as Span;
        // A span holds only scalars; nothing further to walk.
        continue;
      }
      stack.push(child);
    }
  }
}

/** Checks every span in `root` against `text`, and that each names `file` when given. */
export function assertAllSpansValid(root: unknown, text: string, file?: string): number {
  let count = 0;
  for (const span of collectSpans(root)) {
    assertValidSpan(span, text, "AST span");
    if (file !== undefined && span.file !== file) {
      throw new Error(`AST span names file ${JSON.stringify(span.file)}, expected ${JSON.stringify(file)}: ${describe(span)}`);
    }
    count++;
  }
  return count;
}

interface DiagnosticLike {
  code: string;
  message: string;
  span: Span;
  related?: { span: Span }[];
  fix?: { span: Span };
}

/** Checks a diagnostic's own span and those of its related locations and fix. */
export function assertValidDiagnostic(diagnostic: DiagnosticLike, text: string): void {
  const where = `${diagnostic.code} "${diagnostic.message.slice(0, 80)}"`;
  assertValidSpan(diagnostic.span, text, `span of ${where}`);
  for (const related of diagnostic.related ?? []) assertValidSpan(related.span, text, `related span of ${where}`);
  if (diagnostic.fix) assertValidSpan(diagnostic.fix.span, text, `fix span of ${where}`);
}
