/**
 * Views (spec §3.14): which components each `view` holds. A view starts
 * empty, adds what `include` and `focus` select, then removes what
 * `exclude` selects (so an exclusion always wins, whatever the order of the
 * lines). Unknown names are E201 and E203; a view that holds nothing is
 * W311 (src/semantics/rules/w311-empty-view.ts).
 */
import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import { didYouMean } from "../util/suggest.js";
import type { SystemSymbols } from "./binder.js";
import type { KindRegistry } from "./kinds.js";
import type * as M from "./model.js";
import { findProperty, stringValue } from "./values.js";

interface Context {
  symbols: SystemSymbols;
  kinds: KindRegistry;
  components: M.ComponentModel[];
  boundaries: Map<string, M.BoundaryModel>;
  diagnostics: Diagnostic[];
}

export function resolveViews(
  symbols: SystemSymbols,
  kinds: KindRegistry,
  components: M.ComponentModel[],
  boundaries: M.BoundaryModel[],
  connections: M.ConnectionModel[],
  diagnostics: Diagnostic[],
): M.ViewModel[] {
  const ctx: Context = { symbols, kinds, components, boundaries: new Map(boundaries.map((b) => [b.id, b])), diagnostics };
  const neighbours = neighbourMap(ctx, connections);
  const result: M.ViewModel[] = [];
  for (const [id, decl] of symbols.views) {
    const included = new Set<string>();
    const excluded = new Set<string>();
    const collapsed: string[] = [];
    for (const member of decl.members) {
      switch (member.type) {
        case "ViewSelection": {
          const into = member.mode === "include" ? included : excluded;
          for (const selector of member.selectors) for (const c of select(ctx, selector)) into.add(c);
          break;
        }
        case "ViewFocus":
          for (const c of focus(ctx, member, neighbours)) included.add(c);
          break;
        case "ViewCollapse":
          for (const name of member.boundaries) {
            const boundary = boundaryRef(ctx, name, "collapse");
            if (boundary !== undefined && !collapsed.includes(boundary)) collapsed.push(boundary);
          }
          break;
        case "Property":
          break;
      }
    }
    const held = components.filter((c) => included.has(c.id) && !excluded.has(c.id)).map((c) => c.id);
    const view: M.ViewModel = { id, title: decl.title?.value ?? id, components: held, collapsed, span: decl.span };
    const description = stringValue(findProperty(decl.members.filter((m): m is A.Property => m.type === "Property"), "description"));
    if (description !== undefined) view.description = description;
    result.push(view);
  }
  return result;
}

/** Every component inside `boundary`, at any depth. */
export function membersOf(boundary: string, components: readonly M.ComponentModel[], boundaries: ReadonlyMap<string, M.BoundaryModel>): string[] {
  return components.filter((c) => isInside(c.boundary, boundary, boundaries)).map((c) => c.id);
}

function isInside(start: string | undefined, boundary: string, boundaries: ReadonlyMap<string, M.BoundaryModel>): boolean {
  const seen = new Set<string>();
  for (let b = start; b !== undefined && !seen.has(b); b = boundaries.get(b)?.parent) {
    if (b === boundary) return true;
    seen.add(b);
  }
  return false;
}

/** The components a connection end stands for: itself, or every member of a boundary. */
function endComponents(ctx: Context, end: string): string[] {
  return ctx.boundaries.has(end) ? membersOf(end, ctx.components, ctx.boundaries) : [end];
}

function neighbourMap(ctx: Context, connections: M.ConnectionModel[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    if (a === b) return;
    const set = map.get(a) ?? new Set<string>();
    set.add(b);
    map.set(a, set);
  };
  for (const c of connections) {
    for (const from of endComponents(ctx, c.from)) {
      for (const to of endComponents(ctx, c.to)) {
        link(from, to);
        link(to, from);
      }
    }
  }
  return map;
}

function select(ctx: Context, selector: A.Selector): string[] {
  switch (selector.selector) {
    case "all":
      return ctx.components.map((c) => c.id);
    case "component": {
      const name = selector.name.name;
      if (ctx.symbols.components.has(name)) return [name];
      // A bare boundary id reads as "its members", as `boundary <id>` does.
      if (ctx.symbols.boundaries.has(name)) return membersOf(name, ctx.components, ctx.boundaries);
      unknownComponent(ctx, selector.name);
      return [];
    }
    case "boundary": {
      const boundary = boundaryRef(ctx, selector.name, "boundary");
      return boundary === undefined ? [] : membersOf(boundary, ctx.components, ctx.boundaries);
    }
    case "kind":
      return selectKind(ctx, selector.kind);
    case "tag":
      return ctx.components.filter((c) => c.tags.includes(selector.tag.value)).map((c) => c.id);
  }
}

/**
 * Components whose kind chain reaches the named kind. Chains name a kind as
 * the file that uses it writes it (`aws.SQS`) or as its own file does
 * (`SQS`, in the chain of a kind built on it), so both are matched, along
 * with the rest of the chain.
 */
function selectKind(ctx: Context, name: A.QualifiedName): string[] {
  const scope = ctx.kinds.scopeOf(ctx.symbols.file);
  const symbol = scope.kinds.get(name.text);
  const model = ctx.kinds.resolveReference(ctx.symbols.file, name, ctx.diagnostics);
  if (!symbol) return [];
  const names = new Set([name.text, symbol.localName]);
  const tail = model.chain.slice(1);
  return ctx.components
    .filter((c) => {
      const chain = c.kind.chain;
      return chain.some((k, i) => names.has(k) && chain.length - i - 1 === tail.length && tail.every((t, j) => chain[i + 1 + j] === t));
    })
    .map((c) => c.id);
}

function focus(ctx: Context, member: A.ViewFocus, neighbours: Map<string, Set<string>>): string[] {
  const name = member.component.name;
  let start: string[];
  if (ctx.symbols.components.has(name)) start = [name];
  else if (ctx.symbols.boundaries.has(name)) start = membersOf(name, ctx.components, ctx.boundaries);
  else {
    unknownComponent(ctx, member.component);
    return [];
  }
  const depth = member.depth?.value ?? 1;
  const seen = new Set(start);
  let frontier = start;
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of neighbours.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return [...seen];
}

function unknownComponent(ctx: Context, name: A.Identifier): void {
  const candidates = [...ctx.symbols.components.keys(), ...ctx.symbols.boundaries.keys()];
  ctx.diagnostics.push(makeDiagnostic("E201", name.span, `unknown component or boundary \`${name.name}\`${didYouMean(name.name, candidates)}`));
}

/** E201 unless `name` is a boundary. */
function boundaryRef(ctx: Context, name: A.Identifier, clause: string): string | undefined {
  if (ctx.symbols.boundaries.has(name.name)) return name.name;
  const message = ctx.symbols.components.has(name.name)
    ? `\`${name.name}\` is a component; \`${clause}\` names a boundary`
    : `unknown boundary \`${name.name}\`${didYouMean(name.name, ctx.symbols.boundaries.keys())}`;
  ctx.diagnostics.push(makeDiagnostic("E201", name.span, message));
  return undefined;
}
