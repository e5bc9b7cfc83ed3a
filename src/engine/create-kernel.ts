// Builds a kernel for a backend from kernel parameters (model units) and a grid.
import type { Kernel } from './kernel';
import type { Backend } from './types';
import { TsKernel } from '../kernel-ts/kernel';

export interface KernelSpec {
  grid: [number, number, number];
  params: Float64Array;
  seed: number;
  /** wasm-simd only: run the threaded build on this many threads (1 = the threaded build inline) */
  threads?: number;
}

export async function createKernel(backend: Backend, spec: KernelSpec): Promise<Kernel> {
  const [nx, ny, nz] = spec.grid;
  if (backend === 'ts') return new TsKernel(nx, ny, nz, spec.params, spec.seed);
  const { WasmKernel } = await import('./wasm-kernel');
  return WasmKernel.create(backend === 'wasm-simd', spec);
}
