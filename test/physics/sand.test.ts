// Sand's time: a flat Li film plating from a liquid binary electrolyte at a constant current above the
// limiting current i_lim = 2FDc₀/((1−t₊)L). The kernel's salt equation is the ambipolar form
// ∂c/∂t = ∇·(D∇c) − (1−t₊)(c_s/c₀)∂ξ/∂t (docs/model.md §2), so the front draws J = (1−t₊)i/F and,
// for a semi-infinite electrolyte, the surface concentration falls as c₀(1 − √(t/t_S)) with
// t_S = πD(c₀F)²/(4i²(1−t₊)²). With i = 3 i_lim the counter electrode's supply (and the images of the
// sink in it) changes c at the front by < 10⁻⁴ before t_S, and the front moves 0.04 µm: the
// semi-infinite solution applies.
//
// KNOWN DEVIATION (measured, see the last test): the kernel's Sand time is LATE, by +46 % at
// √(Dt_S)/δ = 9 (this setup) and +20 % at √(Dt_S)/δ = 37 (L = 500 µm). Two salt reservoirs that a
// sharp interface does not have feed part of the sink:
//   1. the Li film holds salt (c = 1 at t = 0) that diffuses out at D_s = 10⁻² D_l: with
//      D_s = 10⁻⁴ D_l the error at L = 500 µm drops from +23 % to +13 % (√t fit);
//   2. half of the sink (1−t₊)(c_s/c₀)∂ξ/∂t sits on the metal side of ξ = ½, where D is small and
//      the cells spend their own salt: with D_s = 10⁻⁴ D_l the error is +13 % at δ = 2 µm and +6.6 %
//      at δ = 1 µm (L = 500 µm), ≈ 4.7 δ/√(Dt_S). With D_s that small those metal-side cells run dry
//      and the guard (c < −1 %) stops the run at ≈ 0.6 t_S.
// Both shrink only slowly with the domain; 5 % needs a model change (no salt and no sink inside the
// metal), not a finer grid.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { BACKENDS, kernelFor } from './setup';

const F = 96485.33212;
const C0 = 100; // mol/m³
const TP = 0.4;
const I = 300; // A/m² (30 mA/cm²)
const FILM = 8; // µm: the collector wall stays 4δ below the front
const RATIO = 3; // i / i_lim

interface SandRun {
  tS: number; // analytic (s)
  fitTS: number; // from c_front = a − b√t over 0.2 < c < 0.9 (s)
  crossTS: number; // c_front = 0.02 crossing, corrected by 1/(1 − 0.02)²; NaN if the guard stopped first
  stopCode: number;
  worstBalance: number; // max |deficit / ((1−t₊) i t/(F c₀)) − 1| for 0.05 t_S < t < 0.5 t_S
}

async function sand(backend: (typeof BACKENDS)[number], lengthUm: number, dx: number, delta: number, dsRatio?: number): Promise<SandRun> {
  const D = (I * (1 - TP) * lengthUm * 1e-6) / (2 * RATIO * F * C0); // m²/s, so that i = 3 i_lim
  const tS = (Math.PI * D * (C0 * F) ** 2) / (4 * I * I * (1 - TP) ** 2);
  const values = {
    width_um: 4, height_um: lengthUm + FILM, dx_um: dx, li_film_um: FILM, collector: 'film', electrolyte: 'liquid',
    diffusivity_m2_s: D, conductivity_S_m: 1, salt_mol_m3: C0, transference: TP, current_mA_cm2: I / 10,
    interface_width_um: delta, noise_per_s: 0, anisotropy: 0, dt_max_s: tS / 300, mode: 'galvanostatic',
  } as const;
  const overrides: Record<number, number> = dsRatio === undefined ? {} : { [L.P_DS]: dsRatio * D * 1e12 };
  const k = await kernelFor(values, 2, backend, 1, overrides);
  k.initFilm(FILM);
  const ny = k.ny, nx = k.nx, h = k.params[L.P_DX];
  const series: [number, number][] = [];
  let stopCode = 0, crossTS = NaN, worstBalance = 0;
  for (let step = 0; step < 100_000; step++) {
    stopCode = k.step();
    if (stopCode !== 0) break; // F_C_NEGATIVE once the metal-side cells run out of salt
    const t = k.stats()[L.S_TIME];
    const xi = k.view('xi'), c = k.view('c'); // x-uniform: column x = 0
    let cFront = NaN;
    for (let y = 1; y < ny; y++) {
      const a = xi[(y - 1) * nx], b = xi[y * nx];
      if (a >= 0.5 && b < 0.5) {
        const f = (a - 0.5) / (a - b);
        cFront = c[(y - 1) * nx] + f * (c[y * nx] - c[(y - 1) * nx]);
        break;
      }
    }
    // salt balance over the lower half, while the depletion layer (and the counter electrode's
    // enrichment) stay inside their halves
    if (t > 0.05 * tS && t < 0.5 * tS) {
      let deficit = 0;
      for (let y = 0; y < ny / 2; y++) deficit += (1 - c[y * nx]) * h;
      const drawn = (((1 - TP) * I * t) / (F * C0)) * 1e6; // µm of bulk-concentration salt
      worstBalance = Math.max(worstBalance, Math.abs(deficit / drawn - 1));
    }
    const prev = series[series.length - 1];
    series.push([t, cFront]);
    if (prev && prev[1] > 0.02 && cFront <= 0.02) {
      crossTS = (prev[0] + ((t - prev[0]) * (prev[1] - 0.02)) / (prev[1] - cFront)) / 0.98 ** 2;
      break;
    }
    if (t > 3 * tS) break;
  }
  // least squares c = a − b√t on the stretch where c is well inside (0.2, 0.9)
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [t, cf] of series) {
    if (!(cf > 0.2 && cf < 0.9)) continue;
    const x = Math.sqrt(t);
    n++; sx += x; sy += cf; sxx += x * x; sxy += x * cf;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const icpt = (sy - slope * sx) / n;
  return { tS, fitTS: (icpt / slope) ** 2, crossTS, stopCode, worstBalance };
}

const err = (r: SandRun, t: number) => t / r.tS - 1;

describe.each(BACKENDS)("Sand's time, 1D liquid cell above the limiting current (%s)", (backend) => {
  it('the front draws exactly (1−t₊)i/F of salt: the depletion matches it at every step (1e-3)', async () => {
    // measured 2e-4 (the depletion tail beyond the lower half)
    const r = await sand(backend, 126, 0.5, 2);
    expect(r.worstBalance).toBeLessThan(1e-3);
  }, 60_000);

  it('the bias of the diffuse interface shrinks with δ (salt-free metal: D_s = 10⁻⁴ D_l)', async () => {
    // measured: +33 % at δ = 2 µm, +22 % at δ = 1 µm (√(Dt_S) = 18.6 µm)
    const coarse = await sand(backend, 126, 0.5, 2, 1e-4);
    const fine = await sand(backend, 126, 0.25, 1, 1e-4);
    expect(err(coarse, coarse.fitTS)).toBeGreaterThan(0);
    expect(err(fine, fine.fitTS)).toBeGreaterThan(0);
    expect(err(fine, fine.fitTS)).toBeLessThan(0.8 * err(coarse, coarse.fitTS));
  }, 60_000);

  // Fails today (+46 % by the √t fit; c_front never reaches 0.02: the guard stops the run at 1.33 t_S
  // when metal-side cells run dry): see KNOWN DEVIATION above. Remove `.fails` once the metal stops storing and sinking salt.
  it.fails("Sand's time within 5 % (known deviation: salt stored in the Li film and the diffuse interface)", async () => {
    const r = await sand(backend, 126, 0.5, 2);
    expect(Math.abs(err(r, r.fitTS))).toBeLessThan(0.05);
    expect(Math.abs(err(r, r.crossTS))).toBeLessThan(0.05);
  }, 60_000);
});
