// physics.md §8 checks 2–4: flat-front Butler–Volmer velocity, Nernst equilibrium, linear limit.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { BACKENDS, frontPosition, kernelFor, runUntil, steps } from './setup';

// A flat film in a solid (single-ion) electrolyte with a very conductive electrolyte, so the
// interface sees the applied overpotential and c = 1 (or a set c).
const FLAT = {
  width_um: 4, height_um: 16, dx_um: 0.25, interface_width_um: 2, li_film_um: 6, // ℓ = 2dx
  electrolyte: 'solid', conductivity_S_m: 100, exchange_current_mA_cm2: 1, mode: 'potentiostatic',
  relaxation_rate_per_s: 0.05, dt_max_s: 1, counter_exchange_current_mA_cm2: 0,
} as const;

/** steady flat-front velocity (µm/s) at a potentiostatic overpotential */
async function frontVelocity(eta: number, backend: (typeof BACKENDS)[number]): Promise<{ v: number; k: Awaited<ReturnType<typeof kernelFor>> }> {
  const k = await kernelFor({ ...FLAT, electrode_potential_V: eta }, 2, backend, 1, { [L.P_SIGMA_L]: 1e6 });
  k.initFilm(FLAT.li_film_um);
  runUntil(k, 20); // let the profile settle under drive
  const x0 = frontPosition(k), t0 = k.stats()[L.S_TIME];
  runUntil(k, t0 + 200);
  const v = (frontPosition(k) - x0) / (k.stats()[L.S_TIME] - t0);
  return { v, k };
}

describe.each(BACKENDS)('Butler–Volmer interface kinetics (%s)', (backend) => {
  it('a flat front moves at v = −6ℓL_η[e^{(1−α)fη} − c e^{−αfη}] (weak drive, within 1 %)', async () => {
    for (const eta of [-0.02, 0.01]) {
      const { v, k } = await frontVelocity(eta, backend);
      const p = k.params;
      const f = p[L.P_FRT], a = p[L.P_ALPHA];
      const predicted = -6 * p[L.P_ELL] * p[L.P_LETA] * (Math.exp((1 - a) * f * eta) - Math.exp(-a * f * eta));
      // weak-drive regime of the thin-interface limit (model-anchors §3.2)
      expect(Math.abs(predicted / (6 * p[L.P_ELL]))).toBeLessThan(0.02 * p[L.P_LSIG_W]);
      expect(Math.abs(v / predicted - 1)).toBeLessThan(0.01);
    }
  }, 120_000);

  it('for |η| ≤ 5 mV the velocity is linear in η with slope 6ℓL_η f (within 1 %)', async () => {
    const slopes: number[] = [];
    let expected = 0;
    for (const eta of [-0.005, -0.002, 0.002, 0.005]) {
      const { v, k } = await frontVelocity(eta, backend);
      expected = 6 * k.params[L.P_ELL] * k.params[L.P_LETA] * k.params[L.P_FRT];
      slopes.push(-v / eta);
    }
    const mean = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    expect(Math.abs(mean / expected - 1)).toBeLessThan(0.01);
    for (const s of slopes) expect(Math.abs(s / expected - 1)).toBeLessThan(0.01);
  }, 120_000);

  it('the zero-current overpotential follows the Nernst equation, RT/F·ln(c/c0) (59 mV per decade)', async () => {
    const results: [number, number][] = [];
    for (const cRatio of [0.25, 0.5, 1, 2]) {
      // liquid electrolyte at uniform c; galvanostatic at zero current finds the equilibrium potential
      const k = await kernelFor({ ...FLAT, electrolyte: 'liquid', mode: 'galvanostatic', current_mA_cm2: 0 }, 2, backend);
      k.initFilm(FLAT.li_film_um);
      k.view('c').fill(cRatio);
      k.startLedger();
      steps(k, 20);
      const phiS = k.stats()[L.S_PHI_S];
      results.push([cRatio, phiS]);
      const expected = Math.log(cRatio) / k.params[L.P_FRT];
      expect(Math.abs(phiS - expected)).toBeLessThan(1e-4); // 0.1 mV
      // and the front is stationary there
      expect(Math.abs(k.stats()[L.S_CURRENT])).toBeLessThan(1e-6);
    }
    const perDecade = ((results[3][1] - results[0][1]) / Math.log10(8)) * 1000;
    expect(perDecade).toBeGreaterThan(58.5);
    expect(perDecade).toBeLessThan(59.7);
  }, 120_000);
});
