import type { FlowModel, FlowStepModel } from "../../semantics/model.js";
import { nameOf, type Context } from "./context.js";
import { code, escapeText, heading, image, markdownBlock, nothing } from "./text.js";

/** `1. Client → API Gateway: Request upload URL`; a step inside one component: `3. Upload Service: Generate…`. */
export function stepLine(ctx: Context, step: FlowStepModel): string {
  const who = step.type === "message" && step.to !== undefined ? `${nameOf(ctx, step.from)} → ${nameOf(ctx, step.to)}` : nameOf(ctx, step.from);
  return `${step.number}. ${who}: ${escapeText(step.text)}`;
}

function flowBlocks(ctx: Context, flow: FlowModel): string[] {
  const blocks = [heading(3, escapeText(flow.title))];
  const file = ctx.options.diagrams.flows[flow.id];
  if (file !== undefined) blocks.push(image(flow.title, file));
  if (flow.description !== undefined && markdownBlock(flow.description) !== "") blocks.push(markdownBlock(flow.description));
  blocks.push(flow.steps.length > 0 ? flow.steps.map((s) => stepLine(ctx, s)).join("\n") : nothing("This flow has no steps."));
  if (flow.satisfies.length > 0) {
    const reqs = flow.satisfies.map((id) => {
      const r = ctx.requirements.get(id);
      return r ? `${code(id)} ${escapeText(r.text)}` : code(id);
    });
    blocks.push(`**Satisfies:** ${reqs.join("; ")}`);
  }
  return blocks;
}

export function renderFlows(ctx: Context): string[] {
  const blocks = [heading(2, "Data Flow")];
  if (ctx.system.flows.length === 0) {
    blocks.push(nothing("No flows are recorded."));
    return blocks;
  }
  for (const flow of ctx.system.flows) blocks.push(...flowBlocks(ctx, flow));
  return blocks;
}
