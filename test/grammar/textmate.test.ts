import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

/**
 * Tests of the TextMate grammar (grammar/sysd.tmLanguage.json), tokenized
 * with the engine VS Code uses: vscode-textmate on the oniguruma WASM build.
 * Each fixture file is tokenized from its first line, so lines inside a
 * `requirements`, `flow` or `"""` block are seen in their context.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const grammarPath = path.join(root, "grammar", "sysd.tmLanguage.json");
const validDir = path.join(root, "test", "fixtures", "valid");

interface Token {
  text: string;
  scopes: string[];
}
interface TokenizedLine {
  text: string;
  tokens: Token[];
}
interface TokenizedFile {
  lines: TokenizedLine[];
  /** Depth of the rule stack after the last line: 1 when every block was closed. */
  endDepth: number;
  stoppedEarly: boolean;
}

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = fs.readFileSync(path.join(root, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    // Only the sysd grammar: the markdown embedded in `"""` strings is not
    // loaded, as in an editor without a markdown grammar.
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.sysd" ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar("source.sysd");
  if (!loaded) throw new Error("the sysd grammar did not load");
  grammar = loaded;
});

function tokenize(text: string): TokenizedFile {
  let stack: vsctm.StateStack = vsctm.INITIAL;
  let stoppedEarly = false;
  const lines = text.split(/\r\n|\r|\n/).map((line) => {
    const result = grammar.tokenizeLine(line, stack, 5_000);
    stack = result.ruleStack;
    stoppedEarly ||= result.stoppedEarly;
    return {
      text: line,
      tokens: result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })),
    };
  });
  return { lines, endDepth: stack.depth, stoppedEarly };
}

const tokenizedFixtures = new Map<string, TokenizedFile>();
function fixture(name: string): TokenizedFile {
  let file = tokenizedFixtures.get(name);
  if (!file) {
    file = tokenize(fs.readFileSync(path.join(validDir, name), "utf8"));
    tokenizedFixtures.set(name, file);
  }
  return file;
}

/**
 * A representative token: in fixture `file`, on the line whose trimmed text
 * is `line`, the `nth` token (0-based) whose trimmed text is `token` has a
 * scope containing `scope`, and none containing `not`.
 */
interface Case {
  file: string;
  line: string;
  token: string;
  scope: string;
  nth?: number;
  not?: string;
}

const cases: Case[] = [
  // Comments.
  { file: "lexical.sysd", line: "import \"std/aws\" // a comment after an import", token: "a comment after an import", scope: "comment.line.double-slash.sysd" },
  { file: "lexical.sysd", line: "import \"std/aws\" // a comment after an import", token: "//", scope: "punctuation.definition.comment.sysd" },
  { file: "lexical.sysd", line: "It may span lines; a `// line comment` inside it is just text. */", token: "*/", scope: "comment.block.sysd" },
  { file: "lexical.sysd", line: "owner \"lexer-team\"   /* a block comment between a statement and its line end */", token: "a block comment between a statement and its line end", scope: "comment.block.sysd" },
  { file: "lexical.sysd", line: "tags \"a\"; link \"https://example.com/docs//not-a-comment\"", token: "https://example.com/docs//not-a-comment", scope: "string.quoted.double.sysd", not: "comment" },
  // Strings and escapes.
  { file: "lexical.sysd", line: "tags \"a\"; link \"https://example.com/docs//not-a-comment\"", token: "a", scope: "string.quoted.double.sysd" },
  { file: "lexical.sysd", line: "description \"A \\\"quoted\\\" word, a back\\\\slash, a line\\nbreak, a\\ttab and \\u{1F600}\"", token: "\\\"", scope: "constant.character.escape.sysd" },
  { file: "lexical.sysd", line: "description \"A \\\"quoted\\\" word, a back\\\\slash, a line\\nbreak, a\\ttab and \\u{1F600}\"", token: "\\\\", scope: "constant.character.escape.sysd" },
  { file: "lexical.sysd", line: "description \"A \\\"quoted\\\" word, a back\\\\slash, a line\\nbreak, a\\ttab and \\u{1F600}\"", token: "\\n", scope: "constant.character.escape.sysd" },
  { file: "lexical.sysd", line: "description \"A \\\"quoted\\\" word, a back\\\\slash, a line\\nbreak, a\\ttab and \\u{1F600}\"", token: "\\u{1F600}", scope: "constant.character.escape.sysd" },
  // Triple-quoted markdown strings: raw, spanning lines.
  { file: "lexical.sysd", line: "overview \"\"\"", token: "\"\"\"", scope: "string.quoted.triple.sysd" },
  { file: "lexical.sysd", line: "\"quotes\", \\escapes\\ and // slashes are kept as written.", token: "\"quotes\", \\escapes\\ and // slashes are kept as written.", scope: "string.quoted.triple.sysd", not: "comment" },
  { file: "lexical.sysd", line: "\"quotes\", \\escapes\\ and // slashes are kept as written.", token: "\"quotes\", \\escapes\\ and // slashes are kept as written.", scope: "meta.embedded.block.markdown" },
  { file: "lexical.sysd", line: "context \"\"\"One line, triple-quoted.\"\"\"", token: "One line, triple-quoted.", scope: "string.quoted.triple.sysd" },
  { file: "decisions.sysd", line: "- **pre-signed URLs** let clients upload directly", token: "- **pre-signed URLs** let clients upload directly", scope: "string.quoted.triple.sysd" },
  // Views: the declaration, its clauses, selector keywords and `*`.
  { file: "views.sysd", line: "view payments \"Payments\" {", token: "view", scope: "storage.type.view.sysd" },
  { file: "views.sysd", line: "view payments \"Payments\" {", token: "payments", scope: "entity.name.function.view.sysd" },
  { file: "views.sysd", line: "include boundary billing, kind queue, tag \"pci\"", token: "include", scope: "keyword.other.clause.view.sysd" },
  { file: "views.sysd", line: "include boundary billing, kind queue, tag \"pci\"", token: "boundary", scope: "keyword.other.selector.sysd" },
  { file: "views.sysd", line: "include boundary billing, kind queue, tag \"pci\"", token: "billing", scope: "variable.other.component.sysd" },
  { file: "views.sysd", line: "include boundary billing, kind queue, tag \"pci\"", token: "tag", scope: "keyword.other.selector.sysd" },
  { file: "views.sysd", line: "include boundary billing, kind queue, tag \"pci\"", token: "pci", scope: "string.quoted.double.sysd" },
  { file: "views.sysd", line: "focus Orders depth 1", token: "depth", scope: "keyword.other.selector.sysd" },
  { file: "views.sysd", line: "include *", token: "*", scope: "constant.language.all.sysd" },
  { file: "views.sysd", line: "collapse core, billing", token: "collapse", scope: "keyword.other.clause.view.sysd" },
  { file: "views.sysd", line: "collapse core, billing", token: "core", scope: "variable.other.component.sysd", not: "keyword" },
  // Imports.
  { file: "imports.sysd", line: "import \"./platform.sysd\" as plat // a project file: namespace `plat`", token: "import", scope: "keyword.control.import.sysd" },
  { file: "imports.sysd", line: "import \"./platform.sysd\" as plat // a project file: namespace `plat`", token: "as", scope: "keyword.control.import.sysd" },
  { file: "imports.sysd", line: "import \"./platform.sysd\" as plat // a project file: namespace `plat`", token: "plat", scope: "entity.name.namespace.sysd" },
  { file: "imports.sysd", line: "import \"./platform.sysd\" as plat // a project file: namespace `plat`", token: "./platform.sysd", scope: "string.quoted.double.sysd" },
  // Declarations and their names.
  { file: "video_pipeline.sysd", line: "system VideoPipeline \"Video Processing Pipeline\" {", token: "system", scope: "storage.type.system.sysd" },
  { file: "video_pipeline.sysd", line: "system VideoPipeline \"Video Processing Pipeline\" {", token: "VideoPipeline", scope: "entity.name.type.system.sysd" },
  { file: "kinds.sysd", line: "component Gateway \"API Gateway\" : gateway {", token: "component", scope: "storage.type.component.sysd" },
  { file: "kinds.sysd", line: "component Gateway \"API Gateway\" : gateway {", token: "Gateway", scope: "entity.name.type.component.sysd" },
  { file: "kinds.sysd", line: "component Gateway \"API Gateway\" : gateway {", token: "API Gateway", scope: "string.quoted.double.sysd" },
  { file: "boundaries.sysd", line: "boundary aws \"AWS us-east-1\" {", token: "boundary", scope: "storage.type.boundary.sysd" },
  { file: "boundaries.sysd", line: "boundary aws \"AWS us-east-1\" {", token: "aws", scope: "entity.name.type.boundary.sysd" },
  { file: "kinds.sysd", line: "kind SQS \"Amazon SQS\" : queue { technology \"Amazon SQS\" }", token: "kind", scope: "storage.type.kind.sysd" },
  { file: "kinds.sysd", line: "kind SQS \"Amazon SQS\" : queue { technology \"Amazon SQS\" }", token: "SQS", scope: "entity.name.type.kind.sysd" },
  { file: "flows.sysd", line: "flow upload \"Upload Flow\" {", token: "flow", scope: "storage.type.flow.sysd" },
  { file: "flows.sysd", line: "flow upload \"Upload Flow\" {", token: "upload", scope: "entity.name.function.flow.sysd" },
  { file: "api.sysd", line: "api Uploads \"Upload API\" {", token: "api", scope: "storage.type.api.sysd" },
  { file: "api.sysd", line: "api Uploads \"Upload API\" {", token: "Uploads", scope: "entity.name.function.api.sysd" },
  { file: "api.sysd", line: "webhook upload_completed \"upload.completed\" {", token: "webhook", scope: "storage.type.webhook.sysd" },
  { file: "api.sysd", line: "webhook upload_completed \"upload.completed\" {", token: "upload_completed", scope: "entity.name.function.webhook.sysd" },
  { file: "data_model.sysd", line: "enum UploadStatus { pending, processing, complete, failed }", token: "enum", scope: "storage.type.enum.sysd" },
  { file: "data_model.sysd", line: "enum UploadStatus { pending, processing, complete, failed }", token: "UploadStatus", scope: "entity.name.type.enum.sysd" },
  { file: "data_model.sysd", line: "enum UploadStatus { pending, processing, complete, failed }", token: "processing", scope: "variable.other.enummember.sysd" },
  { file: "data_model.sysd", line: "entity Upload \"An uploaded video\" {", token: "entity", scope: "storage.type.entity.sysd" },
  { file: "data_model.sysd", line: "entity Upload \"An uploaded video\" {", token: "Upload", scope: "entity.name.type.entity.sysd" },
  { file: "decisions.sysd", line: "decision D1 \"Use SQS rather than Kafka\" {", token: "decision", scope: "storage.type.decision.sysd" },
  { file: "decisions.sysd", line: "decision D1 \"Use SQS rather than Kafka\" {", token: "D1", scope: "entity.name.function.decision.sysd" },
  { file: "failures_security.sysd", line: "failure s3_down \"S3 Unavailable\" {", token: "failure", scope: "storage.type.failure.sysd" },
  { file: "failures_security.sysd", line: "failure s3_down \"S3 Unavailable\" {", token: "s3_down", scope: "entity.name.function.failure.sysd" },
  { file: "failures_security.sysd", line: "failure \"Database unavailable\" {", token: "failure", scope: "storage.type.failure.sysd" },
  { file: "monitoring.sysd", line: "metric worker_cpu \"Worker CPU/memory\" unit % of Workers", token: "metric", scope: "storage.type.metric.sysd" },
  { file: "monitoring.sysd", line: "metric worker_cpu \"Worker CPU/memory\" unit % of Workers", token: "worker_cpu", scope: "entity.name.variable.metric.sysd" },
  { file: "scaling_cost.sysd", line: "demand uploads 1000/day \"Video uploads\"", token: "demand", scope: "storage.type.demand.sysd" },
  { file: "scaling_cost.sysd", line: "demand uploads 1000/day \"Video uploads\"", token: "uploads", scope: "entity.name.variable.demand.sysd" },
  // Section keywords.
  { file: "requirements.sysd", line: "requirements {", token: "requirements", scope: "keyword.other.section.sysd" },
  { file: "requirements.sysd", line: "scope {", token: "scope", scope: "keyword.other.section.sysd" },
  { file: "data_model.sysd", line: "model {", token: "model", scope: "keyword.other.section.sysd" },
  { file: "video_pipeline.sysd", line: "monitoring {", token: "monitoring", scope: "keyword.other.section.sysd" },
  // Kinds after `:`, plain and qualified.
  { file: "kinds.sysd", line: "component Gateway \"API Gateway\" : gateway {", token: "gateway", scope: "entity.name.type.kind.sysd" },
  { file: "boundaries.sysd", line: "component Queue \"Processing Queue\" : aws.SQS", token: "SQS", scope: "entity.name.type.kind.sysd" },
  { file: "boundaries.sysd", line: "component Queue \"Processing Queue\" : aws.SQS", token: "aws", scope: "entity.name.type.kind.sysd" },
  { file: "boundaries.sysd", line: "component Queue \"Processing Queue\" : aws.SQS", token: ".", scope: "punctuation.accessor.sysd" },
  { file: "imports.sysd", line: "kind Edge \"Edge proxy\" : plat.Service { technology \"Envoy\" }", token: "Service", scope: "entity.name.type.kind.sysd" },
  // Qualified references in expressions.
  { file: "monitoring.sysd", line: "alert processing_time.p95 > 10min \"Processing is slow\" severity page", token: "processing_time", scope: "variable.other.object.sysd" },
  { file: "monitoring.sysd", line: "alert processing_time.p95 > 10min \"Processing is slow\" severity page", token: "p95", scope: "variable.other.member.sysd" },
  { file: "scaling_cost.sysd", line: "item \"Workers (EC2)\" $60/month * Workers.instances", token: "instances", scope: "variable.other.member.sysd" },
  { file: "requirements.sysd", line: "NFR4 \"Cost: <$0.50 per video\"             target cost.total / uploads <= $0.50", token: "total", scope: "support.variable.sysd" },
  // Requirements.
  { file: "requirements.sysd", line: "FR1 \"User can upload videos (max 1GB)\"", token: "FR1", scope: "constant.other.requirement.sysd" },
  { file: "requirements.sysd", line: "NFR1 \"Handle 1000 uploads/day\"            target uploads >= 1000/day", token: "NFR1", scope: "constant.other.requirement.sysd" },
  { file: "requirements.sysd", line: "NFR1 \"Handle 1000 uploads/day\"            target uploads >= 1000/day", token: "target", scope: "keyword.other.clause.target.sysd" },
  { file: "requirements.sysd", line: "nonfunctional { NFR11 \"Cheap per read\" target cost.total / status_reads <= $0.001 }", token: "NFR11", scope: "constant.other.requirement.sysd" },
  { file: "flows.sysd", line: "satisfies FR2, FR3", token: "satisfies", scope: "keyword.other.clause.satisfies.sysd" },
  { file: "flows.sysd", line: "satisfies FR2, FR3", token: "FR3", scope: "constant.other.requirement.sysd" },
  // Quantities, units, money, percent, magnitudes, rates.
  { file: "lexical.sysd", line: "timeout 5min", token: "5", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "timeout 5min", token: "min", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "size 1 GB", token: "GB", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "million 1_000_000", token: "1_000_000", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "millions 2.5M", token: "2.5", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "millions 2.5M", token: "M", scope: "keyword.other.unit.magnitude.sysd" },
  { file: "lexical.sysd", line: "billion 1bn", token: "bn", scope: "keyword.other.unit.magnitude.sysd" },
  { file: "lexical.sysd", line: "thousand 10k", token: "k", scope: "keyword.other.unit.magnitude.sysd" },
  { file: "lexical.sysd", line: "money $0.50", token: "$", scope: "keyword.other.unit.currency.sysd" },
  { file: "lexical.sysd", line: "money $0.50", token: "0.50", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "ratio 99.9%", token: "99.9", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "ratio 99.9%", token: "%", scope: "keyword.other.unit.percent.sysd" },
  { file: "lexical.sysd", line: "m_x 10x", token: "x", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "r_Mbps 100Mbps", token: "Mbps", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "d_KiB 4KiB", token: "KiB", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "daily 1000/day", token: "1000", scope: "constant.numeric.sysd" },
  { file: "lexical.sysd", line: "daily 1000/day", token: "/", scope: "keyword.operator.arithmetic.sysd" },
  { file: "lexical.sysd", line: "daily 1000/day", token: "day", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "monthly $50/month", token: "month", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "per_five 1/5min", token: "min", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "spaced_rate 20 / s", token: "s", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "thousands 10k/day", token: "day", scope: "keyword.other.unit.sysd" },
  // A unit alone on a continuation line after `/`.
  { file: "lexical.sysd", line: "day", token: "day", scope: "keyword.other.unit.sysd" },
  // A plain name after a number is not a unit; a name after `/` is not either.
  { file: "api.sysd", line: "response 200 Upload", token: "Upload", scope: "entity.name.type.sysd", not: "unit" },
  { file: "lexical.sysd", line: "quotient cost.total / uploads", token: "uploads", scope: "variable.other.sysd", not: "unit" },
  { file: "lexical.sysd", line: "span 2..500", token: "..", scope: "keyword.operator.range.sysd" },
  { file: "lexical.sysd", line: "span 2..500", token: "500", scope: "constant.numeric.sysd" },
  // Metric units.
  { file: "monitoring.sysd", line: "metric egress \"Egress\" unit GB/month of Queue", token: "unit", scope: "keyword.other.clause.unit.sysd" },
  { file: "monitoring.sysd", line: "metric egress \"Egress\" unit GB/month of Queue", token: "month", scope: "keyword.other.unit.sysd" },
  { file: "monitoring.sysd", line: "metric spend \"Spend\" unit $", token: "$", scope: "keyword.other.unit.sysd" },
  { file: "monitoring.sysd", line: "metric egress \"Egress\" unit GB/month of Queue", token: "Queue", scope: "variable.other.component.sysd" },
  { file: "monitoring.sysd", line: "metric latency unit ms of Workers percentiles p50, p99", token: "p99", scope: "entity.name.variable.percentile.sysd" },
  // Alerts.
  { file: "monitoring.sysd", line: "alert slow_p95 processing_time.p95 > 5min \"p95 over target\" severity ticket for 15min", token: "alert", scope: "storage.type.alert.sysd" },
  { file: "monitoring.sysd", line: "alert slow_p95 processing_time.p95 > 5min \"p95 over target\" severity ticket for 15min", token: "slow_p95", scope: "entity.name.function.alert.sysd" },
  { file: "monitoring.sysd", line: "alert slow_p95 processing_time.p95 > 5min \"p95 over target\" severity ticket for 15min", token: "severity", scope: "keyword.other.clause.severity.sysd" },
  { file: "monitoring.sysd", line: "alert slow_p95 processing_time.p95 > 5min \"p95 over target\" severity ticket for 15min", token: "for", scope: "keyword.other.clause.for.sysd" },
  { file: "monitoring.sysd", line: "alert queue_depth > 1000", token: "queue_depth", scope: "variable.other.sysd", not: "entity.name" },
  // Comparison operators.
  { file: "monitoring.sysd", line: "alert upload_success_rate <= 95% \"Too many failures\" severity page for 5min", token: "<=", scope: "keyword.operator.comparison.sysd" },
  { file: "monitoring.sysd", line: "alert queue_depth >= 10k severity info", token: ">=", scope: "keyword.operator.comparison.sysd" },
  { file: "monitoring.sysd", line: "alert requests == 0 \"No traffic\" for 1h", token: "==", scope: "keyword.operator.comparison.sysd" },
  { file: "monitoring.sysd", line: "alert low_success upload_success_rate < 99%", token: "<", scope: "keyword.operator.comparison.sysd" },
  { file: "monitoring.sysd", line: "alert latency.p99 > 2 * 250ms", token: "*", scope: "keyword.operator.arithmetic.sysd" },
  // HTTP methods and paths.
  { file: "api.sysd", line: "GET /uploads/{id} \"Get upload status\" {", token: "GET", scope: "keyword.other.http-method.sysd" },
  { file: "api.sysd", line: "GET /uploads/{id} \"Get upload status\" {", token: "/uploads/", scope: "string.unquoted.path.sysd" },
  { file: "api.sysd", line: "GET /uploads/{id} \"Get upload status\" {", token: "id", scope: "variable.parameter.sysd" },
  { file: "lexical.sysd", line: "PATCH /items/{id}/labels/{label_id}", token: "label_id", scope: "variable.parameter.sysd" },
  { file: "lexical.sysd", line: "DELETE /items/{id}; HEAD /items/{id}", token: "HEAD", scope: "keyword.other.http-method.sysd" },
  { file: "lexical.sysd", line: "GET /files/{id}/download.json \"A dotted path\"", token: "/download.json", scope: "string.unquoted.path.sysd" },
  { file: "lexical.sysd", line: "GET /", token: "/", scope: "string.unquoted.path.sysd", not: "operator" },
  // Endpoint clauses.
  { file: "api.sysd", line: "response 201 { upload_url: url, upload_id: uuid }", token: "response", scope: "keyword.other.clause.response.sysd" },
  { file: "api.sysd", line: "response 201 { upload_url: url, upload_id: uuid }", token: "201", scope: "constant.numeric" },
  { file: "api.sysd", line: "errors 400, 404, 409", token: "errors", scope: "keyword.other.clause.errors.sysd" },
  { file: "api.sysd", line: "request { filename: string, size: int, content_type: string }", token: "request", scope: "keyword.other.clause.request.sysd" },
  { file: "api.sysd", line: "payload Upload", token: "payload", scope: "keyword.other.clause.payload.sysd" },
  { file: "api.sysd", line: "query { cursor?: string, limit?: int }", token: "query", scope: "keyword.other.clause.query.sysd" },
  // Arrows and component references.
  { file: "boundaries.sysd", line: "Client -> Gateway \"HTTPS\"", token: "->", scope: "keyword.operator.arrow.sysd" },
  { file: "boundaries.sysd", line: "Client -> Gateway \"HTTPS\"", token: "Client", scope: "variable.other.component.sysd" },
  { file: "boundaries.sysd", line: "Client -> Gateway \"HTTPS\"", token: "Gateway", scope: "variable.other.component.sysd" },
  { file: "lexical.sysd", line: "Db \"queries\"", token: "Db", scope: "variable.other.component.sysd", not: "property-name" },
  { file: "flows.sysd", line: "UploadService: \"Generate pre-signed S3 URL\"", token: "UploadService", scope: "variable.other.component.sysd", not: "field" },
  { file: "failures_security.sysd", line: "control \"Rate limiting per user\" on Gateway", token: "control", scope: "storage.type.control.sysd" },
  { file: "failures_security.sysd", line: "control \"Rate limiting per user\" on Gateway", token: "on", scope: "keyword.other.clause.on.sysd" },
  { file: "failures_security.sysd", line: "control \"Rate limiting per user\" on Gateway", token: "Gateway", scope: "variable.other.component.sysd" },
  // Fields, types and attributes.
  { file: "data_model.sysd", line: "processed_url?: url", token: "processed_url", scope: "variable.other.field.sysd" },
  { file: "data_model.sysd", line: "processed_url?: url", token: "?", scope: "keyword.operator.optional.sysd" },
  { file: "data_model.sysd", line: "processed_url?: url", token: "url", scope: "support.type.builtin.sysd" },
  { file: "data_model.sysd", line: "a_datetime: datetime", token: "datetime", scope: "support.type.builtin.sysd" },
  { file: "data_model.sysd", line: "status: UploadStatus", token: "UploadStatus", scope: "entity.name.type.sysd" },
  { file: "imports.sysd", line: "account: plat.Account [fk]", token: "plat", scope: "entity.name.namespace.sysd" },
  { file: "imports.sysd", line: "account: plat.Account [fk]", token: "Account", scope: "entity.name.type.sysd" },
  { file: "data_model.sysd", line: "matrix: float[][]", token: "[]", scope: "storage.modifier.array.sysd" },
  { file: "data_model.sysd", line: "state: \"draft\" | \"placed\" | \"shipped\" | \"delivered\"", token: "|", scope: "keyword.operator.union.sysd" },
  { file: "data_model.sysd", line: "id: uuid [pk]", token: "pk", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "email: email [unique, pii]", token: "unique", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "email: email [unique, pii]", token: "pii", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "team: Team [fk, index]", token: "index", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "timeout: duration [default 30s]", token: "default", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "timeout: duration [default 30s]", token: "s", scope: "keyword.other.unit.sysd" },
  { file: "lexical.sysd", line: "unique", token: "unique", scope: "storage.modifier.sysd" },
  { file: "data_model.sysd", line: "parcels: { weight: float \"kg\", items: { sku: string, count: int }[] }[]", token: "count", scope: "variable.other.field.sysd" },
  // Words that are keywords elsewhere stay fields and properties.
  { file: "data_model.sysd", line: "type: string", token: "type", scope: "variable.other.field.sysd", not: "keyword" },
  { file: "data_model.sysd", line: "status: \"active\" | \"archived\"", token: "status", scope: "variable.other.field.sysd", not: "keyword" },
  { file: "data_model.sysd", line: "text: text, email: email, query: string", token: "query", scope: "variable.other.field.sysd", not: "keyword" },
  { file: "data_model.sysd", line: "text: text, email: email, query: string", token: "text", scope: "variable.other.field.sysd", not: "support.type" },
  { file: "data_model.sysd", line: "kind: string, model: string, target: string", token: "kind", scope: "variable.other.field.sysd", not: "storage.type" },
  { file: "data_model.sysd", line: "kind: string, model: string, target: string", token: "model", scope: "variable.other.field.sysd", not: "keyword" },
  { file: "data_model.sysd", line: "kind: string, model: string, target: string", token: "target", scope: "variable.other.field.sysd", not: "keyword" },
  { file: "data_model.sysd", line: "budget: decimal [default $20]", token: "budget", scope: "variable.other.field.sysd", not: "storage.type" },
  { file: "lexical.sysd", line: "kind \"settings\"", token: "kind", scope: "support.type.property-name.sysd", not: "storage.type" },
  { file: "lexical.sysd", line: "model \"gpt\"", token: "model", scope: "support.type.property-name.sysd", not: "keyword" },
  { file: "lexical.sysd", line: "target \"none\"", token: "target", scope: "support.type.property-name.sysd", not: "keyword" },
  { file: "requirements.sysd", line: "status draft                    // draft | review | approved | deprecated", token: "status", scope: "support.type.property-name.sysd" },
  // Continuation lines stay inside their statement.
  { file: "kinds.sysd", line: "stores Order, OrderLine", token: "OrderLine", scope: "variable.other.sysd" },
  { file: "lexical.sysd", line: "2GB", token: "GB", scope: "keyword.other.unit.sysd" },
];

describe("TextMate grammar", () => {
  it("is a grammar for .sysd files", () => {
    const raw = JSON.parse(fs.readFileSync(grammarPath, "utf8")) as { scopeName: string; fileTypes: string[] };
    expect(raw.scopeName).toBe("source.sysd");
    expect(raw.fileTypes).toEqual(["sysd"]);
  });

  it.each(cases.map((c) => [`${c.file}: ${c.token} in ${c.line}`, c] as const))("%s", (_name, c) => {
    const file = fixture(c.file);
    const line = file.lines.find((l) => l.text.trim() === c.line.trim());
    expect(line, `line not found in ${c.file}: ${c.line}`).toBeDefined();
    const matches = line!.tokens.filter((t) => t.text.trim() === c.token);
    const token = matches[c.nth ?? 0];
    expect(
      token,
      `token ${JSON.stringify(c.token)} not found; tokens: ${JSON.stringify(line!.tokens.map((t) => t.text))}`,
    ).toBeDefined();
    const scopes = token!.scopes.join(" ");
    expect(scopes).toContain(c.scope);
    if (c.not) expect(scopes).not.toContain(c.not);
  });

  const validFixtures = fs.readdirSync(validDir).filter((name) => name.endsWith(".sysd")).sort();

  it("has valid fixtures to tokenize", () => {
    expect(validFixtures.length).toBeGreaterThan(10);
  });

  it.each(validFixtures)("tokenizes %s completely, with no invalid scope and every block closed", (name) => {
    const file = fixture(name);
    expect(file.stoppedEarly).toBe(false);
    for (const [index, line] of file.lines.entries()) {
      const covered = line.tokens.map((t) => t.text).join("");
      expect(covered, `line ${index + 1} is not covered by its tokens`).toBe(line.text);
      for (const token of line.tokens) {
        const invalid = token.scopes.find((s) => s.startsWith("invalid"));
        expect(invalid, `${name}:${index + 1}: ${JSON.stringify(token.text)} is ${invalid}`).toBeUndefined();
      }
    }
    expect(file.endDepth, "a begin/end rule is still open at the end of the file").toBe(1);
  });

  describe("marks what the compiler rejects", () => {
    // Error fixtures whose first diagnostic is lexical: the grammar alone can see it.
    const lexicalErrors = [
      "bad_unicode_escape",
      "misplaced_underscore",
      "money_with_unit",
      "name_starts_with_digit",
      "percent_after_unit",
      "unexpected_at",
      "unexpected_hash",
      "unknown_escape",
      "unknown_metric_unit",
      "unknown_unit",
      "unterminated_string",
    ];
    it.each(lexicalErrors)("errors/%s.sysd: an invalid scope on the line of the first diagnostic", (name) => {
      const dir = path.join(root, "test", "fixtures", "errors");
      const first = fs.readFileSync(path.join(dir, `${name}.diagnostics.txt`), "utf8").split("\n")[0]!;
      const lineNumber = Number(/^[^:]+:(\d+):\d+:/.exec(first)?.[1]);
      expect(lineNumber, first).toBeGreaterThan(0);
      const { lines } = tokenize(fs.readFileSync(path.join(dir, `${name}.sysd`), "utf8"));
      const line = lines[lineNumber - 1]!;
      const invalid = line.tokens.filter((t) => t.scopes.some((s) => s.startsWith("invalid.illegal")));
      expect(invalid.length, `${first}\n${JSON.stringify(line.tokens)}`).toBeGreaterThan(0);
    });

    function scopesOf(text: string, token: string): string {
      const { lines } = tokenize(text);
      const found = lines.flatMap((l) => l.tokens).find((t) => t.text.trim() === token);
      expect(found, `token ${token} in ${text}`).toBeDefined();
      return found!.scopes.join(" ");
    }

    it.each([
      ['description "a \\q b"', "\\q", "invalid.illegal.escape.sysd"],
      ['description "a \\u{zz} b"', "\\u{", "invalid.illegal.escape.sysd"],
      ["timeout 5mins", "mins", "invalid.illegal.unit.sysd"],
      ["weird # thing", "#", "invalid.illegal.character.sysd"],
      ["x = 3", "=", "invalid.illegal.character.sysd"],
    ])("%s: %s", (text, token, scope) => {
      expect(scopesOf(text, token)).toContain(scope);
    });

    it("keeps keyword lookalikes in their places", () => {
      expect(scopesOf('alert "ops"', "alert")).toContain("support.type.property-name.sysd");
      expect(scopesOf("component Settings", "component")).toContain("storage.type.component.sysd");
      expect(scopesOf("/* note */ component B", "component")).toContain("storage.type.component.sysd");
      expect(scopesOf("tiers 1x, 10x", "tiers")).toContain("support.type.property-name.sysd");
    });
  });
});

describe("TextMate grammar with a markdown grammar loaded", () => {
  it("colors markdown inside triple-quoted strings and still ends them at `\"\"\"`", async () => {
    // A stand-in for VS Code's markdown grammar: only its `#inline` rules are used.
    const markdown = {
      scopeName: "text.html.markdown",
      patterns: [{ include: "#inline" }],
      repository: {
        inline: {
          patterns: [
            { match: "\\*\\*[^*]+\\*\\*", name: "markup.bold.markdown" },
            { match: "`[^`]+`", name: "markup.inline.raw.string.markdown" },
          ],
        },
      },
    };
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName === "source.sysd") return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath);
        if (scopeName === "text.html.markdown") return vsctm.parseRawGrammar(JSON.stringify(markdown), "markdown.json");
        return null;
      },
    });
    const withMarkdown = await registry.loadGrammar("source.sysd");
    let stack: vsctm.StateStack = vsctm.INITIAL;
    const text = 'context """\n  Some **bold** and `code`.\n"""\nstatus draft\n';
    const lines = text.split("\n").map((line) => {
      const result = withMarkdown!.tokenizeLine(line, stack);
      stack = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.join(" ") }));
    });
    const bold = lines[1]!.find((t) => t.text === "**bold**");
    expect(bold?.scopes).toContain("markup.bold.markdown");
    expect(bold?.scopes).toContain("meta.embedded.block.markdown");
    expect(lines[1]!.find((t) => t.text === "`code`")?.scopes).toContain("markup.inline.raw.string.markdown");
    expect(lines[2]![0]!.scopes).toContain("punctuation.definition.string.end.sysd");
    expect(lines[3]!.find((t) => t.text === "status")?.scopes).toContain("support.type.property-name.sysd");
    expect(stack.depth).toBe(1);
  });
});

describe("language configuration", () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, "grammar", "language-configuration.json"), "utf8")) as {
    comments: { lineComment: string; blockComment: [string, string] };
    autoClosingPairs: { open: string; close: string }[];
    folding: { markers: { start: string; end: string } };
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    wordPattern: string;
  };

  it("declares the comments and closes quotes and triple quotes", () => {
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    const opens = config.autoClosingPairs.map((p) => p.open);
    expect(opens).toEqual(expect.arrayContaining(["{", "[", "(", '"', '"""']));
  });

  it("folds and indents on braces and triple quotes, not inside strings or comments", () => {
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ["system S \"T\" {", "  component A : aws.S3 {   // note", '  overview """', "  technology {"]) {
      expect(start.test(line), line).toBe(true);
      expect(increase.test(line), line).toBe(true);
    }
    for (const line of [
      '  component A { technology "Go" }',
      '  description "a {"',
      '  context """One line."""',
      '  """',
      "  // a comment {",
    ]) {
      expect(increase.test(line), line).toBe(false);
    }
    for (const line of ['  component A { technology "Go" }', '  description "a {"', '  context """One line."""', '  """']) {
      expect(start.test(line), line).toBe(false);
    }
    for (const line of ["  }", "}[]", '  """', "  ]"]) expect(decrease.test(line), line).toBe(true);
    for (const line of ["  }", '    """']) expect(end.test(line), line).toBe(true);
  });

  it("selects numbers with their units as one word", () => {
    const word = new RegExp(`^(?:${config.wordPattern})$`);
    for (const text of ["5min", "$0.50", "99.9%", "1_000", "processing_time", "10k"]) expect(word.test(text), text).toBe(true);
  });
});
