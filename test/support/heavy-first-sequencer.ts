// Test-file order for a two-core CI machine. Vitest's default uses one worker fewer than the cores (one on
// two cores) and, without a results cache (a fresh clone), keeps the include order, so the 32-minute CCD
// file and the two 120-cycle files ran one after another behind everything else. With two workers
// (vite.config.ts) these start first, on both workers, and the short files fill in behind them.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** the longest files, longest first (fresh-clone wall on one worker, 2026-12-07) */
export const HEAVY_FILES = [
  'test/physics/ccd.test.ts',          // ~32 min: 12 CCD staircases
  'test/physics/cycling-120b.test.ts', // ~14 min: In, Mg, Sn, Zn over 120 cycles
  'test/physics/cycling-120.test.ts',  // ~10 min: Cu, Ag, Al over 120 cycles
];

export class HeavyFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = HEAVY_FILES.findIndex((h) => f.moduleId.replace(/\\/g, '/').endsWith(h));
      return i < 0 ? HEAVY_FILES.length : i;
    };
    return base.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
