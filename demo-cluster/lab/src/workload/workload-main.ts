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
let requests = 0;
let errors = 0;
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
  requests++;
  req.resume();
  const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
  const id = config!.id;
  if (errorPercent > 0 && Math.random() * 100 < errorPercent) {
    errors++;
    res.writeHead(503, { [VIA_HEADER]: id, 'content-type': 'text/plain' }).end('injected backend error');
    return;
  }
  let via = id;
  if (upstream) {
    const result = await callUpstream(upstream, requestId);
    via = result.via ? `${id}, ${result.via}` : id;
    if (result.status >= 500) {
      errors++;
      res.writeHead(502, { [VIA_HEADER]: via, 'content-type': 'text/plain' }).end(`upstream answered ${result.status}`);
      return;
    }
  }
  res.writeHead(200, { [VIA_HEADER]: via, 'content-type': 'application/octet-stream', 'content-length': payload.length }).end(payload);
});
server.keepAliveTimeout = 65_000;

process.on('disconnect', () => process.exit(0));
process.on('message', (message: ControllerToChild) => {
  if (message.t === 'config' && 'listen' in message) {
    config = message;
    upstream = message.upstream;
    payload = Buffer.alloc(message.payloadBytes, 'x');
    errorPercent = message.errorPercent;
    server.once('error', (e) => {
      sendToController({ t: 'fatal', id: message.id, message: e.message });
      process.exit(1);
    });
    server.listen(message.listen.port, message.listen.host, () => sendToController({ t: 'ready', id: message.id }));
  } else if (message.t === 'upstream') {
    upstream = message.upstream;
    // New requests take the new path; connections of the old one drain, then close.
    const old = agent;
    agent = newAgent();
    setTimeout(() => old.destroy(), 1000).unref();
  } else if (message.t === 'workload') {
    payload = Buffer.alloc(message.payloadBytes, 'x');
    errorPercent = message.errorPercent;
  } else if (message.t === 'stats-now' && config) {
    sendToController({ t: 'workload-stats', id: config.id, requests, errors, reqId: message.reqId });
  }
});
