/**
 * A flow diagram: only the components (and boundaries) the flow touches,
 * inside the boundaries that hold them; each message an edge labelled with
 * its step number and text, each step inside one component listed on it.
 */
import type { FlowModel, SystemModel } from "../semantics/model.js";
import { boundariesParentFirst, isEntry, technologyOf } from "./architecture.js";
import { idPart, layoutGraph, type ContainerSpec, type EdgeSpec, type NodeSpec } from "./graph.js";
import type { Diagram } from "./types.js";

export function layoutFlow(system: SystemModel, flow: FlowModel): Promise<Diagram> {
  const components = new Map(system.components.map((c) => [c.id, c]));
  const boundaries = new Map(system.boundaries.map((b) => [b.id, b]));
  const participants = new Set(flow.participants.filter((p) => components.has(p) || boundaries.has(p)));

  const parentOf = (id: string): string | undefined => {
    const parent = components.get(id)?.boundary ?? boundaries.get(id)?.parent;
    return parent !== undefined && boundaries.has(parent) ? parent : undefined;
  };

  // Boundaries drawn as containers: those holding a participant, at any depth.
  const containerIds = new Set<string>();
  for (const p of participants) {
    const seen = new Set<string>();
    for (let b = parentOf(p); b !== undefined && !seen.has(b); b = parentOf(b)) {
      seen.add(b);
      containerIds.add(b);
    }
  }

  const stepsOn = new Map<string, string[]>();
  for (const step of flow.steps) {
    if (step.type !== "step") continue;
    const list = stepsOn.get(step.from) ?? [];
    list.push(`${step.number}.\u00a0${step.text}`);
    stepsOn.set(step.from, list);
  }

  const containers: ContainerSpec[] = boundariesParentFirst([...containerIds].map((id) => boundaries.get(id)!)).map((b) => {
    const spec: ContainerSpec = { ref: b.id, title: b.title, order: b.span.offset };
    const parent = parentOf(b.id);
    if (parent !== undefined) spec.parent = parent;
    const steps = stepsOn.get(b.id);
    if (steps) spec.steps = steps;
    return spec;
  });

  const nodes: NodeSpec[] = [];
  let order = 0;
  for (const id of participants) {
    order++;
    if (containerIds.has(id)) continue;
    const component = components.get(id);
    const spec: NodeSpec = component
      ? { ref: id, shape: component.kind.shape, title: component.title, order }
      : { ref: id, shape: "rounded", category: "boundary", title: boundaries.get(id)!.title, order };
    if (component && isEntry(component)) spec.entry = true;
    const technology = component ? technologyOf(component) : undefined;
    if (technology) spec.technology = technology;
    const parent = parentOf(id);
    if (parent !== undefined) spec.container = parent;
    const steps = stepsOn.get(id);
    if (steps) spec.steps = steps;
    nodes.push(spec);
  }
  // Containers come in flow order too: at the first participant they hold.
  for (const c of containers) {
    const first = nodes.find((n) => isInside(n.ref, c.ref, parentOf));
    c.order = first ? first.order - 0.5 : order + 1;
  }

  const asyncPairs = new Set(system.connections.filter((c) => c.async).map((c) => `${c.from}\u0000${c.to}`));
  // The story reads top down: a message back to a participant that appeared
  // earlier (a reply) is laid out as if it went forward.
  const firstSeen = new Map<string, number>();
  flow.participants.forEach((p, i) => firstSeen.set(p, i));
  const edges: EdgeSpec[] = [];
  for (const step of flow.steps) {
    if (step.type !== "message" || step.to === undefined) continue;
    if (!participants.has(step.from) || !participants.has(step.to)) continue;
    const edge: EdgeSpec = {
      from: step.from,
      to: step.to,
      label: `${step.number}.\u00a0${step.text}`,
      style: asyncPairs.has(`${step.from}\u0000${step.to}`) ? "async" : "sync",
    };
    if ((firstSeen.get(step.from) ?? 0) > (firstSeen.get(step.to) ?? 0)) edge.backward = true;
    edges.push(edge);
  }

  return layoutGraph({
    kind: "flow",
    name: `flow-${idPart(flow.id)}`,
    title: `${system.title} — ${flow.title}`,
    direction: "DOWN",
    nodes,
    containers,
    edges,
  });
}

function isInside(id: string, container: string, parentOf: (id: string) => string | undefined): boolean {
  const seen = new Set<string>();
  for (let b = parentOf(id); b !== undefined && !seen.has(b); b = parentOf(b)) {
    if (b === container) return true;
    seen.add(b);
  }
  return false;
}
