// Per-step statistics stay per step: S_MG_CYCLES is the V-cycles of the last step's solves. It used to be
// reset only by the salt solve, which a solid electrolyte skips, so in solid runs it summed the whole run.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { kernelFor, steps } from '../physics/setup';

const MAX_CYCLES_PER_SOLVE = 60; // the kernel's multigrid cap per solve

describe('S_MG_CYCLES is the last step\'s count', () => {
  it.each(['liquid', 'solid'] as const)('%s electrolyte: bounded by one step\'s solves after 200 steps', async (electrolyte) => {
    const k = await kernelFor({ electrolyte, width_um: 16, height_um: 16, li_film_um: 4, current_mA_cm2: 1 }, 2);
    try {
      k.initFilm(4);
      let total = 0;
      for (let i = 0; i < 200; i++) { steps(k, 1); total += k.stats()[L.S_MG_CYCLES]; }
      const last = k.stats()[L.S_MG_CYCLES];
      expect(last).toBeGreaterThan(0);
      // liquid: a salt and a potential solve per step; solid: the potential only
      expect(last).toBeLessThanOrEqual((electrolyte === 'liquid' ? 2 : 1) * MAX_CYCLES_PER_SOLVE);
      expect(total).toBeGreaterThan(last); // the sum over steps is larger, so `last` is not a running total
    } finally { k.dispose(); }
  });
});
