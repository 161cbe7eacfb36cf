import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script, no types
import { kubernetesVersion } from './build-apiserver.mjs';

describe('the API server the kind backend is tested against', () => {
  it('is the Kubernetes release of the kind cluster (KIND_NODE_IMAGE in versions.env)', () => {
    const image = /^KIND_NODE_IMAGE=kindest\/node:(v[\d.]+)@/m.exec(readFileSync('backends/kind/cluster/versions.env', 'utf8'))?.[1];
    expect(image).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(kubernetesVersion()).toBe(image);
  });

  it('replaces every staging module with the twin of that release', () => {
    const goMod = readFileSync('backends/kind/apiserver/go.mod', 'utf8');
    const minor = (kubernetesVersion() as string).replace(/^v1\./, 'v0.');
    const replaced = [...goMod.matchAll(/^\s+(k8s\.io\/\S+) => \1 (v\S+)$/gm)];
    expect(replaced.length).toBeGreaterThan(20);
    for (const [, module, version] of replaced) expect(`${module} ${version}`).toBe(`${module} ${minor}`);
  });
});
