// The only entry point into design diffs: two resolved models in, classified changes out.
export { compareDesigns, compareSystems, RISE_WARNING, type Change, type ChangeClass, type ChangeKind, type DesignDiff, type SystemDiff } from "./compare.js";
export { DIFF_FORMATS, formatJson, formatMarkdown, formatPretty, hasChangeOf, NO_PAINT, type DiffFormat, type Paint } from "./report.js";
