export { lex, MAX_NESTING, MAX_TOKENS, tokenLimitOffset, type LexProblem, type LexResult } from "./lexer.js";
export { getParser, MAX_PARSE_ERRORS, parseTokens, ruleStartKeywords, type CstResult } from "./parser.js";
export { closeUnclosedBlocks, type ClosedBlock } from "./braces.js";
export { describeToken } from "./messages.js";
export * as tokens from "./tokens.js";
export * from "./units.js";
