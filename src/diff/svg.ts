/**
 * The picture of a design diff: the NEW architecture, with what was removed
 * put back so a reader sees where it stood, each element marked — added
 * green, removed dashed red, changed amber — and a legend. Drawing needs
 * the layout stage (ELK); comparing never does, so this module is loaded
 * only for `--svg`.
 */
import { layoutArchitecture } from "../layout/index.js";
import { renderDiagram } from "../render/svg/index.js";
import type { SystemModel } from "../semantics/model.js";
import type { DesignDiff } from "./compare.js";

const LEGEND_HEIGHT = 44;
const MARKS = `
.diff-added .outline{stroke:#1a7f37!important;stroke-width:3px!important}
.diff-removed .outline{stroke:#cf222e!important;stroke-width:2.5px!important;stroke-dasharray:6 4!important;fill-opacity:0.35}
.diff-removed text{fill:#cf222e!important}
.diff-changed .outline{stroke:#bf8700!important;stroke-width:3px!important}
.edge.diff-added path{stroke:#1a7f37!important;stroke-width:2.5px}
.edge.diff-removed path{stroke:#cf222e!important;stroke-dasharray:6 4}
.edge.diff-changed path{stroke:#bf8700!important;stroke-width:2.5px}
.diff-legend text{font-size:12px}
`;

/** The NEW system with the OLD one's removed components and connections put back. */
function merged(before: SystemModel | undefined, after: SystemModel): { system: SystemModel; removedComponents: Set<string>; removedEdges: Set<string> } {
  const ids = new Set(after.components.map((c) => c.id));
  const removedComponents = new Set<string>();
  const components = [...after.components];
  for (const component of before?.components ?? []) {
    if (ids.has(component.id)) continue;
    removedComponents.add(component.id);
    const { boundary: _dropped, ...rest } = component;
    // Its boundary may be gone too; drawn outside any boundary it cannot dangle.
    components.push(after.boundaries.some((b) => b.id === component.boundary) ? component : rest);
  }
  const all = new Set(components.map((c) => c.id));
  const key = (c: { from: string; to: string }): string => `${c.from}->${c.to}`;
  const present = new Set(after.connections.map(key));
  const removedEdges = new Set<string>();
  const connections = [...after.connections];
  for (const connection of before?.connections ?? []) {
    if (present.has(key(connection)) || !all.has(connection.from) || !all.has(connection.to)) continue;
    removedEdges.add(key(connection));
    connections.push(connection);
  }
  return { system: { ...after, components, connections }, removedComponents, removedEdges };
}

function markGroups(svg: string, pattern: RegExp, classFor: (match: RegExpExecArray) => string | undefined): string {
  return svg.replace(pattern, (...args: unknown[]) => {
    const whole = args[0] as string;
    const match = [whole, ...(args.slice(1, -2) as string[])] as unknown as RegExpExecArray;
    const mark = classFor(match);
    return mark ? whole.replace(/class="/, `class="${mark} `) : whole;
  });
}

export async function renderSystemDiffSvg(diff: DesignDiff, before: SystemModel | undefined, after: SystemModel): Promise<string> {
  const { system, removedComponents, removedEdges } = merged(before, after);
  const changes = diff.systems.find((s) => s.system === after.id)?.changes ?? [];
  const addedComponents = new Set(changes.filter((c) => c.section === "components" && c.kind === "added").map((c) => c.item));
  for (const c of changes) if (c.section === "components" && c.kind === "renamed" && c.new) addedComponents.add(c.new);
  const changedComponents = new Set(changes.filter((c) => (c.section === "components" && c.kind === "changed") || (c.section === "figures" && c.property?.startsWith("instances"))).map((c) => c.item));
  // A change names a connection by its model key; the drawing knows an edge by its ends.
  const ends = new Map([...(before?.connections ?? []), ...after.connections].map((c) => [c.key, `${c.from}->${c.to}`]));
  const edgeKey = (item: string): string => ends.get(item) ?? item;
  const addedEdges = new Set(changes.filter((c) => c.section === "connections" && c.kind === "added").map((c) => edgeKey(c.item)));
  const changedEdges = new Set(changes.filter((c) => c.section === "connections" && c.kind === "changed").map((c) => edgeKey(c.item)));

  let svg = renderDiagram(await layoutArchitecture(system));
  svg = markGroups(svg, /<g id="[^"]*" class="node[^"]*" data-ref="([^"]*)">/g, (m) => {
    const ref = m[1]!;
    return removedComponents.has(ref) ? "diff-removed" : addedComponents.has(ref) ? "diff-added" : changedComponents.has(ref) ? "diff-changed" : undefined;
  });
  svg = markGroups(svg, /<g id="[^"]*" class="edge[^"]*" data-from="([^"]*)" data-to="([^"]*)">/g, (m) => {
    const key = `${m[1]}->${m[2]}`;
    return removedEdges.has(key) ? "diff-removed" : addedEdges.has(key) ? "diff-added" : changedEdges.has(key) ? "diff-changed" : undefined;
  });
  // Room for the legend below the drawing.
  const size = /<svg[^>]* width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)" viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  if (size) {
    const width = Number(size[1]);
    const height = Number(size[2]) + LEGEND_HEIGHT;
    svg = svg.replace(size[0], size[0].replace(`height="${size[2]}"`, `height="${height}"`).replace(`viewBox="0 0 ${size[3]} ${size[4]}"`, `viewBox="0 0 ${size[3]} ${Number(size[4]) + LEGEND_HEIGHT}"`));
    const y = Number(size[4]) + 26;
    const legend = [
      ["#1a7f37", "", "added"],
      ["#cf222e", ' stroke-dasharray="6 4"', "removed"],
      ["#bf8700", "", "changed"],
    ]
      .map(([colour, dash, label], i) => `<rect x="${16 + i * 110}" y="${y - 12}" width="22" height="14" rx="3" fill="none" stroke="${colour}" stroke-width="2.5"${dash}/><text x="${44 + i * 110}" y="${y}">${label}</text>`)
      .join("");
    svg = svg.replace(/<\/svg>\s*$/, `<g class="diff-legend">${legend}</g></svg>\n`);
    void width;
  }
  return svg.replace("</style>", `${MARKS}</style>`);
}

/** One picture per system that changed, keyed by system id. */
export async function renderDiffSvg(diff: DesignDiff, before: SystemModel[], after: SystemModel[]): Promise<Map<string, string>> {
  const pictures = new Map<string, string>();
  for (const system of diff.systems) {
    if (system.status === "unchanged" || system.status === "removed") continue;
    const next = after.find((s) => s.id === system.system);
    if (!next || (next.components.length === 0 && next.boundaries.length === 0)) continue;
    pictures.set(system.system, await renderSystemDiffSvg(diff, before.find((s) => s.id === system.system), next));
  }
  return pictures;
}
