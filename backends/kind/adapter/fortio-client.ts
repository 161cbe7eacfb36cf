// Runs fortio (the demo's client pod) through the API server's service proxy, so the presenter's
// kubeconfig is all it needs: no port-forward. One short run per window.
import http from 'node:http';
import https from 'node:https';
import type * as k8s from '@kubernetes/client-node';
import type { LoadSpec } from '../../../lib/mesh/policies';
import { CLIENT, upstreamOf } from '../../../lib/mesh/workload';
import type { FortioResult } from './fortio-result';

export async function runFortio(kc: k8s.KubeConfig, namespace: string, load: LoadSpec, seconds: number): Promise<FortioResult> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const query = new URLSearchParams({
    // The service the client calls (web: the chain's first).
    url: `http://${upstreamOf(CLIENT)}/`,
    qps: String(load.rps),
    t: `${seconds}s`,
    c: '4',
    // GETs, as in the lab: the payload is the services' response (PAYLOAD_BYTES, workload-env.ts).
    json: 'on',
  });
  const url = new URL(`${cluster.server.replace(/\/$/, '')}/api/v1/namespaces/${namespace}/services/client:8080/proxy/fortio/rest/run?${query}`);
  const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' }, timeout: (seconds + 10) * 1000 };
  await kc.applyToHTTPSOptions(options);
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`fortio run via the API server answered ${res.statusCode}: ${text.slice(0, 200)}`));
        else {
          try {
            resolve(JSON.parse(text) as FortioResult);
          } catch {
            reject(new Error(`fortio answered something that is not JSON: ${text.slice(0, 120)}`));
          }
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('fortio run timed out')));
    req.on('error', reject);
    req.end();
  });
}
