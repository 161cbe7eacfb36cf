// Makes a mode's namespace really be in that mode: its labels set (and other modes' mesh labels
// removed), and — for sidecars, which are injected at pod creation — a rollout restart of every
// deployment whose pods run without one (what `kubectl rollout restart` does).
import * as k8s from '@kubernetes/client-node';
import type { ModeId } from '../../../lib/mesh/modes';
import { MODE_LABELS, namespaceFor } from './cluster-shape';
import type { ClusterObjects } from './kube-objects';
import { hasIstioSidecar } from './map-topology';

/** Every label any mode sets: the ones a namespace must not keep from another mode. */
const MESH_LABELS = [...new Set(Object.values(MODE_LABELS).flatMap((l) => Object.keys(l)))];

export interface ModeNamespaceChanges {
  labels: Record<string, string | null> | null;
  restarted: string[];
}

/** What has to change (pure): a merge patch for the labels, and the deployments to restart. */
export function plannedChanges(mode: ModeId, objects: ClusterObjects): ModeNamespaceChanges {
  const ns = namespaceFor(mode);
  const current = objects.namespaces.find((n) => n.metadata?.name === ns)?.metadata?.labels ?? {};
  const wanted = MODE_LABELS[mode];
  const patch: Record<string, string | null> = {};
  for (const key of MESH_LABELS) {
    const want = wanted[key] ?? null;
    if ((current[key] ?? null) !== want) patch[key] = want;
  }
  const restarted =
    mode === 'sidecar'
      ? [
          ...new Set(
            objects.pods.filter((p) => p.metadata?.namespace === ns && p.metadata.labels?.app && !hasIstioSidecar(p)).map((p) => p.metadata!.labels!.app!),
          ),
        ].sort()
      : [];
  return { labels: Object.keys(patch).length ? patch : null, restarted };
}

const MERGE_PATCH = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

const CONFLICT_RETRIES = 3;

/** Applies the planned changes through the API; does nothing when the namespace is already right.
 *  The plan is made on the watched namespace, but the server decides: the label patch carries the
 *  resourceVersion the plan was made from, and if someone changed the namespace since (409
 *  Conflict) it reads the namespace again and plans anew instead of overwriting a change it never
 *  saw. When the watched copy says there is nothing to do, it asks the server whether that still
 *  holds (a change may not have reached the watch yet; found on a real API server). */
export async function prepareModeNamespace(kc: k8s.KubeConfig, mode: ModeId, objects: ClusterObjects, now = () => new Date()): Promise<ModeNamespaceChanges> {
  let changes = plannedChanges(mode, objects);
  const ns = namespaceFor(mode);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  let seen = objects.namespaces.find((n) => n.metadata?.name === ns)?.metadata?.resourceVersion;
  const planOn = (fresh: k8s.V1Namespace) => {
    seen = fresh.metadata?.resourceVersion;
    changes = { ...changes, labels: plannedChanges(mode, { ...objects, namespaces: [fresh] }).labels };
  };
  if (!changes.labels) {
    const fresh = await core.readNamespace({ name: ns });
    if (fresh.metadata?.resourceVersion !== seen) planOn(fresh);
  }
  for (let attempt = 1; changes.labels; attempt++) {
    try {
      await core.patchNamespace({ name: ns, body: { metadata: { labels: changes.labels, ...(seen ? { resourceVersion: seen } : {}) } } }, MERGE_PATCH);
      break;
    } catch (error) {
      if (!(error instanceof k8s.ApiException && error.code === 409) || attempt >= CONFLICT_RETRIES) throw error;
      planOn(await core.readNamespace({ name: ns }));
    }
  }
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  for (const name of changes.restarted) {
    await apps.patchNamespacedDeployment(
      { name, namespace: ns, body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now().toISOString() } } } } } },
      MERGE_PATCH,
    );
  }
  return changes;
}
