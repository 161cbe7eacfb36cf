// Picks the backend from configuration (MESH_BACKEND=lab|kind|replay, default lab).
import path from 'node:path';
import { KindBackend, loadKubeConfig } from '../backends/kind/index';
import { LabBackend, type TierRequest } from '../backends/lab/index';
import { NoLiveBackend } from '../backends/replay/index';
import { BACKEND_NAMES, type BackendName, type MeshBackend } from '../backends/seam/index';
import type { LoadSpec } from '../lib/mesh/policies';

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
