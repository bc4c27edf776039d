import type { Io } from "../../src/cli/io.js";

/** An `Io` that records what a command prints, for tests of the commands. */
export function captureIo(cwd: string): Io & { out: string; err: string } {
  const captured = {
    cwd,
    version: "0.0.0-test",
    colorDefault: false,
    out: "",
    err: "",
    stdout(text: string) {
      captured.out += text;
    },
    stderr(text: string) {
      captured.err += text;
    },
  };
  return captured;
}
