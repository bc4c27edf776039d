import type * as A from "../syntax/ast.js";
import { indent, line, textWidth, trailing, verbatim, type Doc } from "./doc.js";
import type { Comment, Source } from "./source.js";
import { quote, tripleQuote } from "./strings.js";

/**
 * Prints a syntax tree in the canonical layout (see docs/language.md,
 * "Formatting"). The tree is walked in source order and the comments are
 * handed out in the same order by one cursor, so every comment comes out
 * once, in its place relative to the code around it.
 */

/** How members of a block are laid out on its lines. */
type BlockMode = "statements" | "items";
/** Where blank lines are put between members regardless of the author's. */
type BlankRule = "none" | "top" | "system" | "model";

interface Member {
  start: number;
  end: number;
  print(): Doc;
  /** For the blank-line rule: members of different categories are set apart. */
  category?: string;
  /** Printed with its own `{ }` block over several lines. */
  expanded?: boolean;
}

interface Row {
  parts: Doc[];
  blankBefore: boolean;
  /** The row ends in a `//` comment: nothing may follow on it. */
  closed: boolean;
}

export class Printer {
  private next = 0;
  /** Open `(` and `[` around the current point: any line break is allowed inside them. */
  depth = 0;

  constructor(
    readonly source: Source,
    private readonly comments: readonly Comment[],
  ) {}

  // ── the comment cursor ───────────────────────────────────────────────

  peek(): Comment | undefined {
    return this.comments[this.next];
  }

  pendingBefore(offset: number): boolean {
    const c = this.comments[this.next];
    return c !== undefined && c.start < offset;
  }

  take(): Comment {
    return this.comments[this.next++]!;
  }

  // ── file ─────────────────────────────────────────────────────────────

  file(ast: A.SourceFile): Doc {
    const members: Member[] = [
      ...ast.imports.map((i) => this.member(i, "import", () => this.importStatement(i))),
      ...ast.members.map((m) => this.topMember(m)),
    ].sort((a, b) => a.start - b.start);
    const rows = this.rows(0, this.source.text.length, members, "statements", "top");
    if (rows.length === 0) return "";
    return [joinRows(rows), line];
  }

  private member(node: A.Node, category: string, print: () => Doc, expanded = false): Member {
    return { start: node.span.offset, end: node.span.endOffset, print, category, expanded };
  }

  private topMember(m: A.TopLevelMember): Member {
    switch (m.type) {
      case "Kind":
        return this.member(m, "kind", () => this.kindDecl(m), this.expanded(this.kindBlock(m)));
      case "Model":
        return this.member(m, "model", () => this.modelBlock(m), this.expanded(this.keywordBlock(m, "model")));
      case "System":
        return this.member(m, "system", () => this.systemDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
    }
  }

  // ── blocks ───────────────────────────────────────────────────────────

  private expanded(range: BlockRange | undefined): boolean {
    return range !== undefined && this.source.hasLineBreak(range.open, range.close) && !this.source.isBlank(range.open + 1, range.close);
  }

  /**
   * A `{ ... }` block. Written on one line, it stays on one line, members
   * separated by `; ` (statements) or `, ` (items); otherwise each statement
   * gets a line of its own, and items stay on the lines the author put them.
   */
  block(range: BlockRange, members: Member[], mode: BlockMode, blankRule: BlankRule = "none"): Doc {
    const { open, close } = range;
    if (!this.source.hasLineBreak(open, close)) return this.oneLineBlock(close, members, mode);
    const head: Doc[] = ["{"];
    // Comments on the line of the `{` stay there.
    let prevEnd = open + 1;
    const limit = members[0]?.start ?? close;
    while (this.pendingBefore(limit) && !this.source.hasLineBreak(prevEnd, this.peek()!.start)) {
      const c = this.take();
      head.push(trailingComment(c));
      prevEnd = c.end;
      if (c.isLine) break;
    }
    const rows = this.rows(prevEnd, close, members, mode, blankRule);
    if (rows.length === 0) return head.length === 1 ? "{}" : [head, line, "}"];
    return [head, indent([line, joinRows(rows)]), line, "}"];
  }

  private oneLineBlock(close: number, members: Member[], mode: BlockMode): Doc {
    const parts: Doc[] = ["{"];
    const separator = mode === "statements" ? ";" : ",";
    let empty = true;
    members.forEach((m, i) => {
      if (i > 0) parts.push(separator);
      while (this.pendingBefore(m.start)) parts.push(" ", verbatim(this.take().text));
      parts.push(" ", m.print());
      empty = false;
    });
    while (this.pendingBefore(close)) {
      parts.push(" ", verbatim(this.take().text));
      empty = false;
    }
    parts.push(empty ? "}" : " }");
    return parts;
  }

  /** The lines of a block's body (or of the file), comments included. */
  private rows(start: number, close: number, members: Member[], mode: BlockMode, blankRule: BlankRule): Row[] {
    const rows: Row[] = [];
    let row: Row | undefined;
    let prevEnd = start;
    const newRow = (blank: boolean): Row => {
      row = { parts: [], blankBefore: blank && rows.length > 0, closed: false };
      rows.push(row);
      return row;
    };
    /** Comments before `until` that start on lines of their own (or follow one on its line). */
    const leading = (until: number, forceBlank: boolean): boolean => {
      let first = true;
      while (this.pendingBefore(until)) {
        const c = this.take();
        const breaks = this.source.lineBreaks(prevEnd, c.start);
        if (row && breaks === 0 && !row.closed) {
          row.parts.push(" ", c.isLine ? c.text : verbatim(c.text));
        } else {
          newRow(breaks >= 2 || (first && forceBlank)).parts.push(c.isLine ? c.text : verbatim(c.text));
        }
        if (c.isLine) row!.closed = true;
        prevEnd = c.end;
        first = false;
      }
      return first;
    };

    let joinNext = false;
    members.forEach((m, i) => {
      const previous = members[i - 1];
      if (!joinNext) {
        row = undefined;
        const forceBlank = previous !== undefined && this.forceBlank(previous, m, blankRule);
        const noComments = leading(m.start, forceBlank);
        const breaks = this.source.lineBreaks(prevEnd, m.start);
        if (row !== undefined && breaks === 0 && !(row as Row).closed) {
          (row as Row).parts.push(" ");
        } else {
          newRow(breaks >= 2 || (noComments && forceBlank));
        }
      } else {
        // Items on one line: `a, /* c */ b`.
        while (this.pendingBefore(m.start)) row!.parts.push(" ", verbatim(this.take().text));
        row!.parts.push(" ");
      }
      const current = row!;
      current.parts.push(m.print());
      // Comments inside the member that could not be placed in it.
      const leftovers: Comment[] = [];
      let sawLine = false;
      while (!sawLine && this.pendingBefore(m.end)) {
        const c = this.take();
        leftovers.push(c);
        sawLine = c.isLine;
      }
      prevEnd = leftovers.length > 0 ? Math.max(m.end, leftovers[leftovers.length - 1]!.end) : m.end;
      const next = members[i + 1];
      joinNext =
        mode === "items" &&
        next !== undefined &&
        !sawLine &&
        !this.pendingBefore(m.end) &&
        !this.source.hasLineBreak(m.end, next.start);
      if (joinNext) {
        for (const c of leftovers) current.parts.push(" ", verbatim(c.text));
        current.parts.push(",");
        return;
      }
      for (const c of leftovers) current.parts.push(trailingComment(c));
      if (sawLine) {
        current.closed = true;
        return;
      }
      // Comments after the member on its last line.
      const limit = next?.start ?? close;
      while (this.pendingBefore(limit) && !this.source.hasLineBreak(prevEnd, this.peek()!.start)) {
        const c = this.take();
        current.parts.push(trailingComment(c));
        prevEnd = c.end;
        if (c.isLine) {
          current.closed = true;
          break;
        }
      }
    });
    row = undefined;
    leading(close, false);
    return rows;
  }

  private forceBlank(previous: Member, next: Member, rule: BlankRule): boolean {
    switch (rule) {
      case "none":
        return false;
      case "model":
        return previous.expanded === true || next.expanded === true;
      case "top":
      case "system":
        return previous.expanded === true || next.expanded === true || previous.category !== next.category;
    }
  }

  // ── where blocks are ─────────────────────────────────────────────────

  /** The `{` after `from` up to the node's closing `}`, when the node ends in a block. */
  private afterHead(node: A.Node, ...head: (A.Node | undefined)[]): BlockRange | undefined {
    let from = node.span.offset;
    for (const part of head) if (part) from = Math.max(from, part.span.endOffset);
    if (node.span.endOffset <= from) return undefined;
    const close = node.span.endOffset - 1;
    if (this.source.text[close] !== "}") return undefined;
    const open = this.source.find("{", from, close);
    return open < 0 ? undefined : { open, close };
  }

  private keywordBlock(node: A.Node, keyword: string): BlockRange | undefined {
    return this.afterHead(node, { span: { ...node.span, endOffset: node.span.offset + keyword.length } });
  }

  private kindBlock(m: A.KindDecl): BlockRange | undefined {
    return this.afterHead(m, m.name, m.title, m.base);
  }

  // ── declarations ─────────────────────────────────────────────────────

  private importStatement(m: A.Import): Doc {
    const s = this.seq("import");
    s.gap(m.span.offset + 6, m.path.span.offset, true).add(this.string(m.path));
    if (m.alias) s.gap(m.path.span.endOffset, m.alias.span.offset, true).add("as").gap(m.path.span.endOffset, m.alias.span.offset, true).add(m.alias.name);
    return s.doc();
  }

  private kindDecl(m: A.KindDecl): Doc {
    const s = this.seq("kind");
    let end = this.head(s, m.span.offset + 4, m.name, m.title);
    if (m.base) {
      s.space();
      s.add(":");
      s.gap(end, m.base.span.offset, true).add(m.base.text);
      end = m.base.span.endOffset;
    }
    this.propertyBlockOf(s, end, this.kindBlock(m), m.properties);
    return s.doc();
  }

  private systemDecl(m: A.SystemDecl): Doc {
    const s = this.seq("system");
    const end = this.head(s, m.span.offset + 6, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) s.gap(end, range.open, true).addDoc(this.block(range, this.systemMembers(m.members), "statements", "system"));
    return s.doc();
  }

  private systemMembers(members: A.SystemMember[]): Member[] {
    return members.map((m) => this.systemMember(m));
  }

  private systemMember(m: A.SystemMember): Member {
    switch (m.type) {
      case "Component":
        return this.member(m, "component", () => this.componentDecl(m), this.expanded(this.componentBlock(m)));
      case "Boundary":
        return this.member(m, "component", () => this.boundaryDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
      case "Connection":
        return this.member(m, "connection", () => this.connection(m), this.expanded(this.connectionBlock(m)));
      case "Property":
        return this.member(m, "property", () => this.property(m), this.expanded(this.propertyBlockRange(m)));
      case "Flow":
        return this.member(m, m.type, () => this.flowDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
      case "Model":
        return this.member(m, m.type, () => this.modelBlock(m), this.expanded(this.keywordBlock(m, "model")));
      case "Requirements":
        return this.member(m, m.type, () => this.requirementsBlock(m), this.expanded(this.keywordBlock(m, "requirements")));
      case "Scaling":
        return this.member(m, m.type, () => this.scalingBlock(m), this.expanded(this.keywordBlock(m, "scaling")));
      case "Api":
        return this.member(m, m.type, () => this.apiDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
      case "Webhook":
        return this.member(m, m.type, () => this.webhookDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
      case "Cost":
        return this.member(m, m.type, () => this.costBlock(m), this.expanded(this.keywordBlock(m, "cost")));
      case "Failure":
        return this.member(m, m.type, () => this.failureDecl(m), this.expanded(this.failureBlock(m)));
      case "Security":
        return this.member(m, m.type, () => this.securityBlock(m), this.expanded(this.keywordBlock(m, "security")));
      case "Monitoring":
        return this.member(m, m.type, () => this.monitoringBlock(m), this.expanded(this.keywordBlock(m, "monitoring")));
      case "Decision":
        return this.member(m, m.type, () => this.decisionDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
      case "View":
        return this.member(m, m.type, () => this.viewDecl(m), this.expanded(this.afterHead(m, m.name, m.title)));
    }
  }

  /** `Name "Title"` after a keyword; returns the end of what was printed. */
  private head(s: Seq, keywordEnd: number, name: A.Identifier | undefined, title: A.StringLiteral | undefined): number {
    let end = keywordEnd;
    if (name) {
      s.gap(end, name.span.offset, true).add(name.name);
      end = name.span.endOffset;
    }
    if (title) {
      s.gap(end, title.span.offset, true).add(this.string(title));
      end = title.span.endOffset;
    }
    return end;
  }

  private componentBlock(m: A.ComponentDecl): BlockRange | undefined {
    return this.afterHead(m, m.name, m.title, m.kind);
  }

  private componentDecl(m: A.ComponentDecl): Doc {
    const s = this.seq("component");
    let end = this.head(s, m.span.offset + 9, m.name, m.title);
    if (m.kind) {
      s.space();
      s.add(":");
      s.gap(end, m.kind.span.offset, true).add(m.kind.text);
      end = m.kind.span.endOffset;
    }
    this.propertyBlockOf(s, end, this.componentBlock(m), m.properties);
    return s.doc();
  }

  private boundaryDecl(m: A.BoundaryDecl): Doc {
    const s = this.seq("boundary");
    const end = this.head(s, m.span.offset + 8, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) s.gap(end, range.open, true).addDoc(this.block(range, this.systemMembers(m.members), "statements", "system"));
    return s.doc();
  }

  private connectionBlock(m: A.Connection): BlockRange | undefined {
    return this.afterHead(m, m.to, m.label);
  }

  private connection(m: A.Connection): Doc {
    const s = new Seq(this);
    s.add(m.from.name).space();
    s.add("->", true).gap(m.from.span.endOffset, m.to.span.offset, true, true).add(m.to.name);
    let end = m.to.span.endOffset;
    if (m.label) {
      s.gap(end, m.label.span.offset, true).add(this.string(m.label));
      end = m.label.span.endOffset;
    }
    this.propertyBlockOf(s, end, this.connectionBlock(m), m.properties);
    return s.doc();
  }

  private propertyBlockOf(s: Seq, end: number, range: BlockRange | undefined, properties: A.Property[]): void {
    if (!range) return;
    s.gap(end, range.open, true).addDoc(this.block(range, properties.map((p) => this.propertyMember(p)), "statements"));
  }

  private propertyMember(p: A.Property): Member {
    return this.member(p, "property", () => this.property(p));
  }

  private propertyBlockRange(p: A.Property): BlockRange | undefined {
    if (p.block === undefined) return undefined;
    return this.afterHead(p, p.key, ...p.values);
  }

  property(p: A.Property): Doc {
    const s = new Seq(this);
    s.add(p.key.name);
    let end = p.key.span.endOffset;
    p.values.forEach((value, i) => {
      if (i > 0 && this.source.hasComma(end, value.span.offset)) {
        s.add(",", true).gap(end, value.span.offset, true, true);
      } else {
        s.gap(end, value.span.offset, true);
      }
      this.value(s, value);
      end = value.span.endOffset;
    });
    const range = this.propertyBlockRange(p);
    if (range && p.block) {
      s.gap(end, range.open, true).addDoc(this.block(range, p.block.map((q) => this.propertyMember(q)), "statements"));
    }
    return s.doc();
  }

  // ── values and expressions ───────────────────────────────────────────

  string(literal: A.StringLiteral): string {
    return quote(literal.value);
  }

  private value(s: Seq, value: A.Value): void {
    switch (value.type) {
      case "String":
        if (value.triple) {
          const written = this.source.text.slice(value.span.offset, value.span.endOffset);
          s.addDoc(tripleQuote(value.value, !/[\r\n]/.test(written)), '"');
        } else {
          s.add(this.string(value));
        }
        return;
      case "Range":
        this.expression(s, value.min);
        s.add("..");
        s.gap(value.min.span.endOffset, value.max.span.offset, false);
        this.expression(s, value.max);
        return;
      default:
        this.expression(s, value);
    }
  }

  expression(s: Seq, e: A.Expression): void {
    switch (e.type) {
      case "Quantity":
        s.add(quantityText(e));
        return;
      case "Reference":
        s.add(e.name.text);
        return;
      case "Negation":
        s.add("-", true).gap(e.span.offset + 1, e.operand.span.offset, false, true);
        this.expression(s, e.operand);
        return;
      case "Parenthesized": {
        s.add("(", true);
        this.depth++;
        s.gap(e.span.offset + 1, e.inner.span.offset, false);
        this.expression(s, e.inner);
        s.gap(e.inner.span.endOffset, e.span.endOffset - 1, false);
        this.depth--;
        s.add(")");
        return;
      }
      case "Binary": {
        this.expression(s, e.left);
        const tight = e.operator === "/" && e.right.type === "Quantity" && rightmost(e.left).type === "Quantity";
        if (!tight) s.space();
        s.add(e.operator, true).gap(e.left.span.endOffset, e.right.span.offset, !tight, true);
        this.expression(s, e.right);
        return;
      }
    }
  }

  private comparison(s: Seq, c: A.Comparison): void {
    this.expression(s, c.left);
    s.space();
    s.add(c.operator).gap(c.left.span.endOffset, c.right.span.offset, true);
    this.expression(s, c.right);
  }

  // ── flows ────────────────────────────────────────────────────────────

  private flowDecl(m: A.FlowDecl): Doc {
    const s = this.seq("flow");
    const end = this.head(s, m.span.offset + 4, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) {
      const members = m.members.map((f): Member => {
        switch (f.type) {
          case "FlowMessage":
            return this.member(f, f.type, () => this.flowMessage(f));
          case "FlowStep":
            return this.member(f, f.type, () => this.flowStep(f));
          case "Satisfies":
            return this.member(f, f.type, () => {
              const seq = this.seq("satisfies");
              this.nameList(seq, f.span.offset + 9, f.requirements);
              return seq.doc();
            });
          case "Property":
            return this.propertyMember(f);
        }
      });
      s.gap(end, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private flowMessage(m: A.FlowMessage): Doc {
    const s = new Seq(this);
    s.add(m.from.name).space();
    s.add("->", true).gap(m.from.span.endOffset, m.to.span.offset, true, true).add(m.to.name);
    if (m.text) s.gap(m.to.span.endOffset, m.text.span.offset, true).add(this.string(m.text));
    return s.doc();
  }

  private flowStep(m: A.FlowStep): Doc {
    const s = new Seq(this);
    s.add(m.at.name).add(":").gap(m.at.span.endOffset, m.text.span.offset, true).add(this.string(m.text));
    return s.doc();
  }

  /** `A, B, C` after a keyword ending at `end`; a line break after a comma is kept. */
  private nameList(s: Seq, end: number, names: A.Identifier[]): number {
    names.forEach((name, i) => {
      if (i > 0) s.add(",", true);
      s.gap(end, name.span.offset, true, i > 0).add(name.name);
      end = name.span.endOffset;
    });
    return end;
  }

  // ── requirements ─────────────────────────────────────────────────────

  private requirementsBlock(m: A.RequirementsBlock): Doc {
    const s = this.seq("requirements");
    const range = this.keywordBlock(m, "requirements");
    if (range) {
      const members = m.groups.map((g) => this.member(g, g.type, () => this.requirementGroup(g)));
      s.gap(m.span.offset + 12, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private requirementGroup(g: A.RequirementGroup): Doc {
    const s = new Seq(this);
    s.add(g.keyword.name);
    const range = this.afterHead(g, g.keyword);
    if (range) {
      // In a group written over several lines the texts and the targets line up.
      const aligned = this.source.hasLineBreak(range.open, range.close);
      const idWidth = aligned ? maxOf(g.requirements.map((r) => textWidth(r.id.name))) : 0;
      const targetColumn = aligned
        ? maxOf(g.requirements.filter((r) => r.target).map((r) => idWidth + 1 + textWidth(this.string(r.text))))
        : 0;
      const members = g.requirements.map((r) => this.member(r, r.type, () => this.requirement(r, idWidth, targetColumn)));
      s.gap(g.keyword.span.endOffset, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private requirement(r: A.Requirement, idWidth: number, targetColumn: number): Doc {
    const s = new Seq(this);
    const text = this.string(r.text);
    s.add(r.id.name).gap(r.id.span.endOffset, r.text.span.offset, true).pad(idWidth - textWidth(r.id.name)).add(text);
    if (r.target) {
      const column = Math.max(idWidth, textWidth(r.id.name)) + 1 + textWidth(text);
      s.gap(r.text.span.endOffset, r.target.keywordSpan.offset, true).pad(targetColumn - column).add("target");
      s.gap(r.target.keywordSpan.endOffset, r.target.comparison.span.offset, true);
      this.comparison(s, r.target.comparison);
    }
    return s.doc();
  }

  // ── data model ───────────────────────────────────────────────────────

  private modelBlock(m: A.ModelBlock): Doc {
    const s = this.seq("model");
    const range = this.keywordBlock(m, "model");
    if (range) {
      const members = m.members.map((d): Member => {
        if (d.type === "Enum") {
          const enumRange = this.afterHead(d, d.name);
          return this.member(d, d.type, () => this.enumDecl(d, enumRange), this.expanded(enumRange));
        }
        return this.member(d, d.type, () => this.entityDecl(d), this.expanded(this.recordRange(d)));
      });
      s.gap(m.span.offset + 5, range.open, true).addDoc(this.block(range, members, "statements", "model"));
    }
    return s.doc();
  }

  private recordRange(d: A.EntityDecl): BlockRange | undefined {
    return this.afterHead(d, d.name, d.title);
  }

  private enumDecl(d: A.EnumDecl, range: BlockRange | undefined): Doc {
    const s = this.seq("enum");
    s.gap(d.span.offset + 4, d.name.span.offset, true).add(d.name.name);
    if (range) {
      const members = d.members.map((id) => this.member(id, "member", () => id.name));
      s.gap(d.name.span.endOffset, range.open, true).addDoc(this.block(range, members, "items"));
    }
    return s.doc();
  }

  private entityDecl(d: A.EntityDecl): Doc {
    const s = this.seq("entity");
    const end = this.head(s, d.span.offset + 6, d.name, d.title);
    const range = this.recordRange(d);
    if (range) s.gap(end, range.open, true).addDoc(this.fields(range, d.fields));
    return s.doc();
  }

  private fields(range: BlockRange, fields: A.Field[]): Doc {
    return this.block(range, fields.map((f) => this.member(f, f.type, () => this.field(f))), "items");
  }

  private field(f: A.Field): Doc {
    const s = new Seq(this);
    s.add(f.optional ? `${f.name.name}?` : f.name.name).add(":");
    s.gap(f.name.span.endOffset, f.valueType.span.offset, true);
    this.type(s, f.valueType);
    let end = f.valueType.span.endOffset;
    if (f.description) {
      s.gap(end, f.description.span.offset, true).add(this.string(f.description));
      end = f.description.span.endOffset;
    }
    const first = f.attributes[0];
    if (first) {
      s.gap(end, first.span.offset, true).add("[", true);
      this.depth++;
      f.attributes.forEach((a, i) => {
        if (i > 0) s.add(",", true);
        s.gap(end, a.span.offset, i > 0, i > 0);
        s.add(a.name.name);
        if (a.value) {
          s.gap(a.name.span.endOffset, a.value.span.offset, true);
          this.value(s, a.value);
        }
        end = a.span.endOffset;
      });
      s.gap(end, f.span.endOffset - 1, false);
      this.depth--;
      s.add("]");
    }
    return s.doc();
  }

  private type(s: Seq, t: A.TypeExpression): void {
    switch (t.type) {
      case "NamedType":
        s.add(t.name.text);
        return;
      case "RecordType":
        s.addDoc(this.fields({ open: t.span.offset, close: t.span.endOffset - 1 }, t.fields));
        return;
      case "UnionType": {
        let end = t.span.offset;
        t.options.forEach((o, i) => {
          if (i > 0) s.space().add("|", true).gap(end, o.span.offset, true, true);
          s.add(this.string(o));
          end = o.span.endOffset;
        });
        return;
      }
      case "ArrayType":
        this.type(s, t.element);
        s.add("[]");
        return;
    }
  }

  // ── scaling ──────────────────────────────────────────────────────────

  private scalingBlock(m: A.ScalingBlock): Doc {
    const s = this.seq("scaling");
    const range = this.keywordBlock(m, "scaling");
    if (range) {
      const members = m.members.map((d): Member => {
        switch (d.type) {
          case "Demand":
            return this.member(d, d.type, () => this.demand(d));
          case "TierNotes":
            return this.member(d, d.type, () => this.tierNotes(d));
          case "Property":
            return this.propertyMember(d);
        }
      });
      s.gap(m.span.offset + 7, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private demand(d: A.Demand): Doc {
    const s = this.seq("demand");
    s.gap(d.span.offset + 6, d.name.span.offset, true).add(d.name.name);
    s.gap(d.name.span.endOffset, d.rate.span.offset, true);
    this.expression(s, d.rate);
    if (d.title) s.gap(d.rate.span.endOffset, d.title.span.offset, true).add(this.string(d.title));
    return s.doc();
  }

  private tierNotes(d: A.TierNotes): Doc {
    const s = this.seq("tier");
    s.gap(d.span.offset + 4, d.multiplier.span.offset, true);
    this.expression(s, d.multiplier);
    const range = this.afterHead(d, d.multiplier);
    if (range) {
      const members = d.notes.map((n) => this.member(n, "note", () => this.string(n)));
      s.gap(d.multiplier.span.endOffset, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  // ── APIs ─────────────────────────────────────────────────────────────

  private apiDecl(m: A.ApiDecl): Doc {
    const s = this.seq("api");
    const end = this.head(s, m.span.offset + 3, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) {
      const members = m.members.map((e): Member =>
        e.type === "Endpoint" ? this.member(e, e.type, () => this.endpoint(e)) : this.propertyMember(e),
      );
      s.gap(end, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private endpoint(e: A.Endpoint): Doc {
    const s = new Seq(this);
    s.add(e.method).gap(e.methodSpan.endOffset, e.path.span.offset, true).add(e.path.value);
    let end = e.path.span.endOffset;
    if (e.title) {
      s.gap(end, e.title.span.offset, true).add(this.string(e.title));
      end = e.title.span.endOffset;
    }
    const range = this.afterHead(e, e.path, e.title);
    if (range) {
      const members = e.members.map((c): Member => {
        switch (c.type) {
          case "BodyClause":
            return this.member(c, c.type, () => this.bodyClause(c));
          case "Response":
            return this.member(c, c.type, () => {
              const seq = this.seq("response");
              seq.gap(c.span.offset + 8, c.status.span.offset, true).add(String(c.status.code));
              if (c.body) {
                seq.gap(c.status.span.endOffset, c.body.span.offset, true);
                this.type(seq, c.body);
              }
              return seq.doc();
            });
          case "Errors":
            return this.member(c, c.type, () => {
              const seq = this.seq("errors");
              let at = c.span.offset + 6;
              c.statuses.forEach((code, i) => {
                if (i > 0) seq.add(",", true);
                seq.gap(at, code.span.offset, true, i > 0).add(String(code.code));
                at = code.span.endOffset;
              });
              return seq.doc();
            });
          case "Property":
            return this.propertyMember(c);
        }
      });
      s.gap(end, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private bodyClause(c: A.BodyClause): Doc {
    const s = this.seq(c.clause);
    s.gap(c.span.offset + c.clause.length, c.body.span.offset, true);
    this.type(s, c.body);
    return s.doc();
  }

  private webhookDecl(m: A.WebhookDecl): Doc {
    const s = this.seq("webhook");
    const end = this.head(s, m.span.offset + 7, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) {
      const members = m.members.map((c): Member =>
        c.type === "BodyClause" ? this.member(c, c.type, () => this.bodyClause(c)) : this.propertyMember(c),
      );
      s.gap(end, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  // ── cost, failures, security ─────────────────────────────────────────

  private costBlock(m: A.CostBlock): Doc {
    const s = this.seq("cost");
    const range = this.keywordBlock(m, "cost");
    if (range) {
      // Consecutive `item` lines of a block over several lines have their amounts aligned.
      const aligned = this.source.hasLineBreak(range.open, range.close);
      const widths = new Map<A.CostItem, number>();
      let run: A.CostItem[] = [];
      const endRun = (): void => {
        const width = maxOf(run.map((i) => textWidth(this.string(i.label))));
        for (const item of run) widths.set(item, width);
        run = [];
      };
      for (const member of m.members) {
        if (member.type === "CostItem" && aligned) run.push(member);
        else endRun();
      }
      endRun();
      const members = m.members.map((c): Member => {
        switch (c.type) {
          case "CostItem":
            return this.member(c, c.type, () => {
              const seq = this.seq("item");
              const label = this.string(c.label);
              seq.gap(c.span.offset + 4, c.label.span.offset, true).add(label);
              seq.gap(c.label.span.endOffset, c.amount.span.offset, true).pad((widths.get(c) ?? 0) - textWidth(label));
              this.expression(seq, c.amount);
              return seq.doc();
            });
          case "Budget":
            return this.member(c, c.type, () => {
              const seq = this.seq("budget");
              seq.gap(c.keywordSpan.endOffset, c.amount.span.offset, true);
              this.expression(seq, c.amount);
              return seq.doc();
            });
          case "Property":
            return this.propertyMember(c);
        }
      });
      s.gap(m.span.offset + 4, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private failureBlock(m: A.FailureDecl): BlockRange | undefined {
    return this.afterHead(m, { span: { ...m.span, endOffset: m.span.offset + 7 } }, m.name, m.title);
  }

  private failureDecl(m: A.FailureDecl): Doc {
    const s = this.seq("failure");
    const end = this.head(s, m.span.offset + 7, m.name, m.title);
    this.propertyBlockOf(s, end, this.failureBlock(m), m.properties);
    return s.doc();
  }

  private securityBlock(m: A.SecurityBlock): Doc {
    const s = this.seq("security");
    const range = this.keywordBlock(m, "security");
    if (range) {
      const members = m.members.map((c): Member => {
        if (c.type === "Property") return this.propertyMember(c);
        return this.member(c, c.type, () => {
          const seq = this.seq("control");
          seq.gap(c.span.offset + 7, c.text.span.offset, true).add(this.string(c.text));
          if (c.on) {
            seq.gap(c.text.span.endOffset, c.on.span.offset, true).add("on");
            seq.gap(c.text.span.endOffset, c.on.span.offset, true).add(c.on.name);
          }
          return seq.doc();
        });
      });
      s.gap(m.span.offset + 8, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  // ── monitoring ───────────────────────────────────────────────────────

  private monitoringBlock(m: A.MonitoringBlock): Doc {
    const s = this.seq("monitoring");
    const range = this.keywordBlock(m, "monitoring");
    if (range) {
      const members = m.members.map((c): Member => {
        switch (c.type) {
          case "Metric":
            return this.member(c, c.type, () => this.metric(c));
          case "Alert":
            return this.member(c, c.type, () => this.alert(c));
          case "Property":
            return this.propertyMember(c);
        }
      });
      s.gap(m.span.offset + 10, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private metric(m: A.Metric): Doc {
    const s = this.seq("metric");
    let end = this.head(s, m.span.offset + 6, m.name, m.title);
    if (m.unit) {
      s.gap(end, m.unit.span.offset, true).add("unit").gap(end, m.unit.span.offset, true).add(m.unit.parts.join("/"));
      end = m.unit.span.endOffset;
    }
    if (m.of) {
      s.gap(end, m.of.span.offset, true).add("of").gap(end, m.of.span.offset, true).add(m.of.name);
      end = m.of.span.endOffset;
    }
    const first = m.percentiles[0];
    if (first) {
      s.gap(end, first.span.offset, true).add("percentiles");
      this.nameList(s, end, m.percentiles);
    }
    return s.doc();
  }

  private alert(a: A.Alert): Doc {
    const s = this.seq("alert");
    let end = a.span.offset + 5;
    if (a.name) {
      s.gap(end, a.name.span.offset, true).add(a.name.name);
      end = a.name.span.endOffset;
    }
    s.gap(end, a.condition.span.offset, true);
    this.comparison(s, a.condition);
    end = a.condition.span.endOffset;
    if (a.text) {
      s.gap(end, a.text.span.offset, true).add(this.string(a.text));
      end = a.text.span.endOffset;
    }
    if (a.severity) {
      s.gap(end, a.severity.span.offset, true).add("severity").gap(end, a.severity.span.offset, true).add(a.severity.name);
      end = a.severity.span.endOffset;
    }
    if (a.duration) {
      s.gap(end, a.duration.span.offset, true).add("for").gap(end, a.duration.span.offset, true);
      this.expression(s, a.duration);
    }
    return s.doc();
  }

  // ── decisions ────────────────────────────────────────────────────────

  private decisionDecl(m: A.DecisionDecl): Doc {
    const s = this.seq("decision");
    const end = this.head(s, m.span.offset + 8, m.name, m.title);
    this.propertyBlockOf(s, end, this.afterHead(m, m.name, m.title), m.properties);
    return s.doc();
  }

  // ── views ────────────────────────────────────────────────────────────

  private viewDecl(m: A.ViewDecl): Doc {
    const s = this.seq("view");
    const end = this.head(s, m.span.offset + 4, m.name, m.title);
    const range = this.afterHead(m, m.name, m.title);
    if (range) {
      const members = m.members.map((v): Member => {
        switch (v.type) {
          case "ViewSelection":
            return this.member(v, v.type, () => this.viewSelection(v));
          case "ViewFocus":
            return this.member(v, v.type, () => {
              const seq = this.seq("focus");
              seq.gap(v.span.offset + 5, v.component.span.offset, true).add(v.component.name);
              if (v.depth) {
                seq.gap(v.component.span.endOffset, v.depth.span.offset, true).add("depth");
                seq.gap(v.component.span.endOffset, v.depth.span.offset, true).add(String(v.depth.value));
              }
              return seq.doc();
            });
          case "ViewCollapse":
            return this.member(v, v.type, () => {
              const seq = this.seq("collapse");
              this.nameList(seq, v.span.offset + 8, v.boundaries);
              return seq.doc();
            });
          case "Property":
            return this.propertyMember(v);
        }
      });
      s.gap(end, range.open, true).addDoc(this.block(range, members, "statements"));
    }
    return s.doc();
  }

  private viewSelection(v: A.ViewSelection): Doc {
    const s = this.seq(v.mode);
    let end = v.span.offset + v.mode.length;
    v.selectors.forEach((selector, i) => {
      if (i > 0) s.add(",", true);
      s.gap(end, selector.span.offset, true, i > 0);
      switch (selector.selector) {
        case "all":
          s.add("*");
          break;
        case "component":
          s.add(selector.name.name);
          break;
        case "boundary":
          s.add("boundary").gap(selector.span.offset, selector.name.span.offset, true).add(selector.name.name);
          break;
        case "kind":
          s.add("kind").gap(selector.span.offset, selector.kind.span.offset, true).add(selector.kind.text);
          break;
        case "tag":
          s.add("tag").gap(selector.span.offset, selector.tag.span.offset, true).add(this.string(selector.tag));
          break;
      }
      end = selector.span.endOffset;
    });
    return s.doc();
  }

  /** A statement that starts with `keyword`. */
  private seq(keyword: string): Seq {
    return new Seq(this).add(keyword);
  }
}

export interface BlockRange {
  /** Offset of `{`. */
  open: number;
  /** Offset of `}`. */
  close: number;
}

/**
 * The pieces of one statement, in order. The statement's own line breaks
 * (kept where the author broke a list or an expression, or forced by a `//`
 * comment inside it) start continuation lines one level deeper.
 */
export class Seq {
  private readonly segments: Doc[][] = [[]];
  private current: Doc[] = this.segments[0]!;
  /** Text of the current line not yet pushed to `current` (fewer, longer strings). */
  private text = "";
  /** The last character printed on the current line ("" at its start). */
  private last = "";
  /** The last token printed lets a line break follow (`,` `->` an operator `(` `[` ...). */
  private continues = false;

  constructor(private readonly printer: Printer) {}

  add(text: string, continues = false): this {
    if (text === "") return this;
    this.text += text;
    this.last = text[text.length - 1]!;
    this.continues = continues;
    return this;
  }

  addDoc(doc: Doc, last = "}"): this {
    this.flush();
    this.current.push(doc);
    this.last = last;
    this.continues = false;
    return this;
  }

  space(): this {
    if (this.last !== "" && this.last !== " ") {
      this.text += " ";
      this.last = " ";
    }
    return this;
  }

  pad(count: number): this {
    if (count > 0) {
      this.text += " ".repeat(count);
      this.last = " ";
    }
    return this;
  }

  private flush(): void {
    if (this.text !== "") {
      this.current.push(this.text);
      this.text = "";
    }
  }

  private breakLine(): void {
    this.text = this.text.trimEnd();
    this.flush();
    this.current = [];
    this.segments.push(this.current);
    this.last = "";
  }

  private canBreak(): boolean {
    return this.continues || this.printer.depth > 0;
  }

  /**
   * What goes between the element that ended at `prevEnd` and the one that
   * starts at `next`: the comments between them, then a space (`space`) or,
   * where the author broke the line and a break is allowed (`keepBreak`), a
   * line break. A `//` comment ends the line; where no line break is allowed
   * it waits (with the comments after it) for a place that takes one.
   */
  gap(prevEnd: number, next: number, space: boolean, keepBreak = false): this {
    const p = this.printer;
    let placed = false;
    let broke = false;
    while (p.pendingBefore(next)) {
      const c = p.peek()!;
      if (c.isLine && !this.canBreak()) break;
      p.take();
      const tight = !c.isLine && (this.last === "(" || this.last === "[");
      if (this.last !== "" && this.last !== " " && !tight) this.text += " ";
      if (c.isLine) {
        this.text += c.text;
        this.breakLine();
        broke = true;
        placed = false;
      } else {
        const comment = verbatim(c.text);
        if (typeof comment === "string") this.text += comment;
        else {
          this.flush();
          this.current.push(comment);
        }
        this.last = "/";
        placed = true;
        broke = false;
      }
    }
    if (broke) return this;
    if (keepBreak && this.canBreak() && p.source.hasLineBreak(prevEnd, next)) {
      this.breakLine();
      return this;
    }
    if (space || placed) this.space();
    return this;
  }

  doc(): Doc {
    this.flush();
    const [first, ...rest] = this.segments;
    const head: Doc = first!.length === 1 ? first![0]! : first!;
    if (rest.length === 0) return head;
    return [head, indent(rest.map((segment) => [line, segment]))];
  }
}

function joinRows(rows: Row[]): Doc {
  const out: Doc[] = [];
  rows.forEach((row, i) => {
    if (i > 0) out.push(row.blankBefore ? [line, line] : line);
    out.push(row.parts);
  });
  return out;
}

function trailingComment(c: Comment): Doc {
  return /[\r\n]/.test(c.text) ? [" ", verbatim(c.text)] : trailing(c.text);
}

function maxOf(values: number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

function rightmost(e: A.Expression): A.Expression {
  return e.type === "Binary" ? rightmost(e.right) : e;
}

/**
 * A quantity as written, with the white space (and any comment) between its
 * parts removed: `1 GB` is `1GB`, `$ 5` is `$5`. Digits, `_` grouping,
 * magnitude suffixes and units stay as the author wrote them.
 */
export function quantityText(q: A.Quantity): string {
  if (q.implicit) return q.text;
  return q.text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g, " ").replace(/\s+/g, "");
}

