// The control-plane suite's setup (the `control-plane` project of vitest.config.ts): the real API
// server's binaries, helm, istiod and Cilium's operator (each built once per machine from the Go
// modules under backends/kind/control-plane/), the charts those modules ship, and Gateway API's
// CRDs at the version versions.env pins (from the Go module proxy).
import path from 'node:path';
import { APISERVER_DIR, buildApiserver, findGo } from './build-apiserver.mjs';
import { buildControlPlane } from './build-control-plane.mjs';
import { moduleDir, pin } from './go-modules.mjs';

/** Gateway API as cluster.sh pinned it before it was checked against the controllers: the suite
 *  shows Cilium's operator refusing to run its Gateway API support on these CRDs. */
export const FORMER_GATEWAY_API_VERSION = 'v1.4.0';

export default function setup({ provide }) {
  const bins = buildApiserver();
  const controlPlane = buildControlPlane();
  const go = findGo();
  const download = (version) => moduleDir(go, `sigs.k8s.io/gateway-api@${version}`, APISERVER_DIR);
  const gateway = download(pin('GATEWAY_API_VERSION'));
  provide('controlPlane', {
    bins,
    build: controlPlane,
    gatewayApi: {
      standard: path.join(gateway, 'config/crd/standard'),
      experimental: path.join(gateway, 'config/crd/experimental'),
      formerExperimental: path.join(download(FORMER_GATEWAY_API_VERSION), 'config/crd/experimental'),
    },
  });
}
