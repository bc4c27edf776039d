/**
 * Which ELK settings a graph gets, from the size of the work ELK will do:
 * its nodes, boundaries, edges and edge labels (each label is a node to ELK,
 * and each edge that crosses layers adds dummy nodes). Careful settings read
 * best but grow much faster than the graph; past a point only the quick
 * ones finish in seconds.
 */
import type { LayoutOptions } from "./elk.js";

export interface WorkSize {
  nodes: number;
  containers: number;
  edges: number;
  labels: number;
}

export type Tier = "careful" | "balanced" | "quick";

export interface LayoutSettings {
  tier: Tier;
  options: LayoutOptions;
  /**
   * Whether other layouts may be tried and the better kept (people on top,
   * a bound on the nodes per layer): each is one more ELK run.
   */
  alternatives: boolean;
}

/** ELK's fast path: Brandes–Köpf placement, one sweep of crossing minimisation. */
export const QUICK_OPTIONS: LayoutOptions = {
  "elk.layered.considerModelOrder.strategy": "NONE",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.thoroughness": "1",
};

const CAREFUL_OPTIONS: LayoutOptions = {
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  "elk.layered.thoroughness": "30",
};

const BALANCED_OPTIONS: LayoutOptions = {
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.thoroughness": "7",
};

/**
 * Network-simplex placement is what grows fastest (and what overflowed the
 * stack on a 200-component graph): at 150 work it already took 60 % longer
 * than Brandes–Köpf, and a 100-component design (500 work) did not finish
 * in 3 minutes. The examples are 30 to 50 work.
 */
export const CAREFUL_WORK = 120;
/** Up to this much work more sweeps of crossing minimisation (about 1.3× the quick time) are worth it. */
export const BALANCED_WORK = 400;

export function workOf(size: WorkSize): number {
  return size.nodes + size.containers + size.edges + size.labels;
}

export function chooseSettings(size: WorkSize): LayoutSettings {
  const work = workOf(size);
  if (work <= CAREFUL_WORK) return { tier: "careful", options: CAREFUL_OPTIONS, alternatives: true };
  if (work <= BALANCED_WORK) return { tier: "balanced", options: BALANCED_OPTIONS, alternatives: false };
  return { tier: "quick", options: QUICK_OPTIONS, alternatives: false };
}
