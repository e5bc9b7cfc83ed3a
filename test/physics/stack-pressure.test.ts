// Stack pressure (Oh et al. 2025, A:L111, Fig. S17): cells without a seed short "irrespective of applied
// pressure". Bare Cu under LPSCl (lpscl-cu-20MPa, lpscl-cu-5MPa) plated at 1 mA/cm² on the reduced section
// of liquid-vs-solid.test.ts shorts within 3 mAh/cm² (60 % of the gap as dense Li) at both pressures.
// The other half of the paper's result, Mg lasting longer at 20 than at 5 MPa, is NOT reproduced by the
// model (no systematic difference over seeds 1–6; docs/model.md §8 "Stack pressure"), so it is not tested.
// Seeds 1–3. Seed 1 at 5 MPa is also the regression check of the corner-contact stall: while the attached-deposit
// search only followed cell faces, one cell touching the deposit across a corner flickered between attached and
// dead Li near t = 6385 s and held the time step at 1e-5–5e-5 s (152,000 steps by then, ~9 min of wall); with
// edge and corner contact it shorts at 7828 s in ~8,100 steps. The step bound below fails on the old search.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';

const CELL = { width_um: 16, height_um: 24, current_mA_cm2: 1, protocol: 'constant' };
const T_END = 3 * 3600; // 3 mAh/cm² at 1 mA/cm²
const MAX_STEPS = 20_000; // every run here takes 7,000–8,200 steps to its short

async function plate(preset: string, seed: number) {
  const run = new Run();
  const init = await run.init({ preset, seed, overrides: CELL });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  let s = run.status();
  while (s.t_s < T_END - 1e-6 && !s.failure && !s.short.occurred && s.steps < MAX_STEPS) {
    s = run.advance({ maxSteps: 2000, maxWallMs: 1e9, stop: { kind: 'time', t_s: T_END } });
  }
  if (s.failure) throw new Error(`${preset} seed ${seed}: ${s.failure}`);
  return { status: s, params: run.params() };
}

describe('stack pressure, bare Cu in LPSCl', () => {
  it.each([[1], [2], [3]])('seed %i: shorts at 20 MPa and at 5 MPa, before the gap could fill, in under 20,000 steps', async (seed) => {
    const t0 = performance.now();
    for (const [preset, pressure] of [['lpscl-cu-20MPa', 20], ['lpscl-cu-5MPa', 5]] as const) {
      const { status, params } = await plate(preset, seed);
      expect(params.stack_pressure_MPa).toBe(pressure);
      expect(status.steps, `${preset} seed ${seed}: steps`).toBeLessThan(MAX_STEPS);
      expect(status.short.occurred, `${preset} seed ${seed}`).toBe(true);
      expect(status.mean_thickness_um).toBeLessThan(0.6 * CELL.height_um);
      // eslint-disable-next-line no-console
      console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${preset} seed ${seed}: short at ${status.short.t_s!.toFixed(0)} s, mean ${status.mean_thickness_um.toFixed(2)} µm`);
    }
  }, 120_000);
});
