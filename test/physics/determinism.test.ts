// physics.md §8 check 9: same seed → same bytes; SIMD = scalar; 2D = a 3D slab.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import type { Kernel } from '../../src/engine/kernel';
import { kernelFor, steps } from './setup';

// bare collector (stochastic nucleation) with interface noise: every random draw is exercised
const NOISY = { width_um: 16, height_um: 16, collector: 'bare', li_film_um: 0, noise_per_s: 0.001, anisotropy: 0.2 } as const;

function bytes(k: Kernel): Uint8Array[] {
  return (['xi', 'c', 'phi'] as const).map((f) => new Uint8Array(k.view(f).slice().buffer));
}

function sameBytes(a: Uint8Array[], b: Uint8Array[]): boolean {
  return a.every((arr, i) => arr.length === b[i].length && arr.every((v, j) => v === b[i][j]));
}

async function noisyRun(backend: 'wasm-simd' | 'wasm-scalar' | 'ts', seed: number, n = 150): Promise<Kernel> {
  const k = await kernelFor(NOISY, 2, backend, seed);
  k.initFilm(0);
  steps(k, n);
  return k;
}

describe('determinism', () => {
  it('the same seed gives the same bytes; another seed does not', async () => {
    const a = await noisyRun('wasm-simd', 42);
    const b = await noisyRun('wasm-simd', 42);
    const c = await noisyRun('wasm-simd', 43);
    expect(a.stats()[L.S_NUCLEI]).toBeGreaterThan(0);
    expect(sameBytes(bytes(a), bytes(b))).toBe(true);
    expect(sameBytes(bytes(a), bytes(c))).toBe(false);
  }, 120_000);

  it('the SIMD and scalar WASM builds give identical bytes', async () => {
    const a = await noisyRun('wasm-simd', 5);
    const b = await noisyRun('wasm-scalar', 5);
    expect(sameBytes(bytes(a), bytes(b))).toBe(true);
  }, 120_000);

  it('the TypeScript oracle agrees with the WASM kernel (no noise, 200 steps, 1e-4)', async () => {
    const values = { width_um: 16, height_um: 16, li_film_um: 3, anisotropy: 0.2 } as const;
    const run = async (backend: 'wasm-simd' | 'ts') => {
      const k = await kernelFor(values, 2, backend, 1);
      const xi = k.view('xi');
      k.initFilm(3);
      // a bump so that the geometry terms are exercised
      for (let y = 0; y < k.ny; y++) for (let x = 0; x < k.nx; x++) {
        const r = Math.hypot((x + 0.5) * 0.5 - 8, (y + 0.5) * 0.5 - 3);
        xi[x + k.nx * y] = Math.max(xi[x + k.nx * y], 0.5 * (1 - Math.tanh((r - 2) / 1)));
      }
      k.startLedger();
      steps(k, 200);
      return k;
    };
    const w = await run('wasm-simd');
    const t = await run('ts');
    for (const f of ['xi', 'c', 'phi'] as const) {
      const a = w.view(f), b = t.view(f);
      let worst = 0, scale = 0;
      for (let i = 0; i < a.length; i++) { worst = Math.max(worst, Math.abs(a[i] - b[i])); scale = Math.max(scale, Math.abs(b[i])); }
      expect(worst).toBeLessThan(1e-4 * Math.max(scale, 1e-3));
    }
    expect(Math.abs(w.stats()[L.S_TIME] / t.stats()[L.S_TIME] - 1)).toBeLessThan(1e-6);
  }, 120_000);

  it('the TypeScript oracle agrees with the WASM kernel on a Li-wetted seed (P_SEED_WET, 300 steps, 1e-4)', async () => {
    // the lithiophilic-cycle path (docs/model.md §9): wet births, the site-share area, the emptying guard
    const values = { width_um: 16, height_um: 16, collector: 'bare', li_film_um: 0 } as const;
    const run = async (backend: 'wasm-simd' | 'ts') => {
      const k = await kernelFor(values, 2, backend, 3);
      k.setParam(L.P_SEED_WET, 1);
      k.initFilm(0);
      steps(k, 250);
      k.setParam(L.P_CURRENT, -k.params[L.P_CURRENT]); // strip what the patches hold
      steps(k, 50);
      return k;
    };
    const w = await run('wasm-simd');
    const t = await run('ts');
    expect(w.stats()[L.S_NUCLEI]).toBeGreaterThan(0);
    expect(w.stats()[L.S_NUCLEI]).toBe(t.stats()[L.S_NUCLEI]);
    for (const f of ['xi', 'c', 'phi'] as const) {
      const a = w.view(f), b = t.view(f);
      let worst = 0, scale = 0;
      for (let i = 0; i < a.length; i++) { worst = Math.max(worst, Math.abs(a[i] - b[i])); scale = Math.max(scale, Math.abs(b[i])); }
      expect(worst, f).toBeLessThan(1e-4 * Math.max(scale, 1e-3));
    }
    for (const slot of [L.S_TIME, L.S_METAL_UM, L.S_SUBGRID_UM, L.S_CHARGE]) {
      expect(Math.abs(w.stats()[slot] - t.stats()[slot]), `slot ${slot}`).toBeLessThan(1e-6 * Math.max(Math.abs(t.stats()[slot]), 1e-9));
    }
  }, 120_000);

  it('a 2D run equals a z-uniform 3D slab', async () => {
    // dt_max below both explicit bounds (they differ by d) so both runs take identical steps
    const values = { width_um: 16, height_um: 16, depth_um: 4, li_film_um: 3, anisotropy: 0.2, dt_max_s: 0.2 } as const;
    const k2 = await kernelFor(values, 2, 'wasm-simd');
    const k3 = await kernelFor(values, 3, 'wasm-simd');
    for (const k of [k2, k3]) {
      k.initFilm(3);
      const xi = k.view('xi');
      for (let z = 0; z < k.nz; z++) for (let y = 0; y < k.ny; y++) for (let x = 0; x < k.nx; x++) {
        const r = Math.hypot((x + 0.5) * 0.5 - 8, (y + 0.5) * 0.5 - 3);
        const i = x + k.nx * (y + k.ny * z);
        xi[i] = Math.max(xi[i], 0.5 * (1 - Math.tanh((r - 2) / 1)));
      }
      k.startLedger();
      steps(k, 100);
    }
    const a = k2.view('xi'), b = k3.view('xi');
    const n2 = k2.nx * k2.ny;
    let worst = 0;
    for (let z = 0; z < k3.nz; z++) for (let i = 0; i < n2; i++) worst = Math.max(worst, Math.abs(a[i] - b[i + n2 * z]));
    expect(worst).toBeLessThan(1e-5);
    expect(Math.abs(k2.stats()[L.S_PHI_S] - k3.stats()[L.S_PHI_S])).toBeLessThan(1e-6);
  }, 120_000);
});
