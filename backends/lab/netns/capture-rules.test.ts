// The sidecar pod's outbound capture is istio-init's, in Istio's order (no root needed to check).
import { describe, expect, it } from 'vitest';
import { sidecarOutboundRules } from './network';

describe('sidecarOutboundRules', () => {
  it('lets the sidecar hand requests to its app on the pod IP from 127.0.0.6, before the self-call redirect', () => {
    const rules = sidecarOutboundRules().map((r) => r.join(' '));
    expect(rules).toEqual([
      '-N MS-SIDECAR-INREDIR',
      '-A MS-SIDECAR-INREDIR -p tcp -j REDIRECT --to-ports 15006',
      '-N MS-SIDECAR-OUT',
      '-A MS-SIDECAR-OUT -o lo -s 127.0.0.6/32 -j RETURN',
      '-A MS-SIDECAR-OUT -o lo ! -d 127.0.0.1/32 -p tcp ! --dport 15008 -m owner --uid-owner 1337 -j MS-SIDECAR-INREDIR',
      '-A MS-SIDECAR-OUT -o lo -m owner ! --uid-owner 1337 -j RETURN',
      '-A MS-SIDECAR-OUT -m owner --uid-owner 1337 -j RETURN',
      '-A MS-SIDECAR-OUT -d 127.0.0.1/32 -j RETURN',
      '-A MS-SIDECAR-OUT -p tcp -j REDIRECT --to-ports 15001',
      '-A OUTPUT -p tcp -j MS-SIDECAR-OUT',
    ]);
  });
});
