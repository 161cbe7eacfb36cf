// Picks the backend from configuration (MESH_BACKEND=lab|kind|replay, default lab).
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { KindBackend } from '../backends/kind/adapter/kind-backend';
import type { LoadSpec } from '../lib/mesh/policies';
import type { TierRequest } from '../backends/lab/index';
import { NoLiveBackend } from '../backends/seam/no-live-backend';
import { LabBackend } from '../backends/lab/adapter/lab-backend';
import { BACKEND_NAMES, type BackendName, type MeshBackend } from '../backends/seam/mesh-backend';

export function parseBackendName(value: string | undefined): BackendName {
  const name = (value ?? '').trim() || 'lab';
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new Error(`MESH_BACKEND must be one of ${BACKEND_NAMES.join(', ')} (got "${name}")`);
  }
  return name as BackendName;
}

export interface BackendContext {
  /** The app's root folder (bundles live in dist/). */
  root: string;
  load: LoadSpec;
  labTier: TierRequest;
  /** KUBE_CONTEXT: the kubeconfig context for MESH_BACKEND=kind (default: the current one). */
  kubeContext?: string;
}

/** The presenter's kubeconfig (KUBECONFIG or ~/.kube/config), switched to `context` if given. */
export function loadKubeConfig(context?: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromDefault();
  } catch (error) {
    throw new Error(
      `MESH_BACKEND=kind cannot read the kubeconfig${process.env.KUBECONFIG ? ` (KUBECONFIG=${process.env.KUBECONFIG})` : ''}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const contexts = kc.getContexts().map((c) => c.name);
  if (contexts.length === 0) throw new Error('MESH_BACKEND=kind needs a kubeconfig: run npm run cluster:up, or set KUBECONFIG');
  if (context) {
    if (!contexts.includes(context)) throw new Error(`KUBE_CONTEXT "${context}" is not in the kubeconfig (contexts: ${contexts.join(', ')})`);
    kc.setCurrentContext(context);
  }
  return kc;
}

export function createBackend(name: BackendName, context: BackendContext): MeshBackend {
  switch (name) {
    case 'lab':
      return new LabBackend({ bundleDir: path.join(context.root, 'dist', 'lab'), load: context.load, tier: context.labTier });
    case 'kind':
      return new KindBackend({ kubeConfig: loadKubeConfig(context.kubeContext), load: context.load });
    case 'replay':
      // Played by the stage fallback (server/main.ts wraps every backend with it).
      return new NoLiveBackend();
  }
}
