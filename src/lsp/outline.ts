/** The outline of a file (document symbols) and its folding ranges, from its syntax tree. */
import { SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type * as A from "../syntax/ast.js";
import type { LoadedFile } from "../syntax/index.js";
import { visible } from "../util/visible.js";
import { spanToRange } from "./convert.js";

function symbol(name: string, detail: string | undefined, kind: SymbolKind, node: A.Node, nameNode: A.Node | undefined, children: DocumentSymbol[] = []): DocumentSymbol {
  // Titles and paths are design text: one line, controls and bidi overrides escaped.
  const result: DocumentSymbol = { name: visible(name) || "(unnamed)", kind, range: spanToRange(node.span), selectionRange: spanToRange((nameNode ?? node).span) };
  if (detail) result.detail = visible(detail);
  if (children.length > 0) result.children = children;
  return result;
}

function systemMembers(members: readonly A.SystemMember[]): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  for (const member of members) {
    switch (member.type) {
      case "Component":
        result.push(symbol(member.name.name, member.title?.value, SymbolKind.Class, member, member.name));
        break;
      case "Boundary":
        result.push(symbol(member.name.name, member.title?.value, SymbolKind.Module, member, member.name, systemMembers(member.members)));
        break;
      case "Flow":
        result.push(symbol(member.name.name, member.title?.value, SymbolKind.Event, member, member.name));
        break;
      case "Model":
        result.push(
          symbol("model", undefined, SymbolKind.Package, member, undefined, member.members.map((t) =>
            symbol(t.name.name, t.type === "Entity" ? t.title?.value : "enum", t.type === "Entity" ? SymbolKind.Struct : SymbolKind.Enum, t, t.name),
          )),
        );
        break;
      case "Requirements":
        result.push(
          symbol("requirements", undefined, SymbolKind.Package, member, undefined, member.groups.flatMap((g) =>
            g.requirements.map((r) => symbol(r.id.name, r.text.value, SymbolKind.Constant, r, r.id)),
          )),
        );
        break;
      case "Api":
        result.push(
          symbol(member.name.name, member.title?.value, SymbolKind.Interface, member, member.name, member.members
            .filter((m): m is A.Endpoint => m.type === "Endpoint")
            .map((e) => symbol(`${e.method} ${e.path.value}`, e.title?.value, SymbolKind.Method, e, e.path))),
        );
        break;
      case "Webhook":
        result.push(symbol(member.name.name, member.title?.value, SymbolKind.Event, member, member.name));
        break;
      case "Scaling":
        result.push(symbol("scaling", undefined, SymbolKind.Package, member, undefined, member.members
          .filter((m): m is A.Demand => m.type === "Demand")
          .map((d) => symbol(d.name.name, d.title?.value, SymbolKind.Variable, d, d.name))));
        break;
      case "Cost":
        result.push(symbol("cost", undefined, SymbolKind.Package, member, undefined));
        break;
      case "Failure":
        result.push(symbol(member.name?.name ?? member.title?.value ?? "failure", member.title?.value, SymbolKind.Event, member, member.name));
        break;
      case "Security":
        result.push(symbol("security", undefined, SymbolKind.Package, member, undefined));
        break;
      case "Monitoring":
        result.push(symbol("monitoring", undefined, SymbolKind.Package, member, undefined, member.members
          .filter((m): m is A.Metric => m.type === "Metric")
          .map((m) => symbol(m.name.name, m.title?.value, SymbolKind.Variable, m, m.name))));
        break;
      case "Decision":
        result.push(symbol(member.name.name, member.title?.value, SymbolKind.Key, member, member.name));
        break;
      default:
        break;
    }
  }
  return result;
}

export function documentSymbols(file: LoadedFile): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  for (const member of file.ast.members) {
    if (member.type === "System") result.push(symbol(member.name.name, member.title?.value, SymbolKind.Namespace, member, member.name, systemMembers(member.members)));
    else if (member.type === "Kind") result.push(symbol(member.name.name, member.title?.value, SymbolKind.TypeParameter, member, member.name));
    else result.push(...systemMembers([member]));
  }
  return result;
}

/** Every node written over several lines folds; so do comments of several lines. */
export function foldingRanges(file: LoadedFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const seen = new Set<string>();
  const add = (startLine: number, endLine: number, kind?: string): void => {
    const key = `${startLine}:${endLine}`;
    if (endLine <= startLine || seen.has(key)) return;
    seen.add(key);
    ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const visit = (value: unknown, depth: number): void => {
    if (depth > 400 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as { type?: unknown; span?: { line: number; endLine: number } };
    if (typeof node.type === "string" && node.span && node.type !== "File" && node.type !== "String") add(node.span.line - 1, node.span.endLine - 1);
    for (const [key, child] of Object.entries(node)) if (key !== "span") visit(child, depth + 1);
  };
  visit(file.ast.members, 0);
  for (const comment of file.comments) {
    if (comment.startLine !== undefined && comment.endLine !== undefined) add(comment.startLine - 1, comment.endLine - 1, "comment");
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
