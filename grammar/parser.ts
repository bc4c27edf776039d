import { closestMatch } from "../src/util/suggest.js";
import {
  createTokenInstance,
  CstParser,
  EOF,
  tokenMatcher,
  type CstNode,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "./chevrotain.js";
import * as T from "./tokens.js";
import { errorMessages, setTokensForMessages } from "./messages.js";
import { isMagnitudeSuffix, isUnitWord, QUANTITY_SUFFIX_WORDS } from "./units.js";

/**
 * The concrete-syntax parser. Statements in a block are separated by
 * `Terminator` tokens; the lexer has already dropped the line breaks that do
 * not end a statement, so every block is `{ stmt (T stmt)* }`.
 *
 * Alternations that start with a keyword and fall back to a plain name (a
 * property, a connection) are ordered choices: the keyword alternatives come
 * first, which is what makes keywords contextual.
 */
class SysdParser extends CstParser {
  constructor() {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 2,
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: errorMessages,
    });
    this.performSelfAnalysis();
    // Chevrotain records errors through this one method; stopping there ends the
    // parse of a file that has nothing more worth reporting (see parseTokens).
    const self = this as unknown as { SAVE_ERROR(error: Error): Error; _errors: unknown[] };
    const save = self.SAVE_ERROR.bind(this);
    self.SAVE_ERROR = (error) => {
      const saved = save(error);
      if (self._errors.length >= MAX_PARSE_ERRORS) throw new TooManyErrors();
      return saved;
    };
  }

  public file = this.RULE("file", () => {
    this.statements(() => this.SUBRULE9(this.topStatement), "topStatement");
  });

  private topStatement = this.RULE("topStatement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.importStatement) },
      { ALT: () => this.SUBRULE(this.kindDecl) },
      { ALT: () => this.SUBRULE(this.modelBlock) },
      { ALT: () => this.SUBRULE(this.systemDecl) },
    ]);
  });

  private importStatement = this.RULE("importStatement", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLiteral, { LABEL: "path" });
    this.OPTION(() => {
      this.CONSUME(T.As);
      this.CONSUME(T.Identifier, { LABEL: "alias" });
    });
  });

  private kindDecl = this.RULE("kindDecl", () => {
    this.CONSUME(T.Kind);
    this.SUBRULE(this.declHead);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.qualifiedName, { LABEL: "base" });
    });
    this.OPTION2(() => this.SUBRULE(this.propertyBlock));
  });

  /** `Id ["Title"]`, shared by every named declaration. */
  private declHead = this.RULE("declHead", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
  });

  private systemDecl = this.RULE("systemDecl", () => {
    this.CONSUME(T.System);
    this.SUBRULE(this.declHead);
    this.SUBRULE(this.systemBlock);
  });

  private systemBlock = this.RULE("systemBlock", () => {
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.systemStatement), "systemStatement");
    this.CONSUME(T.RBrace);
  });

  private systemStatement = this.RULE("systemStatement", () => {
    // A section keyword followed by `->` is a connection from a component of that name.
    const notArrow = (): boolean => !tokenMatcher(this.LA(2), T.Arrow);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: notArrow, ALT: () => this.SUBRULE(this.componentDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.boundaryDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.flowDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.modelBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.requirementsBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.scalingBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.apiDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.webhookDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.costBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.failureDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.securityBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.monitoringBlock) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.decisionDecl) },
        { GATE: notArrow, ALT: () => this.SUBRULE(this.viewDecl) },
        { GATE: () => tokenMatcher(this.LA(2), T.Arrow), ALT: () => this.SUBRULE(this.connection) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private componentDecl = this.RULE("componentDecl", () => {
    this.CONSUME(T.Component);
    this.SUBRULE(this.declHead);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.qualifiedName, { LABEL: "kind" });
    });
    this.OPTION2(() => this.SUBRULE(this.propertyBlock));
  });

  private boundaryDecl = this.RULE("boundaryDecl", () => {
    this.CONSUME(T.Boundary);
    this.SUBRULE(this.declHead);
    this.SUBRULE(this.systemBlock);
  });

  private connection = this.RULE("connection", () => {
    this.CONSUME(T.Identifier, { LABEL: "from" });
    this.CONSUME(T.Arrow);
    this.CONSUME2(T.Identifier, { LABEL: "to" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "label" }));
    this.OPTION2(() => this.SUBRULE(this.propertyBlock));
  });

  // ── generic properties ────────────────────────────────────────────────

  /** `key [value (, value)*] [{ ... }]` — meaning is given by src/semantics. */
  private property = this.RULE("property", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.OPTION(() => {
      this.SUBRULE(this.propertyValue);
      // Values are comma-separated; only a string may follow another value
      // directly (`resolved "question" "answer"`), so a second property on
      // the same line is an error rather than more values.
      this.MANY({
        GATE: () => {
          const next = this.LA(1).tokenType;
          return next === T.Comma || isString(this.LA(1));
        },
        DEF: () => {
          this.OPTION3(() => this.CONSUME(T.Comma));
          this.SUBRULE2(this.propertyValue);
        },
      });
    });
    this.OPTION2(() => this.SUBRULE(this.propertyBlock));
  });

  private propertyValue = this.RULE("propertyValue", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.TripleString) },
      {
        ALT: () => {
          this.SUBRULE(this.expression, { LABEL: "value" });
          this.OPTION(() => {
            this.CONSUME(T.DotDot);
            this.SUBRULE2(this.expression, { LABEL: "max" });
          });
        },
      },
    ]);
  });

  private propertyBlock = this.RULE("propertyBlock", () => {
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.property));
    this.CONSUME(T.RBrace);
  });

  // ── flows ─────────────────────────────────────────────────────────────

  private flowDecl = this.RULE("flowDecl", () => {
    this.CONSUME(T.Flow);
    this.SUBRULE(this.declHead);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.flowStatement), "flowStatement");
    this.CONSUME(T.RBrace);
  });

  private flowStatement = this.RULE("flowStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: () => tokenMatcher(this.LA(2), T.Arrow), ALT: () => this.SUBRULE(this.flowMessage) },
        { GATE: () => this.LA(2).tokenType === T.Colon, ALT: () => this.SUBRULE(this.flowStep) },
        { ALT: () => this.SUBRULE(this.satisfiesClause) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private flowMessage = this.RULE("flowMessage", () => {
    this.CONSUME(T.Identifier, { LABEL: "from" });
    this.CONSUME(T.Arrow);
    this.CONSUME2(T.Identifier, { LABEL: "to" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "text" }));
  });

  private flowStep = this.RULE("flowStep", () => {
    this.CONSUME(T.Identifier, { LABEL: "at" });
    this.CONSUME(T.Colon);
    this.CONSUME(T.StringLiteral, { LABEL: "text" });
  });

  private satisfiesClause = this.RULE("satisfiesClause", () => {
    this.CONSUME(T.Satisfies);
    this.SUBRULE(this.nameList);
  });

  private nameList = this.RULE("nameList", () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { LABEL: "name" }) });
  });

  // ── requirements ──────────────────────────────────────────────────────

  private requirementsBlock = this.RULE("requirementsBlock", () => {
    this.CONSUME(T.Requirements);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.requirementGroup));
    this.CONSUME(T.RBrace);
  });

  private requirementGroup = this.RULE("requirementGroup", () => {
    this.CONSUME(T.Identifier, { LABEL: "group" });
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.requirement));
    this.CONSUME(T.RBrace);
  });

  private requirement = this.RULE("requirement", () => {
    this.CONSUME(T.Identifier, { LABEL: "id" });
    this.CONSUME(T.StringLiteral, { LABEL: "text" });
    this.OPTION(() => {
      this.CONSUME(T.Target);
      this.SUBRULE(this.comparison);
    });
  });

  private comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.expression, { LABEL: "left" });
    this.CONSUME(T.CompareOp, { LABEL: "op" });
    this.SUBRULE2(this.expression, { LABEL: "right" });
  });

  // ── data model ────────────────────────────────────────────────────────

  private modelBlock = this.RULE("modelBlock", () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.modelStatement), "modelStatement");
    this.CONSUME(T.RBrace);
  });

  private modelStatement = this.RULE("modelStatement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.entityDecl) },
    ]);
  });

  private enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(T.Enum);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LBrace);
    // Members and separators in any order, as in records; src/syntax checks the separation.
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Comma) },
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "member" }) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  private entityDecl = this.RULE("entityDecl", () => {
    this.CONSUME(T.Entity);
    this.SUBRULE(this.declHead);
    this.SUBRULE(this.recordType);
  });

  private recordType = this.RULE("recordType", () => {
    this.CONSUME(T.LBrace);
    // As with statements: separators and fields in any order, so that a bad
    // field is skipped to the next separator; src/syntax reports two fields
    // with no `,` or line break between them.
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Comma) },
        { ALT: () => this.CONSUME(T.Newline) },
        { ALT: () => this.CONSUME(T.Semicolon) },
        { ALT: () => this.SUBRULE(this.field) },
      ]),
    );
    this.CONSUME(T.RBrace);
  });

  private field = this.RULE("field", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.CONSUME(T.Question));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
    this.OPTION2(() => this.CONSUME(T.StringLiteral, { LABEL: "description" }));
    this.OPTION3(() => this.SUBRULE(this.attributes));
  });

  private typeExpr = this.RULE("typeExpr", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.qualifiedName, { LABEL: "named" }) },
      { ALT: () => this.SUBRULE(this.recordType, { LABEL: "record" }) },
      {
        ALT: () => {
          this.AT_LEAST_ONE_SEP({ SEP: T.Pipe, DEF: () => this.CONSUME(T.StringLiteral, { LABEL: "option" }) });
        },
      },
    ]);
    this.MANY({
      GATE: () => this.LA(2).tokenType === T.RBracket,
      DEF: () => {
        this.CONSUME(T.LBracket, { LABEL: "arrayOpen" });
        this.CONSUME(T.RBracket);
      },
    });
  });

  private attributes = this.RULE("attributes", () => {
    this.CONSUME(T.LBracket);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.attribute) });
    this.CONSUME(T.RBracket);
  });

  private attribute = this.RULE("attribute", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.propertyValue));
  });

  // ── scaling ───────────────────────────────────────────────────────────

  private scalingBlock = this.RULE("scalingBlock", () => {
    this.CONSUME(T.Scaling);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.scalingStatement), "scalingStatement");
    this.CONSUME(T.RBrace);
  });

  private scalingStatement = this.RULE("scalingStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.demandDecl) },
        { ALT: () => this.SUBRULE(this.tierNotes) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private demandDecl = this.RULE("demandDecl", () => {
    this.CONSUME(T.Demand);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.expression, { LABEL: "rate" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
  });

  private tierNotes = this.RULE("tierNotes", () => {
    this.CONSUME(T.Tier);
    this.SUBRULE(this.expression, { LABEL: "multiplier" });
    this.CONSUME(T.LBrace);
    this.statements(() => this.CONSUME9(T.StringLiteral, { LABEL: "note" }));
    this.CONSUME(T.RBrace);
  });

  // ── APIs ──────────────────────────────────────────────────────────────

  private apiDecl = this.RULE("apiDecl", () => {
    this.CONSUME(T.Api);
    this.SUBRULE(this.declHead);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.apiStatement));
    this.CONSUME(T.RBrace);
  });

  private apiStatement = this.RULE("apiStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.endpoint) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private endpoint = this.RULE("endpoint", () => {
    this.CONSUME(T.HttpMethod, { LABEL: "method" });
    this.CONSUME(T.Path, { LABEL: "path" });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.OPTION2(() => {
      this.CONSUME(T.LBrace);
      this.statements(() => this.SUBRULE9(this.endpointStatement), "endpointStatement");
      this.CONSUME(T.RBrace);
    });
  });

  private endpointStatement = this.RULE("endpointStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.bodyClause) },
        { ALT: () => this.SUBRULE(this.responseClause) },
        { ALT: () => this.SUBRULE(this.errorsClause) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  /** `request T`, `params T`, `query T`, `payload T`. */
  private bodyClause = this.RULE("bodyClause", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Request, { LABEL: "clause" }) },
      { ALT: () => this.CONSUME(T.Params, { LABEL: "clause" }) },
      { ALT: () => this.CONSUME(T.Query, { LABEL: "clause" }) },
      { ALT: () => this.CONSUME(T.Payload, { LABEL: "clause" }) },
    ]);
    this.SUBRULE(this.typeExpr);
  });

  private responseClause = this.RULE("responseClause", () => {
    this.CONSUME(T.Response);
    this.CONSUME(T.NumberLiteral, { LABEL: "status" });
    this.OPTION(() => this.SUBRULE(this.typeExpr));
  });

  private errorsClause = this.RULE("errorsClause", () => {
    this.CONSUME(T.Errors);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.NumberLiteral, { LABEL: "status" }) });
  });

  private webhookDecl = this.RULE("webhookDecl", () => {
    this.CONSUME(T.Webhook);
    this.SUBRULE(this.declHead);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.webhookStatement), "webhookStatement");
    this.CONSUME(T.RBrace);
  });

  private webhookStatement = this.RULE("webhookStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: () => this.LA(1).tokenType === T.Payload, ALT: () => this.SUBRULE(this.bodyClause) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  // ── cost, failures, security ──────────────────────────────────────────

  private costBlock = this.RULE("costBlock", () => {
    this.CONSUME(T.Cost);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.costStatement), "costStatement");
    this.CONSUME(T.RBrace);
  });

  private costStatement = this.RULE("costStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.costItem) },
        { ALT: () => this.SUBRULE(this.budget) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private costItem = this.RULE("costItem", () => {
    this.CONSUME(T.Item);
    this.CONSUME(T.StringLiteral, { LABEL: "label" });
    this.SUBRULE(this.expression, { LABEL: "amount" });
  });

  private budget = this.RULE("budget", () => {
    this.CONSUME(T.Budget);
    this.SUBRULE(this.expression, { LABEL: "amount" });
  });

  private failureDecl = this.RULE("failureDecl", () => {
    this.CONSUME(T.Failure);
    this.OPTION(() => this.CONSUME(T.Identifier, { LABEL: "name" }));
    this.OPTION2(() => this.CONSUME(T.StringLiteral, { LABEL: "title" }));
    this.OPTION3(() => this.SUBRULE(this.propertyBlock));
  });

  private securityBlock = this.RULE("securityBlock", () => {
    this.CONSUME(T.Security);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.securityStatement), "securityStatement");
    this.CONSUME(T.RBrace);
  });

  private securityStatement = this.RULE("securityStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.control) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private control = this.RULE("control", () => {
    this.CONSUME(T.Control);
    this.CONSUME(T.StringLiteral, { LABEL: "text" });
    this.OPTION(() => {
      this.CONSUME(T.On);
      this.CONSUME(T.Identifier, { LABEL: "target" });
    });
  });

  // ── monitoring ────────────────────────────────────────────────────────

  private monitoringBlock = this.RULE("monitoringBlock", () => {
    this.CONSUME(T.Monitoring);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.monitoringStatement), "monitoringStatement");
    this.CONSUME(T.RBrace);
  });

  private monitoringStatement = this.RULE("monitoringStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.metricDecl) },
        { ALT: () => this.SUBRULE(this.alertDecl) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  private metricDecl = this.RULE("metricDecl", () => {
    this.CONSUME(T.Metric);
    this.SUBRULE(this.declHead);
    this.OPTION(() => {
      this.CONSUME(T.Unit);
      this.SUBRULE(this.unitSpec);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Of);
      this.CONSUME(T.Identifier, { LABEL: "of" });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Percentiles);
      this.SUBRULE(this.nameList, { LABEL: "percentiles" });
    });
  });

  /** `%`, `$`, `s`, `GB/month`. */
  private unitSpec = this.RULE("unitSpec", () => {
    this.SUBRULE(this.unitAtom);
    this.MANY(() => {
      this.CONSUME(T.Slash);
      this.SUBRULE2(this.unitAtom);
    });
  });

  private unitAtom = this.RULE("unitAtom", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Percent) },
      { ALT: () => this.CONSUME(T.Dollar) },
      { ALT: () => this.CONSUME(T.Identifier) },
    ]);
  });

  private alertDecl = this.RULE("alertDecl", () => {
    this.CONSUME(T.Alert);
    this.OPTION({
      GATE: () => tokenIsName(this.LA(1)) && tokenIsName(this.LA(2)),
      DEF: () => this.CONSUME(T.Identifier, { LABEL: "name" }),
    });
    this.SUBRULE(this.comparison);
    this.OPTION2(() => this.CONSUME(T.StringLiteral, { LABEL: "text" }));
    this.OPTION3(() => {
      this.CONSUME(T.SeverityKw);
      this.CONSUME2(T.Identifier, { LABEL: "severity" });
    });
    this.OPTION4(() => {
      this.CONSUME(T.For);
      this.SUBRULE(this.expression, { LABEL: "duration" });
    });
  });

  private decisionDecl = this.RULE("decisionDecl", () => {
    this.CONSUME(T.Decision);
    this.SUBRULE(this.declHead);
    this.OPTION(() => this.SUBRULE(this.propertyBlock));
  });

  // ── views ─────────────────────────────────────────────────────────────

  private viewDecl = this.RULE("viewDecl", () => {
    this.CONSUME(T.View);
    this.SUBRULE(this.declHead);
    this.CONSUME(T.LBrace);
    this.statements(() => this.SUBRULE9(this.viewStatement));
    this.CONSUME(T.RBrace);
  });

  private viewStatement = this.RULE("viewStatement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.SUBRULE(this.viewSelection) },
        { ALT: () => this.SUBRULE(this.viewFocus) },
        { ALT: () => this.SUBRULE(this.viewCollapse) },
        { ALT: () => this.SUBRULE(this.property) },
      ],
    });
  });

  /** `include a, boundary b, kind queue, tag "pci", *` (or `exclude`). */
  private viewSelection = this.RULE("viewSelection", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Include, { LABEL: "mode" }) },
      { ALT: () => this.CONSUME(T.Exclude, { LABEL: "mode" }) },
    ]);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.selector) });
  });

  /** A keyword selector only when a name (or, for `tag`, a string) follows; else the word is a component id. */
  private selector = this.RULE("selector", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.CONSUME(T.Star, { LABEL: "all" }) },
        {
          GATE: () => tokenIsName(this.LA(2)),
          ALT: () => {
            this.CONSUME(T.Boundary, { LABEL: "boundaryKw" });
            this.CONSUME(T.Identifier, { LABEL: "boundary" });
          },
        },
        {
          GATE: () => tokenIsName(this.LA(2)),
          ALT: () => {
            this.CONSUME(T.Kind, { LABEL: "kindKw" });
            this.SUBRULE(this.qualifiedName, { LABEL: "kind" });
          },
        },
        {
          // `tag pci` (a name where the text belongs) is an error at `pci`, not a component named `tag`.
          GATE: () => isString(this.LA(2)) || tokenIsName(this.LA(2)),
          ALT: () => {
            this.CONSUME(T.Tag, { LABEL: "tagKw" });
            this.CONSUME(T.StringLiteral, { LABEL: "tag" });
          },
        },
        { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "component" }) },
      ],
    });
  });

  private viewFocus = this.RULE("viewFocus", () => {
    this.CONSUME(T.Focus);
    this.CONSUME(T.Identifier, { LABEL: "component" });
    this.OPTION(() => {
      this.CONSUME(T.Depth);
      this.CONSUME(T.NumberLiteral, { LABEL: "depth" });
    });
  });

  private viewCollapse = this.RULE("viewCollapse", () => {
    this.CONSUME(T.Collapse);
    this.SUBRULE(this.nameList);
  });

  /**
   * `{ statements }`. Terminators and statements are read in any order so
   * that after a bad statement the parser resumes at the next line; src/syntax
   * reports two statements that share a line without a `;`.
   */
  private statements(statement: () => void, rule?: string): void {
    // The separators are named one by one, not by their `Terminator`
    // category: Chevrotain's resynchronisation compares token types exactly,
    // so a line break must itself be in the follow set for recovery to stop
    // at the end of the broken statement rather than unwind to the file.
    const respell = (): void => {
      if (rule !== undefined) this.ACTION(() => this.respellKeyword(rule));
    };
    respell();
    this.MANY9(() => {
      this.OR9([
        { ALT: () => this.CONSUME9(T.Newline) },
        { ALT: () => this.CONSUME8(T.Semicolon) },
        { ALT: statement },
      ]);
      respell();
    });
  }

  /** Words that are never taken for a misspelled keyword: the properties of the language. */
  ordinaryWords: ReadonlySet<string> = new Set();
  /** The statements whose first word was taken for a misspelled keyword, in this parse. */
  respelled: Respelled[] = [];
  /** Statements skipped because their first word is no keyword and close to none, in this parse. */
  unknownKeywords: UnknownKeyword[] = [];
  private keywordTable: ReadonlyMap<string, readonly StatementKeyword[]> | undefined;
  private readonly follows = new Map<string, TokenType[]>();

  /**
   * At the start of a statement of `rule`, a plain word that is closest to
   * one of the rule's keywords and is followed by what that keyword takes
   * (`componnet Cache "Cache"`) is read as the keyword, and recorded, so the
   * declaration is kept and the rest of the block parses as meant. The
   * keywords are the grammar's own: a new alternative needs no list here.
   */
  private respellKeyword(rule: string): void {
    const word = this.LA(1);
    if (word.tokenType !== T.Identifier) return;
    const before = this.LA(0);
    const atStart = before.tokenType === EOF || before.tokenType === T.Newline || before.tokenType === T.Semicolon || before.tokenType === T.LBrace;
    if (!atStart) return;
    this.keywordTable ??= statementKeywords(this);
    const keywords = this.keywordTable.get(rule) ?? [];
    if (keywords.length === 0 || this.ordinaryWords.has(word.image)) return;
    const closest = closestMatch(word.image, [...keywords.map((k) => k.word), ...this.ordinaryWords]);
    if (closest === undefined && this.looksLikeDeclaration(word)) {
      this.unknownKeywords.push({ token: word, keywords: keywords.map((k) => k.word) });
      this.skipStatement();
      return;
    }
    const keyword = keywords.find((k) => k.word === closest);
    if (!keyword) return;
    const next = this.LA(2);
    const key = `${rule} ${keyword.word}`;
    let follows = this.follows.get(key);
    if (!follows) this.follows.set(key, (follows = keywordFollows(this, rule, keyword)));
    if (!follows.some((type) => tokenMatcher(next, type))) return;
    this.respelled.push({ token: word, keyword: keyword.word });
    word.tokenType = keyword.type;
    word.tokenTypeIdx = keyword.type.tokenTypeIdx!;
  }

  /**
   * `servise Cache "Cache" : cache`: a lower-case word (keywords are; a
   * capitalised one is more likely a component missing its arrow) followed
   * by a name and then a title, a `:` kind or a block.
   */
  private looksLikeDeclaration(word: IToken): boolean {
    if (!/^[a-z_]+$/.test(word.image) || !tokenIsName(this.LA(2))) return false;
    const third = this.LA(3);
    return isString(third) || tokenMatcher(third, T.Colon) || tokenMatcher(third, T.LBrace);
  }

  /** Skips to the end of the statement, its `{ … }` included, leaving the line break or the enclosing `}`. */
  private skipStatement(): void {
    let depth = 0;
    for (;;) {
      const next = this.LA(1);
      if (next.tokenType === EOF) return;
      if (depth === 0 && (next.tokenType === T.Newline || next.tokenType === T.Semicolon || next.tokenType === T.RBrace)) return;
      if (next.tokenType === T.LBrace) depth++;
      else if (next.tokenType === T.RBrace) depth--;
      this.SKIP_TOKEN();
    }
  }

  // ── names and expressions ─────────────────────────────────────────────

  private qualifiedName = this.RULE("qualifiedName", () => {
    this.CONSUME(T.Identifier, { LABEL: "part" });
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier, { LABEL: "part" });
    });
  });

  public expression = this.RULE("expression", () => {
    this.SUBRULE(this.term, { LABEL: "operand" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "operator" }) },
      ]);
      this.SUBRULE2(this.term, { LABEL: "operand" });
    });
  });

  private term = this.RULE("term", () => {
    this.SUBRULE(this.unary, { LABEL: "operand" });
    // `$50 per month`: `per` is read as `/` so the rate is kept; src/syntax reports it.
    const per = (): boolean => this.LA(1).tokenType === T.Identifier && this.LA(1).image === "per" && startsOperand(this.LA(2));
    this.MANY({
      GATE: () => this.LA(1).tokenType === T.Star || this.LA(1).tokenType === T.Slash || per(),
      DEF: () => {
        this.OR([
          { ALT: () => this.CONSUME(T.Star, { LABEL: "operator" }) },
          { ALT: () => this.CONSUME(T.Slash, { LABEL: "operator" }) },
          { GATE: per, ALT: () => this.CONSUME(T.Identifier, { LABEL: "operator" }) },
        ]);
        this.SUBRULE2(this.unary, { LABEL: "operand" });
      },
    });
  });

  private unary = this.RULE("unary", () => {
    this.MANY(() => this.CONSUME(T.Minus, { LABEL: "negate" }));
    this.OR([
      { ALT: () => this.SUBRULE(this.quantity) },
      { ALT: () => this.SUBRULE(this.qualifiedName, { LABEL: "reference" }) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression, { LABEL: "inner" });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  /**
   * `42`, `10k`, `5min`, `1 GB`, `99.9%`, `$0.50`. A word right after the
   * number is its unit; after a space, only a known unit word is, so that
   * `200 Upload` stays a number and a name.
   */
  private quantity = this.RULE("quantity", () => {
    this.OPTION(() => this.CONSUME(T.Dollar));
    this.CONSUME(T.NumberLiteral, { LABEL: "number" });
    this.OPTION2({
      GATE: () => {
        const next = this.LA(1);
        if (!tokenIsName(next)) return false;
        const number = this.LA(0);
        if (next.startOffset === number.endOffset! + 1 || isUnitWord(next.image) || isMagnitudeSuffix(next.image)) return true;
        // No plain word may follow a number, so one that is close to a unit
        // (`5 mins`) is taken as that unit misspelled, and reported as such.
        return next.tokenType === T.Identifier && closestMatch(next.image, QUANTITY_SUFFIX_WORDS) !== undefined;
      },
      DEF: () => this.CONSUME(T.Identifier, { LABEL: "unit" }),
    });
    this.OPTION3(() => this.CONSUME(T.Percent));
  });
}

export interface Respelled {
  token: IToken;
  /** The keyword it was read as. */
  keyword: string;
}

export interface UnknownKeyword {
  token: IToken;
  /** The keywords a statement of that block may start with, in grammar order. */
  keywords: readonly string[];
}

interface StatementKeyword {
  word: string;
  type: TokenType;
  /** The rule of the keyword's own alternative, which says what may follow it. */
  rule: string | undefined;
}

/** A statement rule's alternatives that start with a keyword. */
function statementKeywords(parser: SysdParser): ReadonlyMap<string, readonly StatementKeyword[]> {
  const keywordTypes = new Set(T.keywords);
  const table = new Map<string, StatementKeyword[]>();
  for (const rule of STATEMENT_RULES) {
    const entries: StatementKeyword[] = [];
    for (const start of parser.computeContentAssist(rule, [])) {
      const type = start.nextTokenType;
      if (!keywordTypes.has(type) || entries.some((e) => e.type === type)) continue;
      entries.push({ word: type.name.replace(/^Kw_/, ""), type, rule: start.ruleStack[1] });
    }
    table.set(rule, entries);
  }
  return table;
}

const startKeywords = new Map<string, readonly string[]>();

/**
 * The keywords that may start a statement of `rule` (editor completion):
 * the same walk of the grammar as the misspelled-keyword table, for any rule.
 */
export function ruleStartKeywords(rule: string): readonly string[] {
  let words = startKeywords.get(rule);
  if (!words) {
    const keywordTypes = new Set(T.keywords);
    const found = getParser().computeContentAssist(rule, []).map((start) => start.nextTokenType).filter((type) => keywordTypes.has(type));
    words = [...new Set(found.map((type) => type.name.replace(/^Kw_/, "")))];
    startKeywords.set(rule, words);
  }
  return words;
}

/**
 * The tokens that may come right after `keyword` in its own statement (not
 * in a property that happens to start with the same word). Computed only
 * when a word looks misspelled, as it costs a grammar walk.
 */
function keywordFollows(parser: SysdParser, rule: string, keyword: StatementKeyword): TokenType[] {
  const token = createTokenInstance(keyword.type, keyword.word, 0, keyword.word.length - 1, 1, 1, 1, keyword.word.length);
  return parser
    .computeContentAssist(rule, [token])
    .filter((next) => keyword.rule === undefined || next.ruleStack[1] === keyword.rule)
    .map((next) => next.nextTokenType);
}

const STATEMENT_RULES = [
  "topStatement", "systemStatement", "flowStatement", "modelStatement", "scalingStatement", "endpointStatement",
  "webhookStatement", "costStatement", "securityStatement", "monitoringStatement",
];

function startsOperand(token: IToken): boolean {
  return tokenIsName(token) || token.tokenType === T.NumberLiteral || token.tokenType === T.Dollar;
}

function isString(token: IToken): boolean {
  return tokenMatcher(token, T.StringLiteral) || tokenMatcher(token, T.TripleString);
}

function tokenIsName(token: IToken): boolean {
  return token.tokenType === T.Identifier || token.tokenType.CATEGORIES?.includes(T.Identifier) === true;
}

/** Past this many syntax errors in one file, the parser stops: the rest would be noise. */
export const MAX_PARSE_ERRORS = 500;

class TooManyErrors extends Error {}

let instance: SysdParser | undefined;

/**
 * The one parser, built on first use: building it (Chevrotain's grammar
 * analysis) takes a noticeable part of a second, which `--help` and
 * `--version` should not pay.
 */
export function getParser(): SysdParser {
  instance ??= new SysdParser();
  return instance;
}

export interface CstResult {
  cst: CstNode;
  errors: IRecognitionException[];
  /** Words read as the keyword they misspell (the caller reports them). */
  respelled: Respelled[];
  /** Statements skipped for an unknown first word (the caller reports them). */
  unknownKeywords: UnknownKeyword[];
  /** Recovery gave up: the input has so many errors in a row that it ran out of stack. */
  gaveUp: boolean;
  /** The parse stopped at MAX_PARSE_ERRORS errors. */
  tooMany?: boolean;
}

/** Parses a token vector from `lex`. The single parser instance is reused. */
export function parseTokens(tokens: IToken[], options: { ordinaryWords?: ReadonlySet<string> } = {}): CstResult {
  setTokensForMessages(tokens);
  const parser = getParser();
  parser.input = tokens;
  parser.ordinaryWords = options.ordinaryWords ?? new Set();
  parser.respelled = [];
  parser.unknownKeywords = [];
  try {
    const cst = parser.file();
    return { cst, errors: [...parser.errors], respelled: parser.respelled, unknownKeywords: parser.unknownKeywords, gaveUp: false };
  } catch (error) {
    // Chevrotain recovers from an error inside a repetition by re-entering
    // the repetition, one stack frame per error: thousands of errors in one
    // block exhaust the stack. The errors found until then are kept.
    if (!(error instanceof RangeError) && !(error instanceof TooManyErrors)) throw error;
    const errors = [...parser.errors];
    parser.input = [];
    const result: CstResult = { cst: { name: "file", children: {} }, errors, respelled: [], unknownKeywords: [], gaveUp: true };
    if (error instanceof TooManyErrors) result.tooMany = true;
    return result;
  }
}

export { EOF };
