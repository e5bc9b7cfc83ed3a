// One CCD staircase for the CCD tests (test/physics/ccd*.test.ts): the current of the step in which the
// cell shorted, with the checks every such run must pass.
import { expect } from 'vitest';
import { mean, runCcd } from '../../src/cli/ccd-run';
import { resolvePreset } from '../../src/model/presets';

export const STAIR_STEP = resolvePreset('ccd-lpscl').ccd_step_mA_cm2; // 0.1 mA/cm², the resolution of a CCD

export async function ccdOf(preset: string, seed: number): Promise<number> {
  const r = await runCcd(preset, seed);
  if (r.ccd_mA_cm2 === null) throw new Error(`${preset} seed ${seed}: no short (the staircase ended by ${r.endedBy})`);
  // the short ends the step the staircase was in: the CCD is that step's current
  expect(r.lastStep?.shorted).toBe(true);
  expect(r.ccd_mA_cm2).toBe(r.lastStep?.current_mA_cm2);
  return r.ccd_mA_cm2;
}

/** standard error of the mean */
export function standardError(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
}
