// The presenter's load knobs that live in the workload, not in fortio: the response size every
// service sends (PAYLOAD_BYTES) and the share of requests the failing service fails (ERROR_PERCENT;
// which one: lib/mesh/workload.ts). On a cluster they are container environment, so changing one is a strategic merge patch of the
// Deployment (containers and env entries merge by name) and a rolling update — in every mode's
// namespace, so the modes stay comparable. A patch that changes nothing restarts nothing.
import * as k8s from '@kubernetes/client-node';
import { MODE_IDS } from '../../../lib/mesh/modes';
import type { LoadSpec } from '../../../lib/mesh/policies';
import { FAILING_SERVICE, SERVICES, type ServiceName } from '../../../lib/mesh/workload';
import { namespaceFor } from './cluster-shape';

const STRATEGIC = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);

/** The env patch of one service's Deployment (pure). */
export function workloadEnvPatch(service: ServiceName, load: Pick<LoadSpec, 'payloadBytes' | 'errorPercent'>) {
  const env = [{ name: 'PAYLOAD_BYTES', value: String(load.payloadBytes) }];
  // Only one service fails on purpose: a flaky backend at the end of the chain for retries to hide.
  if (service === FAILING_SERVICE) env.push({ name: 'ERROR_PERCENT', value: String(load.errorPercent) });
  return { spec: { template: { spec: { containers: [{ name: service, env }] } } } };
}

export async function applyWorkloadEnv(kc: k8s.KubeConfig, load: Pick<LoadSpec, 'payloadBytes' | 'errorPercent'>): Promise<void> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  await Promise.all(
    MODE_IDS.flatMap((mode) =>
      SERVICES.map((name) =>
        apps.patchNamespacedDeployment({ name, namespace: namespaceFor(mode), body: workloadEnvPatch(name, load), fieldManager: 'meshstage' }, STRATEGIC),
      ),
    ),
  );
}
