// Critical current density (Oh et al. 2025, A:L126, Fig. 5d–e): Li | SE | Li symmetric cells on a 1 h
// staircase; bare LPSCl fails at 0.9 mA/cm², the dual layer + LiF at 2.9 mA/cm².
// The one calibrated parameter is gb_width_nm, the width of the grain-boundary channel whose Laplace
// pressure 2γ/w draws Li into LPSCl boundaries (and pushes it out of LiF-lined ones): 0.9 nm, chosen from
// {0.84, 0.9, 1.0} nm as the value whose mean CCD over seeds 1–3 of ccd-lpscl falls within ±15 % of 0.9
// (docs/model.md §8). The CCD presets carry it; everything else in them is a default.
// The dual layer + LiF is then a prediction: the model gives 2.1–2.4 mA/cm², mean 2.27, below the paper's
// 2.9 ± 15 % (that acceptance is NOT met and not tested as if it were). What is checked is the paper's
// direction: the engineered electrolyte raises the mean CCD above the baseline's. The ablation (issue 4): each
// mechanism alone — LiF-LPSCl only, the dual layer (LSPS screw effect) only — raises the mean CCD above
// the baseline's by at least one staircase step (the presets of the table in docs/model.md §8,
// scripts/ablation.ts). One file, so the baseline's three runs serve all three comparisons.
import { describe, expect, it } from 'vitest';
import { mean, runCcd } from '../../src/cli/ccd-run';
import { resolvePreset } from '../../src/model/presets';

const SEEDS = [1, 2, 3];
const STAIR_STEP = resolvePreset('ccd-lpscl').ccd_step_mA_cm2; // 0.1 mA/cm², the resolution of a CCD

async function ccd(preset: string, seed: number): Promise<number> {
  const r = await runCcd(preset, seed);
  if (r.ccd_mA_cm2 === null) throw new Error(`${preset} seed ${seed}: no short`);
  // the short ends the step the staircase was in: the CCD is that step's current
  expect(r.lastStep?.shorted).toBe(true);
  expect(r.ccd_mA_cm2).toBe(r.lastStep?.current_mA_cm2);
  return r.ccd_mA_cm2;
}

const baseline: number[] = [];
/** ccd-lpscl's CCD for seeds 1–3, run once per file (by whichever test needs them first) */
async function baselineCcds(): Promise<number[]> {
  if (baseline.length !== SEEDS.length) {
    baseline.length = 0;
    for (const seed of SEEDS) baseline.push(await ccd('ccd-lpscl', seed));
  }
  return baseline;
}

describe('critical current density (1 h staircase, 0.1 mA/cm² steps)', () => {
  it('ccd-lpscl (the calibration): the mean over seeds 1–3 is 0.9 mA/cm² ± 15 %', async () => {
    await baselineCcds();
    // eslint-disable-next-line no-console
    console.log(`ccd-lpscl seeds ${SEEDS.join(', ')}: ${baseline.join(', ')} mA/cm², mean ${mean(baseline).toFixed(2)}`);
    expect(Math.abs(mean(baseline) / 0.9 - 1)).toBeLessThanOrEqual(0.15);
  }, 900_000);

  it('ccd-dual-lif (the prediction): the engineered electrolyte raises the mean CCD above the baseline', async () => {
    const engineered: number[] = [];
    for (const seed of SEEDS) engineered.push(await ccd('ccd-dual-lif', seed));
    const base = await baselineCcds();
    // eslint-disable-next-line no-console
    console.log(`ccd-dual-lif seeds ${SEEDS.join(', ')}: ${engineered.join(', ')} mA/cm², mean ${mean(engineered).toFixed(2)} (paper 2.9; baseline mean ${mean(base).toFixed(2)})`);
    expect(mean(engineered)).toBeGreaterThan(mean(base) + 0.25);
  }, 1_800_000);
});

describe('CCD ablation: each mechanism alone raises the CCD above the baseline', () => {
  it.each([
    ['ccd-lif', 'LiF-LPSCl only'],
    ['ccd-dual', 'dual layer (LSPS screw effect) only'],
  ])('%s (%s): the mean CCD is at least one staircase step above ccd-lpscl', async (preset) => {
    const alone: number[] = [];
    for (const seed of SEEDS) alone.push(await ccd(preset, seed));
    const base = await baselineCcds();
    // eslint-disable-next-line no-console
    console.log(`${preset} seeds ${SEEDS.join(', ')}: ${alone.join(', ')} mA/cm², mean ${mean(alone).toFixed(2)} (baseline mean ${mean(base).toFixed(2)})`);
    expect(mean(alone)).toBeGreaterThanOrEqual(mean(base) + STAIR_STEP - 1e-9);
  }, 1_800_000);
});
