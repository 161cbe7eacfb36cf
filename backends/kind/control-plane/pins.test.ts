// One source for versions: every pin in backends/kind/cluster/versions.env is what the tests build or
// render (the Go modules here, the API server's), and the docs and slides quote the same pins.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pins = Object.fromEntries(
  readFileSync('backends/kind/cluster/versions.env', 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split('=', 2) as [string, string]),
);
const required = (goMod: string, module: string): string => {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const version = new RegExp(`^\\s*(?:require\\s+)?${escaped} (v\\S+)`, 'm').exec(readFileSync(goMod, 'utf8'))?.[1];
  if (!version) throw new Error(`${goMod} requires no ${module}`);
  return version;
};

describe('pins and what the tests build', () => {
  it('Cilium: the operator module is the pinned release', () => {
    expect(`v${pins.CILIUM_VERSION}`).toBe(required('backends/kind/control-plane/cilium-operator/go.mod', 'github.com/cilium/cilium'));
  });

  it('Istio: istiod is built from the source pin (a commit: the proxy serves no tag)', () => {
    expect(pins.ISTIO_SOURCE).toBe(`istio.io/istio@${required('backends/kind/control-plane/istiod/go.mod', 'istio.io/istio')}`);
    expect(pins.ISTIO_VERSION).toMatch(/^1\.31\.\d+$/);
  });

  it('Helm: the CLI check-prereqs.sh asks for is the one the suite builds', () => {
    expect(pins.HELM_VERSION).toBe(required('backends/kind/control-plane/helm/go.mod', 'helm.sh/helm/v4'));
  });

  it('Kubernetes: the kind node image is the release the API server is built from', () => {
    const tag = /^kindest\/node:(v[\d.]+)@sha256:[0-9a-f]{64}$/.exec(pins.KIND_NODE_IMAGE ?? '')?.[1];
    expect(tag).toBe(required('backends/kind/apiserver/go.mod', 'k8s.io/kubernetes'));
  });

  it('docs and slides quote the pins', () => {
    // The slides take what the kind path installs from versions.env ({{pin:NAME}}, filled by the
    // deck loader), never typed by hand.
    const slide = readFileSync('slides/03-sidecar.md', 'utf8');
    expect(slide).toMatch(/the kind backend installs \{\{pin:GATEWAY_API_VERSION\}\}/i);
    expect(slide).not.toMatch(/the kind backend installs v\d/i);
    const readme = readFileSync('backends/kind/cluster/README.md', 'utf8');
    for (const name of ['ISTIO_VERSION', 'CILIUM_VERSION', 'GATEWAY_API_VERSION', 'HELM_VERSION', 'KIND_VERSION']) {
      expect(readme, name).toContain(pins[name]!.replace(/^v/, ''));
    }
    // Nothing else that looks like a pin of these projects in the READMEs.
    for (const file of ['backends/kind/cluster/README.md', 'backends/README.md', 'backends/kind/control-plane/README.md']) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bIstio (1\.\d+\.\d+)/g)) expect(m[1], `${file}: Istio ${m[1]}`).toBe(pins.ISTIO_VERSION);
      for (const m of text.matchAll(/\bCilium (1\.\d+\.\d+)/g)) expect(m[1], `${file}: Cilium ${m[1]}`).toBe(pins.CILIUM_VERSION);
      for (const m of text.matchAll(/\bGateway API (v1\.\d+\.\d+)/g)) expect(m[1], `${file}: Gateway API ${m[1]}`).toBe(pins.GATEWAY_API_VERSION);
    }
  });
});
