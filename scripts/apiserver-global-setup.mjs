// The API-server suite's setup (the `apiserver` project of vitest.config.ts): the binaries (built once per machine)
// and the CRD files the real cluster gets, at the versions backends/kind/cluster/versions.env pins —
// Gateway API's experimental channel (cluster:up installs it, for HTTPRoute retries) and Istio's
// CRDs (istio.io/api, the source of the ones istioctl installs) — from the Go module proxy.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { APISERVER_DIR, buildApiserver, findGo } from './build-apiserver.mjs';
import { moduleDir, pin } from './go-modules.mjs';

export default function setup({ provide }) {
  const bins = buildApiserver();
  const go = findGo();
  // Cached binaries need no Go; the CRD files come through Go's module download.
  if (!go) throw new Error('go was not found: the API-server suite downloads the pinned CRDs as Go modules (Go ≥ 1.26, https://go.dev/dl)');
  const gateway = moduleDir(go, `sigs.k8s.io/gateway-api@${pin('GATEWAY_API_VERSION')}`, APISERVER_DIR);
  const experimental = path.join(gateway, 'config/crd/experimental');
  const istio = moduleDir(go, `istio.io/api@v${pin('ISTIO_VERSION')}`, APISERVER_DIR);
  provide('apiserver', {
    bins,
    crds: [
      ...readdirSync(experimental)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => path.join(experimental, f)),
      path.join(istio, 'kubernetes/customresourcedefinitions.gen.yaml'),
    ],
  });
}
