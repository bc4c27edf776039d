/**
 * A generator of valid `.sysd` files in messy layouts, for the formatter's
 * property tests: random indentation and spacing, statements joined by `;`,
 * blank lines, line breaks after continuation tokens and inside brackets,
 * every spelling of quantities and strings, and comments everywhere a
 * comment may go — on lines of their own, at the ends of lines, between
 * the words of a statement and after a token that continues the line.
 *
 * It is deterministic in its seed. The files are syntactically valid; their
 * meaning need not be (an unknown name is fine: the model and diagnostics
 * are compared before and after formatting, whatever they are).
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tokens after which a line break continues the statement (spec §1). */
const CONTINUES = new Set([",", "->", "(", "[", "|", "+", "-", "*", "/", "{"]);

const COMMENT_WORDS = ["note", "trailing spaces  ", "TODO: check", "why: cost", "é ü 😀", "a // b", "x /* y", "", "--", "*", "tab\there"];

class Gen {
  private readonly random: () => number;
  private counter = 0;

  constructor(seed: number, private readonly messiness: number) {
    this.random = mulberry32(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  chance(p: number): boolean {
    return this.random() < p * this.messiness;
  }

  /** A probability that does not scale with messiness. */
  maybe(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private tag(): string {
    return `c${++this.counter}`;
  }

  lineComment(): string {
    return `// ${this.tag()} ${this.pick(COMMENT_WORDS)}`;
  }

  blockComment(): string {
    const words = this.pick(COMMENT_WORDS).replace(/\*\//g, "* /");
    if (this.chance(0.2)) return `/* ${this.tag()}\n   ${words}\n*/`;
    return `/* ${this.tag()} ${words} */`;
  }

  indentText(): string {
    if (this.chance(0.3)) return this.pick(["", " ", "\t", "     ", "        "]);
    return "  ";
  }

  /** White space between two words on one line, maybe with a block comment. */
  space(): string {
    if (this.chance(0.08)) return ` ${this.blockComment()} `;
    if (this.chance(0.15)) return this.pick(["  ", "\t", "   ", " \t "]);
    return " ";
  }

  /** A line break (with maybe a `//` comment before it) and the next line's indentation. */
  lineBreak(): string {
    const comment = this.chance(0.3) ? ` ${this.lineComment()}` : "";
    const blank = this.chance(0.1) ? "\n" : "";
    return `${comment}\n${blank}${this.indentText()}${this.indentText()}`;
  }

  /**
   * Joins the tokens of one statement: a space between words, and after a
   * token that continues the line (or inside `( )` and `[ ]`) sometimes a
   * line break.
   */
  join(tokens: string[]): string {
    let out = "";
    let depth = 0;
    tokens.forEach((token, i) => {
      if (i > 0) {
        const previous = tokens[i - 1]!;
        const canBreak = CONTINUES.has(previous) || depth > 0;
        out += canBreak && this.chance(0.15) ? this.lineBreak() : this.space();
      }
      out += token;
      if (token === "(" || token === "[") depth++;
      if (token === ")" || token === "]") depth--;
    });
    return out;
  }

  /** Comments on lines of their own and blank lines, before a statement. */
  leading(indent: string): string {
    let out = "";
    if (this.chance(0.15)) out += "\n";
    const count = this.chance(0.2) ? 1 + this.int(2) : 0;
    for (let i = 0; i < count; i++) {
      out += `${indent}${this.chance(0.6) ? this.lineComment() : this.blockComment()}\n`;
      if (this.chance(0.1)) out += "\n";
    }
    return out;
  }

  /** A comment at the end of a statement's line. */
  trailing(): string {
    if (!this.chance(0.2)) return "";
    return ` ${this.chance(0.6) ? this.lineComment() : this.blockComment()}`;
  }

  /**
   * A `{ ... }` block of statements: on one line (`;` between them) or over
   * several, with comments and blank lines around the statements.
   */
  block(statements: string[], depth: number): string {
    const indent = "  ".repeat(depth + 1);
    if (statements.length <= 3 && this.maybe(0.25) && statements.every((s) => !s.includes("\n") && !s.includes("//"))) {
      if (statements.length === 0) return this.pick(["{}", "{ }"]);
      const inner = statements.map((s, i) => (i > 0 && this.chance(0.2) ? ` ${this.blockComment()} ${s}` : s));
      return `{ ${inner.join(this.pick(["; ", " ; ", ";"]))} }`;
    }
    let out = "{";
    if (this.chance(0.15)) out += ` ${this.chance(0.5) ? this.lineComment() : this.blockComment()}`;
    out += "\n";
    let lineEndsInComment = true;
    statements.forEach((statement) => {
      if (!lineEndsInComment && this.chance(0.1)) {
        // Two statements on one line need `;` between them.
        out = out.replace(/\n$/, "");
        out += `${this.pick(["; ", ";", " ; "])}${statement}\n`;
        return;
      }
      out += this.leading(indent);
      const trail = this.trailing();
      lineEndsInComment = trail.includes("//");
      out += `${this.chance(0.2) ? this.indentText() : indent}${statement}${trail}\n`;
    });
    if (this.chance(0.15)) out += `${indent}${this.chance(0.5) ? this.lineComment() : this.blockComment()}\n`;
    out += `${"  ".repeat(depth)}}`;
    return out;
  }

  /** Items of an inline record or an enum: commas or line breaks between them. */
  items(items: string[]): string {
    if (items.length === 0) return "{}";
    if (this.maybe(0.6)) return `{ ${items.map((item, i) => (i > 0 && this.chance(0.1) ? `${this.blockComment()} ${item}` : item)).join(", ")} }`;
    let out = "{";
    items.forEach((item, i) => {
      if (i === 0) {
        out += this.maybe(0.5) ? " " : `${this.chance(0.2) ? ` ${this.lineComment()}` : ""}\n    `;
      } else if (this.maybe(0.5)) {
        out += `,${this.chance(0.3) ? this.lineBreak() : " "}`;
      } else {
        out += `${this.chance(0.3) ? ` ${this.lineComment()}` : ""}\n${this.chance(0.1) ? "\n" : ""}    `;
      }
      out += item;
    });
    out += this.maybe(0.5) ? " }" : `${this.trailing()}\n  }`;
    return out;
  }

  // ── values ─────────────────────────────────────────────────────────

  string(): string {
    const pieces = ["upload", "a \"quoted\" word", "back\\slash", "tab\t", "line\nbreak", "é", "😀", "// not a comment", "/* nor this */", "{id}", " spaced ", "$5", "50%", ""];
    const value = Array.from({ length: 1 + this.int(3) }, () => this.pick(pieces)).join(" ");
    let out = '"';
    for (const ch of value) {
      if (ch === '"') out += '\\"';
      else if (ch === "\\") out += "\\\\";
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += this.maybe(0.5) ? "\\t" : "\t";
      else if (ch.codePointAt(0)! > 0x7f && this.maybe(0.3)) out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
      else out += ch;
    }
    return `${out}"`;
  }

  triple(indent: string): string {
    if (this.maybe(0.2)) return `"""${this.pick(["One line", "with \\raw escapes", "a \"quote\" inside", ""])}"""`;
    const inner = indent + this.pick(["  ", "    ", "\t", " "]);
    const lines = Array.from({ length: 1 + this.int(4) }, () => {
      if (this.maybe(0.15)) return "";
      return `${this.pick(["", "", "  ", "\t"])}${this.pick(["Some *markdown* text.", "- a list item", "\"quotes\", \\escapes\\ and // slashes", "ends with a quote\"", "trailing spaces  "])}`;
    });
    const first = this.maybe(0.2) ? lines.shift() ?? "" : "";
    const body = lines.map((l) => (l === "" ? (this.maybe(0.5) ? "" : inner) : inner + l)).join("\n");
    return `"""${first}\n${body}\n${indent}${this.pick(["", "  "])}"""`;
  }

  quantity(dimension: "time" | "data" | "money" | "count" | "percent" | "rate"): string {
    const space = (): string => (this.maybe(0.3) ? " " : "");
    const number = this.pick(["1", "5", "10", "250", "1_000", "0.5", "2.5", "1000"]);
    switch (dimension) {
      case "time":
        return `${number}${space()}${this.pick(["ms", "s", "min", "h", "day", "days"])}`;
      case "data":
        return `${number}${space()}${this.pick(["KB", "MB", "GB", "TB", "GiB"])}`;
      case "money":
        return `$${space()}${number}`;
      case "count":
        return `${number}${this.pick(["", "", "k", " k", "M"])}`;
      case "percent":
        return `${this.pick(["99.9", "70", "5"])}${space()}%`;
      case "rate":
        return this.pick([`${number}/day`, `${number} / day`, `${number}/s`, `1/5min`, `${number}/ 5 min`]);
    }
  }
}

/** A valid `.sysd` text; `messiness` from 0 (tidy) up scales the random layout. */
export function generateMessyDesign(seed: number, messiness = 1): string {
  const g = new Gen(seed, messiness);
  const top: string[] = [];
  const leadingComment = g.chance(0.5) ? `${g.lineComment()}\n` : "";
  if (g.maybe(0.6)) top.push(g.join(["import", '"std/aws"']) + g.trailing());
  if (g.maybe(0.3)) top.push(g.join(["import", '"std/oss"', "as", "oss2"]) + g.trailing());
  if (g.maybe(0.4)) {
    const body = g.block([g.join(["technology", g.string()])], 0);
    top.push(g.join(["kind", "Custom", g.string(), ":", "service", body]));
  }
  if (g.maybe(0.3)) {
    top.push(g.join(["model", g.block([g.join(["entity", "Shared", g.items(["id: uuid [pk]", "name: string"])])], 0)]));
  }

  const d = 1;
  const ind = "  ";
  const members: string[] = [];
  const add = (p: number, make: () => string): void => {
    if (g.maybe(p)) members.push(make());
  };
  add(0.8, () => g.join(["owner", g.string()]));
  add(0.8, () => g.join(["status", g.pick(["draft", "review", "approved"])]));
  add(0.6, () => g.join(["overview", g.triple(ind)]));
  add(0.5, () => g.join(["scope", g.block([g.join(["in", g.string(), ",", g.string()]), g.join(["out", g.string()])], d)]));
  add(0.7, () => {
    const functional = g.block([g.join(["FR1", g.string()]), g.join(["FR2", g.string()])], d + 2);
    const targets = [
      ["uploads", ">=", g.quantity("rate")],
      ["availability", ">=", g.quantity("percent")],
      ["latency.p95", "<=", g.quantity("time")],
      ["cost.total", "/", "uploads", "<=", g.quantity("money")],
      ["Workers.instances", "<", "20"],
    ];
    const nonfunctional = g.block(
      targets.slice(0, 1 + g.int(targets.length)).map((t, i) =>
        g.join([`NFR${i + 1}${i === 2 ? "0" : ""}`, g.string(), ...(g.maybe(0.8) ? ["target", ...t] : [])]),
      ),
      d + 2,
    );
    const groups = [g.join(["functional", functional]), g.join(["nonfunctional", nonfunctional])];
    return g.join(["requirements", g.block(g.maybe(0.5) ? groups : groups.reverse(), d + 1)]);
  });
  const componentBody = (): string =>
    g.block(
      [
        g.join(["technology", g.string()]),
        g.join(["responsibilities", g.string(), ",", g.string(), ",", g.string()]),
        g.join(["handles", "uploads"]),
        g.join(["capacity", g.quantity("rate")]),
        g.join(["instances", "2", "..", "500"]),
        g.join(["scaling", g.block([g.join(["horizontal", g.string()])], d + 2)]),
        g.join(["properties", g.block([g.join(["timeout", g.quantity("time")]), g.join(["size", g.quantity("data")]), "warm_pool"], d + 2)]),
        g.join(["description", g.triple(ind + "  ")]),
      ].filter(() => g.maybe(0.5)),
      d + 1,
    );
  add(0.9, () => g.join(["component", "Client", ":", "client"]));
  add(0.9, () => g.join(["component", "Workers", g.string(), ":", "worker", componentBody()]));
  add(0.7, () => g.join(["component", "Storage", ":", g.pick(["aws.S3", "object_store"]), componentBody()]));
  add(0.5, () =>
    g.join(["boundary", "vpc", g.string(), g.block([g.join(["component", "Db", ":", "database", componentBody()]), g.join(["Workers", "->", "Db"])], d + 1)]),
  );
  add(0.8, () => g.join(["Client", "->", "Workers", g.string()]));
  add(0.6, () => g.join(["Workers", "->", "Storage", g.string(), g.block([g.join(["technology", g.string()]), "async"], d + 1)]));
  add(0.6, () =>
    g.join([
      "flow",
      "upload",
      g.string(),
      g.block(
        [
          g.join(["satisfies", "FR1", ",", "FR2"]),
          g.join(["Client", "->", "Workers", g.string()]),
          g.join(["Workers", ":", g.string()]),
          g.join(["description", g.string()]),
        ],
        d + 1,
      ),
    ]),
  );
  add(0.7, () => {
    const entity = g.join([
      "entity",
      "Upload",
      g.string(),
      g.items([
        g.join(["id", ":", "uuid", "[", "pk", "]"]),
        g.join(["size", ":", "int", g.string(), "[", "default", "0", ",", "index", "]"]),
        g.join(["status", ":", "Status"]),
        g.join(["tags?", ":", "string[]"]),
        g.join(["kind", ":", '"a"', "|", '"b"', "|", '"c"']),
        g.join(["lines", ":", g.items(["sku: string", "quantity: int [default 1]"]) + "[]"]),
        g.join(["limit", ":", "duration", "[", "default", g.quantity("time"), "]"]),
      ]),
    ]);
    return g.join(["model", g.block([g.join(["enum", "Status", g.items(["pending", "done", "failed"])]), entity], d + 1)]);
  });
  add(0.6, () =>
    g.join([
      "scaling",
      g.block(
        [
          g.join(["demand", "uploads", g.quantity("rate"), g.string()]),
          g.join(["utilization", g.quantity("percent")]),
          g.join(["tiers", "1x", ",", "10x", ",", "100 x"]),
          g.join(["tier", "10x", g.block([g.string(), g.string()], d + 2)]),
        ],
        d + 1,
      ),
    ]),
  );
  add(0.6, () =>
    g.join([
      "api",
      "Uploads",
      g.string(),
      g.block(
        [
          g.join(["served_by", "Workers"]),
          g.join(["base", '"/v1"']),
          g.join([
            "POST",
            "/uploads/{id}",
            g.string(),
            g.block(
              [
                g.join(["params", g.items(["id: uuid"])]),
                g.join(["request", g.items(["name: string", "size?: int"])]),
                g.join(["response", "201", "Upload"]),
                g.join(["errors", "400", ",", "404"]),
              ],
              d + 2,
            ),
          ]),
          g.join(["GET", "/uploads"]),
          g.join(["DELETE", "/uploads/{id}", g.string()]),
        ],
        d + 1,
      ),
    ]),
  );
  add(0.4, () => g.join(["webhook", "done", '"upload.done"', g.block([g.join(["from", "Workers"]), g.join(["payload", g.items(["id: uuid"])])], d + 1)]));
  add(0.6, () =>
    g.join([
      "cost",
      g.block(
        [
          g.join(["item", g.string(), g.quantity("money"), "/", "month"]),
          g.join(["item", g.string(), "(", g.quantity("money"), "+", g.quantity("money"), ")", "*", "Workers.instances"]),
          g.join(["budget", g.quantity("money"), "/", "month"]),
        ],
        d + 1,
      ),
    ]),
  );
  add(0.5, () =>
    g.join([
      "failure",
      "storage_down",
      g.string(),
      g.block([g.join(["affects", "Storage", ",", "Workers"]), g.join(["impact", g.string()]), g.join(["severity", "high"])], d + 1),
    ]),
  );
  add(0.5, () => g.join(["security", g.block([g.join(["control", g.string(), "on", "Storage"]), g.join(["control", g.string()])], d + 1)]));
  add(0.6, () =>
    g.join([
      "monitoring",
      g.block(
        [
          g.join(["metric", "latency", g.string(), "unit", "ms", "percentiles", "p50", ",", "p95"]),
          g.join(["metric", "queue_depth", "of", "Workers"]),
          g.join(["alert", "latency.p95", ">", g.quantity("time"), g.string(), "severity", "page", "for", g.quantity("time")]),
          g.join(["alert", "deep", "queue_depth", ">", g.pick(["1k", "1 k", "1_000"])]),
        ],
        d + 1,
      ),
    ]),
  );
  add(0.4, () =>
    g.join(["decision", "D1", g.string(), g.block([g.join(["status", "accepted"]), g.join(["context", g.triple(ind + "  ")]), g.join(["alternatives", g.string(), ",", g.string()])], d + 1)]),
  );
  add(0.4, () => g.join(["questions", g.block([g.join(["open", g.string()]), g.join(["resolved", g.string(), g.string()])], d + 1)]));
  add(0.2, () => g.join(["lint", g.block([g.join(["W301", "off"])], d + 1)]));

  top.push(g.join(["system", "Design", g.string(), g.block(members, 0)]));
  const separator = (): string => `\n${g.chance(0.5) ? "\n" : ""}${g.leading("")}`;
  const ending = g.chance(0.3) ? `\n${g.lineComment()}${g.maybe(0.5) ? "\n" : ""}` : "\n";
  return leadingComment + top.map((statement) => statement).join(separator()) + ending;
}
