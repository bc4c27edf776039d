import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import { joinSpans } from "../syntax/index.js";
import { FAILURE_SEVERITIES } from "../syntax/property-table.js";
import { didYouMean } from "../util/suggest.js";
import type { SystemSymbols } from "./binder.js";
import type { FileScope, KindRegistry } from "./kinds.js";
import type * as M from "./model.js";
import * as K from "./identity.js";
import { duplicate } from "./kinds.js";
import { findProperty, nameValues, stringValue, stringValues, valueText, wordValue } from "./values.js";

export const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  "string", "text", "int", "float", "decimal", "bool", "uuid", "url", "email", "date", "datetime", "duration", "bytes", "json",
]);

/**
 * Resolves the names of one system — components, boundaries, types, apis,
 * requirements — into the parts of the `Model` that need no arithmetic, and
 * reports every unknown name at the reference itself (E201–E207, E221).
 */
export class Resolver {
  /** Set while resolving the fields of a type imported under this namespace. */
  private importedFrom: string | undefined;
  /** One ring per kind of key, so an ordinal counts only elements of that kind that say the same. */
  private readonly fieldKeys = new K.KeyRing();

  constructor(
    private readonly symbols: SystemSymbols,
    private readonly kinds: KindRegistry,
    private readonly scope: FileScope,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private report(code: Parameters<typeof makeDiagnostic>[0], span: A.Identifier["span"], message: string): void {
    this.diagnostics.push(makeDiagnostic(code, span, message));
  }

  /** E201 unless `name` is a component or boundary of the system. */
  componentRef(name: A.Identifier | A.QualifiedName): string | undefined {
    const text = name.type === "Identifier" ? name.name : name.text;
    if (this.symbols.components.has(text) || this.symbols.boundaries.has(text)) return text;
    const candidates = [...this.symbols.components.keys(), ...this.symbols.boundaries.keys()];
    this.report("E201", name.span, `unknown component or boundary \`${text}\`${didYouMean(text, candidates)}`);
    return undefined;
  }

  /**
   * A component, for `served_by`, `from`, `of` and `on`, which name one
   * thing that runs; a boundary there is E201 with a word of why.
   */
  componentOnlyRef(name: A.Identifier | A.QualifiedName, clause: string): string | undefined {
    const text = name.type === "Identifier" ? name.name : name.text;
    if (this.symbols.components.has(text)) return text;
    if (this.symbols.boundaries.has(text)) {
      this.report("E201", name.span, `\`${text}\` is a boundary; \`${clause}\` names a component`);
      return undefined;
    }
    const candidates = [...this.symbols.components.keys()];
    this.report("E201", name.span, `unknown component \`${text}\`${didYouMean(text, candidates)}`);
    return undefined;
  }

  // ── types ────────────────────────────────────────────────────────────

  private typeNames(): string[] {
    return [...BUILTIN_TYPES, ...this.symbols.types.keys(), ...this.scope.types.keys()];
  }

  /** `place` is where the type's own fields sit, the start of their keys (identity.ts). */
  resolveType(type: A.TypeExpression, place: string): M.TypeModel {
    switch (type.type) {
      case "NamedType": {
        const name = type.name.text;
        if (BUILTIN_TYPES.has(name)) return { type: "builtin", name };
        if (this.importedFrom !== undefined) {
          // A field of an imported type names types of its own file, seen here under the namespace.
          const qualified = `${this.importedFrom}.${name}`;
          const found = this.scope.types.get(qualified)?.decl;
          return found ? { type: found.type === "Enum" ? "enum" : "entity", name: qualified } : { type: "unknown", name };
        }
        const local = this.symbols.types.get(name) ?? this.scope.types.get(name)?.decl;
        if (local) return { type: local.type === "Enum" ? "enum" : "entity", name };
        this.report("E202", type.name.span, `unknown type \`${name}\`${didYouMean(name, this.typeNames())}`);
        return { type: "unknown", name };
      }
      case "RecordType":
        return { type: "record", fields: type.fields.map((f) => this.field(f, place)) };
      case "UnionType":
        return { type: "union", options: type.options.map((o) => o.value) };
      case "ArrayType":
        return { type: "array", element: this.resolveType(type.element, K.elementFields(place)) };
    }
  }

  field(field: A.Field, place: string): M.FieldModel {
    const has = (name: string): boolean => field.attributes.some((a) => a.name.name === name);
    const key = this.fieldKeys.unique(K.fieldKey(place, field.name.name));
    const model: M.FieldModel = {
      key,
      name: field.name.name,
      optional: field.optional,
      valueType: this.resolveType(field.valueType, K.nestedFields(key)),
      pk: has("pk"),
      unique: has("unique"),
      index: has("index"),
      fk: has("fk"),
      pii: has("pii"),
      span: field.span,
    };
    if (field.description) model.description = field.description.value;
    const defaultValue = field.attributes.find((a) => a.name.name === "default")?.value;
    if (defaultValue) {
      model.default = valueText(defaultValue);
      const number = plainNumber(defaultValue);
      if (number !== undefined) model.defaultNumber = number;
    }
    return model;
  }

  /**
   * The system's own types, then those of its file's top-level `model` and
   * of its imports (under their qualified names), so that every type a
   * field can name is in the model.
   */
  types(): M.TypesModel {
    const entities: M.EntityModel[] = [];
    const enums: M.EnumModel[] = [];
    const add = (id: string, decl: A.EnumDecl | A.EntityDecl, own: boolean): void => {
      if (decl.type === "Enum") {
        enums.push({ id, members: decl.members.map((m) => m.name), span: decl.span });
        if (own) this.checkDuplicateNames("enum member", decl.members);
      } else {
        const entity: M.EntityModel = { id, fields: decl.fields.map((f) => this.field(f, K.entityFields(id))), span: decl.span };
        if (decl.title) entity.title = decl.title.value;
        if (own) this.checkDuplicateNames("field", decl.fields.map((f) => f.name));
        entities.push(entity);
      }
    };
    for (const [id, decl] of this.symbols.types) add(id, decl, true);
    for (const [id, symbol] of this.scope.types) {
      if (this.symbols.types.has(id)) continue;
      const namespace = id.includes(".") ? id.slice(0, id.lastIndexOf(".")) : undefined;
      this.importedFrom = namespace;
      add(id, symbol.decl, namespace === undefined);
      this.importedFrom = undefined;
    }
    return { entities, enums };
  }

  private checkDuplicateNames(category: string, names: A.Identifier[]): void {
    const seen = new Map<string, A.Identifier>();
    for (const name of names) {
      const first = seen.get(name.name);
      if (first) this.diagnostics.push(duplicate(category, name, first));
      else seen.set(name.name, name);
    }
  }

  // ── architecture ─────────────────────────────────────────────────────

  components(): M.ComponentModel[] {
    const result: M.ComponentModel[] = [];
    for (const [id, placed] of this.symbols.components) {
      const decl = placed.decl;
      const props = decl.properties;
      const kind = this.kinds.resolveReference(this.symbols.file, decl.kind, this.diagnostics);
      const component: M.ComponentModel = {
        id,
        title: decl.title?.value ?? id,
        kind,
        responsibilities: stringValues(findProperty(props, "responsibilities")),
        stores: this.typeRefs(findProperty(props, "stores")),
        exposes: this.apiRefs(findProperty(props, "exposes")),
        failureHandling: stringValues(findProperty(props, "failure_handling")),
        tags: (findProperty(props, "tags")?.values ?? []).map(valueText),
        properties: propertyModels(findProperty(props, "properties")?.block ?? []),
        dependencies: [],
        span: decl.span,
      };
      if (placed.boundary !== undefined) component.boundary = placed.boundary;
      const description = stringValue(findProperty(props, "description"));
      if (description !== undefined) component.description = description;
      const technology = technologyOf(findProperty(props, "technology")) ?? kindTechnology(kind);
      if (technology) component.technology = technology;
      const scaling = scalingOf(findProperty(props, "scaling"));
      if (scaling) component.scaling = scaling;
      const owner = stringValue(findProperty(props, "owner"));
      if (owner !== undefined) component.owner = owner;
      const link = stringValue(findProperty(props, "link"));
      if (link !== undefined) component.link = link;
      result.push(component);
    }
    const byId = new Map(result.map((c) => [c.id, c]));
    for (const connection of this.symbols.connections) {
      const from = byId.get(connection.from.name);
      if (from && !from.dependencies.includes(connection.to.name)) from.dependencies.push(connection.to.name);
    }
    return result;
  }

  private typeRefs(property: A.Property | undefined): string[] {
    const result: string[] = [];
    for (const name of nameValues(property)) {
      // A named type has no fields of its own here: no place.
      const type = this.resolveType({ type: "NamedType", name, span: name.span }, "");
      if (type.type !== "unknown") result.push(name.text);
    }
    return result;
  }

  private apiRefs(property: A.Property | undefined): string[] {
    const result: string[] = [];
    for (const name of nameValues(property)) {
      if (this.symbols.apis.has(name.text)) {
        result.push(name.text);
        continue;
      }
      this.report("E207", name.span, `unknown api \`${name.text}\`${didYouMean(name.text, this.symbols.apis.keys())}`);
    }
    return result;
  }

  boundaries(): M.BoundaryModel[] {
    const result: M.BoundaryModel[] = [];
    for (const [id, placed] of this.symbols.boundaries) {
      const children = placed.decl.members
        .filter((m): m is A.ComponentDecl | A.BoundaryDecl => m.type === "Component" || m.type === "Boundary")
        .map((m) => m.name.name)
        .filter((child) => this.symbols.components.get(child)?.boundary === id || this.symbols.boundaries.get(child)?.parent === id);
      const boundary: M.BoundaryModel = { id, title: placed.decl.title?.value ?? id, children, span: placed.decl.span };
      if (placed.parent !== undefined) boundary.parent = placed.parent;
      result.push(boundary);
    }
    return result;
  }

  connections(): M.ConnectionModel[] {
    const result: M.ConnectionModel[] = [];
    const keys = new K.KeyRing();
    for (const connection of this.symbols.connections) {
      const from = this.componentRef(connection.from);
      const to = this.componentRef(connection.to);
      if (from === undefined || to === undefined) continue;
      const props = connection.properties;
      const model: M.ConnectionModel = {
        key: keys.unique(K.connectionKey(from, to, connection.label?.value)),
        from,
        to,
        async: findProperty(props, "async") !== undefined && wordValue(findProperty(props, "async")) !== "false",
        tags: (findProperty(props, "tags")?.values ?? []).map(valueText),
        span: connection.span,
      };
      if (connection.label) model.label = connection.label.value;
      const technology = stringValue(findProperty(props, "technology"));
      if (technology !== undefined) model.technology = technology;
      const description = stringValue(findProperty(props, "description"));
      if (description !== undefined) model.description = description;
      result.push(model);
    }
    return result;
  }

  // ── flows and requirements ───────────────────────────────────────────

  flows(): M.FlowModel[] {
    const result: M.FlowModel[] = [];
    for (const [id, decl] of this.symbols.flows) {
      const flow: M.FlowModel = { id, title: decl.title?.value ?? id, satisfies: [], steps: [], participants: [], span: decl.span };
      // A set beside the list: a flow of 100,000 steps made `includes` quadratic.
      const seen = new Set<string>();
      const keys = new K.KeyRing();
      const touch = (name: string): void => {
        if (seen.has(name)) return;
        seen.add(name);
        flow.participants.push(name);
      };
      for (const member of decl.members) {
        if (member.type === "Satisfies") {
          for (const requirement of member.requirements) {
            const found = this.symbols.requirements.get(requirement.name);
            if (found && found.kind === "functional") flow.satisfies.push(requirement.name);
            else {
              const functional = [...this.symbols.requirements.values()].filter((r) => r.kind === "functional").map((r) => r.id.name);
              const message = found
                ? `\`${requirement.name}\` is a non-functional requirement; \`satisfies\` names functional ones`
                : `unknown functional requirement \`${requirement.name}\`${didYouMean(requirement.name, functional)}`;
              this.report("E206", requirement.span, message);
            }
          }
        } else if (member.type === "FlowMessage") {
          const from = this.componentRef(member.from);
          const to = this.componentRef(member.to);
          if (from === undefined || to === undefined) continue;
          touch(from);
          touch(to);
          const step = { type: "message" as const, from, to, text: member.text?.value ?? "" };
          flow.steps.push({ key: keys.unique(K.flowStepKey(id, step)), number: flow.steps.length + 1, ...step, span: member.span });
        } else if (member.type === "FlowStep") {
          const at = this.componentRef(member.at);
          if (at === undefined) continue;
          touch(at);
          const step = { type: "step" as const, from: at, text: member.text.value };
          flow.steps.push({ key: keys.unique(K.flowStepKey(id, step)), number: flow.steps.length + 1, ...step, span: member.span });
        } else if (member.key.name === "description") {
          const description = stringValue(member);
          if (description !== undefined) flow.description = description;
        }
      }
      result.push(flow);
    }
    return result;
  }

  // ── APIs ─────────────────────────────────────────────────────────────

  apis(): M.ApiModel[] {
    const result: M.ApiModel[] = [];
    // Across the system's apis: two apis may serve the same path.
    const keys = new K.KeyRing();
    for (const [id, decl] of this.symbols.apis) {
      const props = decl.members.filter((m): m is A.Property => m.type === "Property");
      const api: M.ApiModel = { id, title: decl.title?.value ?? id, endpoints: [], span: decl.span };
      const servedBy = findProperty(props, "served_by");
      const servedByName = nameValues(servedBy)[0];
      if (servedByName) {
        const component = this.componentOnlyRef(servedByName, "served_by");
        if (component !== undefined) api.servedBy = component;
      }
      const base = stringValue(findProperty(props, "base"));
      if (base !== undefined) api.base = base;
      const auth = stringValue(findProperty(props, "auth"));
      if (auth !== undefined) api.auth = auth;
      const description = stringValue(findProperty(props, "description"));
      if (description !== undefined) api.description = description;
      const seen = new Map<string, A.Endpoint>();
      for (const endpoint of decl.members.filter((m): m is A.Endpoint => m.type === "Endpoint")) {
        const key = `${endpoint.method} ${endpoint.path.value}`;
        const first = seen.get(key);
        if (first) {
          this.diagnostics.push(
            makeDiagnostic("E200", joinSpans(endpoint.methodSpan, endpoint.path.span), `duplicate endpoint \`${key}\``, {
              related: [{ message: `\`${key}\` is first declared here`, span: joinSpans(first.methodSpan, first.path.span) }],
            }),
          );
          continue;
        }
        seen.set(key, endpoint);
        api.endpoints.push(this.endpoint(endpoint, keys.unique(K.endpointKey(endpoint.method, base, endpoint.path.value))));
      }
      result.push(api);
    }
    return result;
  }

  private endpoint(decl: A.Endpoint, key: string): M.EndpointModel {
    const endpoint: M.EndpointModel = {
      key,
      method: decl.method,
      path: decl.path.value,
      params: [],
      query: [],
      responses: [],
      errors: [],
      span: decl.span,
    };
    if (decl.title) endpoint.title = decl.title.value;
    const placeholders = [...decl.path.value.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
    const declaredParams = new Set<string>();
    for (const member of decl.members) {
      switch (member.type) {
        case "BodyClause": {
          if (member.clause === "params" || member.clause === "query") {
            const fields = member.body.type === "RecordType" ? member.body.fields : [];
            const place = member.clause === "params" ? K.paramFields(key) : K.queryFields(key);
            const models = fields.map((f) => this.field(f, place));
            if (member.clause === "params") {
              for (const field of fields) {
                declaredParams.add(field.name.name);
                if (!placeholders.includes(field.name.name)) {
                  this.report("E221", field.name.span, `parameter \`${field.name.name}\` is not in the path \`${decl.path.value}\``);
                }
              }
              endpoint.params.push(...models);
            } else {
              endpoint.query.push(...models);
            }
            if (member.body.type !== "RecordType") this.resolveType(member.body, place);
          } else {
            endpoint.request = this.resolveType(member.body, K.requestFields(key));
          }
          break;
        }
        case "Response": {
          const response: { status: number; body?: M.TypeModel } = { status: member.status.code };
          if (member.body) response.body = this.resolveType(member.body, K.responseFields(key, member.status.code));
          endpoint.responses.push(response);
          break;
        }
        case "Errors":
          endpoint.errors.push(...member.statuses.map((s) => s.code));
          break;
        case "Property":
          if (member.key.name === "description") {
            const description = stringValue(member);
            if (description !== undefined) endpoint.description = description;
          }
          break;
      }
    }
    // A placeholder with no `params` entry is a string (spec §3.9).
    for (const placeholder of placeholders) {
      if (declaredParams.has(placeholder)) continue;
      endpoint.params.push({
        key: this.fieldKeys.unique(K.fieldKey(K.paramFields(key), placeholder)),
        name: placeholder,
        optional: false,
        valueType: { type: "builtin", name: "string" },
        pk: false,
        unique: false,
        index: false,
        fk: false,
        pii: false,
        span: decl.path.span,
      });
    }
    return endpoint;
  }

  webhooks(): M.WebhookModel[] {
    const result: M.WebhookModel[] = [];
    for (const [id, decl] of this.symbols.webhooks) {
      const props = decl.members.filter((m): m is A.Property => m.type === "Property");
      const webhook: M.WebhookModel = { id, event: decl.title?.value ?? id, span: decl.span };
      const fromName = nameValues(findProperty(props, "from"))[0];
      if (fromName) {
        const from = this.componentOnlyRef(fromName, "from");
        if (from !== undefined) webhook.from = from;
      }
      const payload = decl.members.find((m): m is A.BodyClause => m.type === "BodyClause");
      if (payload) webhook.payload = this.resolveType(payload.body, K.payloadFields(id));
      const description = stringValue(findProperty(props, "description"));
      if (description !== undefined) webhook.description = description;
      result.push(webhook);
    }
    return result;
  }

  // ── failures, security, decisions, questions ─────────────────────────

  failures(): M.FailureModel[] {
    return this.symbols.failures.map((decl) => {
      const props = decl.properties;
      const affects = nameValues(findProperty(props, "affects"))
        .map((name) => this.componentRef(name))
        .filter((id): id is string => id !== undefined);
      const failure: M.FailureModel = { title: decl.title?.value ?? decl.name?.name ?? "Failure", affects, span: decl.span };
      if (decl.name) failure.id = decl.name.name;
      const impact = stringValue(findProperty(props, "impact"));
      if (impact !== undefined) failure.impact = impact;
      const mitigation = stringValue(findProperty(props, "mitigation"));
      if (mitigation !== undefined) failure.mitigation = mitigation;
      const severity = wordValue(findProperty(props, "severity"));
      if (isFailureSeverity(severity)) failure.severity = severity;
      return failure;
    });
  }

  security(entities: M.EntityModel[]): M.SecurityModel {
    const controls = this.symbols.controls.map((control) => {
      const model: M.SecurityModel["controls"][number] = { text: control.text.value, span: control.span };
      if (control.on) {
        const on = this.componentOnlyRef(control.on, "on");
        if (on !== undefined) model.on = on;
      }
      return model;
    });
    const piiFields = entities.flatMap((e) => e.fields.filter((f) => f.pii).map((f) => `${e.id}.${f.name}`));
    return { controls, piiFields };
  }

  decisions(): M.DecisionModel[] {
    return [...this.symbols.decisions.entries()].map(([id, decl]) => {
      const props = decl.properties;
      const decision: M.DecisionModel = {
        id,
        title: decl.title?.value ?? id,
        alternatives: stringValues(findProperty(props, "alternatives")),
        span: decl.span,
      };
      const status = wordValue(findProperty(props, "status"));
      if (status !== undefined) decision.status = status;
      const context = stringValue(findProperty(props, "context"));
      if (context !== undefined) decision.context = context;
      const consequences = stringValue(findProperty(props, "consequences"));
      if (consequences !== undefined) decision.consequences = consequences;
      return decision;
    });
  }

  questions(): M.QuestionModel[] {
    const result: M.QuestionModel[] = [];
    for (const block of this.symbols.properties.filter((p) => p.key.name === "questions")) {
      for (const entry of block.block ?? []) {
        const texts = stringValues(entry);
        if (texts.length === 0) continue;
        const question: M.QuestionModel = { text: texts[0]!, resolved: entry.key.name === "resolved", span: entry.span };
        if (texts[1] !== undefined) question.answer = texts[1];
        result.push(question);
      }
    }
    return result;
  }
}

export function propertyModels(properties: readonly A.Property[]): M.PropertyModel[] {
  return properties.map((p) => {
    const model: M.PropertyModel = { key: p.key.name, values: p.values.map(valueText) };
    if (p.block) model.block = propertyModels(p.block);
    return model;
  });
}

function technologyOf(property: A.Property | undefined): M.TechnologyModel | undefined {
  if (!property) return undefined;
  const text = stringValue(property);
  if (text !== undefined) return { summary: text };
  if (!property.block) return undefined;
  const model: M.TechnologyModel = { summary: "" };
  const parts: string[] = [];
  for (const key of ["language", "framework", "database", "runtime"] as const) {
    const value = stringValue(findProperty(property.block, key));
    if (value !== undefined) {
      model[key] = value;
      parts.push(value);
    }
  }
  model.summary = parts.join(" + ");
  return parts.length > 0 ? model : undefined;
}

function kindTechnology(kind: M.KindModel): M.TechnologyModel | undefined {
  return kind.technology !== undefined ? { summary: kind.technology } : undefined;
}

function scalingOf(property: A.Property | undefined): M.ComponentModel["scaling"] {
  if (!property) return undefined;
  const text = stringValue(property);
  if (text !== undefined) return { summary: text };
  if (!property.block) return undefined;
  const horizontal = stringValue(findProperty(property.block, "horizontal"));
  const vertical = stringValue(findProperty(property.block, "vertical"));
  const parts = [horizontal && `Horizontal: ${horizontal}`, vertical && `Vertical: ${vertical}`].filter((p): p is string => !!p);
  const model: NonNullable<M.ComponentModel["scaling"]> = { summary: parts.join("; ") };
  if (horizontal !== undefined) model.horizontal = horizontal;
  if (vertical !== undefined) model.vertical = vertical;
  return model;
}

/** `42`, `10k`, `-3`: the number a unitless literal stands for; toPrecision so `0.1k` is 100. */
function plainNumber(value: A.Value): number | undefined {
  if (value.type === "Negation") {
    const inner = plainNumber(value.operand);
    return inner === undefined ? undefined : -inner;
  }
  if (value.type !== "Quantity" || value.unit !== undefined) return undefined;
  const number = Number((value.value * value.magnitude).toPrecision(15));
  return Number.isFinite(number) ? number : undefined;
}

function isFailureSeverity(word: string | undefined): word is M.FailureSeverity {
  return (FAILURE_SEVERITIES as readonly (string | undefined)[]).includes(word);
}
