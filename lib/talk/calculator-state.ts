// The placement calculator's inputs as the presenter typed them on the console: a small state the
// server holds, so the projector draws the same numbers (read-only) the notes ask the presenter to
// type in from the room. Phones keep their own calculator, to try their own cluster.
import type { CostBasis } from './placement-cost';

export interface CalculatorInputs {
  pods: number;
  nodes: number;
  waypoints: number;
  waypointReplicas: number;
  l7Percent: number;
  rps: number;
  basis: CostBasis;
}

export interface CalculatorState {
  /** The server process that set it (a restarted server's state replaces what a client holds). */
  epoch: string;
  rev: number;
  inputs: CalculatorInputs;
}

/** Each input's label and upper bound (0 is the lower), for the form and the schema alike. */
export const CALCULATOR_FIELDS = [
  { key: 'pods', label: 'pods', max: 100_000 },
  { key: 'nodes', label: 'nodes', max: 10_000 },
  { key: 'waypoints', label: 'waypoints', max: 10_000 },
  { key: 'waypointReplicas', label: 'replicas each', max: 100 },
  { key: 'l7Percent', label: '% calls needing L7', max: 100 },
  { key: 'rps', label: 'requests / s', max: 10_000_000 },
] as const satisfies readonly { key: Exclude<keyof CalculatorInputs, 'basis'>; label: string; max: number }[];

export const DEFAULT_CALCULATOR: CalculatorInputs = { pods: 500, nodes: 20, waypoints: 10, waypointReplicas: 2, l7Percent: 30, rps: 5000, basis: 'requests' };
