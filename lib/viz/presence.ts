// Enter/exit bookkeeping for animated glyphs (pure): items that disappear stay listed as
// `exit` until their exit animation is over, so a mode switch visibly removes a proxy.
export type Presence = 'enter' | 'stay' | 'exit';

export interface Present<T> {
  item: T;
  presence: Presence;
  /** For exiting items: when they may be dropped. */
  until?: number;
}

export function nextPresence<T>(previous: Present<T>[], items: T[], key: (t: T) => string, now: number, exitMs: number): Present<T>[] {
  const keys = new Set(items.map(key));
  const before = new Map(previous.map((p) => [key(p.item), p]));
  const out: Present<T>[] = items.map((item) => {
    const was = before.get(key(item));
    return { item, presence: was && was.presence !== 'exit' ? 'stay' : 'enter' };
  });
  for (const p of previous) {
    if (keys.has(key(p.item))) continue;
    const until = p.presence === 'exit' ? p.until! : now + exitMs;
    if (until > now) out.push({ item: p.item, presence: 'exit', until });
  }
  return out;
}
