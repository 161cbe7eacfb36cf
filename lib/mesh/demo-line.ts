// The live demo in one line, for a phone off the demo slides (pure): which data plane runs and,
// in plain words, anything that changes how to read it — no backend states, no ticking numbers.
import type { DemoState } from './demo-state';
import { MODES } from './modes';
import { NOT_RECORDED } from './provenance';

/** What follows `Live demo: <mode>` (or `Recorded demo: <mode>`, lib/mesh/provenance.ts) on the
 *  line, or null when the demo simply runs. */
export function demoLineNote(demo: Pick<DemoState, 'backend' | 'switching'>): string | null {
  if (demo.switching) return `switching to ${MODES[demo.switching.to].label}`;
  if (demo.backend.recorded) return demo.backend.unrecorded ? NOT_RECORDED : null;
  switch (demo.backend.state) {
    case 'starting':
      return 'starting';
    case 'unavailable':
    case 'stopped':
      return 'not running';
    default:
      return null;
  }
}
