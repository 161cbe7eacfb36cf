// A prediction poll revealed against the demo's own measurements (pure): which of the poll's
// modes measured best this session. Modes not measured yet cannot win; with none measured the
// answer says so instead of guessing. Figures that came from a recording (the stage fallback,
// MESH_BACKEND=replay) are called recorded, with the recording's date, never measured live.
import { MODES, type ModeId } from '../mesh/modes';
import { sourceLabel } from '../mesh/provenance';
import { provenance, type Scoreboard } from '../mesh/scoreboard';
import type { PollAnswer, PollSpec } from './types';

const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;

export function decidePrediction(spec: PollSpec, board: Scoreboard): PollAnswer {
  if (!spec.predicts) return { option: null, detail: 'Not a prediction poll.' };
  const candidates = spec.options
    .map((o) => ({ option: o.id, row: board.rows.find((r) => r.mode === (o.id as ModeId)) }))
    .filter((c) => c.row && (spec.predicts === 'lowest-cpu' ? c.row.cpuPer1000Rps !== null || c.row.mode === 'none' : c.row.latency));
  if (candidates.length === 0) return { option: null, detail: 'None of these modes has been measured yet: run them in the demo first.' };
  const value = (c: (typeof candidates)[number]) =>
    spec.predicts === 'lowest-p50' ? c.row!.latency!.p50Us : spec.predicts === 'lowest-p99' ? c.row!.latency!.p99Us : (c.row!.cpuPer1000Rps ?? 0);
  const best = candidates.reduce((a, b) => (value(b) < value(a) ? b : a));
  const label = MODES[best.option as ModeId]?.label ?? best.option;
  const what =
    spec.predicts === 'lowest-cpu' ? `${value(best).toFixed(2)} vCPU per 1000 rps` : `${spec.predicts === 'lowest-p50' ? 'p50' : 'p99'} ${ms(value(best))}`;
  const missing = spec.options.length - candidates.length;
  const source = sourceLabel(provenance(candidates.map((c) => c.row!)));
  return { option: best.option, detail: `${source}: ${label}, ${what}${missing ? ` (${missing} option${missing > 1 ? 's' : ''} not measured)` : ''}.` };
}
