/**
 * Reading one source file from disk without trusting what the path names.
 * A named pipe would block forever and a device (`/dev/zero`) never ends, so
 * only regular files are read, and never more than `MAX_SOURCE_BYTES`.
 */
import * as fs from "node:fs";

/** The largest source file read (64 MiB): far above any real design, small enough to check in memory. */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export type ReadResult = { text: string; invalidUtf8At?: number } | { error: string };

/** A file's bytes, or why they were not read (`missing` when nothing is at the path). */
export type BytesResult = { bytes: Buffer } | { error: string; missing?: true };

/**
 * Plain words for why a file system call failed; the caller names the file.
 * `doing` picks the words of the catch-all reason.
 */
export function describeFileError(error: unknown, doing: "read" | "written" = "read"): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "not found";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENOTDIR":
      return "a part of its path is not a folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "its symbolic links form a loop";
    case "ENAMETOOLONG":
      return "its name is too long";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
    case "EDQUOT":
      return "the disk is full";
    case "EIO":
      return "the disk reported an input/output error";
    case "ENXIO":
    case "ENODEV":
      return "no device answers for it";
    case "EAGAIN":
    case "EWOULDBLOCK":
      return "it is not ready to be read (a pipe or a device)";
    case "EBUSY":
    case "ETXTBSY":
      return "it is in use";
    case "EXDEV":
      return "it is on another file system than its folder";
    case "ERR_INVALID_ARG_VALUE":
    case "ERR_INVALID_ARG_TYPE":
      return "the path is not a valid file name (it contains a NUL character)";
    default:
      return `it cannot be ${doing}`;
  }
}

/** What a non-regular file is, in the words of the error that refuses it. */
function describeKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return "is a folder, not a file";
  if (stat.isFIFO()) return "is a named pipe, not a file";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "is a device, not a file";
  if (stat.isSocket()) return "is a socket, not a file";
  return "is not a regular file";
}

/** `MAX_SOURCE_BYTES` in words, for messages and docs. */
export function describeLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * Reads a file as UTF-8, noting where the bytes were not valid UTF-8.
 * `limit` is there for tests; callers use the default.
 */
export function readSourceFile(absolutePath: string, limit: number = MAX_SOURCE_BYTES): ReadResult {
  const read = readRegularFile(absolutePath, limit);
  return "error" in read ? { error: read.error } : decodeSource(read.bytes);
}

/**
 * Reads a regular file's bytes, never more than `limit`; anything else at the
 * path (a pipe, a device, a socket, a folder) is an error and is not read.
 */
export function readRegularFile(absolutePath: string, limit: number = MAX_SOURCE_BYTES): BytesResult {
  try {
    // Opening some devices has effects of its own (a tape rewinds, a terminal
    // may become this process's), so what is not a file is not even opened.
    const before = fs.statSync(absolutePath);
    if (!before.isFile()) return { error: describeKind(before) };
  } catch (error) {
    return failure(error);
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe for reading waits for a writer otherwise;
    // the path may have become one since the check above. The type is checked
    // again on the opened descriptor, which cannot change.
    fd = fs.openSync(absolutePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0));
  } catch (error) {
    return failure(error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { error: describeKind(stat) };
    if (stat.size > limit) return { error: tooLarge(limit) };
    // The size can change while reading: read until the end, but never past limit + 1.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 0) + 65536, limit + 1 - total));
      const count = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > limit) return { error: tooLarge(limit) };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return failure(error);
  } finally {
    fs.closeSync(fd);
  }
}

function failure(error: unknown): { error: string; missing?: true } {
  const reason = describeFileError(error);
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT" ? { error: reason, missing: true } : { error: reason };
}

/** The error for a file over `limit`, for every reader of sources (disk, git). */
export function tooLarge(limit: number): string {
  return `is larger than ${describeLimit(limit)}, the most sysd reads from one file`;
}

/** Bytes as UTF-8 text, noting the first invalid sequence, for every reader of sources (disk, git). */
export function decodeSource(bytes: Buffer): ReadResult {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text };
  } catch {
    // Re-encoding turns each bad sequence into U+FFFD's bytes; the first byte
    // that differs is the first bad one (a real U+FFFD re-encodes the same).
    const again = Buffer.from(text, "utf8");
    let at = 0;
    while (at < bytes.length && at < again.length && bytes[at] === again[at]) at++;
    return { text, invalidUtf8At: new TextDecoder("utf-8").decode(bytes.subarray(0, at)).length };
  }
}
