// The lab's data plane is one Rust binary (backends/lab/dataplane), built by
// scripts/build-dataplane.mjs into the lab's build folder. Its name is the Cargo package's name;
// a unit test keeps the two equal.
export const DATAPLANE_BINARY = 'meshstage-dataplane';

/** The binary's first argument: what the process is (see its src/main.rs). */
export type DataplaneRole = 'proxy' | 'workload' | 'loadgen' | 'floor-relay' | 'floor-client';

export function dataplaneBuildHint(): string {
  return 'it is built by npm start, npm run build or node scripts/build-dataplane.mjs, which need cargo (Rust, https://rustup.rs)';
}
