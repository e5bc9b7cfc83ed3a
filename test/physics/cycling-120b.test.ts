// 120 liquid cycles for In, Mg, Sn and Zn: see cycling-120.test.ts (Cu, Ag, Al) for what is checked and why.
import { describe, it } from 'vitest';
import type { SeedMetal } from '../../src/model/seeds';
import { checkCycleLife, cycleLife } from '../support/cycle-life';

describe('liquid cycling, 120 cycles (16 × 12 µm, 1 mA/cm², 1 mAh/cm², seed 1)', () => {
  it.each(['in', 'mg', 'sn', 'zn'] as SeedMetal[])('%s: cumulative CE below 40 % after 120 cycles', async (metal) => {
    checkCycleLife(metal, await cycleLife(metal));
  }, 1_800_000);
});
