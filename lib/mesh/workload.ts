// The demo workload, the same on every backend: a load-generating client and three services in a
// chain, client → web → catalog → inventory, the last one flaky on purpose. The lab
// (backends/lab/topology.ts), the kind backend (backends/kind/adapter) and the topology's layout
// read it here; the kind cluster's manifest (backends/kind/cluster/manifests/workload.yaml) cannot
// import it, so scripts/workload-drift.test.ts holds it, and the lab's topology, to this module.

/** The load generator (fortio on a cluster): it calls the chain and backs no service. */
export const CLIENT = 'client';

/** The services, in call order. */
export const SERVICES = ['web', 'catalog', 'inventory'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Every app of the workload, in call order (client first): one pod and one identity each. */
export const WORKLOAD_APPS = [CLIENT, ...SERVICES] as const;
export type WorkloadApp = (typeof WORKLOAD_APPS)[number];

/** Who calls whom for every request, in call order: each app calls the next one in the chain. */
export const WORKLOAD_CALLS: readonly (readonly [from: WorkloadApp, to: ServiceName])[] = SERVICES.map((to, i) => [WORKLOAD_APPS[i]!, to] as const);

/** The service that fails `errorPercent` of its requests with 503 (LoadSpec): a flaky backend at
 *  the end of the chain, for retries to hide. No other service fails on purpose. */
export const FAILING_SERVICE: ServiceName = 'inventory';

/** The port every service listens on (a ClusterIP's port), and the port its app listens on in its pod. */
export const SERVICE_PORT = 80;
export const APP_PORT = 8080;

export const isService = (app: string): app is ServiceName => (SERVICES as readonly string[]).includes(app);

/** The service `app` calls, or null for the end of the chain. */
export function upstreamOf(app: WorkloadApp): ServiceName | null {
  return WORKLOAD_CALLS.find(([from]) => from === app)?.[1] ?? null;
}
