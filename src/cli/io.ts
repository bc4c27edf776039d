/** Exit codes of spec §6. */
export const EXIT = {
  ok: 0,
  errors: 1,
  usage: 2,
  internal: 3,
} as const;

/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  cwd: string;
  version: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal that takes color. */
  colorDefault: boolean;
  /** Whether stderr is a terminal, for progress lines. */
  isTerminal?: boolean;
  /**
   * Called when `sysd fmt` has the new text of `file` on disk, just before it
   * replaces the file: tests edit the file here to play a concurrent editor.
   */
  beforeReplace?(file: string): void;
}
