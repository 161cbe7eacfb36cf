import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce, SerialQueue, withTimeout } from './async-helpers';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('withTimeout', () => {
  it('passes the value through before the deadline and clears its timer', async () => {
    await expect(withTimeout(Promise.resolve(7), 100, 'late')).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with the message once the deadline passes', async () => {
    const late = withTimeout(new Promise(() => undefined), 100, 'no answer within 100 ms');
    const seen = expect(late).rejects.toThrow('no answer within 100 ms');
    await vi.advanceTimersByTimeAsync(100);
    await seen;
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes a failure through as it is', async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 100, () => new Error('late'))).rejects.toThrow('refused');
  });
});

describe('SerialQueue', () => {
  it('runs tasks one at a time in order, and one failure does not stop the next', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const release: Record<string, () => void> = {};
    const task = (name: string, fail = false) => {
      const released = new Promise<void>((r) => (release[name] = r));
      return q.run(async () => {
        log.push(`start ${name}`);
        await released;
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    };
    const results = Promise.allSettled([task('a'), task('b', true), task('c')]);
    // The later tasks could finish first; they still wait for the one before them.
    release.c!();
    release.b!();
    await vi.waitFor(() => expect(log).toContain('start a'));
    release.a!();
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('coalesce', () => {
  it('turns a burst into one call, ms after its first change, and then takes the next burst', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 250);
    for (let i = 0; i < 100; i++) c.schedule();
    vi.advanceTimersByTime(249);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    c.schedule();
    vi.advanceTimersByTime(250);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('cancel drops the pending call', () => {
    const fn = vi.fn();
    const c = coalesce(fn, 250);
    c.schedule();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
