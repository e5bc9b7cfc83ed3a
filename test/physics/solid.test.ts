// Solid electrolyte: microstructure from the paper's masses, the growth eigenstrain (flat growth is
// stress-free, protrusions are compressed), grain-boundary opening, the LSPS screw effect, and exact
// continuation of a run with mechanics after save/load.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { Run } from '../../src/engine/run';
import type { Backend } from '../../src/engine/types';
import {
  MAT_GB, MAT_LIF, MAT_LSPS, MAT_LSPS_GB, buildMicrostructure, lifVolumeFraction, lspsThicknessFraction,
} from '../../src/model/microstructure';
import { resolvePreset } from '../../src/model/presets';
import { gridDims } from '../../src/model/validate';

const SMALL = { width_um: 16, height_um: 32, li_film_um: 8, dx_um: 0.5 };

async function solidRun(overrides: Record<string, number | string | boolean>, seed = 3, backend: Backend = 'wasm-simd'): Promise<Run> {
  const run = new Run();
  const init = await run.init({ preset: 'ccd-lpscl', seed, backend, overrides: { ...SMALL, protocol: 'constant', ...overrides } });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  return run;
}

function advance(run: Run, t: number): void {
  let s = run.status();
  while (s.t_s < t - 1e-9 && !s.failure && !s.short.occurred) s = run.advance({ maxSteps: 1000, maxWallMs: 1e9, stop: { kind: 'time', t_s: t } });
  if (s.failure) throw new Error(s.failure);
}

describe('microstructure', () => {
  it('LiF volume fraction and the LSPS band follow the paper’s masses; the map is a function of the seed', () => {
    expect(lifVolumeFraction(5)).toBeCloseTo(0.0317, 3); // "5 wt% ≈ 3 vol%"
    expect(lspsThicknessFraction(5)).toBeGreaterThan(0.15);
    expect(lspsThicknessFraction(5)).toBeLessThan(0.2);
    const p = resolvePreset('ccd-dual-lif');
    const { grid } = gridDims(p, 2);
    const a = buildMicrostructure(p, grid, p.dx_um, 7), b = buildMicrostructure(p, grid, p.dx_um, 7), c = buildMicrostructure(p, grid, p.dx_um, 8);
    expect(Buffer.compare(Buffer.from(a.material), Buffer.from(b.material))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.material), Buffer.from(c.material))).not.toBe(0);
    const count = (m: number) => a.material.filter((v) => v === m).length;
    expect(count(MAT_LIF)).toBeGreaterThan(0);
    expect(count(MAT_LSPS) + count(MAT_LSPS_GB)).toBeGreaterThan(0);
    expect(count(MAT_GB)).toBeGreaterThan(0);
    expect(a.lifVolumeFraction).toBeGreaterThan(0.8 * lifVolumeFraction(5));
    expect(a.lifVolumeFraction).toBeLessThan(1.5 * lifVolumeFraction(5));
    expect(a.gbLifCoverage).toBeGreaterThan(0);
  });
});

describe('mechanics in the coupled step', () => {
  it('a flat front growing into the electrolyte is stress-free: only the stack pressure remains', async () => {
    // one grain, no boundaries (whose wetting would pull Li in): growth is planar and its eigenstrain only
    // lifts the electrolyte
    const run = await solidRun({ grain_size_um: 200, se_youngs_GPa: 7.8, se_poisson: 0.42, stack_pressure_MPa: 20 });
    advance(run, 1200);
    const st = run.kernelForTests.stats();
    expect(st[L.S_MECH_SOLVES]).toBeGreaterThan(1);
    const confined = (20 * (1 + 0.42)) / (3 * (1 - 0.42)); // uniaxial strain under the stack traction
    expect(Math.abs(st[L.S_MAX_PRESSURE] / confined - 1)).toBeLessThan(0.02);
  }, 120_000);

  it('current focused into fast grain boundaries builds protrusions that are compressed above the stack level', async () => {
    const run = await solidRun({ gb_conductivity_ratio: 5, stack_pressure_MPa: 20, gb_fracture_MPa: 5000 });
    advance(run, 1200);
    const st = run.kernelForTests.stats();
    const confined = (20 * (1 + 0.3)) / (3 * (1 - 0.3));
    expect(st[L.S_MAX_PRESSURE]).toBeGreaterThan(3 * confined);
    expect(st[L.S_CRACKED]).toBe(0); // nothing reaches 5 GPa
  }, 120_000);

  it('grain boundaries open where the Li pressure reaches the fracture threshold, and only then', async () => {
    const opened = async (fracture: number) => {
      const run = await solidRun({ gb_conductivity_ratio: 5, current_mA_cm2: 2, gb_fracture_MPa: fracture });
      advance(run, 900);
      return run.kernelForTests.stats()[L.S_CRACKED];
    };
    expect(await opened(5000)).toBe(0);
    expect(await opened(30)).toBeGreaterThan(0);
  }, 240_000);

  it('LSPS decomposes where Li reaches it and its expansion compresses the deposit (screw effect)', async () => {
    // the LSPS band placed right above the film: Li touches it at once
    const base = { lsps_interlayer: true, height_um: 16, li_film_um: 8, gb_fracture_MPa: 5000, current_mA_cm2: 3 };
    const on = await solidRun({ ...base, lsps_expansion: 0.1 });
    const off = await solidRun({ ...base, lsps_expansion: 0 });
    advance(on, 1500); advance(off, 1500);
    const pOn = on.kernelForTests.stats()[L.S_MAX_PRESSURE], pOff = off.kernelForTests.stats()[L.S_MAX_PRESSURE];
    expect(pOn).toBeGreaterThan(pOff + 50);
  }, 120_000);

  it('Li in an opened LSPS boundary decomposes it too: the products fill the crack (Ye & Li)', async () => {
    // boundaries open easily (30 MPa) and the band sits right above the film, so a filament runs up opened
    // LSPS boundaries; until this was fixed the decomposition skipped every opened cell (r stayed ~0 there)
    const run = await solidRun({ lsps_interlayer: true, height_um: 16, li_film_um: 8, gb_conductivity_ratio: 5,
      gb_fracture_MPa: 30, current_mA_cm2: 3 });
    advance(run, 900);
    const material = run.materials()!;
    const xi = run.field('xi');
    const mech = new Float32Array(run.kernelForTests.snapshot().mech!.buffer);
    const n = xi.length, opened = mech.subarray(7 * n, 8 * n);
    const r = run.field('lspsDecomposition'); // the view's field is the kernel's r (mechanics block 6)
    expect(Buffer.compare(Buffer.from(r.buffer), Buffer.from(mech.slice(6 * n, 7 * n).buffer))).toBe(0);
    const filled: number[] = [];
    for (let i = 0; i < n; i++) if (material[i] === MAT_LSPS_GB && opened[i] !== 0 && xi[i] > 0.5) filled.push(r[i]);
    expect(filled.length, 'opened LSPS boundary cells holding Li (ξ > 0.5)').toBeGreaterThan(3);
    expect(Math.min(...filled), 'least decomposition among them').toBeGreaterThan(0.5);
  }, 120_000);

  it('the SIMD and scalar WASM builds give the same bytes with mechanics on (the stress solver’s f64x2 loops)', async () => {
    const overrides = { gb_conductivity_ratio: 5, current_mA_cm2: 2, gb_fracture_MPa: 30 };
    const simd = await solidRun(overrides, 3, 'wasm-simd');
    const scalar = await solidRun(overrides, 3, 'wasm-scalar');
    advance(simd, 600);
    advance(scalar, 600);
    const solves = simd.kernelForTests.stats()[L.S_MECH_SOLVES];
    expect(solves, 'stress solves in the run').toBeGreaterThan(20);
    expect(scalar.kernelForTests.stats()[L.S_MECH_SOLVES]).toBe(solves);
    expect(Math.max(...simd.field('stress')), 'a stress field beyond the stack pressure').toBeGreaterThan(30);
    for (const f of ['xi', 'stress'] as const) {
      expect(Buffer.compare(Buffer.from(simd.field(f).buffer), Buffer.from(scalar.field(f).buffer)), f).toBe(0);
    }
    // the whole mechanics state, with the f64 displacement (the f32 stress outputs can hide a last-bit change)
    const mech = (r: Run): Buffer => Buffer.from(r.kernelForTests.snapshot().mech!.buffer);
    expect(mech(simd).length).toBeGreaterThan(0);
    expect(Buffer.compare(mech(simd), mech(scalar)), 'mechanics state').toBe(0);
  }, 120_000);

  it('save → load continues a run with mechanics bit-identically', async () => {
    const a = await solidRun({ gb_conductivity_ratio: 5, current_mA_cm2: 2, gb_fracture_MPa: 30 });
    advance(a, 300);
    const bytes = a.saveState();
    const b = new Run();
    const loaded = await b.loadState(bytes);
    expect(loaded.ok).toBe(true);
    a.advance({ maxSteps: 60, maxWallMs: 1e9 });
    b.advance({ maxSteps: 60, maxWallMs: 1e9 });
    expect(Buffer.compare(Buffer.from(a.field('xi').buffer), Buffer.from(b.field('xi').buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(a.field('stress').buffer), Buffer.from(b.field('stress').buffer))).toBe(0);
  }, 120_000);
});
