import { describe, expect, it } from 'vitest';
import { isL7, OUTBOUND_PROXY_KINDS, PROXY_KINDS } from './proxy-roles';

describe('the data plane’s proxy roles', () => {
  it('are the sidecar, ztunnel, the waypoint and the node’s L7 proxy', () => {
    expect(PROXY_KINDS).toEqual(['sidecar', 'ztunnel', 'waypoint', 'node-l7']);
  });

  it('only ztunnel works at L4', () => {
    expect(PROXY_KINDS.filter((k) => !isL7(k))).toEqual(['ztunnel']);
  });

  it('all but the waypoint take a workload’s outgoing calls (ztunnel hands them to the waypoint)', () => {
    expect(OUTBOUND_PROXY_KINDS).toEqual(['sidecar', 'ztunnel', 'node-l7']);
  });
});
