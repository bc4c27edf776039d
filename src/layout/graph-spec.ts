/**
 * What a caller hands `layoutGraph`: components, boundaries and connections,
 * not yet measured or positioned. The architecture diagram and the flow
 * diagrams are both described this way.
 */
import type { Shape } from "../semantics/model.js";
import type { DiagramKind, EdgeStyle, NodeCategory } from "./types.js";

export interface NodeSpec {
  /** The model id (component or boundary). */
  ref: string;
  shape: Shape;
  category?: NodeCategory;
  title: string;
  technology?: string;
  /** Lines listed under the name, in order (steps of a flow). */
  steps?: string[];
  /** The boundary it is drawn in. */
  container?: string;
  /** Position in the source: siblings are given to ELK in this order. */
  order: number;
  /** A user or client: where the story starts, drawn on top when possible. */
  entry?: boolean;
}

export interface ContainerSpec {
  ref: string;
  title: string;
  parent?: string;
  /** Extra lines under the boundary's name (steps of a flow inside a boundary). */
  steps?: string[];
  order: number;
}

export interface EdgeSpec {
  from: string;
  to: string;
  label?: string;
  technology?: string;
  style: EdgeStyle;
  /** Lay it out as if it pointed the other way (a reply in a flow); it is still drawn from → to. */
  backward?: boolean;
}

export interface GraphSpec {
  kind: DiagramKind;
  name: string;
  title: string;
  direction: "DOWN" | "RIGHT";
  /** In the order ELK should prefer (source order). */
  nodes: NodeSpec[];
  /** Parents before children. */
  containers: ContainerSpec[];
  edges: EdgeSpec[];
}
