// A demo service: answers with a payload of the configured size after making its one call to the
// next service (web → catalog → inventory). `errorPercent` makes it flaky, for retries to recover.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { CONNECTIONS_PER_UPSTREAM } from '../net/pool-size';
import type { ControllerToChild, Endpoint, WorkloadConfig } from '../ipc';
import { REQUEST_ID_HEADER, sendToController, VIA_HEADER } from '../ipc';

let config: WorkloadConfig | null = null;
let upstream: Endpoint | null = null;
let payload = Buffer.alloc(0);
let errorPercent = 0;
let agent = newAgent();

function newAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_UPSTREAM });
}

function callUpstream(target: Endpoint, requestId: string): Promise<{ status: number; via: string | null }> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: target.host, port: target.port, path: '/', method: 'GET', agent, headers: { [REQUEST_ID_HEADER]: requestId } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 502, via: (res.headers[VIA_HEADER] as string | undefined) ?? null }));
      },
    );
    req.on('error', () => resolve({ status: 502, via: null }));
    req.end();
  });
}

const server = http.createServer(async (req, res) => {
  req.resume();
  const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
  const id = config!.id;
  if (errorPercent > 0 && Math.random() * 100 < errorPercent) {
    res.writeHead(503, { [VIA_HEADER]: id, 'content-type': 'text/plain' }).end('injected backend error');
    return;
  }
  let via = id;
  if (upstream) {
    const result = await callUpstream(upstream, requestId);
    via = result.via ? `${id}, ${result.via}` : id;
    if (result.status >= 500) {
        res.writeHead(502, { [VIA_HEADER]: via, 'content-type': 'text/plain' }).end(`upstream answered ${result.status}`);
      return;
    }
  }
  res.writeHead(200, { [VIA_HEADER]: via, 'content-type': 'application/octet-stream', 'content-length': payload.length }).end(payload);
});
server.keepAliveTimeout = 65_000;

function start(message: WorkloadConfig): void {
  config = message;
  upstream = message.upstream;
  payload = Buffer.alloc(message.payloadBytes, 'x');
  errorPercent = message.errorPercent;
  server.once('error', (e) => {
    sendToController({ t: 'fatal', id: message.id, message: e.message });
    console.error(`${message.id}: ${e.message}`);
    process.exit(1);
  });
  server.listen(message.listen.port, message.listen.host, () => sendToController({ t: 'ready', id: message.id }));
}

/** In a Kubernetes pod (the kind demo) there is no controller: configuration comes from the
 *  environment, and the next service is reached by its DNS name (e.g. UPSTREAM=catalog:80). */
function configFromEnv(env: NodeJS.ProcessEnv): WorkloadConfig {
  const number = (name: string, fallback: number) => {
    const v = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number (got "${env[name]}")`);
    return v;
  };
  const [host, port] = (env.UPSTREAM ?? '').split(':');
  return {
    t: 'config',
    id: env.APP_NAME || 'workload',
    listen: { host: '0.0.0.0', port: number('PORT', 8080) },
    upstream: host ? { host, port: Number(port || 80) } : null,
    payloadBytes: number('PAYLOAD_BYTES', 1024),
    errorPercent: number('ERROR_PERCENT', 0),
  };
}

if (!process.send) {
  // PID 1 in a container ignores signals it has no handler for.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
  start(configFromEnv(process.env));
}

process.on('disconnect', () => process.exit(0));
process.on('message', (message: ControllerToChild) => {
  if (message.t === 'config' && 'listen' in message) {
    start(message);
  } else if (message.t === 'upstream') {
    upstream = message.upstream;
    // New requests take the new path; connections of the old one drain, then close.
    const old = agent;
    agent = newAgent();
    setTimeout(() => old.destroy(), 1000).unref();
  } else if (message.t === 'workload') {
    payload = Buffer.alloc(message.payloadBytes, 'x');
    errorPercent = message.errorPercent;
  }
});
