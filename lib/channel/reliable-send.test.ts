import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../contract/ack';
import { commandId, DROPPED, NO_ANSWER, NOT_CONNECTED, ReliableSender, type CommandSocket } from './reliable-send';

/** A socket whose sends are recorded and answered by the test. */
class FakeSocket implements CommandSocket {
  connected = true;
  sent: { event: string; input: unknown; id: string; ack: (r: Ack<unknown>) => void }[] = [];
  #listeners = { connect: new Set<() => void>(), disconnect: new Set<() => void>() };
  emit(event: string, input: unknown, meta: { id: string }, ack: (r: Ack<unknown>) => void) {
    this.sent.push({ event, input, id: meta.id, ack });
  }
  on(e: 'connect' | 'disconnect', fn: () => void) {
    this.#listeners[e].add(fn);
  }
  off(e: 'connect' | 'disconnect', fn: () => void) {
    this.#listeners[e].delete(fn);
  }
  drop() {
    this.connected = false;
    for (const fn of this.#listeners.disconnect) fn();
  }
  back() {
    this.connected = true;
    for (const fn of this.#listeners.connect) fn();
  }
}

let socket: FakeSocket;
let sender: ReliableSender;
let ids = 0;
beforeEach(() => {
  vi.useFakeTimers();
  socket = new FakeSocket();
  sender = new ReliableSender(socket, { timeoutMs: () => 5000, reconnectGraceMs: 10_000, newId: () => `id-${String(++ids).padStart(6, '0')}` });
});
afterEach(() => vi.useRealTimers());

describe('ReliableSender', () => {
  it('sends with an id and resolves with the answer', async () => {
    const result = sender.send('deck:step', { direction: 'next' });
    expect(socket.sent).toHaveLength(1);
    socket.sent[0]!.ack({ ok: true, data: 1 });
    expect(await result).toEqual({ ok: true, data: 1 });
    expect(sender.pending).toBe(0);
  });

  it('sends it again with the same id when the connection came back before the answer', async () => {
    const result = sender.send('mode:set', { mode: 'sidecar' });
    socket.drop();
    await vi.advanceTimersByTimeAsync(9_000);
    socket.back();
    expect(socket.sent.map((s) => s.id)).toEqual([socket.sent[0]!.id, socket.sent[0]!.id]);
    socket.sent[1]!.ack({ ok: true, data: 'done' });
    expect(await result).toEqual({ ok: true, data: 'done' });
  });

  it('fails visibly when the connection does not come back in time, or the server does not answer', async () => {
    const dropped = sender.send('deck:step', {});
    socket.drop();
    await vi.advanceTimersByTimeAsync(10_001);
    expect(await dropped).toEqual({ ok: false, error: { code: 'unavailable', message: DROPPED } });
    socket.back();
    const silent = sender.send('deck:step', {});
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await silent).toEqual({ ok: false, error: { code: 'unavailable', message: NO_ANSWER } });
    // A late answer changes nothing.
    socket.sent[socket.sent.length - 1]!.ack({ ok: true, data: 'late' });
    expect(sender.pending).toBe(0);
  });

  it('sends nothing while not connected, and says so', async () => {
    socket.connected = false;
    expect(await sender.send('deck:step', {})).toEqual({ ok: false, error: { code: 'unavailable', message: NOT_CONNECTED } });
    expect(socket.sent).toEqual([]);
  });

  it('a command id is 16 URL-safe characters and new each time', () => {
    const a = commandId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(commandId()).not.toBe(a);
  });
});
