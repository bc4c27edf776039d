import type { FailureModel, FailureSeverity } from "../../semantics/model.js";
import { nameOf, type Context } from "./context.js";
import { bullets, code, escapeText, heading, nothing, table } from "./text.js";

// ── Failure Modes ──────────────────────────────────────────────────────

const SEVERITY_MARK: Readonly<Record<FailureSeverity, string>> = {
  low: "🟢 low",
  medium: "🟡 medium",
  high: "🟠 high",
  critical: "🔴 critical",
};

function failureBlocks(ctx: Context, failure: FailureModel): string[] {
  const items: string[] = [];
  if (failure.id !== undefined) items.push(`**ID:** ${code(failure.id)}`);
  items.push(`**Affects:** ${failure.affects.length > 0 ? failure.affects.map((id) => nameOf(ctx, id)).join(", ") : "—"}`);
  items.push(`**Impact:** ${failure.impact !== undefined ? escapeText(failure.impact) : "—"}`);
  items.push(`**Mitigation:** ${failure.mitigation !== undefined ? escapeText(failure.mitigation) : "—"}`);
  items.push(`**Severity:** ${failure.severity !== undefined ? SEVERITY_MARK[failure.severity] : "—"}`);
  return [heading(3, escapeText(failure.title)), bullets(items)];
}

export function renderFailures(ctx: Context): string[] {
  const blocks = [heading(2, "Failure Modes")];
  if (ctx.system.failures.length === 0) {
    blocks.push(nothing("No failure modes are recorded."));
    return blocks;
  }
  for (const failure of ctx.system.failures) blocks.push(...failureBlocks(ctx, failure));
  return blocks;
}

// ── Security ───────────────────────────────────────────────────────────

export function renderSecurity(ctx: Context): string[] {
  const { controls, piiFields } = ctx.system.security;
  const blocks = [heading(2, "Security")];
  if (controls.length === 0 && piiFields.length === 0) {
    blocks.push(nothing("No security controls are recorded."));
    return blocks;
  }
  if (controls.length === 0) blocks.push(nothing("No security controls are recorded."));
  else {
    blocks.push(
      table(
        ["Control", "Applies to"],
        controls.map((c) => [escapeText(c.text), c.on !== undefined ? nameOf(ctx, c.on) : "the whole system"]),
      ),
    );
  }
  blocks.push(
    piiFields.length > 0 ? `**Personal data (fields marked \`pii\`):** ${piiFields.map((f) => code(f)).join(", ")}` : nothing("No field is marked `pii`."),
  );
  return blocks;
}

// ── Monitoring ─────────────────────────────────────────────────────────

export function renderMonitoring(ctx: Context): string[] {
  const { metrics, alerts } = ctx.system.monitoring;
  const blocks = [heading(2, "Monitoring")];
  if (metrics.length === 0 && alerts.length === 0) {
    blocks.push(nothing("No metrics or alerts are recorded."));
    return blocks;
  }
  blocks.push(heading(3, "Metrics"));
  if (metrics.length === 0) blocks.push(nothing("No metrics are recorded."));
  else {
    blocks.push(
      table(
        ["ID", "Metric", "Unit", "Of", "Percentiles"],
        metrics.map((m) => [
          code(m.id),
          escapeText(m.title),
          m.unit !== undefined ? code(m.unit) : "count",
          m.of !== undefined ? nameOf(ctx, m.of) : "",
          m.percentiles.map((p) => code(p)).join(", "),
        ]),
      ),
    );
  }
  blocks.push(heading(3, "Alerts"));
  if (alerts.length === 0) blocks.push(nothing("No alerts are recorded."));
  else {
    blocks.push(
      table(
        ["ID", "Condition", "Description", "Severity", "For"],
        alerts.map((a) => [
          a.id !== undefined ? code(a.id) : "",
          code(a.condition),
          a.text !== undefined ? escapeText(a.text) : "",
          a.severity !== undefined ? escapeText(a.severity) : "",
          a.duration ? a.duration.text : "",
        ]),
      ),
    );
  }
  const watched = ctx.system.requirements.filter((r) => r.target?.status === "monitored" || r.target?.status === "unmonitored");
  if (watched.length > 0) {
    blocks.push(
      "**Targets on metrics:**",
      bullets(
        watched.map((r) => {
          const t = r.target!;
          const by = t.monitoredBy.length > 0 ? `watched by ${t.monitoredBy.map((a) => code(a)).join(", ")}` : "⚠️ no alert watches it";
          return `${code(r.id)} ${code(t.text)}: ${by}`;
        }),
      ),
    );
  }
  return blocks;
}
