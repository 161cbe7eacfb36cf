// Presenter tokens over socket.io: a wrong one connects as an attendee (as before) but counts
// against its address; after five, a wrong token from that address is refused until the window has
// passed — and the right one still gets in at once, so nobody on the presenter's address can lock
// the presenter out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, TEST_TOKEN } from '../testing/start-test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('presenter tokens offered on connect', () => {
  it('five wrong ones from an address make its wrong tokens wait; the right token is admitted at once from it, as a presenter; no token still connects', async () => {
    server = await startTestServer();
    for (let i = 0; i < 5; i++) {
      const guess = await server.client(`guess-${i}-0123456789`);
      expect(guess.connected).toBe(true);
      guess.disconnect();
    }
    await expect(server.client('guess-5-0123456789')).rejects.toThrow(/Too many wrong presenter tokens; try again in \d+ s/);
    let role: string | undefined;
    const presenter = await server.client(TEST_TOKEN, (s) => s.once('session:hello', (hello) => (role = hello.role)));
    expect(presenter.connected).toBe(true);
    await vi.waitFor(() => expect(role).toBe('presenter'));
    expect((await server.attendee()).connected).toBe(true);
  });
});
