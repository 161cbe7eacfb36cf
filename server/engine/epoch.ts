// The server process's epoch: every deck and demo state carries it beside its revision. Revisions
// start again at 0 when the server restarts, while open screens keep the highest they saw — they
// ignored the restarted server's states for ~55 steps. A state of another epoch is taken at once.
import { randomBytes } from 'node:crypto';

export function newEpoch(): string {
  return randomBytes(6).toString('base64url');
}
