// Ablation of the engineered electrolyte (issue 4): each mechanism alone must raise the critical current
// density above bare LPSCl — LiF-LPSCl only (Li pushed out of LiF-lined boundaries, +44 meV/Å²) and the dual
// layer only (the LSPS screw effect). Means over seeds 1–3 of the presets the ablation table in
// docs/model.md §8 is made from (scripts/ablation.ts); "above" means by at least one staircase step
// (0.1 mA/cm²), the resolution of the measurement.
import { describe, expect, it } from 'vitest';
import { mean } from '../../src/cli/ccd-run';
import { resolvePreset } from '../../src/model/presets';
import { CCD_SEEDS, ccdOf } from '../support/ccd';

const STAIR_STEP = resolvePreset('ccd-lpscl').ccd_step_mA_cm2; // 0.1 mA/cm²

describe('CCD ablation: each mechanism alone raises the CCD above the baseline', () => {
  const ccds = new Map<string, number[]>();
  const ccdsOf = async (preset: string): Promise<number[]> => {
    if (!ccds.has(preset)) {
      const per: number[] = [];
      for (const seed of CCD_SEEDS) per.push(await ccdOf(preset, seed));
      ccds.set(preset, per);
      // eslint-disable-next-line no-console
      console.log(`${preset} seeds ${CCD_SEEDS.join(', ')}: ${per.join(', ')} mA/cm², mean ${mean(per).toFixed(2)}`);
    }
    return ccds.get(preset)!;
  };

  it.each([
    ['ccd-lif', 'LiF-LPSCl only'],
    ['ccd-dual', 'dual layer (LSPS) only'],
  ])('%s (%s) lasts to a higher current than ccd-lpscl', async (preset) => {
    const base = mean(await ccdsOf('ccd-lpscl'));
    expect(mean(await ccdsOf(preset))).toBeGreaterThanOrEqual(base + STAIR_STEP - 1e-9);
  }, 1_800_000);
});
