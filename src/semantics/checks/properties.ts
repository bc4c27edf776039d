import { makeDiagnostic, type Diagnostic } from "../../diagnostics/index.js";
import type * as A from "../../syntax/ast.js";
import { didYouMean } from "../../util/suggest.js";
import { ALERT_SEVERITIES, BLOCKS, propertySpec, type BlockName } from "../../syntax/property-table.js";
import type { SystemSymbols } from "../binder.js";

/**
 * W307 for a key the block does not define, E102 for a word outside its
 * property's closed set; then the same for the blocks the properties hold.
 */
function checkBlock(block: BlockName, properties: readonly A.Property[], diagnostics: Diagnostic[]): void {
  const spec = BLOCKS[block];
  const known = Object.keys(spec.properties);
  for (const property of properties) {
    const key = property.key.name;
    const entry = propertySpec(block, key);
    if (!entry) {
      diagnostics.push(makeDiagnostic("W307", property.key.span, `unknown property \`${key}\` in ${spec.place}${didYouMean(key, known)}`));
      continue;
    }
    if (entry.oneOf) checkOneOf(property.values[0], `a \`${key}\` of ${spec.place}`, entry.oneOf, diagnostics);
    if (entry.block && property.block) checkBlock(entry.block, property.block, diagnostics);
  }
}

/**
 * E102 at a word that is not one of `words`. Values of another shape were
 * reported by the parser.
 */
function checkOneOf(value: A.Value | A.Identifier | undefined, what: string, words: readonly string[], diagnostics: Diagnostic[]): void {
  const word = value?.type === "Identifier" ? value : value?.type === "Reference" && value.name.parts.length === 1 ? value.name.parts[0] : undefined;
  if (!word || words.includes(word.name)) return;
  const choices = words.map((w) => `\`${w}\``);
  const list = `${choices.slice(0, -1).join(", ")} or ${choices[choices.length - 1]}`;
  diagnostics.push(makeDiagnostic("E102", word.span, `\`${word.name}\` is not ${what}: expected ${list}${didYouMean(word.name, words)}`));
}

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
  for (const alert of symbols.alerts) {
    if (alert.severity) checkOneOf(alert.severity, "a `severity` of an alert", ALERT_SEVERITIES, diagnostics);
  }
}

/** W307 for the properties of `kind` blocks, once per file. */
export function checkKindProperties(kinds: readonly A.KindDecl[], diagnostics: Diagnostic[]): void {
  for (const kind of kinds) checkBlock("kind", kind.properties, diagnostics);
}
