// How far a mode's namespace is from serving traffic in that mode, read off the watched pods:
// every workload app needs its live pods ready and shaped for the mode (an injected sidecar in
// sidecar mode, none elsewhere), and ambient + waypoint needs its waypoint pod ready. Pure.
import type { ModeId } from '../../../lib/mesh/modes';
import { WORKLOAD_APPS } from '../../../lib/mesh/workload';
import { MODE_LABELS, namespaceFor } from './cluster-shape';
import type { ClusterObjects, KubePod } from './kube-objects';
import { hasIstioSidecar, isReady } from './map-topology';

export interface RolloutProgress {
  /** Parts (apps, plus the waypoint where used) serving in the mode. */
  done: number;
  total: number;
  /** What is still missing, in words, e.g. `web: 1 pod without its sidecar`. */
  waiting: string[];
}

const live = (p: KubePod) => !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

export function rolloutProgress(mode: ModeId, objects: ClusterObjects): RolloutProgress {
  const ns = namespaceFor(mode);
  const pods = objects.pods.filter((p) => p.metadata?.namespace === ns && live(p));
  const waiting: string[] = [];
  let done = 0;
  for (const app of WORKLOAD_APPS) {
    const mine = pods.filter((p) => p.metadata?.labels?.app === app);
    const notReady = mine.filter((p) => !isReady(p)).length;
    // Pods created before the namespace's injection label changed keep their old shape.
    const wrongShape = mine.filter((p) => hasIstioSidecar(p) !== (mode === 'sidecar')).length;
    if (mine.length === 0) waiting.push(`${app}: no pod`);
    else if (wrongShape) waiting.push(`${app}: ${wrongShape} pod${wrongShape > 1 ? 's' : ''} ${mode === 'sidecar' ? 'without' : 'with'} a sidecar`);
    else if (notReady) waiting.push(`${app}: ${notReady} pod${notReady > 1 ? 's' : ''} not ready`);
    else done++;
  }
  const waypoint = MODE_LABELS[mode]['istio.io/use-waypoint'];
  if (!waypoint) return { done, total: WORKLOAD_APPS.length, waiting };
  const ready = pods.some((p) => p.metadata?.labels?.['gateway.networking.k8s.io/gateway-name'] === waypoint && isReady(p));
  if (ready) done++;
  else waiting.push(`waypoint "${waypoint}": not ready`);
  return { done, total: WORKLOAD_APPS.length + 1, waiting };
}
