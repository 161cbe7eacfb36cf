'use client';
// The browser end of the contract: one socket, typed by the shared event maps. State events carry
// a revision number; an older one (from a replay after reconnect) never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '@/lib/contract/ack';
import { ackTimeoutMs } from '@/lib/contract/ack-timeouts';
import type { AudienceCount, ClientToServerEvents, ServerToClientEvents, SessionInfo } from '@/lib/contract/events';
import type { DeckState } from '@/lib/deck/types';
import type { DemoState } from '@/lib/mesh/demo-state';
import type { MyAudience, PresenterAudience, PublicAudience, ReactionBurst } from '@/lib/audience/types';
import { EMPTY_SCOREBOARD, type Scoreboard } from '@/lib/mesh/scoreboard';
import { toPoint, type HopsSample, type LatencyPoint, type LatencyWindow } from '@/lib/mesh/telemetry';
import { unpackHistory } from '@/lib/mesh/history-wire';
import { unpackWindow } from '@/lib/mesh/window-wire';
import { applyScoreboard } from '@/lib/mesh/scoreboard-wire';
import { unpackHops } from '@/lib/mesh/hops-wire';
import { mergePoints } from '@/lib/viz/latency-series';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Command = keyof ClientToServerEvents;
type InputOf<E extends Command> = Parameters<ClientToServerEvents[E]>[0];
type ResultOf<E extends Command> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface Channel {
  connection: ConnectionState;
  session: SessionInfo | null;
  deck: DeckState | null;
  demo: DemoState | null;
  audience: AudienceCount | null;
  /** The latest measurement window and per-hop sample (volatile: may skip). */
  latency: LatencyWindow | null;
  hops: HopsSample | null;
  /** The last minute of latency windows (the server's history, then live ones). */
  history: LatencyPoint[];
  scores: Scoreboard;
  /** Polls and questions everyone sees; this attendee's own part; the presenter's full view. */
  audiencePublic: PublicAudience | null;
  audienceMine: MyAudience | null;
  audiencePresenter: PresenterAudience | null;
  /** The latest reaction burst (volatile). */
  reactions: ReactionBurst | null;
  /** Server clock minus local clock, so timers agree across devices. */
  clockOffsetMs: number;
  send<E extends Command>(event: E, input: InputOf<E>): Promise<ResultOf<E>>;
}

const ATTENDEE_KEY = 'meshstage.attendee';

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

/** The later of two states: by revision within one server epoch; a new epoch's (a restarted
 *  server, whose revisions start again at 0) at once. */
const newer =
  <T extends { epoch: string; rev: number }>(incoming: T) =>
  (current: T | null) =>
    current && current.epoch === incoming.epoch && current.rev > incoming.rev ? current : incoming;

/** `token: null` waits (the presenter reads it from the URL after mount); `undefined` joins as an attendee. */
export function useChannel(token?: string | null): Channel {
  const socketRef = useRef<ClientSocket | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [deck, setDeck] = useState<DeckState | null>(null);
  const [demo, setDemo] = useState<DemoState | null>(null);
  const [audience, setAudience] = useState<AudienceCount | null>(null);
  const [clockOffsetMs, setClockOffset] = useState(0);
  const [latency, setLatency] = useState<LatencyWindow | null>(null);
  const [hops, setHops] = useState<HopsSample | null>(null);
  const [history, setHistory] = useState<LatencyPoint[]>([]);
  const [scores, setScores] = useState<Scoreboard>(EMPTY_SCOREBOARD);
  const [audiencePublic, setAudiencePublic] = useState<PublicAudience | null>(null);
  const [audienceMine, setAudienceMine] = useState<MyAudience | null>(null);
  const [audiencePresenter, setAudiencePresenter] = useState<PresenterAudience | null>(null);
  const [reactions, setReactions] = useState<ReactionBurst | null>(null);

  useEffect(() => {
    if (token === null) return;
    // An attendee presents the signed id it was given before, so its votes stay its own.
    const kept = token ? null : readAttendeeToken();
    const socket: ClientSocket = io({ auth: token ? { token } : kept ? { attendee: kept } : {}, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    socket.on('connect', () => setConnection('connected'));
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('session:hello', (info) => {
      setSession(info);
      setClockOffset(info.serverTime - Date.now());
      if (info.attendeeToken) {
        writeAttendeeToken(info.attendeeToken);
        socket.auth = { attendee: info.attendeeToken }; // and on every reconnect
      }
    });
    socket.on('audience:public', setAudiencePublic);
    socket.on('audience:mine', setAudienceMine);
    socket.on('audience:presenter', setAudiencePresenter);
    socket.on('reactions:burst', setReactions);
    socket.on('deck:state', (state) => setDeck(newer(state)));
    socket.on('demo:state', (state) => setDemo(newer(state)));
    socket.on('audience:count', setAudience);
    socket.on('latency:windows', (packed) => {
      const windows = packed.map(unpackWindow);
      if (windows.length === 0) return;
      setLatency(windows[windows.length - 1]!);
      setHistory((h) => mergePoints(h, windows.map(toPoint)));
    });
    socket.on('hops:sample', (packed) => setHops(unpackHops(packed)));
    socket.on('telemetry:history', (packed) => setHistory((h) => mergePoints(h, unpackHistory(packed))));
    // One socket delivers in order, and a restarted server starts its revisions again: take each
    // (a whole board replaces, a delta replaces the rows it carries).
    socket.on('scores:state', (packed) => setScores((current) => applyScoreboard(current, packed)));
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  const send = useCallback(<E extends Command>(event: E, input: InputOf<E>): Promise<ResultOf<E>> => {
    const socket = socketRef.current;
    if (!socket?.connected) {
      return Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'Not connected to the server.' } } as ResultOf<E>);
    }
    return new Promise((resolve) => {
      // socket.io's typed emit cannot be called generically over the event union.
      (socket.timeout(ackTimeoutMs(event)) as unknown as { emit(e: string, i: unknown, cb: (err: Error | null, r: Ack<unknown>) => void): void }).emit(
        event,
        input,
        (err, result) => resolve((err ? { ok: false, error: { code: 'unavailable', message: 'The server did not answer in time.' } } : result) as ResultOf<E>),
      );
    });
  }, []);

  return {
    connection,
    session,
    deck,
    demo,
    audience,
    latency,
    hops,
    history,
    scores,
    audiencePublic,
    audienceMine,
    audiencePresenter,
    reactions,
    clockOffsetMs,
    send,
  };
}
