// Picks the backend from configuration (MESH_BACKEND=lab|kind|replay, default lab).
import path from 'node:path';
import type { LoadSpec } from '../../lib/mesh/policies';
import type { TierRequest } from '../../demo-cluster/lab/src/netns/preflight';
import { LabBackend } from './lab/lab-backend';
import { BACKEND_NAMES, type BackendName, type MeshBackend } from './mesh-backend';

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
}

export function createBackend(name: BackendName, context: BackendContext): MeshBackend {
  switch (name) {
    case 'lab':
      return new LabBackend({ bundleDir: path.join(context.root, 'dist', 'lab'), load: context.load, tier: context.labTier });
    case 'kind':
    case 'replay':
      throw new Error(`MESH_BACKEND=${name} is not available in this build yet; use MESH_BACKEND=lab`);
  }
}
