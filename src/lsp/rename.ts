/** Rename: every use of a declaration, across files, or a reason why not. */
import type { TextEdit } from "vscode-languageserver";
import type { Declaration, NameCategory, ReferenceIndex } from "../semantics/index.js";
import { usesOf } from "../semantics/index.js";
import type { Span } from "../syntax/index.js";
import { spanToRange } from "./convert.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Categories that share one namespace (spec §3: components and boundaries). */
function namespaceOf(category: NameCategory): NameCategory[] {
  return category === "component" || category === "boundary" ? ["component", "boundary"] : [category];
}

export type RenamePlan = { edits: Map<string, TextEdit[]> } | { refused: string };

export function planRename(index: ReferenceIndex, declaration: Declaration, newName: string, isStdlib: (file: string) => boolean): RenamePlan {
  if (!IDENTIFIER.test(newName)) return { refused: `\`${newName}\` is not a name: use letters, digits and \`_\`, not starting with a digit` };
  if (isStdlib(declaration.nameSpan.file)) return { refused: `\`${declaration.name}\` is declared in the standard library, which cannot be renamed` };
  if (declaration.category === "system") return { refused: "a system's name is its output folder; rename it by hand" };
  const space = namespaceOf(declaration.category);
  const clash = index.declarations.find(
    (d) => d !== declaration && space.includes(d.category) && d.system === declaration.system && d.name === newName && (d.system !== undefined || d.nameSpan.file === declaration.nameSpan.file),
  );
  if (clash) {
    return { refused: `\`${newName}\` is already the name of a ${clash.category} (${clash.nameSpan.file} line ${clash.nameSpan.line})` };
  }
  const edits = new Map<string, TextEdit[]>();
  const add = (span: Span): void => {
    const list = edits.get(span.file) ?? [];
    if (!list.some((e) => e.range.start.line === span.line - 1 && e.range.start.character === span.column - 1)) list.push({ range: spanToRange(span), newText: newName });
    edits.set(span.file, list);
  };
  add(declaration.nameSpan);
  for (const use of usesOf(index, declaration)) add(use.nameSpan);
  return { edits };
}
