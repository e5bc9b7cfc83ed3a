// physics.md §8 checks 5–6: equilibrium profile and interface energy; curvature-driven shrinkage
// in the standard Allen–Cahn mode; and, in the default curvature-free mode, no artificial
// curvature flow (a curved surface moves at the Butler–Volmer velocity with Gibbs–Thomson).
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import type { Kernel } from '../../src/engine/kernel';
import { BACKENDS, kernelFor, runUntil, steps } from './setup';

const NO_REACTION = { electrolyte: 'solid', mode: 'potentiostatic', electrode_potential_V: 0, counter_exchange_current_mA_cm2: 0 } as const;

function fillDisc(k: Kernel, cx: number, cy: number, cz: number, R: number): void {
  const xi = k.view('xi');
  const dx = k.params[L.P_DX], ell = k.params[L.P_ELL];
  for (let z = 0; z < k.nz; z++)
    for (let y = 0; y < k.ny; y++)
      for (let x = 0; x < k.nx; x++) {
        const rx = (x + 0.5) * dx - cx, ry = (y + 0.5) * dx - cy, rz = k.nz > 1 ? (z + 0.5) * dx - cz : 0;
        const r = Math.sqrt(rx * rx + ry * ry + rz * rz);
        xi[x + k.nx * (y + k.ny * z)] = 0.5 * (1 - Math.tanh((r - R) / (2 * ell)));
      }
  k.startLedger();
}

/** interpolated height of the ξ = ½ crossing in a column (µm) */
function halfCrossing(col: number[], dx: number): number {
  for (let y = 0; y < col.length - 1; y++) {
    if (col[y] >= 0.5 && col[y + 1] < 0.5) return (y + 0.5 + (col[y] - 0.5) / (col[y] - col[y + 1])) * dx;
  }
  return 0;
}

/** equivalent radius from the metal volume */
function radius(k: Kernel): number {
  const xi = k.view('xi');
  let s = 0;
  for (let i = 0; i < xi.length; i++) s += xi[i];
  const dx = k.params[L.P_DX];
  return k.nz > 1 ? Math.cbrt((3 * s * dx ** 3) / (4 * Math.PI)) : Math.sqrt((s * dx * dx) / Math.PI);
}

/** least-squares slope of R² against t over a run */
function shrinkRate(k: Kernel, until: number, samples: number): number {
  const ts: number[] = [], r2: number[] = [];
  const t0 = k.stats()[L.S_TIME];
  for (let s = 1; s <= samples; s++) {
    runUntil(k, t0 + (until * s) / samples);
    ts.push(k.stats()[L.S_TIME]);
    r2.push(radius(k) ** 2);
  }
  const mt = ts.reduce((a, b) => a + b) / ts.length, mr = r2.reduce((a, b) => a + b) / r2.length;
  let num = 0, den = 0;
  for (let i = 0; i < ts.length; i++) { num += (ts[i] - mt) * (r2[i] - mr); den += (ts[i] - mt) ** 2; }
  return num / den;
}

describe.each(BACKENDS)('interface profile and curvature (%s)', (backend) => {
  it('the equilibrium profile is tanh with half-width ℓ = δ/4, stays put, and its energy equals γ = √(2κW)/6', async () => {
    // ℓ/dx = 2: δ = 8 cells
    const k = await kernelFor({ ...NO_REACTION, width_um: 4, height_um: 16, dx_um: 0.25, interface_width_um: 2, li_film_um: 6, relaxation_rate_per_s: 1 }, 2, backend, 1, { [L.P_LETA]: 0 });
    // start from a sharp step; relaxation must produce the tanh profile
    const xi = k.view('xi');
    for (let y = 0; y < k.ny; y++) for (let x = 0; x < k.nx; x++) xi[x + k.nx * y] = (y + 0.5) * 0.25 < 6 ? 1 : 0;
    k.startLedger();
    runUntil(k, 40); // 40 relaxation times
    const dx = k.params[L.P_DX], ell = k.params[L.P_ELL];
    const col = Array.from({ length: k.ny }, (_, y) => k.view('xi')[k.nx * y]);
    // position of the ξ = ½ crossing, then compare to the tanh of half-width ℓ
    const y0 = halfCrossing(col, dx);
    let worst = 0;
    for (let y = 0; y < k.ny; y++) worst = Math.max(worst, Math.abs(col[y] - 0.5 * (1 - Math.tanh(((y + 0.5) * dx - y0) / (2 * ell)))));
    expect(worst).toBeLessThan(0.01);
    // interface energy with L_σ = 1: κ = L_σκ, W = L_σW
    const kappa = k.params[L.P_LSIG_KAPPA], W = k.params[L.P_LSIG_W];
    let energy = 0;
    for (let y = 0; y < k.ny - 1; y++) {
      const m = 0.5 * (col[y] + col[y + 1]);
      const g = (col[y + 1] - col[y]) / dx;
      energy += (W * m * m * (1 - m) * (1 - m) + 0.5 * kappa * g * g) * dx;
    }
    expect(Math.abs(energy / (Math.sqrt(2 * kappa * W) / 6) - 1)).toBeLessThan(0.01);
    // and the relaxed front does not drift: < 1e-3 dx over 10⁴ steps
    const before = y0;
    steps(k, 10_000);
    const y1 = halfCrossing(Array.from({ length: k.ny }, (_, y) => k.view('xi')[k.nx * y]), dx);
    expect(Math.abs(y1 - before)).toBeLessThan(1e-3 * dx);
  }, 120_000);

  it('a Li disc shrinks as R² = R₀² − 2L_σκt in the standard Allen–Cahn mode (2D, within 5 %)', async () => {
    const k = await kernelFor({ ...NO_REACTION, width_um: 64, height_um: 64, dx_um: 0.5, interface_width_um: 2, li_film_um: 2, curvature_flow: true, relaxation_rate_per_s: 1 }, 2, backend, 1, { [L.P_LETA]: 0 });
    fillDisc(k, 32, 32, 0, 26);
    const rate = shrinkRate(k, 200, 8);
    const predicted = -2 * k.params[L.P_LSIG_KAPPA];
    expect(radius(k)).toBeGreaterThan(40 * k.params[L.P_ELL]);
    expect(Math.abs(rate / predicted - 1)).toBeLessThan(0.05);
  }, 300_000);

  it('a Li sphere shrinks as R² = R₀² − 4L_σκt in 3D (within 5 %)', async () => {
    // ℓ = dx; R/ℓ goes from 24 to 16 (a 40ℓ sphere needs 96³ cells, too slow for CI; measured
    // here: 1.8 % at R/ℓ 16–24, 1.9 % at 24–32)
    const k = await kernelFor({ ...NO_REACTION, width_um: 28, height_um: 28, depth_um: 28, dx_um: 0.5, interface_width_um: 2, li_film_um: 2, curvature_flow: true, relaxation_rate_per_s: 1 }, 3, backend, 1, { [L.P_LETA]: 0 });
    fillDisc(k, 14, 14, 14, 12);
    const rate = shrinkRate(k, 40, 6);
    const predicted = -4 * k.params[L.P_LSIG_KAPPA];
    expect(radius(k)).toBeGreaterThan(15 * k.params[L.P_ELL]);
    expect(Math.abs(rate / predicted - 1)).toBeLessThan(0.05);
  }, 300_000);

  it('in the curvature-free mode a disc does not shrink by curvature flow (< 5 % of L_σκK)', async () => {
    const k = await kernelFor({ ...NO_REACTION, width_um: 32, height_um: 32, dx_um: 0.5, interface_width_um: 2, li_film_um: 2, curvature_flow: false, relaxation_rate_per_s: 1 }, 2, backend, 1, { [L.P_LETA]: 0 });
    fillDisc(k, 16, 16, 0, 8);
    const rate = shrinkRate(k, 30, 4);
    expect(Math.abs(rate)).toBeLessThan(0.05 * 2 * k.params[L.P_LSIG_KAPPA]);
  }, 300_000);

  it('in the curvature-free mode a plating disc grows at the Butler–Volmer velocity with the Gibbs–Thomson shift', async () => {
    const eta = -0.01;
    const k = await kernelFor({ electrolyte: 'solid', mode: 'potentiostatic', electrode_potential_V: eta, counter_exchange_current_mA_cm2: 0, width_um: 32, height_um: 32, dx_um: 0.5, interface_width_um: 2, li_film_um: 2, relaxation_rate_per_s: 0.05, gamma_J_m2: 0.5 }, 2, backend, 1, { [L.P_SIGMA_L]: 1e6, [L.P_DEAD_LI]: 0 });
    fillDisc(k, 16, 16, 0, 8); // an isolated disc: the dead-Li rule is off so it stays at φ_s
    runUntil(k, 20);
    const r0 = radius(k), t0 = k.stats()[L.S_TIME];
    runUntil(k, t0 + 200);
    const v = (radius(k) - r0) / (k.stats()[L.S_TIME] - t0);
    const p = k.params;
    const R = 0.5 * (r0 + radius(k));
    const etaEff = eta + p[L.P_GT] / R; // γΩ/(F R) makes plating on a convex surface harder
    const f = p[L.P_FRT], a = p[L.P_ALPHA];
    const bv = (e: number) => -6 * p[L.P_ELL] * p[L.P_LETA] * (Math.exp((1 - a) * f * e) - Math.exp(-a * f * e));
    expect(Math.abs(v / bv(etaEff) - 1)).toBeLessThan(0.03);
    // the spurious curvature flow L_σκ/R would have been this large: make sure it is not what we see
    const curvatureFlow = k.params[L.P_LSIG_KAPPA] / R;
    expect(Math.abs(v - (bv(etaEff) - curvatureFlow))).toBeGreaterThan(0.5 * curvatureFlow);
  }, 300_000);
});
