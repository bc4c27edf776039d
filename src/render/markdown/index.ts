/**
 * README.md of one system: the design document, in the section order of the
 * design template. Every figure printed here is a `Figure.text` of the model;
 * nothing is computed again. A section with nothing in it says so in one line.
 */
import type { SystemModel } from "../../semantics/model.js";
import { renderApis } from "./api.js";
import { renderArchitecture, renderComponents } from "./components.js";
import { makeContext, type MarkdownOptions } from "./context.js";
import { renderDataModel } from "./data-model.js";
import { renderChecklist, renderDecisions, renderQuestions } from "./decisions.js";
import { renderFlows } from "./flows.js";
import { renderOverview, renderScope, renderTitle } from "./intro.js";
import { renderFailures, renderMonitoring, renderSecurity } from "./operations.js";
import { renderRequirements } from "./requirements.js";
import { renderCost, renderScaling } from "./scaling-cost.js";
import { joinBlocks } from "./text.js";

export type { MarkdownDiagrams, MarkdownOptions } from "./context.js";
export { escapeText } from "./text.js";

/** The `## …` sections, in the order they are written. */
export const SECTION_TITLES = [
  "Overview",
  "Scope",
  "Requirements",
  "High-Level Architecture",
  "Components",
  "Data Flow",
  "Data Model",
  "API Contract",
  "Scaling Considerations",
  "Failure Modes",
  "Cost Estimate",
  "Security",
  "Monitoring",
  "Decisions",
  "Open Questions",
  "Output Checklist",
] as const;

export function renderMarkdown(system: SystemModel, options: MarkdownOptions): string {
  const ctx = makeContext(system, options);
  return joinBlocks([
    ...renderTitle(ctx),
    ...renderOverview(ctx),
    ...renderScope(ctx),
    ...renderRequirements(ctx),
    ...renderArchitecture(ctx),
    ...renderComponents(ctx),
    ...renderFlows(ctx),
    ...renderDataModel(ctx),
    ...renderApis(ctx),
    ...renderScaling(ctx),
    ...renderFailures(ctx),
    ...renderCost(ctx),
    ...renderSecurity(ctx),
    ...renderMonitoring(ctx),
    ...renderDecisions(ctx),
    ...renderQuestions(ctx),
    ...renderChecklist(ctx),
  ]);
}
