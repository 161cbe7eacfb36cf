// The comparison table's rows (pure): every mode, what this session measured for it, and which
// L7 features its data plane can enforce (the published capability table).
import { capability } from '../mesh/capabilities';
import { MODE_IDS, MODES, type ModeId } from '../mesh/modes';
import type { PolicyKey } from '../mesh/policies';
import { addedUs, type Scoreboard } from '../mesh/scoreboard';
import { conditionLabel } from './format';

export interface ComparisonRow {
  mode: ModeId;
  label: string;
  measured: boolean;
  userSpaceHops: number | null;
  p50Us: number | null;
  p99Us: number | null;
  addedP50Us: number | null;
  addedP99Us: number | null;
  cpuPer1000Rps: number | null;
  rssMb: number | null;
  /** What the row's figures were measured under (null: not said, e.g. an older recording). */
  condition: string | null;
  l7: Record<PolicyKey, boolean>;
}

const KEYS: PolicyKey[] = ['retries', 'timeout', 'fault', 'mtls'];

export function comparisonRows(board: Scoreboard): ComparisonRow[] {
  return MODE_IDS.map((mode) => {
    const row = board.rows.find((r) => r.mode === mode);
    return {
      mode,
      label: MODES[mode].label,
      measured: Boolean(row?.latency),
      userSpaceHops: row?.userSpaceHops ?? null,
      p50Us: row?.latency?.p50Us ?? null,
      p99Us: row?.latency?.p99Us ?? null,
      addedP50Us: addedUs(board, mode, 'p50Us'),
      addedP99Us: addedUs(board, mode, 'p99Us'),
      cpuPer1000Rps: mode === 'none' && row ? 0 : (row?.cpuPer1000Rps ?? null),
      rssMb: row?.rssMb ?? null,
      condition: row?.condition ? conditionLabel(row.condition) : null,
      l7: Object.fromEntries(KEYS.map((k) => [k, capability(mode, k).supported])) as Record<PolicyKey, boolean>,
    };
  });
}

/** The condition every measured row was measured under, when they share one (said once, above
 *  the table, instead of in a column on every row); null when they differ or none is said. */
export function sharedCondition(rows: readonly ComparisonRow[]): string | null {
  const said = new Set(rows.filter((r) => r.measured).map((r) => r.condition));
  const [only] = [...said];
  return said.size === 1 && only ? only : null;
}
