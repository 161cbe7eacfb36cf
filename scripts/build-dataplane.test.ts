import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script, no types
import { dataplaneBinaryName } from './build-dataplane.mjs';
import { DATAPLANE_BINARY } from '../backends/lab/controller/lab-host';

describe('the data-plane binary', () => {
  it('is named as the Cargo package is, the one source of its name', () => {
    expect(DATAPLANE_BINARY).toBe(dataplaneBinaryName());
  });
});
