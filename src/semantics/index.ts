// The only entry point into the semantic stage.
export { analyze, applyRules, RULE_SETTINGS, type AnalyzeOptions, type AnalyzeResult, type RuleSetting } from "./analyze.js";
export type * from "./model.js";
export { formatQuantity, formatDimension } from "./format.js";
export { nameAt, usesOf, type Declaration, type NameCategory, type NameUse, type ReferenceIndex } from "./references.js";
