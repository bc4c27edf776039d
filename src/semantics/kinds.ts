import type { Diagnostic } from "../diagnostics/index.js";
import { makeDiagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import type { LoadedFile, Program } from "../syntax/index.js";
import { didYouMean } from "../util/suggest.js";
import type { KindModel, Shape } from "./model.js";
import { stringValue } from "./values.js";

/** The std/core kinds whose descendants hold state (spec §3.3). */
const STATEFUL_ROOTS = new Set(["database", "queue", "stream", "cache", "object_store", "search"]);
const STDLIB_MODULES = new Set(["aws", "gcp", "azure", "oss"]);
const SHAPES = new Set<Shape>(["rectangle", "rounded", "cylinder", "queue", "hexagon", "person", "cloud", "dashed", "document"]);

export interface KindSymbol {
  decl: A.KindDecl;
  /** Name as seen from the file that declared it. */
  localName: string;
  file: LoadedFile;
}

/**
 * What names a file can see: its own top-level kinds and model types
 * unqualified, `std/core` kinds unqualified, and each import's under its
 * namespace (spec §2).
 */
export interface FileScope {
  kinds: Map<string, KindSymbol>;
  types: Map<string, { decl: A.EnumDecl | A.EntityDecl; qualified: string }>;
}

export class KindRegistry {
  private readonly scopes = new Map<string, FileScope>();
  private readonly resolved = new Map<A.KindDecl, KindModel>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly fallback: KindModel = { id: "service", title: "Service", chain: ["service"], shape: "rectangle", stateful: false };

  constructor(private readonly program: Program) {
    const byPath = new Map(program.files.map((f) => [f.absolutePath, f]));
    const core = program.core ? byPath.get(program.core) : undefined;
    const ownKinds = (file: LoadedFile): KindSymbol[] =>
      file.ast.members
        .filter((m): m is A.KindDecl => m.type === "Kind")
        .map((decl) => ({ decl, localName: decl.name.name, file }));
    const ownTypes = (file: LoadedFile): (A.EnumDecl | A.EntityDecl)[] =>
      file.ast.members.filter((m): m is A.ModelBlock => m.type === "Model").flatMap((m) => m.members);

    for (const file of program.files) {
      const scope: FileScope = { kinds: new Map(), types: new Map() };
      if (core && file !== core) for (const symbol of ownKinds(core)) scope.kinds.set(symbol.localName, symbol);
      for (const symbol of ownKinds(file)) {
        const existing = scope.kinds.get(symbol.localName);
        if (existing && existing.file === file) {
          this.diagnostics.push(duplicate("kind", symbol.decl.name, existing.decl.name));
          continue;
        }
        scope.kinds.set(symbol.localName, symbol);
      }
      for (const decl of ownTypes(file)) scope.types.set(decl.name.name, { decl, qualified: decl.name.name });
      for (const imported of program.imports.filter((i) => i.from === file.absolutePath && i.target)) {
        const target = byPath.get(imported.target!)!;
        for (const symbol of ownKinds(target)) scope.kinds.set(`${imported.namespace}.${symbol.localName}`, symbol);
        for (const decl of ownTypes(target)) {
          const qualified = `${imported.namespace}.${decl.name.name}`;
          scope.types.set(qualified, { decl, qualified });
        }
      }
      this.scopes.set(file.absolutePath, scope);
    }
    // Resolve every declared kind once, so bad bases are reported even when unused.
    for (const file of program.files) for (const symbol of ownKinds(file)) this.resolveDecl(symbol, []);
  }

  /** Every kind declared in the program's files, with the file that declares it. */
  declaredKinds(): KindSymbol[] {
    const seen = new Set<A.KindDecl>();
    const result: KindSymbol[] = [];
    for (const scope of this.scopes.values()) {
      for (const symbol of scope.kinds.values()) {
        if (seen.has(symbol.decl)) continue;
        seen.add(symbol.decl);
        result.push(symbol);
      }
    }
    return result;
  }

  scopeOf(file: LoadedFile): FileScope {
    return this.scopes.get(file.absolutePath) ?? { kinds: new Map(), types: new Map() };
  }

  /** Resolves a component's kind reference; reports E203 when unknown. */
  resolveReference(file: LoadedFile, name: A.QualifiedName | undefined, diagnostics: Diagnostic[]): KindModel {
    const scope = this.scopeOf(file);
    const text = name?.text ?? "service";
    const symbol = scope.kinds.get(text);
    if (!symbol) {
      if (name) {
        const namespace = name.parts.length > 1 ? name.parts[0]!.name : undefined;
        const known = [...scope.kinds.keys()];
        const hint =
          namespace !== undefined && !known.some((k) => k.startsWith(`${namespace}.`)) && STDLIB_MODULES.has(namespace)
            ? ` — add \`import "std/${namespace}"\``
            : didYouMean(text, known);
        diagnostics.push(makeDiagnostic("E203", name.span, `unknown kind \`${text}\`${hint}`));
      }
      return this.fallback;
    }
    const model = this.resolveDecl(symbol, []);
    return { ...model, id: text, chain: [text, ...model.chain.slice(1)] };
  }

  private resolveDecl(symbol: KindSymbol, visiting: A.KindDecl[]): KindModel {
    const cached = this.resolved.get(symbol.decl);
    if (cached) return cached;
    const decl = symbol.decl;
    let base: KindModel | undefined;
    if (decl.base) {
      const scope = this.scopeOf(symbol.file);
      const baseSymbol = scope.kinds.get(decl.base.text);
      if (!baseSymbol) {
        this.diagnostics.push(
          makeDiagnostic("E203", decl.base.span, `unknown kind \`${decl.base.text}\`${didYouMean(decl.base.text, scope.kinds.keys())}`),
        );
      } else if (visiting.includes(baseSymbol.decl) || baseSymbol.decl === decl) {
        this.diagnostics.push(makeDiagnostic("E203", decl.base.span, `kind \`${decl.name.name}\` extends itself through \`${decl.base.text}\``));
      } else {
        base = this.resolveDecl(baseSymbol, [...visiting, decl]);
      }
    }
    const shapeWord = propertyWord(decl.properties, "shape");
    const shape = shapeWord && SHAPES.has(shapeWord as Shape) ? (shapeWord as Shape) : (base?.shape ?? "rectangle");
    const chain = [symbol.localName, ...(base?.chain ?? [])];
    const technology = stringValue(decl.properties.find((p) => p.key.name === "technology")) ?? base?.technology;
    const model: KindModel = {
      id: symbol.localName,
      title: decl.title?.value ?? base?.title ?? symbol.localName,
      chain,
      shape,
      stateful: chain.some((k) => STATEFUL_ROOTS.has(k)),
    };
    if (technology !== undefined) model.technology = technology;
    this.resolved.set(decl, model);
    return model;
  }
}

function propertyWord(properties: A.Property[], key: string): string | undefined {
  const value = properties.find((p) => p.key.name === key)?.values[0];
  return value?.type === "Reference" ? value.name.text : value?.type === "String" ? value.value : undefined;
}

export function duplicate(category: string, second: A.Identifier, first: A.Identifier): Diagnostic {
  return makeDiagnostic("E200", second.span, `duplicate ${category} \`${second.name}\``, {
    related: [{ message: `\`${first.name}\` is first declared here`, span: first.span }],
  });
}
