'use client';
// What the presenter types into the placement calculator, shared with the projector's window:
// the console's calculator leads (it says its inputs whenever they change, and when asked), the
// projector's read-only copy follows. Both windows are the presenter's browser (the projector is
// opened from the console), so a BroadcastChannel carries it; nothing goes through the server.
// A projector in another browser shows the calculator's defaults.
import { useEffect, useRef, useState } from 'react';
import type { CostBasis } from '@/lib/talk/placement-cost';

export interface CalculatorInputs {
  values: { pods: number; nodes: number; waypoints: number; waypointReplicas: number; l7Percent: number; rps: number };
  basis: CostBasis;
}

export const DEFAULT_CALCULATOR_INPUTS: CalculatorInputs = {
  values: { pods: 500, nodes: 20, waypoints: 10, waypointReplicas: 2, l7Percent: 30, rps: 5000 },
  basis: 'requests',
};

const CHANNEL = 'meshstage-placement-calculator';
type Message = { type: 'inputs'; inputs: CalculatorInputs } | { type: 'ask' };

/** `share`: `lead` says what is typed, `follow` shows what the leader says, none keeps it to itself (a phone). */
export function useCalculatorInputs(share: 'lead' | 'follow' | undefined): [CalculatorInputs, (update: (prev: CalculatorInputs) => CalculatorInputs) => void] {
  const [inputs, setInputs] = useState(DEFAULT_CALCULATOR_INPUTS);
  const channel = useRef<BroadcastChannel | null>(null);
  const latest = useRef(inputs);
  latest.current = inputs;

  useEffect(() => {
    if (!share || typeof BroadcastChannel === 'undefined') return;
    const bc = new BroadcastChannel(CHANNEL);
    channel.current = bc;
    bc.onmessage = (event: MessageEvent<Message>) => {
      if (share === 'lead' && event.data.type === 'ask') bc.postMessage({ type: 'inputs', inputs: latest.current } satisfies Message);
      if (share === 'follow' && event.data.type === 'inputs') setInputs(event.data.inputs);
    };
    bc.postMessage((share === 'lead' ? { type: 'inputs', inputs: latest.current } : { type: 'ask' }) satisfies Message);
    return () => {
      channel.current = null;
      bc.close();
    };
  }, [share]);

  useEffect(() => {
    if (share === 'lead') channel.current?.postMessage({ type: 'inputs', inputs } satisfies Message);
  }, [share, inputs]);

  return [inputs, setInputs];
}
