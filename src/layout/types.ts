/**
 * Positioned diagrams: what the layout hands the renderer. Every coordinate
 * is absolute (the diagram's top left is 0,0) and in CSS pixels; every text
 * line is already measured, wrapped and placed. The renderer only draws.
 */
import type { Shape } from "../semantics/model.js";
import type { FontName } from "./measure.js";

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  /** Anchor point: with `anchor` "middle" the line's centre, "start" its left end. */
  x: number;
  /** Baseline. */
  y: number;
}

export interface TextBlock {
  font: FontName;
  /** Drawn in the muted colour (technology lines, types). */
  muted?: boolean;
  anchor: "start" | "middle" | "end";
  lines: TextLine[];
}

/** Colour family of a node, from its shape. */
export type NodeCategory = "service" | "store" | "queue" | "gateway" | "person" | "cdn" | "external" | "document" | "boundary";

export interface DiagramNode {
  /** Stable and unique within the diagram; safe as an XML id. */
  id: string;
  /** The component (or boundary) of the model. */
  ref: string;
  shape: Shape;
  category: NodeCategory;
  box: Rect;
  texts: TextBlock[];
  /** Horizontal rules inside the node (between the name and a list of steps). */
  rules: { x1: number; x2: number; y: number }[];
  /** The full, uncut text, when some of it was cut or for a tooltip. */
  tooltip: string;
}

export interface DiagramContainer {
  id: string;
  ref: string;
  box: Rect;
  /** 1 for a top-level boundary, 2 inside it … */
  depth: number;
  label: TextBlock;
  /** The area of the name (and notes), drawn with a background so a crossing edge passes behind it. */
  labelBox: Rect;
  /** Lines under the name (steps of a flow that happen in the boundary itself). */
  notes: TextBlock[];
  tooltip: string;
}

export type EdgeStyle = "sync" | "async" | "relation";

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  style: EdgeStyle;
  /** At least two points; orthogonal segments. The arrowhead is at the last point. */
  points: Point[];
  /** `depth`: of the innermost boundary the label sits in (0 for none), so its background matches. */
  label?: { box: Rect; texts: TextBlock[]; depth: number };
  tooltip: string;
}

export interface TableRow {
  box: Rect;
  texts: TextBlock[];
  /** PK and FK badges. */
  badges: { box: Rect; text: TextLine; kind: "pk" | "fk" }[];
}

export interface DiagramTable {
  id: string;
  ref: string;
  box: Rect;
  /** The header band with the entity's name. */
  header: Rect;
  title: TextBlock;
  /** The entity's description, under its name. */
  subtitle?: TextBlock;
  rows: TableRow[];
  tooltip: string;
}

export type DiagramKind = "architecture" | "flow" | "data-model";

export interface Diagram {
  kind: DiagramKind;
  /** "architecture", "flow-upload", "data-model": prefixes every element id. */
  name: string;
  /** Accessible title: "Video Processing Pipeline — architecture". */
  title: string;
  width: number;
  height: number;
  /** Outermost first, so drawing in order puts inner boundaries on top. */
  containers: DiagramContainer[];
  nodes: DiagramNode[];
  tables: DiagramTable[];
  edges: DiagramEdge[];
}
