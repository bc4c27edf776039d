import { makeDiagnostic, type Diagnostic } from "../../diagnostics/index.js";
import type * as A from "../../syntax/ast.js";
import { didYouMean } from "../../util/suggest.js";
import type { SystemSymbols } from "../binder.js";

/** The properties each block defines (spec §3); any other is W307. */
const KNOWN: Record<string, readonly string[]> = {
  system: ["owner", "status", "overview", "description", "scope", "lint", "questions", "tags", "link", "version"],
  component: [
    "description", "technology", "responsibilities", "scaling", "handles", "capacity", "instances",
    "stores", "exposes", "failure_handling", "owner", "tags", "link", "properties",
  ],
  kind: ["shape", "description", "technology"],
  connection: ["technology", "async", "description", "tags"],
  boundary: ["description", "owner", "tags", "link", "technology"],
  flow: ["description"],
  failure: ["affects", "impact", "mitigation", "severity", "description"],
  decision: ["status", "context", "alternatives", "consequences", "description", "date", "owner"],
  api: ["served_by", "base", "auth", "description", "version"],
  endpoint: ["description", "auth"],
  webhook: ["from", "description"],
  scaling: ["utilization", "tiers"],
  scope: ["in", "out"],
  technology: ["language", "framework", "database", "runtime"],
  componentScaling: ["horizontal", "vertical"],
  questions: ["open", "resolved"],
  view: ["description"],
  cost: [],
  security: [],
  monitoring: [],
};

const NESTED: Record<string, Record<string, string>> = {
  system: { scope: "scope", questions: "questions" },
  component: { technology: "technology", scaling: "componentScaling" },
};

function checkBlock(context: string, properties: readonly A.Property[], diagnostics: Diagnostic[]): void {
  const known = Object.hasOwn(KNOWN, context) ? KNOWN[context]! : [];
  for (const property of properties) {
    const key = property.key.name;
    if (!known.includes(key)) {
      diagnostics.push(makeDiagnostic("W307", property.key.span, `unknown property \`${key}\` in ${PLACES[context] ?? context}${didYouMean(key, known)}`));
      continue;
    }
    const nestedOf = NESTED[context];
    const nested = nestedOf && Object.hasOwn(nestedOf, key) ? nestedOf[key] : undefined;
    if (nested && property.block) checkBlock(nested, property.block, diagnostics);
  }
}

/** How a message names each block. */
const PLACES: Record<string, string> = {
  system: "a system",
  component: "a component",
  kind: "a kind",
  connection: "a connection",
  boundary: "a boundary",
  flow: "a flow",
  failure: "a failure",
  decision: "a decision",
  api: "an api",
  endpoint: "an endpoint",
  webhook: "a webhook",
  scaling: "`scaling`",
  scope: "`scope`",
  technology: "`technology`",
  componentScaling: "a component's `scaling`",
  questions: "`questions`",
  view: "a view",
  cost: "`cost`",
  security: "`security`",
  monitoring: "`monitoring`",
};

/** W307 for every block of a system, and for the kinds of its file. */
export function checkProperties(symbols: SystemSymbols, diagnostics: Diagnostic[]): void {
  checkBlock("system", symbols.properties, diagnostics);
  for (const { decl } of symbols.components.values()) checkBlock("component", decl.properties, diagnostics);
  for (const connection of symbols.connections) checkBlock("connection", connection.properties, diagnostics);
  for (const failure of symbols.failures) checkBlock("failure", failure.properties, diagnostics);
  for (const decision of symbols.decisions.values()) checkBlock("decision", decision.properties, diagnostics);
  checkBlock("scaling", symbols.scalingProperties, diagnostics);
  for (const { section, property } of symbols.sectionProperties) checkBlock(section, [property], diagnostics);
  for (const flow of symbols.flows.values()) {
    checkBlock("flow", flow.members.filter((m): m is A.Property => m.type === "Property"), diagnostics);
  }
  for (const api of symbols.apis.values()) {
    checkBlock("api", api.members.filter((m): m is A.Property => m.type === "Property"), diagnostics);
    for (const endpoint of api.members.filter((m): m is A.Endpoint => m.type === "Endpoint")) {
      checkBlock("endpoint", endpoint.members.filter((m): m is A.Property => m.type === "Property"), diagnostics);
    }
  }
  for (const view of symbols.views.values()) {
    checkBlock("view", view.members.filter((m): m is A.Property => m.type === "Property"), diagnostics);
  }
  for (const webhook of symbols.webhooks.values()) {
    checkBlock("webhook", webhook.members.filter((m): m is A.Property => m.type === "Property"), diagnostics);
  }
}

/** W307 for the properties of `kind` blocks, once per file. */
export function checkKindProperties(kinds: readonly A.KindDecl[], diagnostics: Diagnostic[]): void {
  for (const kind of kinds) checkBlock("kind", kind.properties, diagnostics);
}
