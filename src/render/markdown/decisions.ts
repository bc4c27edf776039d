import type { DecisionModel } from "../../semantics/model.js";
import type { Context } from "./context.js";
import { bullets, escapeText, heading, labelledMarkdown, markdownBlock, nothing, tasks } from "./text.js";

function decisionBlocks(decision: DecisionModel): string[] {
  const blocks = [heading(3, `${escapeText(decision.id)}: ${escapeText(decision.title)}`)];
  blocks.push(`**Status:** ${decision.status !== undefined ? escapeText(decision.status) : "—"}`);
  if (decision.context !== undefined && markdownBlock(decision.context) !== "") blocks.push(labelledMarkdown("Context", decision.context));
  if (decision.alternatives.length > 0) blocks.push("**Alternatives considered:**", bullets(decision.alternatives.map(escapeText)));
  if (decision.consequences !== undefined && markdownBlock(decision.consequences) !== "") {
    blocks.push(labelledMarkdown("Consequences", decision.consequences));
  }
  return blocks;
}

export function renderDecisions(ctx: Context): string[] {
  const blocks = [heading(2, "Decisions")];
  if (ctx.system.decisions.length === 0) {
    blocks.push(nothing("No decisions are recorded."));
    return blocks;
  }
  for (const decision of ctx.system.decisions) blocks.push(...decisionBlocks(decision));
  return blocks;
}

export function renderQuestions(ctx: Context): string[] {
  const blocks = [heading(2, "Open Questions")];
  const { questions } = ctx.system;
  if (questions.length === 0) {
    blocks.push(nothing("No open questions are recorded."));
    return blocks;
  }
  blocks.push(
    tasks(
      questions.map((q) => ({
        done: q.resolved,
        text: escapeText(q.text) + (q.resolved && q.answer !== undefined ? ` — ${escapeText(q.answer)}` : ""),
      })),
    ),
  );
  return blocks;
}

/** The seed's output checklist, ticked from what the design holds. */
export function renderChecklist(ctx: Context): string[] {
  const blocks = [heading(2, "Output Checklist")];
  const { checklist } = ctx.system;
  if (checklist.length === 0) {
    blocks.push(nothing("No checklist items."));
    return blocks;
  }
  const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  blocks.push(tasks(checklist.map((item) => ({ done: item.done, text: escapeText(capitalized(item.section)) }))));
  return blocks;
}

