// The seam's public face: the one port every backend implements (MeshBackend) and what the engine
// and the backends share across it — the channel that carries a backend's status and events, and
// its errors. The server reaches backends only through this file and each backend's own index.ts
// (eslint.config.mjs holds everyone to it).
export { BACKEND_NAMES, type BackendEvent, type BackendListener, type BackendName, type MeshBackend, type SwitchStep } from './mesh-backend';
export { BackendChannel } from './backend-channel';
export { BackendUnavailableError } from './backend-errors';
