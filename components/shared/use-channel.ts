'use client';
// The browser end of the contract: one socket per view, typed by the shared event maps, writing
// every event into the connection's one store (lib/channel). The wire formats are undone here,
// once, as each event arrives; the views read the store through the hooks in channel-hooks.tsx.
// socket.io's client (~14 KB gzip) is fetched when the view mounts, beside reveal.js: the
// server-rendered slide paints and the page hydrates without waiting for it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { retryAfterRefusal } from '@/lib/channel/refusal';
import { earnIdentity } from '@/lib/channel/identity-earner';
import type { Ack } from '@/lib/contract/ack';
import type { IdentityClaimed } from '@/lib/audience/types';
import type { IdentityClaim } from '@/lib/audience/identity-work';
import { ackTimeoutMs, IDENTITY_COMMANDS } from '@/lib/contract/client-commands';
import type { ClientToServerEvents } from '@/lib/contract/commands';
import type { PresenterKind, ServerToClientEvents } from '@/lib/contract/events';
import { commandId, NO_ANSWER, NOT_CONNECTED, ReliableSender, type CommandSocket } from '@/lib/channel/reliable-send';
import { createChannelStore, type ChannelStore } from '@/lib/channel/channel-store';
import { INITIAL_CHANNEL_STATE } from '@/lib/channel/channel-state';
import type { DeckState } from '@/lib/deck/types';
import { unpackHistory } from '@/lib/contract/wire/history-wire';
import { unpackWindow } from '@/lib/contract/wire/window-wire';
import { unpackHops } from '@/lib/contract/wire/hops-wire';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Command = keyof ClientToServerEvents;
type InputOf<E extends Command> = Parameters<ClientToServerEvents[E]>[0];
type ResultOf<E extends Command> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export type Send = <E extends Command>(event: E, input: InputOf<E>) => Promise<ResultOf<E>>;

/** A connection: its store, and how to send a command over it (answered by an ack, or by a
 *  refusal when the socket is down or the server does not answer in time). */
export interface Channel {
  store: ChannelStore;
  send: Send;
  /** A presenter window's own id (what presenters:state names it by); null elsewhere. */
  windowId: string | null;
}

const ATTENDEE_KEY = 'meshstage.attendee';
/** How long a vote, question or upvote waits for the identity being earned (seconds in the
 *  background; a minute when the network's allowance is spent) before it is sent anyway and the
 *  server says why it cannot count it. A reaction does not wait: it is dropped. */
const IDENTITY_WAIT_MS = 60_000;
/** A phone whose identity claim was refused for good (its challenge expired) reconnects for a
 *  new challenge — at most this often. */
const NEW_CHALLENGE_EVERY_MS = 60_000;

/** Whether this connection's phone has its audience identity, and a way to wait for it. */
class IdentityGate {
  has = false;
  #waiters = new Set<() => void>();
  set(has: boolean): void {
    this.has = has;
    if (!has) return;
    for (const w of this.#waiters) w();
    this.#waiters.clear();
  }
  /** Resolves true once it has one, false after `ms`. */
  wait(ms: number): Promise<boolean> {
    if (this.has) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (has: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(ready);
        resolve(has);
      };
      const ready = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.#waiters.add(ready);
    });
  }
}

function readAttendeeToken(): string | null {
  try {
    return localStorage.getItem(ATTENDEE_KEY);
  } catch {
    return null; // private mode or storage disabled: a new identity per visit
  }
}

function writeAttendeeToken(token: string): void {
  try {
    localStorage.setItem(ATTENDEE_KEY, token);
  } catch {
    // storage unavailable: the vote still counts, it just is not remembered across visits
  }
}

/** Every server event, unpacked where it arrives, into the store. */
function listen(socket: ClientSocket, store: ChannelStore): void {
  // The server sends its deck and demo states on every (re)connect (server/hub/hub.ts); the
  // first deck state makes the connection "Connected" (lib/channel/channel-state.ts).
  socket.on('connect', () => store.dispatch({ type: 'connection', state: 'syncing' }));
  socket.on('disconnect', () => store.dispatch({ type: 'connection', state: 'reconnecting' }));
  socket.on('session:hello', (info) => {
    store.dispatch({ type: 'session:hello', info, receivedAt: Date.now() });
    if (info.attendeeToken) {
      writeAttendeeToken(info.attendeeToken);
      socket.auth = { attendee: info.attendeeToken }; // and on every reconnect
    }
  });
  socket.on('audience:public', (view) => store.dispatch({ type: 'audience:public', view }));
  socket.on('audience:mine', (mine) => store.dispatch({ type: 'audience:mine', mine }));
  socket.on('audience:presenter', (view) => store.dispatch({ type: 'audience:presenter', view }));
  socket.on('reactions:burst', (burst) => store.dispatch({ type: 'reactions:burst', burst }));
  socket.on('presenters:state', (state) => store.dispatch({ type: 'presenters:state', state }));
  socket.on('deck:state', (state) => store.dispatch({ type: 'deck:state', state }));
  socket.on('demo:state', (state) => store.dispatch({ type: 'demo:state', state }));
  socket.on('calc:state', (state) => store.dispatch({ type: 'calc:state', state }));
  socket.on('audience:count', (count) => store.dispatch({ type: 'audience:count', count }));
  socket.on('latency:windows', (packed) => store.dispatch({ type: 'latency:windows', windows: packed.map(unpackWindow) }));
  socket.on('hops:sample', (packed) => store.dispatch({ type: 'hops:sample', sample: unpackHops(packed) }));
  socket.on('telemetry:history', (packed) => store.dispatch({ type: 'telemetry:history', points: unpackHistory(packed) }));
  socket.on('scores:state', (packed) => store.dispatch({ type: 'scores:state', packed }));
}

/** How long a command whose connection dropped waits for it to come back before it fails visibly. */
const RECONNECT_GRACE_MS = 10_000;

/** A presenter window's introduction to the server (and the other presenters): which window it
 *  is and its holder's name. The window's id stays the same across its reconnects (a retried
 *  command is recognised by it) and differs between tabs. */
export interface PresenterIntro {
  kind: PresenterKind;
  name: string;
}

function windowClientId(kind: PresenterKind): string {
  const key = `meshstage.presenter-window.${kind}`;
  try {
    const kept = sessionStorage.getItem(key);
    if (kept) return kept;
    const id = commandId();
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return commandId(); // storage disabled: an id for this page's life
  }
}

/** `token: null` waits (the presenter reads it from the URL after mount); `undefined` joins as an attendee.
 *  `first`: the deck's state the page was rendered with on the server (lib/deck/first-html.ts):
 *  the store starts from it (and goes back to it on a new connection) until the server's own
 *  arrives, so hydration draws what the HTML showed; a newer state replaces it by the revision rule.
 *  `reactions`: the page draws the room's reactions (the projector without the token); a phone does not. */
export function useChannelConnection(
  token?: string | null,
  {
    earn = true,
    presenter,
    first = null,
    reactions = false,
  }: { earn?: boolean; presenter?: PresenterIntro; first?: DeckState | null; reactions?: boolean } = {},
): Channel {
  const [store] = useState(() => createChannelStore(first ? { ...INITIAL_CHANNEL_STATE, deck: first } : INITIAL_CHANNEL_STATE));
  const socketRef = useRef<ClientSocket | null>(null);
  const senderRef = useRef<ReliableSender | null>(null);
  const [client] = useState(() => (presenter && typeof window !== 'undefined' ? windowClientId(presenter.kind) : null));
  const introRef = useRef(presenter);
  introRef.current = presenter;
  const authFor = useCallback(
    (t: string) => {
      const intro = introRef.current;
      return intro && client ? { token: t, presenter: { client, name: intro.name.trim() || 'Presenter', kind: intro.kind } } : { token: t };
    },
    [client],
  );
  /** Whether the connection's phone has its identity (attendees; see earnIdentity). */
  const identityRef = useRef(new IdentityGate());

  useEffect(() => {
    if (token === null) return;
    // A new connection (another token, another role) starts from nothing; a reconnect of the
    // same socket keeps what it has, and the server's snapshot replaces it by the revision rule.
    store.dispatch({ type: 'reset' });
    let socket: ClientSocket | null = null;
    let closed = false;
    /** The current connection's identity work (stopped by a new hello or on unmount). */
    let earning = { aborted: false };
    let stopNewChallenge = () => {};
    /** The next try after a refusal at the door (see below). */
    let retry: ReturnType<typeof setTimeout> | undefined;
    /** Tells the server what this page draws (server/hub/live-rooms.ts): hidden (in the background,
     *  the screen off), states only — no measurement goes on the air for a page nobody sees. The
     *  server starts every connection as visible without reactions, so a connect says only otherwise. */
    let sendView: (always: boolean) => void = () => {};
    void import('socket.io-client').then(({ io }) => {
      if (closed) return;
      // An attendee presents the signed id it was given before, so its votes stay its own.
      const kept = token ? null : readAttendeeToken();
      const opened = io({ auth: token ? authFor(token) : kept ? { attendee: kept } : {}, transports: ['websocket', 'polling'] });
      socket = opened;
      socketRef.current = opened;
      senderRef.current = new ReliableSender(opened as unknown as CommandSocket, {
        timeoutMs: (e) => ackTimeoutMs(e as Command),
        reconnectGraceMs: RECONNECT_GRACE_MS,
      });
      listen(opened, store);
      sendView = (always) => {
        if (token || !opened.connected) return; // a presenter window gets everything
        const hidden = document.visibilityState === 'hidden';
        if (always || hidden || reactions) opened.emit('view:set', { hidden, reactions }, () => {});
      };
      opened.on('connect', () => sendView(false));
      // A phone without an identity earns one in the background (lib/channel/identity-earner.ts);
      // each hello's challenge replaces the last (a reconnect before it was done), and an answer
      // already found is presented on the next connection rather than solved again.
      const identity = (identityRef.current = new IdentityGate());
      let solved: IdentityClaim | null = null;
      let newChallengeAt = -Infinity;
      let newChallenge: ReturnType<typeof setTimeout> | undefined;
      stopNewChallenge = () => clearTimeout(newChallenge);
      opened.on('session:hello', (info) => {
        earning.aborted = true;
        identity.set(Boolean(info.attendeeToken) || info.role !== 'attendee');
        const challenge = info.identityChallenge;
        if (!challenge || info.attendeeToken || !earn) return;
        const signal = (earning = { aborted: false });
        void earnIdentity(challenge, {
          signal,
          solved,
          keep: (claim) => (solved = claim),
          connected: () => opened.connected,
          wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          claim: (claim) =>
            new Promise((resolve) =>
              opened
                .timeout(ackTimeoutMs('identity:claim'))
                .emit('identity:claim', claim, (err: Error | null, result: Ack<IdentityClaimed>) =>
                  resolve(err ? { ok: false, error: { code: 'unavailable', message: 'The server did not answer in time.' } } : result),
                ),
            ),
          earned: ({ attendeeToken, mine }) => {
            writeAttendeeToken(attendeeToken);
            opened.auth = { attendee: attendeeToken }; // and on every reconnect
            store.dispatch({ type: 'audience:mine', mine });
            // A success that came back after this connection was replaced: the new one presents
            // the same answer (kept above) and has the identity when its own claim comes back.
            if (!signal.aborted) identity.set(true);
          },
        }).then((outcome) => {
          if (outcome !== 'refused' || closed) return;
          // Refused for good (an expired or foreign challenge): a new connection brings a new one
          // — at most once a minute, so a later refusal waits out the rest of the minute.
          solved = null;
          const wait = Math.max(0, newChallengeAt + NEW_CHALLENGE_EVERY_MS - Date.now());
          clearTimeout(newChallenge);
          newChallenge = setTimeout(() => {
            if (closed) return;
            newChallengeAt = Date.now();
            opened.disconnect().connect();
          }, wait);
        });
      });
      // Refused at the door (a crowded network, a wait): socket.io-client does not try again by
      // itself, so the page does, when the server said or after a back-off (lib/channel/refusal.ts).
      let refusals = 0;
      opened.on('connect', () => (refusals = 0));
      opened.on('connect_error', (error) => {
        if (opened.active || closed) return; // a transport error: socket.io's own reconnection runs
        store.dispatch({ type: 'connection', state: 'reconnecting' });
        clearTimeout(retry);
        retry = setTimeout(
          () => {
            if (!closed && !opened.connected) opened.connect();
          },
          retryAfterRefusal(error, ++refusals),
        );
      });
    });
    // Back on the network (or the phone unlocked): try now, not when socket.io's back-off — up
    // to 5 s after a long drop — next says so. disconnect() clears the pending attempt.
    const retryNow = () => {
      if (!socket || document.visibilityState !== 'visible') return;
      if (!socket.connected) return void socket.disconnect().connect();
      // A drop shorter than the heartbeat: the socket still looks open, but what was written to it
      // meanwhile is lost. Ask for the states now ("Connected" again once the deck state is in).
      store.dispatch({ type: 'connection', state: 'syncing' });
      socket.timeout(ackTimeoutMs('state:sync')).emit('state:sync', {}, (err, result) => {
        if (err || !result.ok) return; // the heartbeat will tell; the reconnect resyncs
        store.dispatch({ type: 'deck:state', state: result.data.deck });
        store.dispatch({ type: 'demo:state', state: result.data.demo });
        store.dispatch({ type: 'audience:count', count: result.data.audience });
      });
    };
    // The phone knows it lost the network before the heartbeat does (~8 s): not "Connected" meanwhile.
    const lost = () => store.dispatch({ type: 'connection', state: 'reconnecting' });
    const viewChanged = () => sendView(true);
    window.addEventListener('offline', lost);
    window.addEventListener('online', retryNow);
    document.addEventListener('visibilitychange', retryNow);
    document.addEventListener('visibilitychange', viewChanged);
    return () => {
      closed = true;
      earning.aborted = true;
      stopNewChallenge();
      clearTimeout(retry);
      window.removeEventListener('offline', lost);
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', retryNow);
      document.removeEventListener('visibilitychange', viewChanged);
      senderRef.current?.close();
      senderRef.current = null;
      socket?.disconnect();
      socketRef.current = null;
    };
  }, [token, store, earn, authFor, reactions]);

  // A presenter who changes their name: the next handshake carries it (the server reads who a
  // window is from its handshake), so the connection is made again, keeping what it holds.
  const name = presenter?.name;
  useEffect(() => {
    const socket = socketRef.current;
    if (!socket || !token || name === undefined) return;
    const auth = authFor(token);
    if (JSON.stringify(socket.auth) === JSON.stringify(auth)) return;
    socket.auth = auth;
    if (socket.connected) socket.disconnect().connect();
  }, [name, token, authFor]);

  const send = useCallback(async <E extends Command>(event: E, input: InputOf<E>): Promise<ResultOf<E>> => {
    // A vote cast while the phone still earns its identity waits for it; a reaction is dropped.
    const identity = identityRef.current;
    if (IDENTITY_COMMANDS.has(event) && !identity.has) {
      const refusal = (message: string) => ({ ok: false, error: { code: 'rate-limited', message } }) as ResultOf<E>;
      if (event === 'reaction:send') return refusal('This phone is still getting its audience identity (a few seconds).');
      if (!(await identity.wait(IDENTITY_WAIT_MS))) {
        return refusal('This phone has no audience identity yet (many phones joined from this network just now): try again in a minute.');
      }
    }
    // A reaction is volatile and harmless to repeat: sent once, not kept for a retry (the server's
    // retry memory is for what must not run twice: a question, a vote, a presenter's command).
    if (event === 'reaction:send') {
      const socket = socketRef.current;
      if (!socket?.connected) return { ok: false, error: { code: 'unavailable', message: NOT_CONNECTED } } as ResultOf<E>;
      return new Promise((resolve) =>
        (socket.timeout(ackTimeoutMs(event)) as unknown as { emit(e: string, i: unknown, cb: (err: Error | null, r: Ack<unknown>) => void): void }).emit(
          event,
          input,
          (err, result) => resolve((err ? { ok: false, error: { code: 'unavailable', message: NO_ANSWER } } : result) as ResultOf<E>),
        ),
      );
    }
    // Sent with an id and sent again on a reconnect if its answer was lost (lib/channel/reliable-send.ts).
    const sender = senderRef.current;
    if (!sender) return { ok: false, error: { code: 'unavailable', message: NOT_CONNECTED } } as ResultOf<E>;
    return (await sender.send(event, input)) as ResultOf<E>;
  }, []);

  return useMemo(() => ({ store, send, windowId: client }), [store, send, client]);
}
