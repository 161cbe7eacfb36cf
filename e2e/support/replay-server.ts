// A second built server on its own port, on the replay backend (the shipped recording, no lab): for
// specs about recorded data and restarts. The presenter token is the one it keeps beside its
// audience log, as `npm start` does.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { until } from '../../lib/testing/until';

export interface ReplayServer {
  url: string;
  token: string;
  audienceLog: string;
  stop(): Promise<void>;
}

/** Starts `dist/server.js` with MESH_BACKEND=replay on `port`; `audienceLog` to reuse one (a restart);
 *  `recording` to play another file than the shipped one (STAGE_FALLBACK); `env` for anything else
 *  (e.g. RECORD_SESSION: the file is written when `stop` has returned). */
export async function startReplayServer(
  port: number,
  audienceLog = path.join(mkdtempSync(path.join(tmpdir(), 'meshstage-e2e-replay-')), 'audience.jsonl'),
  recording?: string,
  env: Record<string, string> = {},
): Promise<ReplayServer> {
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['dist/server.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      MESH_BACKEND: 'replay',
      AUDIENCE_LOG: audienceLog,
      PRESENTER_TOKEN: '',
      ...(recording ? { STAGE_FALLBACK: recording } : {}),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await until(async () => (await fetch(`${url}/`).catch(() => null))?.ok === true, 30_000, 100);
  return {
    url,
    audienceLog,
    token: readFileSync(`${audienceLog}.presenter-token`, 'utf8').trim(),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
