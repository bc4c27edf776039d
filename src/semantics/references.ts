/**
 * The reference index: every name declared in the program and every place a
 * name is used, each use tied to the declaration it resolves to. Editors
 * (go to definition, find references, rename, hover) and `sysd diff` answer
 * from it instead of re-reading text their own way.
 *
 * It is built by its own pass over the syntax tree and the symbol tables,
 * following the same lookup rules as the resolver and the evaluator (a
 * component or boundary for connection ends, metrics before demands in an
 * alert, `X.instances` naming a component, …), and never reports: unknown
 * names are the resolver's to report, and show here as uses without a
 * declaration.
 */
import type * as A from "../syntax/ast.js";
import type { LoadedFile, Program, Span } from "../syntax/index.js";
import type { SystemSymbols } from "./binder.js";
import type { KindRegistry } from "./kinds.js";

export type NameCategory =
  | "system"
  | "component"
  | "boundary"
  | "kind"
  | "type"
  | "api"
  | "webhook"
  | "flow"
  | "requirement"
  | "metric"
  | "demand"
  | "decision"
  | "failure"
  | "alert"
  | "view";

export interface Declaration {
  category: NameCategory;
  /** As written at the declaration (a kind or type of another file is used qualified, e.g. `aws.S3`). */
  name: string;
  /** The identifier that declares it: what a rename rewrites, where "go to definition" lands. */
  nameSpan: Span;
  /** The whole declaration. */
  span: Span;
  /** The system it belongs to; absent for kinds and file-level types. */
  system?: string;
}

export interface NameUse {
  /** The category the grammar expects here (for an unknown name: what it should have been). */
  category: NameCategory;
  /** The name as written, e.g. `aws.S3` or `latency` of `latency.p99`. */
  name: string;
  /** The part of the text that names the declaration: what a rename rewrites. */
  nameSpan: Span;
  /** The whole reference as written (`latency.p99`, `Workers.instances`). */
  span: Span;
  /** Absent when the name resolves to nothing (the resolver reported it). */
  declaration?: Declaration;
  system?: string;
}

export interface ReferenceIndex {
  declarations: Declaration[];
  uses: NameUse[];
}

/** Every use of `declaration`, in source order. */
export function usesOf(index: ReferenceIndex, declaration: Declaration): NameUse[] {
  return index.uses.filter((u) => u.declaration === declaration);
}

function contains(span: Span, file: string, offset: number): boolean {
  return span.file === file && span.offset <= offset && offset <= span.endOffset;
}

/** The declaration or use whose name covers `offset` of `file` (a display path), narrowest first. */
export function nameAt(index: ReferenceIndex, file: string, offset: number): { declaration?: Declaration; use?: NameUse } | undefined {
  const use = index.uses.find((u) => contains(u.nameSpan, file, offset));
  if (use) return use.declaration ? { use, declaration: use.declaration } : { use };
  const declaration = index.declarations.find((d) => contains(d.nameSpan, file, offset));
  return declaration ? { declaration } : undefined;
}

const lastPart = (name: A.QualifiedName): A.Identifier => name.parts[name.parts.length - 1] ?? { type: "Identifier", name: name.text, span: name.span };

/**
 * Declarations and uses shared by the whole program: kinds (of every file,
 * `std/` modules included) and the types of files' top-level `model` blocks.
 */
export function indexProgram(program: Program, kinds: KindRegistry): { index: ReferenceIndex; kindDeclarations: Map<A.KindDecl, Declaration>; typeDeclarations: Map<A.EnumDecl | A.EntityDecl, Declaration> } {
  const index: ReferenceIndex = { declarations: [], uses: [] };
  const kindDeclarations = new Map<A.KindDecl, Declaration>();
  for (const symbol of kinds.declaredKinds()) {
    const declaration: Declaration = { category: "kind", name: symbol.localName, nameSpan: symbol.decl.name.span, span: symbol.decl.span };
    kindDeclarations.set(symbol.decl, declaration);
    index.declarations.push(declaration);
  }
  const typeDeclarations = new Map<A.EnumDecl | A.EntityDecl, Declaration>();
  for (const file of program.files) {
    for (const block of file.ast.members) {
      if (block.type !== "Model") continue;
      for (const type of block.members) {
        const declaration: Declaration = { category: "type", name: type.name.name, nameSpan: type.name.span, span: type.span };
        typeDeclarations.set(type, declaration);
        index.declarations.push(declaration);
      }
    }
  }
  for (const file of program.files) {
    const scope = kinds.scopeOf(file);
    for (const member of file.ast.members) {
      if (member.type === "Kind" && member.base) {
        const symbol = scope.kinds.get(member.base.text);
        const use: NameUse = { category: "kind", name: member.base.text, nameSpan: lastPart(member.base).span, span: member.base.span };
        const declaration = symbol ? kindDeclarations.get(symbol.decl) : undefined;
        if (declaration) use.declaration = declaration;
        index.uses.push(use);
      }
      if (member.type === "Model") {
        const types = new TypeUses(file, kinds, new Map(), typeDeclarations, index.uses, undefined);
        for (const type of member.members) if (type.type === "Entity") for (const field of type.fields) types.field(field);
      }
    }
  }
  return { index, kindDeclarations, typeDeclarations };
}

/** Resolves the type names of fields, as the resolver does: the system's own types, then the file's scope. */
class TypeUses {
  constructor(
    private readonly file: LoadedFile,
    private readonly kinds: KindRegistry,
    private readonly systemTypes: Map<string, Declaration>,
    private readonly typeDeclarations: Map<A.EnumDecl | A.EntityDecl, Declaration>,
    private readonly uses: NameUse[],
    private readonly system: string | undefined,
  ) {}

  name(name: A.QualifiedName): void {
    const text = name.text;
    const use: NameUse = { category: "type", name: text, nameSpan: lastPart(name).span, span: name.span };
    if (this.system !== undefined) use.system = this.system;
    if (BUILTIN_TYPE_NAMES.has(text)) return;
    const declaration = this.systemTypes.get(text) ?? this.typeDeclarationOf(this.kinds.scopeOf(this.file).types.get(text)?.decl);
    if (declaration) use.declaration = declaration;
    this.uses.push(use);
  }

  private typeDeclarationOf(decl: A.EnumDecl | A.EntityDecl | undefined): Declaration | undefined {
    return decl ? this.typeDeclarations.get(decl) : undefined;
  }

  expression(type: A.TypeExpression): void {
    switch (type.type) {
      case "NamedType":
        this.name(type.name);
        break;
      case "RecordType":
        for (const field of type.fields) this.field(field);
        break;
      case "ArrayType":
        this.expression(type.element);
        break;
      case "UnionType":
        break;
    }
  }

  field(field: A.Field): void {
    this.expression(field.valueType);
  }
}

const BUILTIN_TYPE_NAMES: ReadonlySet<string> = new Set([
  "string", "text", "int", "float", "decimal", "bool", "uuid", "url", "email", "date", "datetime", "duration", "bytes", "json",
]);

/** Properties whose values name something other than an expression's metric or demand. */
const NAMING_PROPERTIES: Readonly<Record<string, "type" | "api" | "component" | "componentOrBoundary" | "demand">> = {
  stores: "type",
  exposes: "api",
  served_by: "component",
  from: "component",
  of: "component",
  on: "component",
  affects: "componentOrBoundary",
  handles: "demand",
};

/** Properties the evaluator reads as arithmetic; the others hold words (`status draft`, `async`). */
const EXPRESSION_PROPERTIES: ReadonlySet<string> = new Set(["capacity", "instances", "utilization", "tiers"]);

/** Declarations and uses of one system. */
export function indexSystem(
  symbols: SystemSymbols,
  kinds: KindRegistry,
  shared: ReturnType<typeof indexProgram>,
): ReferenceIndex {
  const system = symbols.system.name.name;
  const declarations: Declaration[] = [];
  const uses: NameUse[] = [];
  const declare = (category: NameCategory, name: A.Identifier, span: Span): Declaration => {
    const declaration: Declaration = { category, name: name.name, nameSpan: name.span, span, system };
    declarations.push(declaration);
    return declaration;
  };

  declare("system", symbols.system.name, symbols.system.span);
  const components = new Map<string, Declaration>();
  for (const [id, placed] of symbols.components) components.set(id, declare("component", placed.decl.name, placed.decl.span));
  const boundaries = new Map<string, Declaration>();
  for (const [id, placed] of symbols.boundaries) boundaries.set(id, declare("boundary", placed.decl.name, placed.decl.span));
  const flows = new Map<string, Declaration>();
  for (const [id, decl] of symbols.flows) flows.set(id, declare("flow", decl.name, decl.span));
  const requirements = new Map<string, Declaration>();
  for (const [id, decl] of symbols.requirements) requirements.set(id, declare("requirement", decl.id, decl.span));
  const systemTypes = new Map<string, Declaration>();
  for (const [id, decl] of symbols.types) systemTypes.set(id, declare("type", decl.name, decl.span));
  const apis = new Map<string, Declaration>();
  for (const [id, decl] of symbols.apis) apis.set(id, declare("api", decl.name, decl.span));
  for (const decl of symbols.webhooks.values()) declare("webhook", decl.name, decl.span);
  const metrics = new Map<string, Declaration>();
  for (const [id, decl] of symbols.metrics) metrics.set(id, declare("metric", decl.name, decl.span));
  const demands = new Map<string, Declaration>();
  for (const [id, decl] of symbols.demands) demands.set(id, declare("demand", decl.name, decl.span));
  for (const decl of symbols.decisions.values()) declare("decision", decl.name, decl.span);
  for (const failure of symbols.failures) if (failure.name) declare("failure", failure.name, failure.span);
  for (const alert of symbols.alerts) if (alert.name) declare("alert", alert.name, alert.span);
  for (const decl of symbols.views.values()) declare("view", decl.name, decl.span);

  const use = (category: NameCategory, name: A.Identifier | A.QualifiedName, declaration: Declaration | undefined, span = name.span): void => {
    const text = name.type === "Identifier" ? name.name : name.text;
    const nameSpan = name.type === "Identifier" ? name.span : lastPart(name).span;
    const entry: NameUse = { category, name: text, nameSpan, span, system };
    if (declaration) entry.declaration = declaration;
    uses.push(entry);
  };
  const componentOrBoundary = (name: A.Identifier | A.QualifiedName): void => {
    const text = name.type === "Identifier" ? name.name : name.text;
    const boundary = boundaries.get(text);
    use(boundary ? "boundary" : "component", name, components.get(text) ?? boundary);
  };
  const componentOnly = (name: A.Identifier | A.QualifiedName): void => {
    const text = name.type === "Identifier" ? name.name : name.text;
    use("component", name, components.get(text));
  };
  const types = new TypeUses(symbols.file, kinds, systemTypes, shared.typeDeclarations, uses, system);

  /** A name in an arithmetic expression, looked up as the evaluator does. */
  const reference = (name: A.QualifiedName, metricsFirst: boolean): void => {
    const [head, second] = name.parts;
    if (!head) return;
    if (head.name === "cost" && second?.name === "total") return;
    if (head.name === "availability" && second === undefined) return;
    const entry = (category: NameCategory, declaration: Declaration | undefined): void => {
      const item: NameUse = { category, name: head.name, nameSpan: head.span, span: name.span, system };
      if (declaration) item.declaration = declaration;
      uses.push(item);
    };
    if (second?.name === "instances" && name.parts.length === 2 && (components.has(head.name) || !metrics.has(head.name))) {
      entry("component", components.get(head.name));
      return;
    }
    const demand = second === undefined ? demands.get(head.name) : undefined;
    const metric = metrics.get(head.name);
    if (demand && !(metric && metricsFirst)) entry("demand", demand);
    else entry("metric", metric);
  };
  const expression = (value: A.Value | A.Comparison, metricsFirst = false): void => {
    switch (value.type) {
      case "Reference":
        reference(value.name, metricsFirst);
        break;
      case "Binary":
        expression(value.left, metricsFirst);
        expression(value.right, metricsFirst);
        break;
      case "Negation":
        expression(value.operand, metricsFirst);
        break;
      case "Parenthesized":
        expression(value.inner, metricsFirst);
        break;
      case "Range":
        expression(value.min);
        expression(value.max);
        break;
      case "Comparison":
        expression(value.left, metricsFirst);
        expression(value.right);
        break;
      case "Quantity":
      case "String":
        break;
    }
  };
  const properties = (list: readonly A.Property[] | undefined): void => {
    for (const property of list ?? []) {
      const names = Object.hasOwn(NAMING_PROPERTIES, property.key.name) ? NAMING_PROPERTIES[property.key.name] : undefined;
      for (const value of property.values) {
        if (names === undefined || value.type !== "Reference") {
          if (EXPRESSION_PROPERTIES.has(property.key.name)) expression(value);
          continue;
        }
        const name = value.name;
        if (names === "type") types.name(name);
        else if (names === "api") use("api", name, apis.get(name.text));
        else if (names === "component") componentOnly(name);
        else if (names === "componentOrBoundary") componentOrBoundary(name);
        else use("demand", name, demands.get(name.text));
      }
      // Nested blocks (`technology { … }`, `properties { … }`, `lint { … }`) hold words, not names.
    }
  };

  const scope = kinds.scopeOf(symbols.file);
  const visit = (members: readonly A.SystemMember[]): void => {
    for (const member of members) {
      switch (member.type) {
        case "Component": {
          if (member.kind) {
            const symbol = scope.kinds.get(member.kind.text);
            use("kind", member.kind, symbol ? shared.kindDeclarations.get(symbol.decl) : undefined);
          }
          properties(member.properties);
          break;
        }
        case "Boundary":
          visit(member.members);
          break;
        case "Connection":
          componentOrBoundary(member.from);
          componentOrBoundary(member.to);
          properties(member.properties);
          break;
        case "Flow":
          for (const step of member.members) {
            if (step.type === "FlowMessage") {
              componentOrBoundary(step.from);
              componentOrBoundary(step.to);
            } else if (step.type === "FlowStep") componentOrBoundary(step.at);
            else if (step.type === "Satisfies") for (const r of step.requirements) use("requirement", r, requirements.get(r.name));
          }
          break;
        case "Model":
          for (const type of member.members) if (type.type === "Entity") for (const field of type.fields) types.field(field);
          break;
        case "Requirements":
          for (const group of member.groups) for (const r of group.requirements) if (r.target) expression(r.target.comparison);
          break;
        case "Scaling":
          for (const item of member.members) {
            if (item.type === "Demand") expression(item.rate);
            else if (item.type === "TierNotes") expression(item.multiplier);
            else properties([item]);
          }
          break;
        case "Api":
          for (const item of member.members) {
            if (item.type === "Property") properties([item]);
            else
              for (const clause of item.members) {
                if (clause.type === "BodyClause") types.expression(clause.body);
                else if (clause.type === "Response" && clause.body) types.expression(clause.body);
              }
          }
          break;
        case "Webhook":
          for (const item of member.members) {
            if (item.type === "Property") properties([item]);
            else types.expression(item.body);
          }
          break;
        case "Cost":
          for (const item of member.members) {
            if (item.type === "CostItem" || item.type === "Budget") expression(item.amount);
          }
          break;
        case "Failure":
        case "Decision":
          properties(member.properties);
          break;
        case "Security":
          for (const item of member.members) if (item.type === "Control" && item.on) componentOnly(item.on);
          break;
        case "Monitoring":
          for (const item of member.members) {
            if (item.type === "Metric" && item.of) componentOnly(item.of);
            else if (item.type === "Alert") {
              expression(item.condition, true);
              if (item.duration) expression(item.duration);
            }
          }
          break;
        case "View":
          for (const item of member.members) {
            if (item.type === "ViewSelection") {
              for (const selector of item.selectors) {
                if (selector.selector === "component" || selector.selector === "boundary") componentOrBoundary(selector.name);
                else if (selector.selector === "kind") {
                  const symbol = scope.kinds.get(selector.kind.text);
                  use("kind", selector.kind, symbol ? shared.kindDeclarations.get(symbol.decl) : undefined);
                }
              }
            } else if (item.type === "ViewFocus") componentOrBoundary(item.component);
            else if (item.type === "ViewCollapse") for (const name of item.boundaries) componentOrBoundary(name);
          }
          break;
        case "Property":
          if (member.key.name !== "lint" && member.key.name !== "scope" && member.key.name !== "questions") properties([member]);
          break;
      }
    }
  };
  visit(symbols.system.members);
  return { declarations, uses };
}
