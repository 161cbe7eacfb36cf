// A prediction poll revealed against the demo's own measurements (pure): which of the poll's
// modes measured best this session. Modes not measured yet cannot win; with none measured the
// answer says so instead of guessing. Figures that came from a recording (the stage fallback,
// MESH_BACKEND=replay) are called recorded, with the recording's date, never measured live.
// A numeric poll is revealed against one figure of one mode, as the comparison table computes it
// (comparisonRows: the same cumulative windows, the same baseline rule, the same minimum samples).
import { MODES, type ModeId } from '../mesh/modes';
import { sourceLabel } from '../mesh/provenance';
import { MIN_SAMPLES, provenance, type ModeScore, type Scoreboard } from '../mesh/scoreboard';
import { sameLoad } from '../mesh/telemetry';
import { comparisonRows } from '../viz/comparison';
import { addedMs, conditionLabel, ms as msFigure } from '../viz/format';
import { LATENCY_UNITS } from '../deck/parse-poll';
import { formatEstimate } from './estimates';
import type { NumericFigure, PollAnswer, PollSpec } from './types';

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

const FIGURE: Record<NumericFigure, { column: 'p50Us' | 'p99Us' | 'addedP50Us' | 'addedP99Us'; at: keyof typeof MIN_SAMPLES; words: string }> = {
  p50: { column: 'p50Us', at: 'p50Us', words: 'p50' },
  p99: { column: 'p99Us', at: 'p99Us', words: 'p99' },
  'added-p50': { column: 'addedP50Us', at: 'p50Us', words: 'added p50 over No mesh' },
  'added-p99': { column: 'addedP99Us', at: 'p99Us', words: 'added p99 over No mesh' },
};

const requests = (n: number) => `${n.toLocaleString('en-US')} requests`;

/** A numeric poll revealed: the measured value of its figure in its unit, which figure, over which
 *  window, under which condition, and whether live or recorded. With no such measurement yet the
 *  value is null and the detail says what is missing — never a number from elsewhere. */
export function decideNumeric(spec: PollSpec, board: Scoreboard): PollAnswer {
  const n = spec.number;
  if (!n?.measures) return { option: null, detail: 'Not a numeric poll with a measurement to reveal.' };
  const { figure, mode } = n.measures;
  const f = FIGURE[figure];
  const label = MODES[mode].label;
  const added = figure.startsWith('added-');
  const unit = n.unit;
  const none = (why: string): PollAnswer => ({ option: null, detail: why, value: null, unit });
  const mine = board.rows.find((r) => r.mode === mode);
  const base = board.rows.find((r) => r.mode === 'none');
  const rows: ModeScore[] = added ? [mine, base].filter((r): r is ModeScore => Boolean(r?.latency)) : mine?.latency ? [mine] : [];
  if (!mine?.latency) return none(`${label} has not been measured yet this session: nothing to reveal.`);
  if (added && !base?.latency) return none(`No mesh has not been measured yet this session: the ${f.words} needs it.`);
  const value = comparisonRows(board).find((r) => r.mode === mode)![f.column];
  if (value === null) {
    if (added && !sameLoad(base!.condition, mine.condition))
      return none(`${label} and No mesh were measured under different loads: their ${f.words} is not one figure.`);
    const need = MIN_SAMPLES[f.at];
    return none(
      `Too few requests measured for a ${f.words.split(' ')[added ? 1 : 0]} (${need.toLocaleString('en-US')} needed on each side): nothing to reveal yet.`,
    );
  }
  const inUnit = value / LATENCY_UNITS[unit]!;
  const window = added
    ? `cumulative: ${label} ${requests(mine.latency.count)}, No mesh ${requests(base!.latency!.count)}, each since switched on or its condition last changed`
    : `cumulative: ${requests(mine.latency.count)} since ${label} was switched on or its condition last changed`;
  const condition = mine.condition ? conditionLabel(mine.condition) : null;
  const source = sourceLabel(provenance(rows));
  const figureWords = `${label}, ${f.words}`;
  // Written as the comparison table writes it ("+0.50 ms"): one figure, one way on every view.
  const written = unit === 'ms' ? `${added ? addedMs(value) : msFigure(value)} ms` : `${formatEstimate(inUnit)} ${unit}`;
  return {
    option: null,
    value: inUnit,
    unit,
    measurement: { figure: figureWords, window, condition, source, written },
    detail: `${source}: ${figureWords} ${written} (${window}${condition ? `; ${condition}` : ''}).`,
  };
}
