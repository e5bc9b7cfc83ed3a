// One CCD staircase run as a test sees it: the short must end the step the staircase was in, and the CCD is
// that step's current (shared by the calibration/prediction test and the ablation test).
import { expect } from 'vitest';
import { runCcd } from '../../src/cli/ccd-run';

export const CCD_SEEDS = [1, 2, 3];

export async function ccdOf(preset: string, seed: number): Promise<number> {
  const r = await runCcd(preset, seed);
  if (r.ccd_mA_cm2 === null) throw new Error(`${preset} seed ${seed}: no short`);
  expect(r.lastStep?.shorted).toBe(true);
  expect(r.ccd_mA_cm2).toBe(r.lastStep?.current_mA_cm2);
  return r.ccd_mA_cm2;
}
