// Shared construction for the physics checks: physical parameters → kernel, any backend.
import * as L from '../../assembly/layout';
import { createKernel } from '../../src/engine/create-kernel';
import type { Kernel } from '../../src/engine/kernel';
import type { Backend, ParamValues } from '../../src/engine/types';
import { toKernelParams } from '../../src/model/units';

export const BACKENDS: Backend[] = (process.env.DENDRITELAB_BACKENDS?.split(',') as Backend[]) ?? ['wasm-simd'];

export async function kernelFor(
  values: ParamValues, dims: 2 | 3 = 2, backend: Backend = BACKENDS[0], seed = 1,
  slotOverrides: Record<number, number> = {},
): Promise<Kernel> {
  const kp = toKernelParams(values, dims);
  for (const [slot, v] of Object.entries(slotOverrides)) kp.params[Number(slot)] = v;
  return createKernel(backend, { grid: kp.grid, params: kp.params, seed });
}

/** run until simulated time t (s); throws with the guard's report on failure */
export function runUntil(k: Kernel, t: number, maxSteps = 1e7): void {
  for (let i = 0; i < maxSteps && k.stats()[L.S_TIME] < t; i++) {
    const code = k.step();
    if (code !== 0) throw new Error(`step failed: code ${code} at cell ${k.stats()[L.S_FAIL_INDEX]} value ${k.stats()[L.S_FAIL_VALUE]}`);
  }
}

export function steps(k: Kernel, n: number): void {
  for (let i = 0; i < n; i++) {
    const code = k.step();
    if (code !== 0) throw new Error(`step failed: code ${code} at cell ${k.stats()[L.S_FAIL_INDEX]} value ${k.stats()[L.S_FAIL_VALUE]}`);
  }
}

/** ∫ξ dy averaged over the lateral cells (µm) */
export function frontPosition(k: Kernel): number {
  const xi = k.view('xi');
  let s = 0;
  for (let i = 0; i < xi.length; i++) s += xi[i];
  return (s * k.params[L.P_DX]) / (k.nx * k.nz);
}
