import type { CstNode, IToken } from "chevrotain";
import { isMagnitudeSuffix, isUnitWord, MAGNITUDES, MAX_NESTING, QUANTITY_SUFFIX_WORDS, UNIT_WORDS } from "../../grammar/index.js";
import { MAX_DIAGNOSTICS_PER_FILE } from "../diagnostics/cap.js";
import { makeDiagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { closestMatch, didYouMean } from "../util/suggest.js";
import type * as A from "./ast.js";
import type { SourceText } from "./source-text.js";
import { joinSpans, type Span } from "./span.js";
import { FREE_FORM_BLOCKS } from "./property-table.js";
import { checkPropertyValues } from "./property-values.js";
import { decodeQuoted, decodeTriple } from "./strings.js";

type Child = CstNode | IToken;
type Children = Record<string, Child[] | undefined>;

const MAX_OPERANDS = 1000;

function isToken(child: Child | undefined): child is IToken {
  return child !== undefined && "image" in child;
}

/** A token is usable when the parser did not invent it during recovery. */
function realToken(child: Child | undefined): IToken | undefined {
  return isToken(child) && Number.isFinite(child.startOffset) && child.isInsertedInRecovery !== true ? child : undefined;
}

function cstNode(child: Child | undefined): CstNode | undefined {
  return child !== undefined && !isToken(child) ? child : undefined;
}

/**
 * Builds the AST of one file from its CST. Parts the parser could not
 * recover are left out (the parser reported them); the builder reports what
 * the grammar alone cannot: bad escapes, unknown units, statements that share
 * a line without `;`.
 */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];
  /** Errors past MAX_DIAGNOSTICS_PER_FILE, counted but not kept: one per token adds up on hostile input. */
  omitted = 0;

  constructor(private readonly source: SourceText) {}

  // ── helpers ─────────────────────────────────────────────────────────

  private error(span: Span, message: string): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
      this.omitted++;
      return;
    }
    this.diagnostics.push(makeDiagnostic("E100", span, message));
  }

  private tokenSpan(token: IToken): Span {
    return this.source.tokenSpan(token);
  }

  private nodeSpan(node: CstNode): Span {
    const location = node.location;
    if (location && Number.isFinite(location.startOffset) && Number.isFinite(location.endOffset)) {
      return this.source.span(location.startOffset, location.endOffset! + 1);
    }
    // A recovered node may have lost its end; fall back to its first real token.
    const first = firstToken(node);
    return first ? this.tokenSpan(first) : this.source.endOfFile();
  }

  private token(children: Children, key: string): IToken | undefined {
    return realToken(children[key]?.[0]);
  }

  private tokens(children: Children, key: string): IToken[] {
    return (children[key] ?? []).map(realToken).filter((t): t is IToken => t !== undefined);
  }

  private node(children: Children, key: string): CstNode | undefined {
    return cstNode(children[key]?.[0]);
  }

  private nodes(children: Children, key: string): CstNode[] {
    return (children[key] ?? []).map(cstNode).filter((n): n is CstNode => n !== undefined);
  }

  private identifier(token: IToken | undefined): A.Identifier | undefined {
    if (!token) return undefined;
    return { type: "Identifier", name: token.image, span: this.tokenSpan(token) };
  }

  private string(token: IToken | undefined): A.StringLiteral | undefined {
    if (!token) return undefined;
    const span = this.tokenSpan(token);
    if (token.image.startsWith('"""')) {
      return { type: "String", value: decodeTriple(token.image), triple: true, span };
    }
    const decoded = decodeQuoted(token.image);
    for (const problem of decoded.problems) {
      this.error(this.source.span(token.startOffset + problem.start, token.startOffset + problem.end), problem.message);
    }
    return { type: "String", value: decoded.value, triple: false, span };
  }

  /**
   * Statements of a block may come in any order with terminators between
   * them (see the grammar); two statements with no terminator between them
   * shared a line without `;`.
   */
  private checkSeparated(items: (CstNode | IToken)[], children: Children, separator: "statements" | "list" = "statements"): void {
    if (items.length < 2) return;
    const keys = separator === "statements" ? ["Newline", "Semicolon"] : ["Comma", "Newline", "Semicolon"];
    const terminators = keys
      .flatMap((key) => children[key] ?? [])
      .map(realToken)
      .filter((t): t is IToken => t !== undefined)
      .map((t) => t.startOffset)
      .sort((a, b) => a - b);
    const startOf = (item: CstNode | IToken): number | undefined =>
      isToken(item) ? item.startOffset : item.location?.startOffset;
    let t = 0;
    for (let i = 1; i < items.length; i++) {
      const previous = startOf(items[i - 1]!);
      const next = startOf(items[i]!);
      if (previous === undefined || next === undefined || !Number.isFinite(previous) || !Number.isFinite(next)) continue;
      while (t < terminators.length && terminators[t]! < previous) t++;
      const separated = t < terminators.length && terminators[t]! < next;
      if (!separated) {
        if (this.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
          this.omitted++;
          continue;
        }
        const item = items[i]!;
        const first = isToken(item) ? item : firstToken(item);
        const span = first ? this.tokenSpan(first) : this.nodeSpan(item as CstNode);
        const what = separator === "statements" ? "a line break or `;`" : "`,` or a line break";
        const why = separator === "statements" ? ": one statement per line" : "";
        this.error(span, `expected ${what} before \`${first?.image ?? "this"}\`${why}`);
      }
    }
  }

  private blockStatements(children: Children, key: string): CstNode[] {
    const statements = this.nodes(children, key);
    this.checkSeparated(statements, children);
    return statements;
  }

  // ── file ───────────────────────────────────────────────────────────

  file(cst: CstNode): A.SourceFile {
    const imports: A.Import[] = [];
    const members: A.TopLevelMember[] = [];
    for (const statement of this.blockStatements(cst.children, "topStatement")) {
      const c = statement.children;
      const importNode = this.node(c, "importStatement");
      if (importNode) {
        const built = this.importStatement(importNode);
        if (built) imports.push(built);
        continue;
      }
      const member = this.kindOrModelOrSystem(c);
      if (member) members.push(member);
    }
    return {
      type: "File",
      path: this.source.file,
      imports,
      members,
      span: this.source.span(0, this.source.text.length),
    };
  }

  private kindOrModelOrSystem(c: Children): A.TopLevelMember | undefined {
    const kind = this.node(c, "kindDecl");
    if (kind) return this.kindDecl(kind);
    const model = this.node(c, "modelBlock");
    if (model) return this.modelBlock(model);
    const system = this.node(c, "systemDecl");
    if (system) return this.systemDecl(system);
    return undefined;
  }

  private importStatement(node: CstNode): A.Import | undefined {
    const path = this.string(this.token(node.children, "path"));
    if (!path) return undefined;
    const result: A.Import = { type: "Import", path, span: this.nodeSpan(node) };
    const alias = this.identifier(this.token(node.children, "alias"));
    if (alias) result.alias = alias;
    return result;
  }

  private head(node: CstNode | undefined): { name: A.Identifier; title?: A.StringLiteral } | undefined {
    if (!node) return undefined;
    const name = this.identifier(this.token(node.children, "name"));
    if (!name) return undefined;
    const title = this.string(this.token(node.children, "title"));
    return title ? { name, title } : { name };
  }

  private kindDecl(node: CstNode): A.KindDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const result: A.KindDecl = { type: "Kind", ...head, properties: this.propertyBlock(this.node(c, "propertyBlock")), span: this.nodeSpan(node) };
    const base = this.qualifiedName(this.node(c, "base"));
    if (base) result.base = base;
    return result;
  }

  private systemDecl(node: CstNode): A.SystemDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    return { type: "System", ...head, members: this.systemBlock(this.node(c, "systemBlock")), span: this.nodeSpan(node) };
  }

  private systemBlock(node: CstNode | undefined): A.SystemMember[] {
    if (!node) return [];
    const members: A.SystemMember[] = [];
    for (const statement of this.blockStatements(node.children, "systemStatement")) {
      const member = this.systemStatement(statement);
      if (member) members.push(member);
    }
    return members;
  }

  private systemStatement(statement: CstNode): A.SystemMember | undefined {
    const c = statement.children;
    const [key, children] = Object.entries(c)[0] ?? [];
    const node = cstNode(children?.[0]);
    if (!node) return undefined;
    switch (key) {
      case "componentDecl":
        return this.componentDecl(node);
      case "boundaryDecl":
        return this.boundaryDecl(node);
      case "connection":
        return this.connection(node);
      case "flowDecl":
        return this.flowDecl(node);
      case "modelBlock":
        return this.modelBlock(node);
      case "requirementsBlock":
        return this.requirementsBlock(node);
      case "scalingBlock":
        return this.scalingBlock(node);
      case "apiDecl":
        return this.apiDecl(node);
      case "webhookDecl":
        return this.webhookDecl(node);
      case "costBlock":
        return this.costBlock(node);
      case "failureDecl":
        return this.failureDecl(node);
      case "securityBlock":
        return this.securityBlock(node);
      case "monitoringBlock":
        return this.monitoringBlock(node);
      case "decisionDecl":
        return this.decisionDecl(node);
      case "viewDecl":
        return this.viewDecl(node);
      case "property":
        return this.property(node);
      default:
        return undefined;
    }
  }

  // ── architecture ─────────────────────────────────────────────────────

  private componentDecl(node: CstNode): A.ComponentDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const result: A.ComponentDecl = {
      type: "Component",
      ...head,
      properties: this.propertyBlock(this.node(c, "propertyBlock")),
      span: this.nodeSpan(node),
    };
    const kind = this.qualifiedName(this.node(c, "kind"));
    if (kind) result.kind = kind;
    return result;
  }

  private boundaryDecl(node: CstNode): A.BoundaryDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    return { type: "Boundary", ...head, members: this.systemBlock(this.node(c, "systemBlock")), span: this.nodeSpan(node) };
  }

  private connection(node: CstNode): A.Connection | undefined {
    const c = node.children;
    const from = this.identifier(this.token(c, "from"));
    const to = this.identifier(this.token(c, "to"));
    if (!from || !to) return undefined;
    const result: A.Connection = {
      type: "Connection",
      from,
      to,
      properties: this.propertyBlock(this.node(c, "propertyBlock")),
      span: this.nodeSpan(node),
    };
    const label = this.string(this.token(c, "label"));
    if (label) result.label = label;
    return result;
  }

  // ── properties ───────────────────────────────────────────────────────

  /** `freeForm`: inside `properties { }` or `lint { }`, where any key and value goes. */
  private property(node: CstNode, freeForm = false): A.Property | undefined {
    const c = node.children;
    const key = this.identifier(this.token(c, "key"));
    if (!key) return undefined;
    const values = this.nodes(c, "propertyValue")
      .map((value) => this.propertyValue(value))
      .filter((v): v is A.Value => v !== undefined);
    const result: A.Property = { type: "Property", key, values, span: this.nodeSpan(node) };
    const block = this.node(c, "propertyBlock");
    if (block) result.block = this.propertyBlock(block, FREE_FORM_BLOCKS.has(key.name));
    if (!freeForm) {
      const problem = checkPropertyValues(result);
      if (problem) {
        const span = problem.at.type === "Property" ? this.afterKey(key) : problem.at.span;
        this.error(span, problem.message);
      }
    }
    return result;
  }

  /** Where a missing value should have been: just past the key. */
  private afterKey(key: A.Identifier): Span {
    return this.source.span(key.span.endOffset, key.span.endOffset + 1);
  }

  private propertyValue(node: CstNode): A.Value | undefined {
    const c = node.children;
    const text = this.token(c, "StringLiteral") ?? this.token(c, "TripleString");
    if (text) return this.string(text);
    const value = this.expression(this.node(c, "value"));
    if (!value) return undefined;
    const maxNode = this.node(c, "max");
    if (!maxNode) return value;
    const max = this.expression(maxNode);
    if (!max) return value;
    return { type: "Range", min: value, max, span: joinSpans(value.span, max.span) };
  }

  private propertyBlock(node: CstNode | undefined, freeForm = false): A.Property[] {
    if (!node) return [];
    return this.blockStatements(node.children, "property")
      .map((p) => this.property(p, freeForm))
      .filter((p): p is A.Property => p !== undefined);
  }

  // ── flows ────────────────────────────────────────────────────────────

  private flowDecl(node: CstNode): A.FlowDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const members: A.FlowMember[] = [];
    for (const statement of this.blockStatements(c, "flowStatement")) {
      const s = statement.children;
      const message = this.node(s, "flowMessage");
      const step = this.node(s, "flowStep");
      const satisfies = this.node(s, "satisfiesClause");
      const property = this.node(s, "property");
      let member: A.FlowMember | undefined;
      if (message) member = this.flowMessage(message);
      else if (step) member = this.flowStep(step);
      else if (satisfies) member = this.satisfies(satisfies);
      else if (property) member = this.property(property);
      if (member) members.push(member);
    }
    return { type: "Flow", ...head, members, span: this.nodeSpan(node) };
  }

  private flowMessage(node: CstNode): A.FlowMessage | undefined {
    const c = node.children;
    const from = this.identifier(this.token(c, "from"));
    const to = this.identifier(this.token(c, "to"));
    if (!from || !to) return undefined;
    const result: A.FlowMessage = { type: "FlowMessage", from, to, span: this.nodeSpan(node) };
    const text = this.string(this.token(c, "text"));
    if (text) result.text = text;
    return result;
  }

  private flowStep(node: CstNode): A.FlowStep | undefined {
    const c = node.children;
    const at = this.identifier(this.token(c, "at"));
    const text = this.string(this.token(c, "text"));
    if (!at || !text) return undefined;
    return { type: "FlowStep", at, text, span: this.nodeSpan(node) };
  }

  private satisfies(node: CstNode): A.Satisfies {
    return { type: "Satisfies", requirements: this.nameList(this.node(node.children, "nameList")), span: this.nodeSpan(node) };
  }

  private nameList(node: CstNode | undefined): A.Identifier[] {
    if (!node) return [];
    return this.tokens(node.children, "name").map((t) => this.identifier(t)!);
  }

  // ── requirements ─────────────────────────────────────────────────────

  private requirementsBlock(node: CstNode): A.RequirementsBlock {
    const groups: A.RequirementGroup[] = [];
    for (const groupNode of this.blockStatements(node.children, "requirementGroup")) {
      const c = groupNode.children;
      const keyword = this.identifier(this.token(c, "group"));
      if (!keyword) continue;
      let kind: A.RequirementKind;
      if (keyword.name === "functional" || keyword.name === "nonfunctional") {
        kind = keyword.name;
      } else {
        const hint = didYouMean(keyword.name, ["functional", "nonfunctional"]);
        this.error(keyword.span, `expected \`functional\` or \`nonfunctional\`, found \`${keyword.name}\`${hint}`);
        continue;
      }
      const requirements: A.Requirement[] = [];
      for (const requirementNode of this.blockStatements(c, "requirement")) {
        const requirement = this.requirement(requirementNode, kind);
        if (requirement) requirements.push(requirement);
      }
      groups.push({ type: "RequirementGroup", kind, keyword, requirements, span: this.nodeSpan(groupNode) });
    }
    return { type: "Requirements", groups, span: this.nodeSpan(node) };
  }

  private requirement(node: CstNode, kind: A.RequirementKind): A.Requirement | undefined {
    const c = node.children;
    const id = this.identifier(this.token(c, "id"));
    const text = this.string(this.token(c, "StringLiteral") ?? this.token(c, "text"));
    if (!id || !text) return undefined;
    const result: A.Requirement = { type: "Requirement", kind, id, text, span: this.nodeSpan(node) };
    const targetToken = this.token(c, "Kw_target");
    const comparison = this.comparison(this.node(c, "comparison"));
    if (targetToken && comparison) {
      const keywordSpan = this.tokenSpan(targetToken);
      result.target = { type: "Target", keywordSpan, comparison, span: joinSpans(keywordSpan, comparison.span) };
    }
    return result;
  }

  private comparison(node: CstNode | undefined): A.Comparison | undefined {
    if (!node) return undefined;
    const c = node.children;
    const left = this.expression(this.node(c, "left"));
    const right = this.expression(this.node(c, "right"));
    const op = this.token(c, "op");
    if (!left || !right || !op) return undefined;
    return {
      type: "Comparison",
      left,
      operator: op.image as A.ComparisonOperator,
      operatorSpan: this.tokenSpan(op),
      right,
      span: joinSpans(left.span, right.span),
    };
  }

  // ── data model ───────────────────────────────────────────────────────

  private modelBlock(node: CstNode): A.ModelBlock {
    const members: (A.EnumDecl | A.EntityDecl)[] = [];
    for (const statement of this.blockStatements(node.children, "modelStatement")) {
      const enumNode = this.node(statement.children, "enumDecl");
      const entityNode = this.node(statement.children, "entityDecl");
      const member = enumNode ? this.enumDecl(enumNode) : entityNode ? this.entityDecl(entityNode) : undefined;
      if (member) members.push(member);
    }
    return { type: "Model", members, span: this.nodeSpan(node) };
  }

  private enumDecl(node: CstNode): A.EnumDecl | undefined {
    const c = node.children;
    const name = this.identifier(this.token(c, "name"));
    if (!name) return undefined;
    const tokens = this.tokens(c, "member");
    this.checkSeparated(tokens, c, "list");
    const members = tokens.map((t) => this.identifier(t)!);
    return { type: "Enum", name, members, span: this.nodeSpan(node) };
  }

  private entityDecl(node: CstNode): A.EntityDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    return { type: "Entity", ...head, fields: this.fields(this.node(c, "recordType")), span: this.nodeSpan(node) };
  }

  private fields(record: CstNode | undefined): A.Field[] {
    if (!record) return [];
    const fields = this.nodes(record.children, "field");
    this.checkSeparated(fields, record.children, "list");
    return fields
      .map((f) => this.field(f))
      .filter((f): f is A.Field => f !== undefined);
  }

  private field(node: CstNode): A.Field | undefined {
    const c = node.children;
    const name = this.identifier(this.token(c, "name"));
    const valueType = this.typeExpr(this.node(c, "typeExpr"));
    if (!name || !valueType) return undefined;
    const result: A.Field = {
      type: "Field",
      name,
      optional: this.token(c, "Question") !== undefined,
      valueType,
      attributes: this.attributes(this.node(c, "attributes")),
      span: this.nodeSpan(node),
    };
    const description = this.string(this.token(c, "description"));
    if (description) result.description = description;
    return result;
  }

  private attributes(node: CstNode | undefined): A.Attribute[] {
    if (!node) return [];
    const result: A.Attribute[] = [];
    for (const attributeNode of this.nodes(node.children, "attribute")) {
      const name = this.identifier(this.token(attributeNode.children, "name"));
      if (!name) continue;
      const attribute: A.Attribute = { type: "Attribute", name, span: this.nodeSpan(attributeNode) };
      const valueNode = this.node(attributeNode.children, "propertyValue");
      const value = valueNode ? this.propertyValue(valueNode) : undefined;
      if (value) attribute.value = value;
      result.push(attribute);
    }
    return result;
  }

  private typeExpr(node: CstNode | undefined): A.TypeExpression | undefined {
    if (!node) return undefined;
    const c = node.children;
    let base: A.TypeExpression | undefined;
    const named = this.qualifiedName(this.node(c, "named"));
    const record = this.node(c, "record");
    const options = this.tokens(c, "option");
    if (named) base = { type: "NamedType", name: named, span: named.span };
    else if (record) base = { type: "RecordType", fields: this.fields(record), span: this.nodeSpan(record) };
    else if (options.length > 0) {
      const strings = options.map((o) => this.string(o)!);
      base = { type: "UnionType", options: strings, span: joinSpans(strings[0]!.span, strings[strings.length - 1]!.span) };
    }
    if (!base) return undefined;
    for (const close of this.tokens(c, "RBracket")) {
      base = { type: "ArrayType", element: base, span: joinSpans(base.span, this.tokenSpan(close)) };
    }
    return base;
  }

  // ── scaling ──────────────────────────────────────────────────────────

  private scalingBlock(node: CstNode): A.ScalingBlock {
    const members: A.ScalingBlock["members"] = [];
    for (const statement of this.blockStatements(node.children, "scalingStatement")) {
      const s = statement.children;
      const demandNode = this.node(s, "demandDecl");
      const tierNode = this.node(s, "tierNotes");
      const propertyNode = this.node(s, "property");
      let member: A.ScalingBlock["members"][number] | undefined;
      if (demandNode) member = this.demand(demandNode);
      else if (tierNode) member = this.tierNotes(tierNode);
      else if (propertyNode) member = this.property(propertyNode);
      if (member) members.push(member);
    }
    return { type: "Scaling", members, span: this.nodeSpan(node) };
  }

  private demand(node: CstNode): A.Demand | undefined {
    const c = node.children;
    const name = this.identifier(this.token(c, "name"));
    const rate = this.expression(this.node(c, "rate"));
    if (!name || !rate) return undefined;
    const result: A.Demand = { type: "Demand", name, rate, span: this.nodeSpan(node) };
    const title = this.string(this.token(c, "title"));
    if (title) result.title = title;
    return result;
  }

  private tierNotes(node: CstNode): A.TierNotes | undefined {
    const c = node.children;
    const multiplier = this.expression(this.node(c, "multiplier"));
    if (!multiplier) return undefined;
    const notes = this.tokens(c, "note").map((t) => this.string(t)!);
    return { type: "TierNotes", multiplier, notes, span: this.nodeSpan(node) };
  }

  // ── APIs ─────────────────────────────────────────────────────────────

  private apiDecl(node: CstNode): A.ApiDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const members: A.ApiDecl["members"] = [];
    for (const statement of this.blockStatements(c, "apiStatement")) {
      const endpointNode = this.node(statement.children, "endpoint");
      const propertyNode = this.node(statement.children, "property");
      const member = endpointNode ? this.endpoint(endpointNode) : propertyNode ? this.property(propertyNode) : undefined;
      if (member) members.push(member);
    }
    return { type: "Api", ...head, members, span: this.nodeSpan(node) };
  }

  private endpoint(node: CstNode): A.Endpoint | undefined {
    const c = node.children;
    const method = this.token(c, "method");
    const path = this.token(c, "path");
    if (!method || !path) return undefined;
    const members: A.EndpointMember[] = [];
    for (const statement of this.blockStatements(c, "endpointStatement")) {
      const member = this.endpointStatement(statement);
      if (member) members.push(member);
    }
    const result: A.Endpoint = {
      type: "Endpoint",
      method: method.image as A.HttpMethod,
      methodSpan: this.tokenSpan(method),
      path: { type: "UrlPath", value: path.image, span: this.tokenSpan(path) },
      members,
      span: this.nodeSpan(node),
    };
    const title = this.string(this.token(c, "title"));
    if (title) result.title = title;
    return result;
  }

  private endpointStatement(statement: CstNode): A.EndpointMember | undefined {
    const s = statement.children;
    const body = this.node(s, "bodyClause");
    if (body) return this.bodyClause(body);
    const response = this.node(s, "responseClause");
    if (response) {
      const status = this.statusCode(this.token(response.children, "status"));
      if (!status) return undefined;
      const result: A.ResponseClause = { type: "Response", status, span: this.nodeSpan(response) };
      const responseBody = this.typeExpr(this.node(response.children, "typeExpr"));
      if (responseBody) result.body = responseBody;
      return result;
    }
    const errors = this.node(s, "errorsClause");
    if (errors) {
      const statuses = this.tokens(errors.children, "status")
        .map((t) => this.statusCode(t))
        .filter((code): code is A.StatusCode => code !== undefined);
      return { type: "Errors", statuses, span: this.nodeSpan(errors) };
    }
    const property = this.node(s, "property");
    return property ? this.property(property) : undefined;
  }

  private statusCode(token: IToken | undefined): A.StatusCode | undefined {
    if (!token) return undefined;
    const span = this.tokenSpan(token);
    const code = Number(token.image.replace(/_/g, ""));
    if (!Number.isInteger(code) || code < 100 || code > 599) {
      this.error(span, `expected an HTTP status code from 100 to 599, found \`${token.image}\``);
    }
    return { type: "StatusCode", code, span };
  }

  private bodyClause(node: CstNode): A.BodyClause | undefined {
    const c = node.children;
    const clause = this.token(c, "clause");
    const body = this.typeExpr(this.node(c, "typeExpr"));
    if (!clause || !body) return undefined;
    return { type: "BodyClause", clause: clause.image as A.BodyClauseKind, body, span: this.nodeSpan(node) };
  }

  private webhookDecl(node: CstNode): A.WebhookDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const members: A.WebhookDecl["members"] = [];
    for (const statement of this.blockStatements(c, "webhookStatement")) {
      const bodyNode = this.node(statement.children, "bodyClause");
      const propertyNode = this.node(statement.children, "property");
      const member = bodyNode ? this.bodyClause(bodyNode) : propertyNode ? this.property(propertyNode) : undefined;
      if (member) members.push(member);
    }
    return { type: "Webhook", ...head, members, span: this.nodeSpan(node) };
  }

  // ── cost, failures, security ─────────────────────────────────────────

  private costBlock(node: CstNode): A.CostBlock {
    const members: A.CostBlock["members"] = [];
    for (const statement of this.blockStatements(node.children, "costStatement")) {
      const s = statement.children;
      const itemNode = this.node(s, "costItem");
      const budgetNode = this.node(s, "budget");
      const propertyNode = this.node(s, "property");
      if (itemNode) {
        const label = this.string(this.token(itemNode.children, "label"));
        const amount = this.expression(this.node(itemNode.children, "amount"));
        if (label && amount) members.push({ type: "CostItem", label, amount, span: this.nodeSpan(itemNode) });
      } else if (budgetNode) {
        const keyword = this.token(budgetNode.children, "Kw_budget");
        const amount = this.expression(this.node(budgetNode.children, "amount"));
        if (keyword && amount) {
          members.push({ type: "Budget", keywordSpan: this.tokenSpan(keyword), amount, span: this.nodeSpan(budgetNode) });
        }
      } else if (propertyNode) {
        const property = this.property(propertyNode);
        if (property) members.push(property);
      }
    }
    return { type: "Cost", members, span: this.nodeSpan(node) };
  }

  private failureDecl(node: CstNode): A.FailureDecl {
    const c = node.children;
    const result: A.FailureDecl = {
      type: "Failure",
      properties: this.propertyBlock(this.node(c, "propertyBlock")),
      span: this.nodeSpan(node),
    };
    const name = this.identifier(this.token(c, "name"));
    if (name) result.name = name;
    const title = this.string(this.token(c, "title"));
    if (title) result.title = title;
    return result;
  }

  private securityBlock(node: CstNode): A.SecurityBlock {
    const members: A.SecurityBlock["members"] = [];
    for (const statement of this.blockStatements(node.children, "securityStatement")) {
      const controlNode = this.node(statement.children, "control");
      const propertyNode = this.node(statement.children, "property");
      if (controlNode) {
        const text = this.string(this.token(controlNode.children, "text"));
        if (!text) continue;
        const control: A.Control = { type: "Control", text, span: this.nodeSpan(controlNode) };
        const on = this.identifier(this.token(controlNode.children, "target"));
        if (on) control.on = on;
        members.push(control);
      } else if (propertyNode) {
        const property = this.property(propertyNode);
        if (property) members.push(property);
      }
    }
    return { type: "Security", members, span: this.nodeSpan(node) };
  }

  // ── monitoring ───────────────────────────────────────────────────────

  private monitoringBlock(node: CstNode): A.MonitoringBlock {
    const members: A.MonitoringBlock["members"] = [];
    for (const statement of this.blockStatements(node.children, "monitoringStatement")) {
      const metricNode = this.node(statement.children, "metricDecl");
      const alertNode = this.node(statement.children, "alertDecl");
      const propertyNode = this.node(statement.children, "property");
      const member = metricNode
        ? this.metric(metricNode)
        : alertNode
          ? this.alert(alertNode)
          : propertyNode
            ? this.property(propertyNode)
            : undefined;
      if (member) members.push(member);
    }
    return { type: "Monitoring", members, span: this.nodeSpan(node) };
  }

  private metric(node: CstNode): A.Metric | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const result: A.Metric = {
      type: "Metric",
      ...head,
      percentiles: this.nameList(this.node(c, "percentiles")),
      span: this.nodeSpan(node),
    };
    const unitNode = this.node(c, "unitSpec");
    if (unitNode) {
      const parts = this.nodes(unitNode.children, "unitAtom")
        .map((atom) => firstToken(atom))
        .filter((t): t is IToken => t !== undefined && Number.isFinite(t.startOffset));
      if (parts.length > 0) {
        for (const part of parts) this.checkUnitWord(part, false);
        result.unit = {
          type: "UnitSpec",
          parts: parts.map((p) => p.image),
          text: parts.map((p) => p.image).join("/"),
          span: this.nodeSpan(unitNode),
        };
      }
    }
    const of = this.identifier(this.token(c, "of"));
    if (of) result.of = of;
    return result;
  }

  private alert(node: CstNode): A.Alert | undefined {
    const c = node.children;
    const condition = this.comparison(this.node(c, "comparison"));
    if (!condition) return undefined;
    const result: A.Alert = { type: "Alert", condition, span: this.nodeSpan(node) };
    const name = this.identifier(this.token(c, "name"));
    if (name) result.name = name;
    const text = this.string(this.token(c, "text"));
    if (text) result.text = text;
    const severity = this.identifier(this.token(c, "severity"));
    if (severity) result.severity = severity;
    const duration = this.expression(this.node(c, "duration"));
    if (duration) result.duration = duration;
    return result;
  }

  private decisionDecl(node: CstNode): A.DecisionDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    return { type: "Decision", ...head, properties: this.propertyBlock(this.node(c, "propertyBlock")), span: this.nodeSpan(node) };
  }

  // ── views ────────────────────────────────────────────────────────────

  private viewDecl(node: CstNode): A.ViewDecl | undefined {
    const c = node.children;
    const head = this.head(this.node(c, "declHead"));
    if (!head) return undefined;
    const members: A.ViewMember[] = [];
    for (const statement of this.blockStatements(c, "viewStatement")) {
      const s = statement.children;
      const selection = this.node(s, "viewSelection");
      const focus = this.node(s, "viewFocus");
      const collapse = this.node(s, "viewCollapse");
      const property = this.node(s, "property");
      let member: A.ViewMember | undefined;
      if (selection) member = this.viewSelection(selection);
      else if (focus) member = this.viewFocus(focus);
      else if (collapse) {
        member = { type: "ViewCollapse", boundaries: this.nameList(this.node(collapse.children, "nameList")), span: this.nodeSpan(collapse) };
      } else if (property) member = this.property(property);
      if (member) members.push(member);
    }
    return { type: "View", ...head, members, span: this.nodeSpan(node) };
  }

  private viewSelection(node: CstNode): A.ViewSelection | undefined {
    const mode = this.token(node.children, "mode");
    if (!mode) return undefined;
    const selectors: A.Selector[] = [];
    for (const selector of this.nodes(node.children, "selector")) {
      const c = selector.children;
      const span = this.nodeSpan(selector);
      const component = this.identifier(this.token(c, "component"));
      const boundary = this.identifier(this.token(c, "boundary"));
      const kind = this.qualifiedName(this.node(c, "kind"));
      const tag = this.string(this.token(c, "tag"));
      if (this.token(c, "all")) selectors.push({ type: "Selector", selector: "all", span });
      else if (boundary) selectors.push({ type: "Selector", selector: "boundary", name: boundary, span });
      else if (kind) selectors.push({ type: "Selector", selector: "kind", kind, span });
      else if (tag) selectors.push({ type: "Selector", selector: "tag", tag, span });
      else if (component) selectors.push({ type: "Selector", selector: "component", name: component, span });
    }
    return { type: "ViewSelection", mode: mode.image === "exclude" ? "exclude" : "include", selectors, span: this.nodeSpan(node) };
  }

  private viewFocus(node: CstNode): A.ViewFocus | undefined {
    const c = node.children;
    const component = this.identifier(this.token(c, "component"));
    if (!component) return undefined;
    const result: A.ViewFocus = { type: "ViewFocus", component, span: this.nodeSpan(node) };
    const depth = this.token(c, "depth");
    if (depth) {
      const span = this.tokenSpan(depth);
      const value = Number(depth.image.replace(/_/g, ""));
      if (!Number.isInteger(value)) this.error(span, `expected a whole number of connections after \`depth\`, found \`${depth.image}\``);
      else result.depth = { value, span };
    }
    return result;
  }

  // ── names and expressions ────────────────────────────────────────────

  private qualifiedName(node: CstNode | undefined): A.QualifiedName | undefined {
    if (!node) return undefined;
    const parts = this.tokens(node.children, "part").map((t) => this.identifier(t)!);
    if (parts.length === 0) return undefined;
    return {
      type: "QualifiedName",
      parts,
      text: parts.map((p) => p.name).join("."),
      span: joinSpans(parts[0]!.span, parts[parts.length - 1]!.span),
    };
  }

  expression(node: CstNode | undefined): A.Expression | undefined {
    if (!node) return undefined;
    return this.foldBinary(node, (term) => this.term(term));
  }

  private term(node: CstNode): A.Expression | undefined {
    return this.foldBinary(node, (unary) => this.unary(unary));
  }

  /** Operands and operators of a left-associative level, in source order. */
  private foldBinary(node: CstNode, operand: (child: CstNode) => A.Expression | undefined): A.Expression | undefined {
    let operands = this.nodes(node.children, "operand");
    const operators = this.tokens(node.children, "operator");
    if (operands.length > MAX_OPERANDS) {
      // The tree of a chain is as deep as it is long, and later stages recurse over it.
      this.error(this.tokenSpan(operators[MAX_OPERANDS - 1]!), `an expression may have at most ${MAX_OPERANDS} terms`);
      operands = operands.slice(0, MAX_OPERANDS);
    }
    let result = operands[0] ? operand(operands[0]) : undefined;
    if (!result) return undefined;
    for (let i = 1; i < operands.length; i++) {
      const operator = operators[i - 1];
      let right = operand(operands[i]!);
      if (!operator || !right) return result;
      let symbol = operator.image;
      if (symbol === "per") {
        symbol = "/";
        const written = `${expressionSource(result)}/${expressionSource(right)}`;
        this.error(joinSpans(result.span, right.span), `a rate is written with \`/\`, not \`per\` — did you mean \`${written}\`?`);
      }
      if (symbol === "/") right = this.unitDivisor(right, result);
      result = {
        type: "Binary",
        operator: symbol as A.BinaryOperator,
        left: result,
        right,
        span: joinSpans(result.span, right.span),
      };
    }
    return result;
  }

  /**
   * In `1000/day` the word after `/` is a unit (one of it), not a name. After
   * a written number, a word close to a unit (`1000/dya`) is that unit
   * misspelled: a metric or demand is rarely divided into a bare number.
   */
  private unitDivisor(expression: A.Expression, dividend: A.Expression): A.Expression {
    if (expression.type !== "Reference" || expression.name.parts.length !== 1) return expression;
    const word = expression.name.text;
    if (isUnitWord(word)) {
      return { type: "Quantity", value: 1, magnitude: 1, unit: word, implicit: true, text: word, span: expression.span };
    }
    if (dividend.type !== "Quantity" || dividend.implicit) return expression;
    const unit = closestMatch(word, UNIT_WORDS);
    if (unit === undefined) return expression;
    this.error(expression.span, `unknown unit \`${word}\` — did you mean \`${unit}\`?`);
    return { type: "Quantity", value: 1, magnitude: 1, implicit: true, text: word, span: expression.span, invalid: true };
  }

  private unary(node: CstNode): A.Expression | undefined {
    const c = node.children;
    let result: A.Expression | undefined;
    const quantity = this.node(c, "quantity");
    const reference = this.qualifiedName(this.node(c, "reference"));
    const inner = this.node(c, "inner");
    if (quantity) result = this.quantity(quantity);
    else if (reference) result = { type: "Reference", name: reference, span: reference.span };
    else if (inner) {
      const innerExpression = this.expression(inner);
      if (innerExpression) result = { type: "Parenthesized", inner: innerExpression, span: this.nodeSpan(node) };
    }
    if (!result) return undefined;
    let negations = this.tokens(c, "negate");
    if (negations.length > MAX_NESTING) {
      // Later stages recurse over expressions; keep the tree as shallow as brackets must be.
      this.error(this.tokenSpan(negations[MAX_NESTING]!), `more than ${MAX_NESTING} \`-\` signs in a row`);
      negations = negations.slice(0, negations.length % 2 === 0 ? 2 : 1);
    }
    for (let i = negations.length - 1; i >= 0; i--) {
      result = { type: "Negation", operand: result, span: joinSpans(this.tokenSpan(negations[i]!), result.span) };
    }
    return result;
  }

  private quantity(node: CstNode): A.Quantity | undefined {
    const c = node.children;
    const number = this.token(c, "number");
    if (!number) return undefined;
    const dollar = this.token(c, "Dollar");
    const unitToken = this.token(c, "unit");
    const percent = this.token(c, "Percent");
    const span = this.nodeSpan(node);
    const value = Number(number.image.replace(/_/g, ""));
    // The text as written, from its tokens, so a comment inside it is not part of it.
    const parts = [dollar, number, unitToken, percent].filter((t): t is IToken => t !== undefined);
    let text = "";
    for (const [i, part] of parts.entries()) {
      const previous = parts[i - 1];
      text += previous && previous.endOffset! + 1 !== part.startOffset ? ` ${part.image}` : part.image;
    }
    const result: A.Quantity = { type: "Quantity", value, magnitude: 1, text, span };
    if (/_$|__|_\./.test(number.image)) {
      this.error(this.tokenSpan(number), `misplaced \`_\` in number \`${number.image}\`: use it only between digits`);
    }
    let unit: string | undefined = dollar ? "$" : undefined;
    if (unitToken) {
      const word = unitToken.image;
      if (isMagnitudeSuffix(word)) {
        result.magnitude = MAGNITUDES[word as keyof typeof MAGNITUDES];
      } else if (!this.checkUnitWord(unitToken, true)) {
        // Reported; a value in an unknown unit would only lead to more errors.
        result.invalid = true;
      } else if (unit === "$") {
        this.error(this.tokenSpan(unitToken), `a money amount takes no unit; write \`$${number.image}/${word}\` for a rate`);
      } else {
        unit = word;
      }
    }
    if (percent) {
      if (unit !== undefined) this.error(this.tokenSpan(percent), "a quantity has one unit: `%` cannot follow another unit");
      else unit = "%";
    }
    if (unit !== undefined) result.unit = unit;
    return result;
  }

  /** Reports an unknown unit word; `allowSuffix` also accepts `k`, `M`, `bn`. */
  private checkUnitWord(token: IToken, allowSuffix: boolean): boolean {
    const word = token.image;
    if (word === "%" || word === "$" || isUnitWord(word) || (allowSuffix && isMagnitudeSuffix(word))) return true;
    const candidates = allowSuffix ? QUANTITY_SUFFIX_WORDS : QUANTITY_SUFFIX_WORDS.filter((w) => !isMagnitudeSuffix(w));
    this.error(this.tokenSpan(token), `unknown unit \`${word}\`${didYouMean(word, candidates)}`);
    return false;
  }
}

function firstToken(node: CstNode): IToken | undefined {
  let best: IToken | undefined;
  for (const list of Object.values(node.children)) {
    for (const child of list ?? []) {
      const candidate = isToken(child) ? realToken(child) : firstToken(child);
      if (candidate && (!best || candidate.startOffset < best.startOffset)) best = candidate;
    }
  }
  return best;
}

/** An expression as it would be written tightly, for a suggestion: `$50`, `month`. */
function expressionSource(expression: A.Expression): string {
  if (expression.type === "Quantity") return expression.text.replace(/ /g, "");
  if (expression.type === "Reference") return expression.name.text;
  return "…";
}
