// mTLS with workload identities: TLS 1.3 only, peers verified by their SPIFFE URI SAN (as Istio
// does), not by host name.
import type { PeerCertificate, SecureContextOptions, TLSSocket } from 'node:tls';
import { createSecureContext } from 'node:tls';
import type { Identity } from '../pki/lab-ca';

export const ALPN_H2 = ['h2'];
/** What Istio sidecars negotiate for HTTP/1.1 over mTLS (they do not upgrade to HTTP/2 by default). */
export const ALPN_ISTIO_HTTP11 = ['istio-http/1.1'];

/** SNI names select which workload certificate a multi-identity server (ztunnel) presents. */
export function sniName(spiffe: string): string {
  const sa = spiffe.split('/sa/')[1] ?? 'unknown';
  return `${sa}.${spiffe.split('/ns/')[1]?.split('/')[0] ?? 'default'}.identity.local`;
}

export function spiffeOf(cert: PeerCertificate | undefined | null): string | null {
  const san = cert?.subjectaltname ?? '';
  const uri = san.split(', ').find((s) => s.startsWith('URI:spiffe://'));
  return uri ? uri.slice(4) : null;
}

export function peerIdentity(socket: TLSSocket): { spiffe: string | null; tls: string | null } {
  return { spiffe: spiffeOf(socket.getPeerCertificate()), tls: socket.getProtocol() };
}

function context(id: Identity): SecureContextOptions {
  return { key: id.keyPem, cert: id.certPem, ca: [id.caPem], minVersion: 'TLSv1.3' };
}

/** A server presenting one of several workload identities, chosen by SNI; clients must present a CA-signed cert. */
export function serverTls(identities: Identity[], alpn: string[] = ALPN_H2) {
  if (identities.length === 0) throw new Error('a TLS server needs at least one identity');
  const bySni = new Map(identities.map((id) => [sniName(id.spiffe), createSecureContext(context(id))]));
  return {
    ...context(identities[0]!),
    requestCert: true,
    rejectUnauthorized: true,
    ALPNProtocols: alpn,
    SNICallback: (name: string, cb: (err: Error | null, ctx?: ReturnType<typeof createSecureContext>) => void) =>
      cb(null, bySni.get(name) ?? bySni.values().next().value),
  };
}

/** A client presenting `id` and accepting only a server whose SPIFFE id is `expectPeer`. */
export function clientTls(id: Identity, expectPeer: string, alpn: string[] = ALPN_H2) {
  return {
    ...context(id),
    ALPNProtocols: alpn,
    servername: sniName(expectPeer),
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      spiffeOf(cert) === expectPeer ? undefined : new Error(`peer is ${spiffeOf(cert) ?? 'anonymous'}, expected ${expectPeer}`),
  };
}
