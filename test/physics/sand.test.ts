// Sand's time: a flat Li film plating from a liquid binary electrolyte at a constant current above the
// limiting current i_lim = 2FDc₀/((1−t₊)L). The kernel's salt equation is the ambipolar form with the
// sink (1−t₊)(c_s/c₀)∂ξ/∂t (docs/model.md §2, below), so the front draws J = (1−t₊)i/F and,
// for a semi-infinite electrolyte, the surface concentration falls as c₀(1 − √(t/t_S)) with
// t_S = πD(c₀F)²/(4i²(1−t₊)²). With i = 3 i_lim the counter electrode's supply (and the images of the
// sink in it) changes c at the front by < 10⁻⁴ before t_S, and the front moves 0.04 µm: the
// semi-infinite solution applies.
//
// The salt lives in the electrolyte fraction ψ = (1 − ξ) + εξ of each cell (ε = D_s/D_l = 10⁻², a floor
// that keeps the equation regular inside the metal): ψ∂c/∂t = ∇·(ψD_l∇c) − (1−t₊)(c_s/c₀)∂ξ/∂t
// (docs/model.md §2). The metal holds no salt, and the sink ∝ ∂ξ/∂t ∝ −∂ψ/∂t is drawn where the
// electrolyte fraction is lost, so c stays linear through the diffuse interface and reads the
// sharp-interface value at ξ = ½. The electrolyte the metal displaces leaves with its salt (booked as
// S_DISPLACED_UM; 0.2 % of the sink here): the textbook wall, D∂c/∂n = (1−t₊)i/(Fc₀).
//
// Measured (√t fit over 0.2 < c < 0.9 / c_front = 0.02 crossing): +0.1 % / +2.3 % at √(Dt_S)/δ = 9 (this
// setup, L = 126 µm, δ = 2 µm) and +0.6 % / +0.5 % at √(Dt_S)/δ = 37 (L = 500 µm); δ = 1 µm (dx 0.25 µm,
// L = 126 µm): +1.6 % / +1.4 %; D_s = 10⁻⁴ D_l: −1.0 % / +1.5 %; a 10× smaller dt_max moves none of them by
// more than 0.1 %. Before this form (c in the whole domain, ∂c/∂t = ∇·(D(ξ)∇c) − sink) Sand's time was late
// by +46 % and +20 %: the Li film held salt (c = 1 at t = 0) that diffused out at D_s, and half of the sink
// sat on the metal side of ξ = ½ where the cells spent their own salt.
//
// Inside the metal c is only the electrolyte's concentration carried on (it falls below 0 near t_S, −0.075
// here); the guard (F_C_NEGATIVE) checks the salt ψc, so the run reaches the 0.02 crossing.
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

async function runSand(backend: (typeof BACKENDS)[number], lengthUm: number, dx: number, delta: number, dsRatio?: number): Promise<SandRun> {
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
  // electrolyte fraction, as in the kernel
  const eps = k.params[L.P_DS] / k.params[L.P_DL];
  const psi = (x: number) => { const v = Math.min(1, Math.max(0, x)); return (1 - v) + eps * v; };
  const psi0 = Array.from({ length: ny }, (_, y) => psi(k.view('xi')[y * nx]));
  const series: [number, number][] = [];
  let stopCode = 0, crossTS = NaN, worstBalance = 0;
  for (let step = 0; step < 100_000; step++) {
    stopCode = k.step();
    if (stopCode !== 0) break; // a guard (F_C_NEGATIVE: the salt ψc of a cell below −1 %) stopped the run
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
    // salt balance (the salt of a cell is ψc; without the salt the displaced electrolyte carried out) over
    // the lower half, while the depletion layer (and the counter electrode's enrichment) stay inside their halves
    if (t > 0.05 * tS && t < 0.5 * tS) {
      let deficit = -k.stats()[L.S_DISPLACED_UM] * k.params[L.P_CS_C0];
      for (let y = 0; y < ny / 2; y++) deficit += (psi0[y] - psi(xi[y * nx]) * c[y * nx]) * h;
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

// the same cell is checked by several tests: run each configuration once
const sandRuns = new Map<string, Promise<SandRun>>();
function sand(backend: (typeof BACKENDS)[number], lengthUm: number, dx: number, delta: number, dsRatio?: number): Promise<SandRun> {
  const key = [backend, lengthUm, dx, delta, dsRatio].join('|');
  if (!sandRuns.has(key)) sandRuns.set(key, runSand(backend, lengthUm, dx, delta, dsRatio));
  return sandRuns.get(key)!;
}

const err = (r: SandRun, t: number) => t / r.tS - 1;

/** the run was not stopped by a guard, and both estimates of t_S lie within 5 % of the analytic one */
function expectWithinFivePercent(r: SandRun): void {
  expect(r.stopCode).toBe(0);
  expect(Math.abs(err(r, r.fitTS))).toBeLessThan(0.05);
  expect(Math.abs(err(r, r.crossTS))).toBeLessThan(0.05);
}

describe.each(BACKENDS)("Sand's time, 1D liquid cell above the limiting current (%s)", (backend) => {
  it('the front draws exactly (1−t₊)i/F of salt: the depletion matches it at every step (1e-3)', async () => {
    // measured 2e-4 (the depletion tail beyond the lower half)
    const r = await sand(backend, 126, 0.5, 2);
    expect(r.worstBalance).toBeLessThan(1e-3);
  }, 60_000);

  it('the metal holds no salt: the floor ε = D_s/D_l and the interface width do not move Sand\'s time', async () => {
    // measured (fit / crossing): default +0.1 % / +2.3 %, D_s = 10⁻⁴ D_l −1.0 % / +1.5 %, δ = 1 µm +1.6 % / +1.4 %
    // (with the salt equation in c over the whole domain: +46 %, +33 % and +22 % by the fit)
    const base = await sand(backend, 126, 0.5, 2);
    const floor = await sand(backend, 126, 0.5, 2, 1e-4);
    const fine = await sand(backend, 126, 0.25, 1);
    for (const r of [floor, fine]) {
      expectWithinFivePercent(r);
    }
    expect(Math.abs(err(floor, floor.fitTS) - err(base, base.fitTS))).toBeLessThan(0.02);
    expect(Math.abs(err(floor, floor.crossTS) - err(base, base.crossTS))).toBeLessThan(0.02);
  }, 60_000);

  it("Sand's time within 5 %", async () => {
    // measured: +0.1 % (√t fit), +2.3 % (crossing)
    expectWithinFivePercent(await sand(backend, 126, 0.5, 2));
  }, 60_000);

  it("Sand's time within 5 % on a 4× longer cell (L = 500 µm)", async () => {
    // measured: +0.6 % (√t fit), +0.5 % (crossing)
    expectWithinFivePercent(await sand(backend, 500, 0.5, 2));
  }, 120_000);
});
