/**
 * The data-model diagram: each entity a table (a header with its name, one
 * row per field: name, type, PK/FK badges), each reference to another entity
 * an edge from the field's row to the referenced entity's key row, through
 * ELK ports fixed on the rows' sides.
 */
import type { EntityModel, FieldModel, SystemModel, TypeModel } from "../semantics/model.js";
import { runElk, type ElkExtendedEdge, type ElkNode, type ElkPort } from "./elk.js";
import { idPart, simplify, straightenJogs } from "./graph.js";
import { FONTS, baselineOffset, ellipsize, normalizeSpace, textWidth } from "./measure.js";
import type { Diagram, DiagramEdge, DiagramTable, Point, Rect, TableRow, TextBlock } from "./types.js";

const ROW_HEIGHT = 24;
const HEADER_PAD_Y = 8;
const PAD_X = 12;
const COLUMN_GAP = 16;
const BADGE_GAP = 4;
const BADGE_HEIGHT = 16;
const BADGE_PAD_X = 5;
const NAME_MAX = 220;
const TYPE_MAX = 200;
const TITLE_MAX = 260;
const MIN_TABLE_WIDTH = 170;
const DIAGRAM_PAD = 24;
/** Wider than this, the diagram is shrunk on a GitHub page until its text is hard to read. */
const MAX_WIDTH = 1100;

/** The type as written: `uuid`, `Upload[]`, `"a" | "b"`, `{…}`. */
export function typeText(type: TypeModel): string {
  switch (type.type) {
    case "builtin":
    case "enum":
    case "entity":
    case "unknown":
      return type.name;
    case "record":
      return "{…}";
    case "union":
      return type.options.map((o) => JSON.stringify(o)).join(" | ");
    case "array": {
      const inner = typeText(type.element);
      return type.element.type === "union" ? `(${inner})[]` : `${inner}[]`;
    }
  }
}

/** The entity a field refers to, directly or as an array's element. */
export function referencedEntity(type: TypeModel): string | undefined {
  if (type.type === "entity") return type.name;
  if (type.type === "array") return referencedEntity(type.element);
  return undefined;
}

function badgesOf(field: FieldModel): ("pk" | "fk")[] {
  const out: ("pk" | "fk")[] = [];
  if (field.pk) out.push("pk");
  if (field.fk) out.push("fk");
  return out;
}

const BADGE_WIDTH = Math.ceil(Math.max(textWidth("PK", "marker"), textWidth("FK", "marker")) + 2 * BADGE_PAD_X);

interface PreparedTable {
  entity: EntityModel;
  elkId: string;
  width: number;
  height: number;
  headerHeight: number;
  titleLines: { text: string; font: "tableTitle" | "technology" }[];
  names: { text: string; truncated: boolean }[];
  types: { text: string; truncated: boolean }[];
  nameWidth: number;
  badgeColumn: number;
  tooltip: string;
}

function prepareTable(entity: EntityModel): PreparedTable {
  const titleLines: PreparedTable["titleLines"] = [{ text: ellipsize(entity.id, "tableTitle", TITLE_MAX).text, font: "tableTitle" }];
  if (entity.title && normalizeSpace(entity.title) !== "") {
    titleLines.push({ text: ellipsize(normalizeSpace(entity.title), "technology", TITLE_MAX).text, font: "technology" });
  }
  const names = entity.fields.map((f) => ellipsize(`${f.name}${f.optional ? "?" : ""}`, "field", NAME_MAX));
  const types = entity.fields.map((f) => ellipsize(normalizeSpace(typeText(f.valueType)), "field", TYPE_MAX));
  const nameWidth = Math.ceil(Math.max(0, ...names.map((n) => textWidth(n.text, "field"))));
  const typeWidth = Math.ceil(Math.max(0, ...types.map((t) => textWidth(t.text, "field"))));
  const maxBadges = Math.max(0, ...entity.fields.map((f) => badgesOf(f).length));
  const badgeColumn = maxBadges > 0 ? maxBadges * BADGE_WIDTH + (maxBadges - 1) * BADGE_GAP : 0;
  const rowWidth = PAD_X + nameWidth + COLUMN_GAP + typeWidth + (badgeColumn > 0 ? COLUMN_GAP + badgeColumn : 0) + PAD_X;
  const titleWidth = Math.max(...titleLines.map((l) => textWidth(l.text, l.font))) + 2 * PAD_X;
  const headerHeight = Math.ceil(2 * HEADER_PAD_Y + titleLines.reduce((h, l) => h + FONTS[l.font].lineHeight, 0));
  const width = Math.ceil(Math.max(MIN_TABLE_WIDTH, rowWidth, titleWidth));
  const height = headerHeight + Math.max(1, entity.fields.length) * ROW_HEIGHT;
  const tooltip = [entity.title ? `${entity.id}: ${normalizeSpace(entity.title)}` : entity.id];
  entity.fields.forEach((f) => {
    const marks = [f.pk ? "PK" : "", f.fk ? "FK" : "", f.unique ? "unique" : "", f.index ? "index" : ""].filter((m) => m !== "");
    let line = `${f.name}${f.optional ? "?" : ""}: ${normalizeSpace(typeText(f.valueType))}`;
    if (marks.length > 0) line += ` [${marks.join(", ")}]`;
    if (f.description) line += ` — ${normalizeSpace(f.description)}`;
    tooltip.push(line);
  });
  return {
    entity,
    elkId: `t:${entity.id}`,
    width,
    height,
    headerHeight,
    titleLines,
    names,
    types,
    nameWidth,
    badgeColumn,
    tooltip: tooltip.join("\n"),
  };
}

function rowCentre(table: PreparedTable, index: number): number {
  return table.headerHeight + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** The row an edge to `table` ends on: its first key field, else the header. */
function targetRow(table: PreparedTable): number | undefined {
  const i = table.entity.fields.findIndex((f) => f.pk);
  return i >= 0 ? i : undefined;
}

export async function layoutDataModel(system: SystemModel): Promise<Diagram> {
  const name = "data-model";
  const tables = system.types.entities.map(prepareTable);
  const byEntity = new Map(tables.map((t) => [t.entity.id, t]));

  interface Relation {
    from: PreparedTable;
    field: number;
    to: PreparedTable;
  }
  const relations: Relation[] = [];
  for (const t of tables) {
    t.entity.fields.forEach((f, i) => {
      const target = referencedEntity(f.valueType);
      const to = target !== undefined ? byEntity.get(target) : undefined;
      if (to) relations.push({ from: t, field: i, to });
    });
  }

  const root: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.padding": `[top=${DIAGRAM_PAD},left=${DIAGRAM_PAD},bottom=${DIAGRAM_PAD},right=${DIAGRAM_PAD}]`,
      "elk.spacing.nodeNode": "36",
      "elk.layered.spacing.nodeNodeBetweenLayers": "72",
      "elk.spacing.edgeNode": "20",
      "elk.spacing.edgeEdge": "12",
      "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.randomSeed": "1",
      "elk.spacing.componentComponent": "36",
    },
    children: [],
    edges: [],
  };
  const portsOf = new Map<string, ElkPort[]>();
  const port = (table: PreparedTable, id: string, side: "EAST" | "WEST", y: number): string => {
    const list = portsOf.get(table.elkId) ?? [];
    if (!list.some((p) => p.id === id)) {
      list.push({ id, x: side === "EAST" ? table.width : 0, y, width: 0, height: 0, layoutOptions: { "elk.port.side": side } });
    }
    portsOf.set(table.elkId, list);
    return id;
  };
  const edgeSpecs: { relation: Relation; elk: ElkExtendedEdge }[] = [];
  relations.forEach((r, i) => {
    const source = port(r.from, `p:${r.from.entity.id}:${r.field}`, "EAST", rowCentre(r.from, r.field));
    const row = targetRow(r.to);
    const targetY = row !== undefined ? rowCentre(r.to, row) : r.to.headerHeight / 2;
    const target = port(r.to, `k:${r.to.entity.id}`, "WEST", targetY);
    const elk: ElkExtendedEdge = { id: `e:${i}`, sources: [source], targets: [target] };
    edgeSpecs.push({ relation: r, elk });
    root.edges!.push(elk);
  });
  for (const t of tables) {
    const node: ElkNode = { id: t.elkId, width: t.width, height: t.height, layoutOptions: { "elk.portConstraints": "FIXED_POS" } };
    const ports = portsOf.get(t.elkId);
    if (ports) node.ports = ports;
    root.children!.push(node);
  }

  let laid = await runElk(structuredClone(root));
  // Too wide to read once GitHub shrinks it to the page: wrap the layers into rows.
  if ((laid.width ?? 0) > MAX_WIDTH) {
    root.layoutOptions = { ...root.layoutOptions, "elk.layered.wrapping.strategy": "MULTI_EDGE", "elk.aspectRatio": "1" };
    const wrapped = await runElk(structuredClone(root));
    if ((wrapped.width ?? 0) < (laid.width ?? 0)) laid = wrapped;
  }
  const boxes = new Map<string, Rect>();
  for (const child of laid.children ?? []) {
    boxes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  }

  const diagramTables: DiagramTable[] = tables.map((t) => {
    const box = boxes.get(t.elkId)!;
    const header: Rect = { x: box.x, y: box.y, width: box.width, height: t.headerHeight };
    let y = box.y + HEADER_PAD_Y;
    const titleBlocks: TextBlock[] = t.titleLines.map((line) => {
      const spec = FONTS[line.font];
      const block: TextBlock = {
        font: line.font,
        anchor: "middle",
        lines: [{ text: line.text, x: box.x + box.width / 2, y: y + spec.lineHeight / 2 + baselineOffset(line.font) }],
      };
      if (line.font === "technology") block.muted = true;
      y += spec.lineHeight;
      return block;
    });
    const title: TextBlock = titleBlocks[0]!;
    const rows: TableRow[] = t.entity.fields.map((f, i) => {
      const rowBox: Rect = { x: box.x, y: box.y + t.headerHeight + i * ROW_HEIGHT, width: box.width, height: ROW_HEIGHT };
      const baseline = rowBox.y + ROW_HEIGHT / 2 + baselineOffset("field");
      const texts: TextBlock[] = [
        { font: "field", anchor: "start", lines: [{ text: t.names[i]!.text, x: box.x + PAD_X, y: baseline }] },
        { font: "field", anchor: "start", muted: true, lines: [{ text: t.types[i]!.text, x: box.x + PAD_X + t.nameWidth + COLUMN_GAP, y: baseline }] },
      ];
      const badges: TableRow["badges"] = [];
      let bx = box.x + box.width - PAD_X - t.badgeColumn;
      for (const kind of badgesOf(f)) {
        const bBox: Rect = { x: bx, y: rowBox.y + (ROW_HEIGHT - BADGE_HEIGHT) / 2, width: BADGE_WIDTH, height: BADGE_HEIGHT };
        badges.push({
          kind,
          box: bBox,
          text: { text: kind.toUpperCase(), x: bBox.x + bBox.width / 2, y: bBox.y + BADGE_HEIGHT / 2 + baselineOffset("marker") },
        });
        bx += BADGE_WIDTH + BADGE_GAP;
      }
      return { box: rowBox, texts, badges };
    });
    const table: DiagramTable = {
      id: `${name}-entity-${idPart(t.entity.id)}`,
      ref: t.entity.id,
      box,
      header,
      title,
      rows,
      tooltip: t.tooltip,
    };
    if (titleBlocks.length > 1) table.subtitle = titleBlocks[1]!;
    return table;
  });

  const outEdges = new Map((laid.edges ?? []).map((e) => [e.id, e]));
  const used = new Map<string, number>();
  const diagramEdges: DiagramEdge[] = [];
  for (const { relation, elk } of edgeSpecs) {
    const out = outEdges.get(elk.id);
    if (!out) continue;
    let points: Point[] = [];
    for (const section of out.sections ?? []) {
      for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) points.push({ x: p.x, y: p.y });
    }
    points = straightenJogs(simplify(points));
    if (points.length < 2) continue;
    const field = relation.from.entity.fields[relation.field]!;
    const key = `${idPart(relation.from.entity.id)}.${idPart(field.name)}-${idPart(relation.to.entity.id)}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    diagramEdges.push({
      id: `${name}-edge-${key}${count > 1 ? `-${count}` : ""}`,
      from: relation.from.entity.id,
      to: relation.to.entity.id,
      style: "relation",
      points,
      tooltip: `${relation.from.entity.id}.${field.name} → ${relation.to.entity.id}`,
    });
  }

  return {
    kind: "data-model",
    name,
    title: `${system.title} — data model`,
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    containers: [],
    nodes: [],
    tables: diagramTables,
    edges: diagramEdges,
  };
}
