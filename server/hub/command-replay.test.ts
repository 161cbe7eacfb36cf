import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../lib/contract/ack';
import { CommandReplay } from './command-replay';

describe('CommandReplay', () => {
  it('runs a key once and answers a repeat with the first answer, even while it runs', async () => {
    const replay = new CommandReplay(() => 0);
    let runs = 0;
    let finish!: () => void;
    const run = () => {
      runs++;
      return new Promise<ReturnType<typeof ok<number>>>((resolve) => (finish = () => resolve(ok(runs))));
    };
    const first = replay.run('k', run);
    const again = replay.run('k', run);
    finish();
    expect(await first).toEqual(ok(1));
    expect(await again).toEqual(ok(1));
    expect(await replay.run('k', run)).toEqual(ok(1));
    expect(runs).toBe(1);
    expect(await replay.run('other', () => Promise.resolve(fail('invalid', 'no')))).toEqual(fail('invalid', 'no'));
  });

  it('forgets an answer after keepMs, and the oldest answers past max; a run still going stays', async () => {
    let now = 0;
    const replay = new CommandReplay(() => now, 1000, 3);
    let runs = 0;
    const counted = () => Promise.resolve(ok(++runs));
    const pending = replay.run('slow', () => new Promise(() => {}));
    await replay.run('a', counted);
    await replay.run('b', counted);
    // Over the cap: 'a' (answered, oldest) goes; the pending one stays.
    await replay.run('c', counted);
    expect(replay.size).toBe(3);
    expect(await replay.run('a', counted)).toEqual(ok(4));
    now = 5000;
    await replay.run('d', counted);
    expect(replay.size).toBe(2); // 'slow' and 'd'
    void pending;
  });

  it('a run that throws is not an answer: the same key runs again', async () => {
    const replay = new CommandReplay(() => 0);
    await expect(replay.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await replay.run('k', () => Promise.resolve(ok('second')))).toEqual(ok('second'));
  });
});
