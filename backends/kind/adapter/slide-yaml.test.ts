// The HTTPRoute on the "sidecar-route" slide is what the kind backend applies for the demo's
// default retry and timeout settings in eBPF + node L7 (Istio's modes get a VirtualService) — so
// the slide cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_POLICY } from '../../../lib/mesh/policies';
import { policyResources } from './policy-resources';

describe('the HTTPRoute on the sidecar-route slide', () => {
  it('is the one the kind backend applies for eBPF + node L7 with retries and a timeout on', () => {
    const slide = readFileSync('slides/03-sidecar.md', 'utf8')
      .split(/^---$/m)
      .find((s) => s.includes('id="sidecar-route"'))!;
    const yaml = slide.match(/```yaml\n([\s\S]*?)```/)![1]!;
    const shown = parse(yaml) as { metadata: { name: string }; spec: unknown };
    const policy = { ...DEFAULT_POLICY, retries: { ...DEFAULT_POLICY.retries, enabled: true }, timeout: { ...DEFAULT_POLICY.timeout, enabled: true } };
    const applied = policyResources('ebpf-l7', policy).httpRoutes.find((r) => (r.metadata as { name: string }).name === shown.metadata.name)!;
    expect(applied).toBeDefined();
    expect(shown.spec).toEqual(applied.spec);
  });
});
