// Reads a recording for the stage fallback; a missing or unreadable file means no fallback
// (said once at start), never a failed start.
import { existsSync, readFileSync } from 'node:fs';
import { RECORDING_FORMAT, type Recording } from '../../lib/replay/recording';

export function readRecording(file: string, warn: (m: string) => void = (m) => console.error(m)): Recording | null {
  if (!existsSync(file)) {
    warn(`Stage fallback: ${file} does not exist (npm run record makes one); the talk runs without it.`);
    return null;
  }
  try {
    const rec = JSON.parse(readFileSync(file, 'utf8')) as Recording;
    if (rec?.meta?.format !== RECORDING_FORMAT || !Array.isArray(rec.events)) throw new Error(`not a ${RECORDING_FORMAT} file`);
    return rec;
  } catch (error) {
    warn(`Stage fallback: cannot use ${file} (${(error as Error).message}); the talk runs without it.`);
    return null;
  }
}
