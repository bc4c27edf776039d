/**
 * A tutorial builds one design in steps. Each ```sysd step=<file> fence shows
 * some lines of that design file (docs/<file>), in the file's order; a line
 * `// …` stands for lines shown in another step. A fence line matches a line of
 * the file that starts with it, indentation included (so a step inside the
 * system is indented as in the file), and a later step may show the same line grown
 * (`component Db : aws.RDS` first, `component Db : aws.RDS { stores Order }`
 * later).
 *
 * The design after step k is every line shown in steps 1..k, in the file's
 * order, each as its latest step shows it, with the file's blank lines kept so
 * that line numbers in the tutorial's outputs stay close to the reader's: that is
 * what a reader who followed the tutorial has written, and the tests check it
 * like any other example.
 */

export const ELISION = /^(\/\/ )?…$/;

export interface StepMatch {
  /** For each fence line that is not an elision: the index of the file line it shows. */
  lines: { index: number; text: string }[];
  /** The first fence line no file line matches, if any. */
  unmatched?: string;
}

/** Matches a step's lines to the file's, in order, each to the first fitting line after the previous one. */
export function matchStep(step: string, file: readonly string[]): StepMatch {
  const lines: { index: number; text: string }[] = [];
  let at = 0;
  for (const raw of step.split("\n")) {
    const text = raw.trimEnd();
    if (text === "" || ELISION.test(text.trim())) continue;
    while (at < file.length && !file[at]!.startsWith(text)) at++;
    if (at === file.length) return { lines, unmatched: raw };
    lines.push({ index: at, text: raw });
    at++;
  }
  return { lines };
}

/** The design after each step (see above), and the file's non-blank lines no step shows. */
export function buildSteps(steps: readonly string[], fileText: string): { states: string[]; unshown: number[]; unmatched: (string | undefined)[] } {
  const file = fileText.replace(/\r\n/g, "\n").split("\n");
  const shown = new Map<number, string>();
  const states: string[] = [];
  const unmatched: (string | undefined)[] = [];
  for (const step of steps) {
    const match = matchStep(step, file);
    unmatched.push(match.unmatched);
    for (const { index, text } of match.lines) shown.set(index, text);
    const kept = file.flatMap((line, index) => (shown.has(index) ? [shown.get(index)!] : line.trim() === "" ? [""] : []));
    states.push(kept.join("\n").replace(/\n{3,}/g, "\n\n").replace(/\n*$/, "\n"));
  }
  const unshown = file.flatMap((line, index) => (line.trim() !== "" && !shown.has(index) ? [index + 1] : []));
  return { states, unshown, unmatched };
}
