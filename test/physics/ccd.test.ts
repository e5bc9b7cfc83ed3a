// Critical current density (Oh et al. 2025, A:L126, Fig. 5d–e): Li | SE | Li symmetric cells on a 1 h
// staircase; bare LPSCl fails at 0.9 mA/cm², the dual layer + LiF at 2.9 mA/cm².
// The one calibrated parameter is gb_width_nm, the width of the grain-boundary channel whose Laplace
// pressure 2γ/w draws Li into LPSCl boundaries (and pushes it out of LiF-lined ones): 0.9 nm, chosen from
// {0.84, 0.9, 1.0} nm as the value whose mean CCD over seeds 1–3 of ccd-lpscl falls within ±15 % of 0.9
// (docs/model.md §8). The CCD presets carry it; everything else in them is a default.
// The dual layer + LiF is then a prediction: the model gives 2.1–2.4 mA/cm², mean 2.27, below the paper's
// 2.9 ± 15 % (that acceptance is NOT met and not tested as if it were). What is checked is the paper's
// direction: the engineered electrolyte raises the mean CCD above the baseline's. Each mechanism alone:
// ablation.test.ts.
import { describe, expect, it } from 'vitest';
import { mean } from '../../src/cli/ccd-run';
import { CCD_SEEDS as SEEDS, ccdOf as ccd } from '../support/ccd';

const baseline: number[] = [];

describe('critical current density (1 h staircase, 0.1 mA/cm² steps)', () => {
  it('ccd-lpscl (the calibration): the mean over seeds 1–3 is 0.9 mA/cm² ± 15 %', async () => {
    for (const seed of SEEDS) baseline.push(await ccd('ccd-lpscl', seed));
    // eslint-disable-next-line no-console
    console.log(`ccd-lpscl seeds ${SEEDS.join(', ')}: ${baseline.join(', ')} mA/cm², mean ${mean(baseline).toFixed(2)}`);
    expect(Math.abs(mean(baseline) / 0.9 - 1)).toBeLessThanOrEqual(0.15);
  }, 900_000);

  it('ccd-dual-lif (the prediction): the engineered electrolyte raises the mean CCD above the baseline', async () => {
    const engineered: number[] = [];
    for (const seed of SEEDS) engineered.push(await ccd('ccd-dual-lif', seed));
    const base = baseline.length === SEEDS.length ? baseline : await Promise.all(SEEDS.map((s) => ccd('ccd-lpscl', s)));
    // eslint-disable-next-line no-console
    console.log(`ccd-dual-lif seeds ${SEEDS.join(', ')}: ${engineered.join(', ')} mA/cm², mean ${mean(engineered).toFixed(2)} (paper 2.9; baseline mean ${mean(base).toFixed(2)})`);
    expect(mean(engineered)).toBeGreaterThan(mean(base) + 0.25);
  }, 1_800_000);
});
