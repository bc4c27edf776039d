import { makeDiagnostic, type Diagnostic } from "../diagnostics/index.js";
import type * as A from "../syntax/ast.js";
import type { Span } from "../syntax/index.js";
import { didYouMean } from "../util/suggest.js";
import type { SystemSymbols } from "./binder.js";
import { formatDimension, formatNumber, formatQuantity } from "./format.js";
import type * as M from "./model.js";
import {
  add,
  compare,
  count,
  div,
  fromAst,
  instancesNeeded,
  mul,
  neg,
  sub,
  type Quantity,
} from "./quantity.js";
import { MONEY_RATE, TIME, isDimensionless, parseUnitSpec, sameDimension, type Dimension } from "./units.js";
import { expressionText, findProperty } from "./values.js";

/** Why an expression has no value: an error already reported, or a metric only production knows. */
type Evaluated = { ok: true; value: Quantity } | { ok: false; reported: boolean; metric?: string };

const DEFAULT_TIERS = [1, 10, 100];

export function figure(q: Quantity): M.Figure {
  return { value: q.value, dimension: formatDimension(q.dimension), text: formatQuantity(q) };
}

/** What the evaluation found that only a rule reports. */
/** What the evaluation computes about one component; the model is assembled from it. */
export type ComponentFigures = Pick<M.ComponentModel, "handles" | "capacity" | "instanceBounds" | "instances">;

export interface EvaluationFigures {
  /** Per component id: its demand, capacity, bounds and instances per tier. */
  components: Map<string, ComponentFigures>;
  /** `cost.total / uploads` targets give the unit cost of an upload. */
  unitCosts: M.UnitCostModel[];
  /** Components whose tiers need more instances than their `instances` bound (clamped in the model). */
  overBound: { component: string; max: number; over: { count: number; tier: number }[]; span: Span }[];
  /**
   * Targets that failed because a side divides by zero (E230): the model shows
   * them failed without a computed figure; this names the side that has none.
   */
  dividedByZero: { requirement: string; expression: string }[];
}

/**
 * Computes the design's own numbers (spec §3.8, §3.10, §3.2): demands,
 * instances per tier, cost per tier, target results, alert thresholds.
 * Every figure is computed here once; the emitters only format them.
 */
export class Evaluator {
  private tiers: number[] = DEFAULT_TIERS;
  private utilization = count(1);
  private readonly demands = new Map<string, Quantity>();
  /** Instances per tier, for components with a count. */
  private readonly instances = new Map<string, number[]>();
  private costTotals: Quantity[] | undefined;
  /** Figures the model does not show but design rules judge (W310, E230). */
  readonly figures: EvaluationFigures = { components: new Map(), unitCosts: [], overBound: [], dividedByZero: [] };

  constructor(
    private readonly symbols: SystemSymbols,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private report(code: "E204" | "E210" | "E201", span: Span, message: string): void {
    this.diagnostics.push(makeDiagnostic(code, span, message));
  }

  private mismatch(span: Span, what: string, left: Dimension, right: Dimension): void {
    this.report("E210", span, `${what}: ${formatDimension(left)} and ${formatDimension(right)} do not mix`);
  }

  // ── expressions ──────────────────────────────────────────────────────

  /**
   * `tier` selects which tier's instance counts `Component.instances` and
   * `cost.total` mean (index into the tiers).
   */
  /** `metricsFirst`: in alerts a name is a metric first (metrics and demands are separate namespaces). */
  evaluate(expression: A.Expression, tier = 0, metricsFirst = false): Evaluated {
    switch (expression.type) {
      case "Quantity":
        return expression.invalid ? { ok: false, reported: true } : { ok: true, value: fromAst(expression) };
      case "Parenthesized":
        return this.evaluate(expression.inner, tier, metricsFirst);
      case "Negation": {
        const operand = this.evaluate(expression.operand, tier, metricsFirst);
        return operand.ok ? { ok: true, value: neg(operand.value) } : operand;
      }
      case "Reference":
        return this.reference(expression.name, tier, metricsFirst);
      case "Binary": {
        const left = this.evaluate(expression.left, tier, metricsFirst);
        const right = this.evaluate(expression.right, tier, metricsFirst);
        if (!left.ok) return left;
        if (!right.ok) return right;
        switch (expression.operator) {
          case "*":
            return { ok: true, value: mul(left.value, right.value) };
          case "/":
            return { ok: true, value: div(left.value, right.value) };
          case "+":
          case "-": {
            const result = expression.operator === "+" ? add(left.value, right.value) : sub(left.value, right.value);
            if (result.ok) return result;
            this.mismatch(expression.span, `cannot ${expression.operator === "+" ? "add" : "subtract"} \`${expressionText(expression.right)}\``, result.left, result.right);
            return { ok: false, reported: true };
          }
        }
      }
    }
  }

  private reference(name: A.QualifiedName, tier: number, metricsFirst: boolean): Evaluated {
    const [head, second, ...rest] = name.parts.map((p) => p.name);
    if (head === undefined) return { ok: false, reported: true };
    if (head === "cost" && second === "total" && rest.length === 0) {
      const totals = this.costTotals;
      return totals?.[tier] ? { ok: true, value: totals[tier]! } : { ok: false, reported: false };
    }
    if (head === "availability" && second === undefined) return { ok: false, reported: false, metric: "availability" };
    if (second === "instances" && rest.length === 0 && (this.symbols.components.has(head) || !this.symbols.metrics.has(head))) {
      if (!this.symbols.components.has(head)) {
        const candidates = [...this.symbols.components.keys()];
        this.report("E201", name.parts[0]!.span, `unknown component \`${head}\`${didYouMean(head, candidates)}`);
        return { ok: false, reported: true };
      }
      // A component with no count of its own runs one instance.
      return { ok: true, value: count(this.instances.get(head)?.[tier] ?? 1) };
    }
    const demand = second === undefined ? this.demands.get(head) : undefined;
    // A declared demand with no value had its own error reported.
    if (second === undefined && !demand && !this.symbols.metrics.has(head) && this.symbols.demands.has(head)) return { ok: false, reported: true };
    const metric = this.symbols.metrics.get(head);
    if (demand && !(metric && metricsFirst)) return { ok: true, value: demand };
    if (metric) {
      if (rest.length > 0) {
        this.report("E204", name.parts[2]!.span, `\`${name.text}\` has too many parts: write a metric or \`metric.percentile\``);
        return { ok: false, reported: true };
      }
      if (second !== undefined && !metric.percentiles.some((p) => p.name === second)) {
        const offered = metric.percentiles.map((p) => p.name);
        const hint = offered.length > 0 ? ` (it has ${offered.join(", ")})` : " (it declares no percentiles)";
        this.report("E204", name.parts[1]!.span, `unknown percentile \`${second}\` of metric \`${head}\`${hint}`);
        return { ok: false, reported: true };
      }
      return { ok: false, reported: false, metric: head };
    }
    const candidates = [...this.symbols.metrics.keys(), ...this.demands.keys(), "cost.total", "availability"];
    const hint = didYouMean(head, candidates) || `: declare it as \`metric ${head}\` in \`monitoring\`, or as \`demand ${head} <rate>\` in \`scaling\``;
    this.report("E204", name.parts[0]!.span, `unknown metric or demand \`${head}\`${hint}`);
    return { ok: false, reported: true };
  }

  // ── scaling ──────────────────────────────────────────────────────────

  scaling(components: M.ComponentModel[]): M.ScalingModel {
    for (const demand of this.symbols.demands.values()) {
      const rate = this.evaluate(demand.rate);
      if (rate.ok) {
        if (!Number.isFinite(rate.value.value)) {
          // As the other bad demand values: reported here, then left out.
          this.report("E210", demand.rate.span, `demand \`${demand.name.name}\` divides by zero`);
          continue;
        }
        if (!(rate.value.value >= 0)) {
          this.report("E210", demand.rate.span, `demand \`${demand.name.name}\` cannot be negative`);
        } else if (!isRate(rate.value.dimension)) {
          this.report("E210", demand.rate.span, `demand \`${demand.name.name}\` must be a rate such as \`1000/day\`, found ${formatDimension(rate.value.dimension)}`);
        }
        this.demands.set(demand.name.name, rate.value);
      }
    }
    this.readScalingSettings();

    for (const component of components) this.componentInstances(component);

    const notes = this.symbols.tierNotes.map((n) => {
      const multiplier = this.evaluate(n.multiplier);
      return { tier: multiplier.ok ? multiplier.value.value : 0, notes: n.notes.map((s) => s.value) };
    });
    const table = this.tiers.map((tier, index) => ({
      tier,
      demands: [...this.demands.entries()].map(([id, rate]) => ({ id, rate: figure(mul(rate, count(tier))) })),
      instances: components
        .filter((c) => this.instances.has(c.id))
        .map((c) => ({ component: c.id, count: this.instances.get(c.id)![index]! })),
    }));
    return {
      demands: [...this.symbols.demands.values()]
        .filter((d) => this.demands.has(d.name.name))
        .map((d) => {
          const model: M.DemandModel = { id: d.name.name, rate: figure(this.demands.get(d.name.name)!), span: d.span };
          if (d.title) model.title = d.title.value;
          return model;
        }),
      utilization: this.utilization.value,
      tiers: this.tiers,
      notes,
      table,
    };
  }

  private readScalingSettings(): void {
    const utilization = findProperty(this.symbols.scalingProperties, "utilization");
    const value = utilization?.values[0];
    if (utilization && value && value.type !== "String" && value.type !== "Range") {
      const result = this.evaluate(value);
      if (result.ok) {
        if (!isDimensionless(result.value.dimension) || result.value.value <= 0 || result.value.value > 1) {
          this.report("E210", value.span, "utilization must be a percentage above 0% and at most 100%");
        } else {
          this.utilization = result.value;
        }
      }
    }
    const tiers = findProperty(this.symbols.scalingProperties, "tiers");
    if (tiers) {
      const values: number[] = [];
      for (const tier of tiers.values) {
        if (tier.type === "String" || tier.type === "Range") continue;
        const result = this.evaluate(tier);
        if (!result.ok) continue;
        if (!isDimensionless(result.value.dimension) || result.value.value <= 0) {
          this.report("E210", tier.span, "a tier is a positive multiplier such as `10x`");
          continue;
        }
        values.push(result.value.value);
      }
      if (values.length > 0) this.tiers = values;
    }
  }

  private componentInstances(component: M.ComponentModel): void {
    const figures: ComponentFigures = {};
    this.figures.components.set(component.id, figures);
    const decl = this.symbols.components.get(component.id)!.decl;
    const props = decl.properties;
    const bounds = findProperty(props, "instances")?.values[0];
    let min = 1;
    let max = Infinity;
    let fixed: number | undefined;
    if (bounds) {
      const read = (e: A.Expression): number | undefined => {
        const result = this.evaluate(e);
        if (!result.ok) return undefined;
        if (!isDimensionless(result.value.dimension) || !Number.isInteger(result.value.value) || result.value.value < 0) {
          this.report("E210", e.span, "an instance count is a whole number");
          return undefined;
        }
        return result.value.value;
      };
      if (bounds.type === "Range") {
        min = read(bounds.min) ?? min;
        max = read(bounds.max) ?? max;
        if (min > max) {
          this.report("E210", bounds.span, `the least instance count ${formatNumber(min)} is above the most, ${formatNumber(max)}`);
          max = min;
        }
        figures.instanceBounds = { min, max };
      } else if (bounds.type !== "String") {
        // `instances N` is a fixed count: both bounds at once.
        fixed = read(bounds);
        if (fixed !== undefined) {
          min = fixed;
          max = fixed;
          figures.instanceBounds = { min, max };
        }
      }
    }
    const handles = findProperty(props, "handles")?.values[0];
    const capacity = findProperty(props, "capacity")?.values[0];
    let capacityValue: Quantity | undefined;
    if (capacity && capacity.type !== "String" && capacity.type !== "Range") {
      const result = this.evaluate(capacity);
      if (result.ok && !(result.value.value > 0)) {
        this.report("E210", capacity.span, `capacity of \`${component.id}\` must be above zero`);
      } else if (result.ok) {
        capacityValue = result.value;
        figures.capacity = figure(result.value);
      }
    }
    let demand: Quantity | undefined;
    if (handles?.type === "Reference") {
      const name = handles.name.text;
      demand = this.demands.get(name);
      if (demand) figures.handles = name;
      else if (!this.symbols.demands.has(name)) {
        this.report("E204", handles.span, `unknown demand \`${name}\`${didYouMean(name, this.symbols.demands.keys())}`);
      }
    }
    if (demand && capacityValue) {
      const counts: number[] = [];
      for (const tier of this.tiers) {
        const needed = instancesNeeded(demand, count(tier), capacityValue, this.utilization);
        if (!needed.ok) {
          this.mismatch(capacity!.span, `capacity of \`${component.id}\` does not match its demand \`${figures.handles}\``, needed.right, needed.left);
          return;
        }
        counts.push(Math.max(min, needed.value));
      }
      const over = counts.map((c, i) => ({ count: c, tier: this.tiers[i]! })).filter((t) => t.count > max);
      if (over.length > 0 && bounds && bounds.type !== "String") {
        this.figures.overBound.push({ component: component.id, max, over, span: bounds.type === "Range" ? bounds.max.span : bounds.span });
      }
      this.instances.set(component.id, counts.map((c) => Math.min(c, max)));
    } else if (fixed !== undefined) {
      this.instances.set(component.id, this.tiers.map(() => fixed!));
    }
    const counts = this.instances.get(component.id);
    if (counts) figures.instances = counts;
  }

  // ── cost ─────────────────────────────────────────────────────────────

  cost(): M.CostModel {
    const items: M.CostItemModel[] = [];
    const totals: (Quantity | undefined)[] = this.tiers.map(() => undefined);
    let complete = true;
    for (const item of this.symbols.costItems) {
      const perTier: M.Figure[] = [];
      for (let t = 0; t < this.tiers.length; t++) {
        const result = this.evaluate(item.amount, t);
        if (!result.ok) {
          complete = false;
          break;
        }
        if (!Number.isFinite(result.value.value)) {
          if (t === 0) this.report("E210", item.amount.span, `cost item \`${item.label.value}\` divides by zero`);
          complete = false;
          break;
        }
        if (!sameDimension(result.value.dimension, MONEY_RATE)) {
          if (t === 0) {
            this.report("E210", item.amount.span, `a cost item is money per time such as \`$50/month\`, found ${formatDimension(result.value.dimension)}`);
          }
          complete = false;
          break;
        }
        perTier.push(figure(result.value));
        const previous = totals[t];
        if (previous === undefined) totals[t] = result.value;
        else {
          const sum = add(previous, result.value);
          if (sum.ok) totals[t] = sum.value;
        }
      }
      items.push({ label: item.label.value, text: expressionText(item.amount), perTier, span: item.span });
    }
    const zero = { value: 0, dimension: MONEY_RATE, hint: "$/month" } as const satisfies Quantity;
    const totalQuantities = totals.map((t) => t ?? zero);
    this.costTotals = complete && items.length > 0 ? totalQuantities : undefined;
    const model: M.CostModel = { items, totals: this.costTotals ? this.costTotals.map(figure) : [], unitCosts: [] };
    const [budget, ...extraBudgets] = this.symbols.budgets;
    for (const extra of extraBudgets) {
      this.diagnostics.push(
        makeDiagnostic("E200", extra.keywordSpan, "duplicate `budget`: a cost block has one", {
          related: [{ message: "the budget is first set here", span: budget!.keywordSpan }],
        }),
      );
    }
    if (budget) {
      const result = this.evaluate(budget.amount);
      if (result.ok) {
        if (!sameDimension(result.value.dimension, MONEY_RATE)) {
          this.report("E210", budget.amount.span, `a budget is money per time such as \`$600/month\`, found ${formatDimension(result.value.dimension)}`);
        } else {
          model.budget = figure(result.value);
          const total = this.costTotals?.[0];
          const over = total ? compare(total, ">", result.value) : undefined;
          // The E231 rule reports from this verdict.
          if (over?.ok === true) model.overBudget = over.value;
        }
      }
    }
    return model;
  }

  // ── requirements and monitoring ──────────────────────────────────────

  target(requirement: A.Requirement, alerts: M.AlertModel[]): M.TargetModel | undefined {
    const target = requirement.target;
    if (!target) return undefined;
    const comparison = target.comparison;
    const threshold = this.evaluate(comparison.right);
    const left = this.evaluate(comparison.left);
    const text = `${expressionText(comparison.left)} ${comparison.operator} ${expressionText(comparison.right)}`;
    const model: M.TargetModel = {
      text,
      operator: comparison.operator,
      threshold: threshold.ok ? figure(threshold.value) : { value: NaN, dimension: "", text: expressionText(comparison.right) },
      status: "not-computed",
      monitoredBy: [],
      span: target.span,
    };
    if (left.ok && threshold.ok && !(Number.isFinite(left.value.value) && Number.isFinite(threshold.value.value))) {
      // Only a division by zero makes a figure without a value (`cost.total /
      // zero` with a demand of 0/day); such a target is not met, it fails.
      model.status = "failed";
      const side = Number.isFinite(left.value.value) ? comparison.right : comparison.left;
      this.figures.dividedByZero.push({ requirement: requirement.id.name, expression: expressionText(side) });
    } else if (left.ok && threshold.ok) {
      model.computed = figure(left.value);
      const result = compare(left.value, comparison.operator, threshold.value);
      if (!result.ok) {
        this.mismatch(comparison.span, `target of \`${requirement.id.name}\` compares unlike quantities`, result.left, result.right);
      } else {
        // A failed status with its computed figure is what the E230 rule reports.
        model.status = result.value ? "met" : "failed";
      }
      this.unitCost(comparison.left, left.value);
    } else if (!left.ok && left.metric !== undefined && left.metric !== "availability") {
      model.metric = left.metric;
      model.monitoredBy = alerts.filter((a) => a.metric === left.metric).map((a) => a.id ?? a.condition);
      model.status = model.monitoredBy.length > 0 ? "monitored" : "unmonitored";
      if (threshold.ok) this.checkMetricDimension(left.metric, threshold.value, comparison.right.span);
    }
    return model;
  }

  /** `cost.total / uploads` is the unit cost of an upload. */
  private unitCost(expression: A.Expression, value: Quantity): void {
    if (expression.type !== "Binary" || expression.operator !== "/") return;
    if (expression.left.type !== "Reference" || expression.left.name.text !== "cost.total") return;
    if (expression.right.type !== "Reference") return;
    const demand = expression.right.name.text;
    if (!this.demands.has(demand) || this.figures.unitCosts.some((u) => u.demand === demand)) return;
    this.figures.unitCosts.push({ demand, cost: figure(value) });
  }

  private metricUnit(metricName: string): Quantity | undefined {
    const metric = this.symbols.metrics.get(metricName);
    if (!metric) return undefined;
    if (!metric.unit) return count(1);
    const parsed = parseUnitSpec(metric.unit.parts);
    return parsed.ok ? { value: 1, dimension: parsed.unit.dimension } : undefined;
  }

  private checkMetricDimension(metricName: string, threshold: Quantity, span: Span): void {
    const unit = this.metricUnit(metricName);
    if (unit && !sameDimension(unit.dimension, threshold.dimension)) {
      this.mismatch(span, `threshold for metric \`${metricName}\` (unit ${this.symbols.metrics.get(metricName)?.unit?.text ?? "count"})`, unit.dimension, threshold.dimension);
    }
  }

  metrics(resolveComponent: (name: A.Identifier) => string | undefined): M.MetricModel[] {
    return [...this.symbols.metrics.values()].map((metric) => {
      const model: M.MetricModel = {
        id: metric.name.name,
        title: metric.title?.value ?? metric.name.name,
        percentiles: metric.percentiles.map((p) => p.name),
        span: metric.span,
      };
      if (metric.unit) {
        const parsed = parseUnitSpec(metric.unit.parts);
        if (!parsed.ok) this.report("E210", metric.unit.span, `unknown unit \`${parsed.unknown}\``);
        model.unit = metric.unit.text;
      }
      if (metric.of) {
        const of = resolveComponent(metric.of);
        if (of !== undefined) model.of = of;
      }
      return model;
    });
  }

  alerts(): M.AlertModel[] {
    const result: M.AlertModel[] = [];
    for (const alert of this.symbols.alerts) {
      const condition = alert.condition;
      const threshold = this.evaluate(condition.right);
      const left = this.evaluate(condition.left, 0, true);
      const model: M.AlertModel = {
        condition: `${expressionText(condition.left)} ${condition.operator} ${expressionText(condition.right)}`,
        operator: condition.operator,
        threshold: threshold.ok ? figure(threshold.value) : { value: NaN, dimension: "", text: expressionText(condition.right) },
        span: alert.span,
      };
      if (alert.name) model.id = alert.name.name;
      if (!left.ok && left.metric !== undefined) {
        model.metric = left.metric;
        if (condition.left.type === "Reference" && condition.left.name.parts[1]) model.percentile = condition.left.name.parts[1].name;
        if (threshold.ok) this.checkMetricDimension(left.metric, threshold.value, condition.right.span);
      } else if (left.ok && threshold.ok) {
        const compared = compare(left.value, condition.operator, threshold.value);
        if (!compared.ok) this.mismatch(condition.span, "alert compares unlike quantities", compared.left, compared.right);
      }
      if (alert.text) model.text = alert.text.value;
      if (alert.severity) model.severity = alert.severity.name;
      if (alert.duration) {
        const duration = this.evaluate(alert.duration);
        if (duration.ok) {
          if (!sameDimension(duration.value.dimension, TIME)) {
            this.report("E210", alert.duration.span, `\`for\` takes a time such as \`5min\`, found ${formatDimension(duration.value.dimension)}`);
          } else {
            model.duration = figure(duration.value);
          }
        }
      }
      result.push(model);
    }
    return result;
  }
}

function isRate(dimension: Dimension): boolean {
  return dimension.time === -1;
}

