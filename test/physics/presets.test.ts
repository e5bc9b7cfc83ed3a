// Every preset is valid and runs; the paper-facing presets show what they are for.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { Run } from '../../src/engine/run';
import { PRESETS, resolvePreset } from '../../src/model/presets';
import { umPerMAhCm2 } from '../../src/model/units';
import type { Sample } from '../../src/engine/types';

async function runPreset(preset: string, overrides: Record<string, number | string | boolean> = {}, dims?: 2 | 3): Promise<Run> {
  const run = new Run();
  const init = await run.init({ preset, overrides, seed: 3, dims, backend: 'wasm-simd' });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  return run;
}

function finiteFields(run: Run): boolean {
  return (['xi', 'c', 'phi'] as const).every((f) => run.field(f).every(Number.isFinite));
}

describe('presets', () => {
  for (const preset of Object.values(PRESETS)) {
    for (const dims of preset.dims) {
      it(`${preset.id} (${dims}D) validates and runs 20 steps finite on a reduced grid`, async () => {
        const reduced = { width_um: 16, height_um: Math.min(48, Number(preset.params.height_um ?? 32)), depth_um: 8 };
        const run = await runPreset(preset.id, reduced, dims);
        const status = run.advance({ maxSteps: 20, maxWallMs: 60_000, pauseOnShort: false });
        expect(status.failure).toBeNull();
        expect(status.steps).toBe(20);
        expect(finiteFields(run)).toBe(true);
        expect(Number.isFinite(status.voltage_V)).toBe(true);
      }, 120_000);
    }
  }

  // The 3D presets of the paper's key cases on their own (browser-sized) grids: no guard failure,
  // and the deposit grows. The Mg seed first alloys (0.0575 mAh/cm², ~210 s at 1 mA/cm²), then Li nucleates.
  for (const id of ['liquid-mg-3d', 'lpscl-mg-20MPa-3d']) {
    it(`${id}: on its own grid, Li nucleates after the alloy stage and the deposit grows (280 → 330 s)`, async () => {
      const run = await runPreset(id);
      expect(run.status().grid).toEqual([48, 48, 48]);
      // no stop condition here: a reached stop finishes the run for good
      const until = (t_s: number) => {
        let s = run.status();
        while (s.t_s < t_s && !s.failure) s = run.advance({ maxSteps: 10, maxWallMs: 60_000 });
        return s;
      };
      const a = until(280);
      const b = until(330);
      expect(a.failure).toBeNull();
      expect(b.failure).toBeNull();
      expect(b.short.occurred).toBe(false);
      expect(b.max_height_um, 'islands taller than one cell').toBeGreaterThan(b.dx_um);
      expect(b.mean_thickness_um).toBeGreaterThan(a.mean_thickness_um + 0.03);
      expect(finiteFields(run)).toBe(true);
    }, 600_000);
  }

  it('ccd-dual-lif-3d: on its own grid, the first CCD step plates onto the film by Faraday', async () => {
    const run = await runPreset('ccd-dual-lif-3d');
    expect(run.status().grid).toEqual([48, 64, 48]);
    const s = run.advance({ maxSteps: 150, maxWallMs: 300_000, pauseOnShort: false });
    expect(s.failure).toBeNull();
    expect(s.steps).toBe(150);
    expect(s.t_s).toBeLessThan(1800); // still in the plating half of step 1 (0.1 mA/cm²)
    // the staircase's 0.1 mA/cm² (not the schema's 1 mA/cm²), and the film thickens by Faraday
    expect(s.charge_mAh_cm2).toBeCloseTo((0.1 * s.t_s) / 3600, 6);
    const faraday = s.charge_mAh_cm2 * umPerMAhCm2(resolvePreset('ccd-dual-lif-3d').li_site_density_mol_m3);
    expect(s.mean_thickness_um / faraday).toBeGreaterThan(0.95);
    expect(s.mean_thickness_um / faraday).toBeLessThan(1.05);
    expect(finiteFields(run)).toBe(true);
  }, 600_000);

  it('liquid-cu-1mA: the voltage shows a nucleation dip and the deposit is not planar', async () => {
    const run = await runPreset('liquid-cu-1mA');
    let status = run.status();
    while (!status.finished && !status.failure) status = run.advance({ maxSteps: 2000, maxWallMs: 60_000 });
    expect(status.failure).toBeNull();
    const series: Sample[] = run.samples(0).slice(1);
    const early = Math.min(...series.filter((s) => s.t_s < 60).map((s) => s.voltage_V));
    const late = series.filter((s) => s.t_s > 0.8 * status.t_s).map((s) => s.voltage_V);
    const plateau = late.reduce((a, b) => a + b, 0) / late.length;
    // nucleation overpotential: the early minimum lies well below the growth plateau
    expect(early).toBeLessThan(plateau - 0.05);
    // non-planar: the attached deposit reaches well above its mean thickness, and column heights vary
    expect(status.max_height_um).toBeGreaterThan(1.3 * status.mean_thickness_um);
    const k = run.kernelForTests;
    const xi = k.view('xi');
    const heights: number[] = [];
    for (let x = 0; x < k.nx; x++) {
      let h = 0;
      for (let y = 0; y < k.ny; y++) h += xi[x + k.nx * y];
      heights.push(h * k.params[L.P_DX]);
    }
    const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
    const sd = Math.sqrt(heights.reduce((a, b) => a + (b - mean) ** 2, 0) / heights.length);
    expect(sd / mean).toBeGreaterThan(0.1);
    expect(Math.abs(status.charge_mAh_cm2 - 1)).toBeLessThan(0.01);
  }, 300_000);

  it('short-demo: the deposit bridges the gap, the short is detected and the voltage collapses', async () => {
    const run = await runPreset('short-demo');
    let status = run.status();
    while (!status.finished && !status.failure) status = run.advance({ maxSteps: 2000, maxWallMs: 60_000 });
    expect(status.failure).toBeNull();
    expect(status.short.occurred).toBe(true);
    expect(status.short.t_s).toBeGreaterThan(0);
    expect(status.voltage_V).toBe(0);
    const path = run.shortPath();
    const k = run.kernelForTests;
    // the path runs from the collector row to the counter-electrode row through metal
    const rows = Array.from(path, (i) => Math.floor(i / k.nx) % k.ny);
    expect(Math.min(...rows)).toBe(0);
    expect(Math.max(...rows)).toBe(k.ny - 1);
    const xi = run.field('xi');
    expect(Array.from(path).every((i) => xi[i] > 0.5)).toBe(true);
  }, 300_000);

  it('hong2018 runs as released for its first second of growth (potentiostatic −0.45 V)', async () => {
    const run = await runPreset('hong2018');
    const k = run.kernelForTests;
    // the released normalised coefficients, exactly
    expect(k.params[L.P_LETA]).toBeCloseTo(0.001, 12);
    expect(k.params[L.P_LSIG_W]).toBeCloseTo(6.25 * 2.4, 10);
    expect(k.params[L.P_LSIG_KAPPA]).toBeCloseTo(6.25 * 0.3, 10);
    let status = run.status();
    while (status.t_s < 1 && !status.failure) status = run.advance({ maxSteps: 200, maxWallMs: 60_000, stop: { kind: 'time', t_s: 1 } });
    expect(status.failure).toBeNull();
    // far above battery currents: hundreds of mA/cm² grow the front by a fraction of a µm per second
    expect(status.mean_thickness_um).toBeGreaterThan(0.05);
    expect(finiteFields(run)).toBe(true);
  }, 300_000);
});
