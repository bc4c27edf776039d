import { EOF, tokenLabel, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from "./chevrotain.js";
import { Dollar, Dot, Identifier, Target, Newline, NumberLiteral, Path, Percent, RBrace, Semicolon, StringLiteral, TripleString } from "./tokens.js";

/**
 * Turns Chevrotain's recognition errors into sentences a person reads:
 * "expected a string after `technology`, found `42`".
 */

/** What a rule stands for, when no single token was expected. */
const ruleExpectations: Record<string, string> = {
  file: "`import`, `kind`, `model` or `system`",
  topStatement: "`import`, `kind`, `model` or `system`",
  systemStatement: "a component, boundary, connection, section or property",
  propertyValue: "a value",
  flowStatement: 'a message (`A -> B "text"`), a step (`A: "text"`), `satisfies` or a property',
  typeExpr: "a type",
  unary: "a value",
  expression: "a value",
  unitAtom: "a unit",
  endpointStatement: "`request`, `params`, `query`, `response`, `errors` or a property",
  bodyClause: "`request`, `params`, `query` or `payload`",
  modelBlock: "`enum` or `entity`",
  viewStatement: "`include`, `exclude`, `focus`, `collapse` or a property",
  selector: "a component, `boundary <id>`, `kind <kind>`, `tag \"<text>\"` or `*`",
};

function describeExpectedToken(type: TokenType): string {
  if (type === EOF) return "the end of the file";
  return tokenLabel(type);
}

export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return "the end of the file";
  if (token.tokenType === Newline) return "the end of the line";
  if (token.tokenType === Semicolon) return "`;`";
  if (token.tokenType === TripleString) return "a `\"\"\"` string";
  if (token.tokenType === StringLiteral) return `the string ${shorten(token.image)}`;
  if (token.tokenType === NumberLiteral) return `the number \`${shorten(token.image)}\``;
  if (token.tokenType === Path) return `the path \`${shorten(token.image)}\``;
  return `\`${shorten(token.image)}\``;
}

/**
 * Chevrotain's own `previous` can lag behind during recovery, so the token
 * before the offending one is looked up in the token vector being parsed.
 */
let currentTokens: readonly IToken[] = [];
export function setTokensForMessages(tokens: readonly IToken[]): void {
  currentTokens = tokens;
}

function indexBefore(actual: IToken | undefined): number {
  if (!actual || Number.isNaN(actual.startOffset)) return currentTokens.length - 1;
  let low = 0;
  let high = currentTokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (currentTokens[mid]!.startOffset < actual.startOffset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Tokens written without space between them read as one word: `10x`, `$5`, `a.p95`. */
const JOINABLE = new Set([NumberLiteral, Dot, Dollar, Percent]);
function joinable(token: IToken): boolean {
  return JOINABLE.has(token.tokenType) || tokenMatcher(token, Identifier);
}

function after(actual: IToken | undefined): string {
  let index = indexBefore(actual);
  const previous = currentTokens[index];
  if (!previous || previous.tokenType === EOF || Number.isNaN(previous.startOffset)) return "";
  if (previous.tokenType === Newline || previous.tokenType === Semicolon) return "";
  if (previous.tokenType === TripleString) return ' after a `"""` string';
  let text = previous.image;
  let first = previous;
  while (joinable(first) && index > 0) {
    const before = currentTokens[index - 1]!;
    if (!joinable(before) || before.endOffset! + 1 !== first.startOffset) break;
    text = before.image + text;
    first = before;
    index--;
  }
  return ` after \`${shorten(text)}\``;
}

function shorten(text: string): string {
  const oneLine = text.replace(/[\r\n\t]+/g, " ");
  return oneLine.length > 24 ? `${oneLine.slice(0, 23)}…` : oneLine;
}

function uniqueFirstTokens(paths: TokenType[][]): string[] {
  const labels = new Set<string>();
  for (const path of paths) {
    const first = path[0];
    if (first) labels.add(describeExpectedToken(first));
  }
  return [...labels];
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "something else";
  const shown = items.slice(0, 6);
  const rest = items.length > 6 ? " or another" : "";
  return `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}${rest}`;
}

function topLevelMessage(actual: IToken): string {
  return `expected \`import\`, \`kind\`, \`model\` or \`system\` at the top level, found ${describeToken(actual)}`;
}

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === EOF) return topLevelMessage(actual);
    const previous = currentTokens[indexBefore(actual)];
    if (ruleName === "requirement" && previous?.tokenType === Target) {
      return "`target` must stay on its requirement's line (`NFR1 \"text\" target x >= 1`), not start a line of its own";
    }
    // A block ends when no further statement can start; usually a line break is what is missing.
    if (expected === RBrace && actual.tokenType !== EOF) {
      return `expected a line break or \`}\`${after(actual)}, found ${describeToken(actual)}`;
    }
    return `expected ${describeExpectedToken(expected)}${after(actual)}, found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return topLevelMessage(firstRedundant);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const expected = ruleExpectations[ruleName] ?? listOf(uniqueFirstTokens(expectedPathsPerAlt.flat()));
    return `expected ${expected}${after(actual[0])}, found ${describeToken(actual[0])}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const expected = ruleExpectations[ruleName] ?? listOf(uniqueFirstTokens(expectedIterationPaths));
    return `expected ${expected}${after(actual[0])}, found ${describeToken(actual[0])}`;
  },
};
