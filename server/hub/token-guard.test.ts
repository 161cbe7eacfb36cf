// Presenter tokens over socket.io: a wrong one connects as an attendee (as before) but counts
// against its address; after five, that address cannot offer a token — not even the right one —
// until the window has passed.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_TOKEN } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('presenter tokens offered on connect', () => {
  it('five wrong ones from an address make it wait, even with the right token; no token still connects', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) {
      const guess = await server.client(`guess-${i}-0123456789`);
      expect(guess.connected).toBe(true);
      guess.disconnect();
    }
    await expect(server.client(TEST_TOKEN)).rejects.toThrow(/Too many wrong presenter tokens from this address; try again in \d+ s/);
    expect((await server.attendee()).connected).toBe(true);
  });
});
