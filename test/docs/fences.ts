/**
 * The ```sysd fences of the docs and what their info string promises.
 *
 * - ```sysd                 a whole file: no error, and no warning
 * - ```sysd warns=W300,W304 a whole file: no error, and exactly these warning codes
 * - ```sysd fragment        statements of a system body; checked inside `system Example { … }`,
 *                           where W300 and W301 (which judge a whole system) are not counted
 * - ```sysd example=E201    must yield that code (the examples of docs/diagnostics.md)
 * - ```sysd fixes=E201      must yield no error and not that code
 * - ```sysd requires=views  skipped until the parser knows that construct
 * - ```sysd file=venues.sysd a whole file that later fences of the same doc may import as
 *                           `./venues.sysd` (it is checked too); an import of a project file
 *                           no fence provides stands in as an empty module
 * - ```sysd step=tutorial/x.sysd  a step of a tutorial that builds docs/tutorial/x.sysd (see steps.ts);
 *                           what is checked is the design after this step
 * - ```sysd ignore          not checked (for text that is deliberately not a design)
 */

export interface Fence {
  doc: string;
  line: number;
  source: string;
  fragment: boolean;
  ignore: boolean;
  warns: string[];
  example?: string;
  fixes?: string;
  requires?: string;
  file?: string;
  step?: string;
}

const KNOWN_FLAGS = new Set(["fragment", "ignore"]);
const KNOWN_KEYS = new Set(["warns", "example", "fixes", "requires", "file", "step"]);

/** Every ```sysd fence of a markdown text; throws on an attribute it does not know, so a typo cannot skip a check. */
export function sysdFences(doc: string, text: string): Fence[] {
  const fences: Fence[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^```sysd(?:\s+(.*))?$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    const fence: Fence = { doc, line: start, source: lines.slice(start, end).join("\n") + "\n", fragment: false, ignore: false, warns: [] };
    for (const attribute of (open[1] ?? "").split(/\s+/).filter((a) => a !== "")) {
      const [key, value] = attribute.split("=", 2) as [string, string | undefined];
      if (value === undefined && KNOWN_FLAGS.has(key)) {
        if (key === "fragment") fence.fragment = true;
        else fence.ignore = true;
      } else if (value !== undefined && KNOWN_KEYS.has(key)) {
        if (key === "warns") fence.warns = value.split(",").filter((c) => c !== "").sort();
        else fence[key as "example" | "fixes" | "requires" | "file" | "step"] = value;
      } else {
        throw new Error(`${doc}:${start}: unknown attribute \`${attribute}\` of a sysd fence`);
      }
    }
    fences.push(fence);
    i = end;
  }
  return fences;
}

/** The text that is checked: a fragment inside a system of its own, on lines of its own. */
export function designText(fence: Fence): string {
  return fence.fragment ? `system Example {\n${fence.source}}\n` : fence.source;
}

/** Codes that judge a whole system, which a fragment is not. */
export const WHOLE_SYSTEM_CODES = new Set(["W300", "W301"]);
