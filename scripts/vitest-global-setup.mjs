// The lab's integration tests start real processes from the bundled lab: build it first (≈ 0.2 s).
import { buildLab } from './build-lab.mjs';

export default async function setup() {
  await buildLab();
}
