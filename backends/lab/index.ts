// The lab's public face: everything the web server may use of it. The server starts the lab
// controller as its own process (dist/lab/controller.js) and speaks this protocol with it; the
// rest of the lab (planner, netns tier, eBPF, data plane) is its own business. The linter holds
// the server to this module (eslint.config.mjs, layer `lab-api`).
export type { LabCommand, LabCommandResults, LabMessage, LabStartOptions } from './controller/controller-protocol';
export type { TierRequest } from './netns/preflight';
export { planToTopology } from './plan-to-topology';
