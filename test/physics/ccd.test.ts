// Critical current density (Oh et al. 2025, A:L126, Fig. 5d–e): Li | SE | Li symmetric cells on a 1 h
// staircase; bare LPSCl fails at 0.9 mA/cm², the dual layer + LiF at 2.9 mA/cm².
// The one calibrated parameter is gb_width_nm, the width of the grain-boundary channel whose Laplace
// pressure 2γ/w draws Li into LPSCl boundaries (and pushes it out of LiF-lined ones): 0.9 nm, chosen from
// {0.84, 0.9, 1.0} nm as the value whose mean CCD over seeds 1–3 of ccd-lpscl falls within ±15 % of 0.9
// (docs/model.md §8). The CCD presets carry it; everything else in them is a default.
// A single staircase is chaotic (a change of the stress solve at the 1e-5 level moves one seed by up to
// 1.1 mA/cm², docs/model.md §8), so the checks use means over more seeds: the calibration is checked on
// seeds 1–9 (mean 0.98, standard error 0.08), the prediction on seeds 1–6.
// The dual layer + LiF is a prediction: the model gives 2.22 mA/cm² (seeds 1–6, standard error 0.10), below
// the paper's 2.9 ± 15 % (that acceptance is NOT met and not tested as if it were). What is checked is the
// paper's direction: the engineered electrolyte raises the mean CCD above the baseline's.
// The ablation (each mechanism alone) is in ccd-ablation.test.ts, a separate file so the two run in parallel.
import { describe, expect, it } from 'vitest';
import { mean } from '../../src/cli/ccd-run';
import { ccdOf, standardError } from '../support/ccd';

const CALIBRATION_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const PREDICTION_SEEDS = [1, 2, 3, 4, 5, 6];

const baseline: number[] = [];
/** ccd-lpscl's CCD for the calibration seeds, run once per file (by whichever test needs them first) */
async function baselineCcds(): Promise<number[]> {
  if (baseline.length !== CALIBRATION_SEEDS.length) {
    baseline.length = 0;
    for (const seed of CALIBRATION_SEEDS) baseline.push(await ccdOf('ccd-lpscl', seed));
  }
  return baseline;
}

const summary = (xs: number[]): string => `${xs.join(', ')} mA/cm², mean ${mean(xs).toFixed(2)} ± ${standardError(xs).toFixed(2)} (standard error)`;

describe('critical current density (1 h staircase, 0.1 mA/cm² steps)', () => {
  it('ccd-lpscl (the calibration): the mean over seeds 1–9 is 0.9 mA/cm² ± 15 %', async () => {
    await baselineCcds();
    // eslint-disable-next-line no-console
    console.log(`ccd-lpscl seeds ${CALIBRATION_SEEDS.join(', ')}: ${summary(baseline)}`);
    expect(Math.abs(mean(baseline) / 0.9 - 1)).toBeLessThanOrEqual(0.15);
  }, 2_700_000);

  it('ccd-dual-lif (the prediction): the engineered electrolyte raises the mean CCD above the baseline', async () => {
    const engineered: number[] = [];
    for (const seed of PREDICTION_SEEDS) engineered.push(await ccdOf('ccd-dual-lif', seed));
    const base = await baselineCcds();
    // eslint-disable-next-line no-console
    console.log(`ccd-dual-lif seeds ${PREDICTION_SEEDS.join(', ')}: ${summary(engineered)} (paper 2.9; baseline mean ${mean(base).toFixed(2)})`);
    expect(mean(engineered)).toBeGreaterThan(mean(base) + 0.25);
  }, 3_600_000);
});
