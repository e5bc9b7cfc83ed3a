// Issue 6 / physics.md §4: the threaded kernel gives the same bytes for any thread count, and the
// same bytes as the single-threaded SIMD build. Grids are above the kernel's parallel threshold
// (16384 cells) so every task really is split, and above one reduction chunk so reductions combine
// several partials.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import type { Kernel } from '../../src/engine/kernel';
import { Run } from '../../src/engine/run';
import { kernelFor, steps } from './setup';
import { createKernel } from '../../src/engine/create-kernel';
import { toKernelParams } from '../../src/model/units';

// bare collector (stochastic nucleation), interface noise and anisotropy: every random draw and both
// reductions kinds (sums, first maximum) are exercised
const NOISY_2D = { width_um: 96, height_um: 48, collector: 'bare', li_film_um: 0, noise_per_s: 0.001, anisotropy: 0.2 } as const;
const NOISY_3D = { ...NOISY_2D, width_um: 48, height_um: 24, depth_um: 24, dx_um: 1, interface_width_um: 2 } as const;

function bytesOf(k: Kernel): Uint8Array[] {
  return [
    ...(['xi', 'c', 'phi'] as const).map((f) => new Uint8Array(k.view(f).slice().buffer)),
    new Uint8Array(k.stats().slice().buffer),
  ];
}

function sameBytes(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.length === b.length && a.every((arr, i) => arr.length === b[i].length && arr.every((v, j) => v === b[i][j]));
}

async function noisyRun(values: Record<string, number | string>, dims: 2 | 3, n: number, threads?: number): Promise<Uint8Array[]> {
  const kp = toKernelParams(values, dims);
  const k = threads === undefined
    ? await kernelFor(values, dims, 'wasm-simd', 7)
    : await createKernel('wasm-simd', { grid: kp.grid, params: kp.params, seed: 7, threads });
  try {
    expect(k.nx * k.ny * k.nz).toBeGreaterThan(16384);
    expect(k.threads).toBe(threads ?? 1);
    k.initFilm(0);
    steps(k, n);
    expect(k.stats()[L.S_NUCLEI]).toBeGreaterThan(0);
    return bytesOf(k);
  } finally {
    k.dispose();
  }
}

describe('threaded kernel', () => {
  it('2D: 1, 2 and 4 threads give the bytes of the single-threaded build', async () => {
    const ref = await noisyRun(NOISY_2D, 2, 120);
    for (const t of [1, 2, 4]) expect(sameBytes(ref, await noisyRun(NOISY_2D, 2, 120, t)), `threads ${t}`).toBe(true);
    // the comparison can fail: another seed's run differs
    const other = await kernelFor(NOISY_2D, 2, 'wasm-simd', 8);
    other.initFilm(0);
    steps(other, 120);
    expect(sameBytes(ref, bytesOf(other))).toBe(false);
  }, 240_000);

  it('3D: 1, 2 and 4 threads give the bytes of the single-threaded build', async () => {
    const ref = await noisyRun(NOISY_3D, 3, 60);
    for (const t of [1, 2, 4]) expect(sameBytes(ref, await noisyRun(NOISY_3D, 3, 60, t)), `threads ${t}`).toBe(true);
  }, 240_000);

  it('a Run on 2 threads reports them and matches the single-threaded run', async () => {
    const single = new Run();
    const threaded = new Run();
    const config = { preset: 'short-demo', dims: 3 as const, seed: 3 };
    expect((await single.init(config)).ok).toBe(true);
    const init = await threaded.init({ ...config, threads: 2 });
    expect(init.ok).toBe(true);
    if (!init.ok) return;
    expect(init.status.threads).toBe(2);
    const a = single.advance({ maxSteps: 80, maxWallMs: 60_000 });
    const b = threaded.advance({ maxSteps: 80, maxWallMs: 60_000 });
    expect(b.steps).toBe(a.steps);
    expect(b.t_s).toBe(a.t_s);
    expect(b.max_height_um).toBe(a.max_height_um);
    const xa = single.field('xi'), xb = threaded.field('xi');
    expect(xb.length).toBe(xa.length);
    expect(xb.every((v, i) => Object.is(v, xa[i]))).toBe(true);
    threaded.dispose();
    single.dispose();
  }, 240_000);

  it('bad thread counts are refused with a message naming threads and its range', async () => {
    const run = new Run();
    for (const threads of [0, 2.5, 17]) {
      const r = await run.init({ preset: 'planar-1mA', threads });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues[0].param).toBe('threads');
        expect(r.issues[0].message).toMatch(/\[1, 16\]/);
      }
    }
    const scalar = await run.init({ preset: 'planar-1mA', backend: 'wasm-scalar', threads: 2 });
    expect(scalar.ok).toBe(false);
    if (!scalar.ok) expect(scalar.issues[0].message).toMatch(/wasm-simd/);
  });
});
