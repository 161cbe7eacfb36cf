// Configuration from the environment, validated once at start-up with clear messages.
import { networkInterfaces } from 'node:os';
import { DEFAULT_LOAD, LOAD_LIMITS } from '../lib/mesh/policies';
import type { TierRequest } from '../backends/lab/index';
import { parseBackendName } from './backend-factory';
import type { BackendName } from '../backends/seam/index';
import { presenterTokenFromEnv } from './guards/presenter-token';

export interface Config {
  port: number;
  host: string;
  backend: BackendName;
  /** PRESENTER_TOKEN, or null: the token kept beside the audience log (AudienceLog.presenterToken). */
  presenterToken: string | null;
  /** ROTATE_PRESENTER_TOKEN=1: replace the kept token at this start (the old link stops working). */
  rotatePresenterToken: boolean;
  /** MODERATOR_TOKEN, or null: the token kept beside the audience log (AudienceLog.moderatorToken). */
  moderatorToken: string | null;
  /** ROTATE_MODERATOR_TOKEN=1: replace the kept moderator token at this start. */
  rotateModeratorToken: boolean;
  /** Base URL attendees use (QR code, printed Audience line). */
  publicUrl: string;
  localUrl: string;
  /** The demo's starting load (LAB_RPS); the presenter changes it live. */
  initialRps: number;
  /** MESHSTAGE_LAB_TIER: `auto` picks the netns tier where it can run; `loopback` forces the other. */
  labTier: TierRequest;
  kubeContext: string | undefined;
  /** AUDIENCE_LOG: the polls/votes/questions log, relative to the app root unless absolute. */
  audienceLog: string;
  /** STAGE_FALLBACK: the recording that stands in when the live backend fails (null: off). */
  stageFallback: string | null;
  /** REDIS_URL: scale out over the socket.io Redis adapter. */
  redisUrl: string | undefined;
  /** MESHSTAGE_ROLE: `primary` runs the talk; `edge` only holds connections (needs REDIS_URL). */
  role: 'primary' | 'edge';
  /** MESHSTAGE_PROCESSES (or `npm start -- --processes N`): N > 1 serves the room from N edge
   *  processes behind one port, the talk in one more, over Redis (server/cluster/front.ts). */
  processes: number;
}

/** The most edge processes a scale-out starts (each holds a Next.js server: ~150 MB). */
export const MAX_PROCESSES = 32;

/** `npm start -- --processes N`: the one command-line flag, as MESHSTAGE_PROCESSES. */
export function argsToEnv(args: readonly string[]): Record<string, string> {
  if (args.length === 0) return {};
  const m = args.length === 2 && args[0] === '--processes' ? args[1] : args.length === 1 ? /^--processes=(.+)$/.exec(args[0]!)?.[1] : undefined;
  if (m === undefined)
    throw new Error(`Unknown arguments "${args.join(' ')}": the server takes only --processes N (everything else is set in the environment: README)`);
  return { MESHSTAGE_PROCESSES: m };
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port number (got "${env.PORT}")`);
  const host = env.HOST?.trim() || '0.0.0.0';
  const localUrl = `http://localhost:${port}`;
  const publicUrl = (env.PUBLIC_URL?.trim() || guessLanUrl(port) || localUrl).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) throw new Error(`PUBLIC_URL must be an http(s) URL (got "${env.PUBLIC_URL}")`);
  const initialRps = env.LAB_RPS === undefined || env.LAB_RPS === '' ? DEFAULT_LOAD.rps : Number(env.LAB_RPS);
  if (!Number.isInteger(initialRps) || initialRps < 0 || initialRps > LOAD_LIMITS.maxRps) {
    throw new Error(`LAB_RPS must be a whole number from 0 to ${LOAD_LIMITS.maxRps} (got "${env.LAB_RPS}")`);
  }
  const labTier = (env.MESHSTAGE_LAB_TIER?.trim() || 'auto') as TierRequest;
  if (!['auto', 'loopback', 'netns'].includes(labTier)) throw new Error(`MESHSTAGE_LAB_TIER must be auto, loopback or netns (got "${labTier}")`);
  const role = (env.MESHSTAGE_ROLE?.trim() || 'primary') as Config['role'];
  if (role !== 'primary' && role !== 'edge') throw new Error(`MESHSTAGE_ROLE must be primary or edge (got "${role}")`);
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (role === 'edge' && !redisUrl) throw new Error('MESHSTAGE_ROLE=edge needs REDIS_URL (the primary and its edges meet in Redis)');
  const processes = env.MESHSTAGE_PROCESSES === undefined || env.MESHSTAGE_PROCESSES.trim() === '' ? 1 : Number(env.MESHSTAGE_PROCESSES);
  if (!Number.isInteger(processes) || processes < 1 || processes > MAX_PROCESSES)
    throw new Error(`MESHSTAGE_PROCESSES (--processes) must be a whole number from 1 to ${MAX_PROCESSES} (got "${env.MESHSTAGE_PROCESSES}")`);
  if (processes > 1 && role === 'edge') throw new Error('MESHSTAGE_PROCESSES starts its own edges: leave MESHSTAGE_ROLE unset');
  const fallback = env.STAGE_FALLBACK?.trim() || 'public/recordings/lab-tour.json';
  const presenterToken = presenterTokenFromEnv(env.PRESENTER_TOKEN);
  const moderatorToken = presenterTokenFromEnv(env.MODERATOR_TOKEN, 'MODERATOR_TOKEN');
  // The same key for both would make every moderator a presenter.
  if (moderatorToken !== null && moderatorToken === presenterToken) throw new Error('MODERATOR_TOKEN must differ from PRESENTER_TOKEN');
  return {
    stageFallback: fallback === 'off' ? null : fallback,
    role,
    redisUrl,
    processes,
    audienceLog: env.AUDIENCE_LOG?.trim() || 'data/audience.jsonl',
    kubeContext: env.KUBE_CONTEXT?.trim() || undefined,
    labTier,
    initialRps,
    port,
    host,
    backend: parseBackendName(env.MESH_BACKEND),
    presenterToken,
    rotatePresenterToken: yes(env.ROTATE_PRESENTER_TOKEN),
    moderatorToken,
    rotateModeratorToken: yes(env.ROTATE_MODERATOR_TOKEN),
    publicUrl,
    localUrl,
  };
}

const yes = (value: string | undefined) => ['1', 'true', 'yes'].includes(value?.trim().toLowerCase() ?? '');

/** Phones in the room reach the presenter's laptop on its LAN address, not on localhost. */
function guessLanUrl(port: number): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return `http://${a.address}:${port}`;
    }
  }
  return null;
}
