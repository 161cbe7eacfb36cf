import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script, no types
import { buildLab, needsDataplane } from './build-lab.mjs';
// @ts-expect-error a plain .mjs build script, no types
import { dataplaneBinaryName } from './build-dataplane.mjs';

describe('building the lab for npm start', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'meshstage-build-lab-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('needs the Rust data plane only where the lab runs live', () => {
    expect(needsDataplane({})).toBe(true);
    expect(needsDataplane({ MESH_BACKEND: 'lab' })).toBe(true);
    expect(needsDataplane({ MESH_BACKEND: 'replay' })).toBe(false);
    expect(needsDataplane({ MESH_BACKEND: 'kind' })).toBe(false);
  });

  it('with MESH_BACKEND=replay bundles the controller and runs no cargo build (the first start took 262 s for a data plane it never starts)', async () => {
    await buildLab(out, { dataplane: 'skip' });
    expect(existsSync(path.join(out, 'controller.js'))).toBe(true);
    expect(existsSync(path.join(out, dataplaneBinaryName()))).toBe(false);
  });
});
