// The only entry point into the syntax stage.
export type * from "./ast.js";
export type { Span } from "./span.js";
export { joinSpans } from "./span.js";
export { parseSource, type ParseResult } from "./parse.js";
export { SourceText } from "./source-text.js";
export {
  loadProgram,
  nodeHost,
  readSourceFile,
  defaultStdlibDir,
  type LoadOptions,
  type LoadedFile,
  type Program,
  type ResolvedImport,
} from "./load.js";
export { MAX_SOURCE_BYTES, describeFileError, describeLimit, readRegularFile } from "./read.js";
export { memoryHost, OverlayHost, ParseCache, type SourceHost } from "./host.js";
