// The lab's public face: what the web server may use of it. The adapter (lab-backend.ts)
// starts the lab controller as its own process (dist/lab/controller.js) and speaks its protocol
// (controller/controller-protocol.ts); the rest — planner, netns tier, eBPF, PKI, the Rust data
// plane — is the lab's own business.
export { LAB_COMMAND_TIMEOUT_MS, LAB_SWITCH_TIMEOUT_MS, LabBackend, type LabBackendOptions } from './lab-backend';
export type { TierRequest } from './netns/preflight';
