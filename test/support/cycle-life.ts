// Shared by test/physics/cycling-120*.test.ts: 120 liquid cycles of one seed metal and the checks on them.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';
import type { SeedMetal } from '../../src/model/seeds';
import { liBalance } from './li-balance';

const CYCLES = 120;
const SECTION = { width_um: 16, height_um: 12 };

interface CycleLife {
  ces: number[];
  cumulative: number;
  /** |Σ plated − Σ stripped − Li left − SEI| / Σ plated */
  liBalance: number;
  ledger: number;
  shorted: boolean;
  plated: number[];
}

async function cycleLife(metal: SeedMetal): Promise<CycleLife> {
  const preset = `liquid-${metal}-1mA`;
  const run = new Run();
  const init = await run.init({ preset, seed: 1, overrides: { protocol: 'cycle', cycles: CYCLES, ...SECTION } });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  let s = init.status;
  while (!s.finished && !s.failure && !s.short.occurred) s = run.advance({ maxSteps: 20000, maxWallMs: 1e9 });
  if (s.failure) throw new Error(`${preset}: ${s.failure}`);
  const report = run.protocolReport();
  return {
    ces: report.cycles.map((c) => c.ce),
    cumulative: report.cumulative_ce ?? NaN,
    liBalance: liBalance(run, preset),
    ledger: run.status().ledger_rel_error,
    shorted: s.short.occurred,
    plated: report.cycles.map((c) => c.plated_mAh_cm2),
  };
}

function checkCycleLife(metal: SeedMetal, life: CycleLife): void {
  const ces = life.ces;
  // eslint-disable-next-line no-console
  console.log(`${metal}: cumulative CE after ${ces.length} cycles ${(100 * life.cumulative).toFixed(1)} %; per cycle ${(100 * Math.min(...ces)).toFixed(2)}–${(100 * Math.max(...ces)).toFixed(2)} %; Li balance ${life.liBalance.toExponential(1)}`);
  expect(life.shorted, `${metal} shorted`).toBe(false);
  expect(ces, metal).toHaveLength(CYCLES);
  for (const p of life.plated) expect(p, metal).toBeCloseTo(1, 6);
  for (const ce of ces) {
    expect(ce, metal).toBeLessThan(1);
    expect(ce, metal).toBeGreaterThan(0.95);
  }
  expect(life.cumulative, metal).toBeCloseTo(ces.reduce((a, c) => a * c, 1), 12);
  expect(life.cumulative, metal).toBeLessThan(0.4);
  expect(life.liBalance, metal).toBeLessThan(1e-5);
  expect(life.ledger, metal).toBeLessThan(1e-6);
}

/** the 120-cycle suite for these metals (the metals are split over files so the suite's workers share them) */
export function describeCycleLife(metals: SeedMetal[]): void {
  describe('liquid cycling, 120 cycles (16 × 12 µm, 1 mA/cm², 1 mAh/cm², seed 1)', () => {
    it.each(metals)('%s: cumulative CE below 40 % after 120 cycles', async (metal) => {
      checkCycleLife(metal, await cycleLife(metal));
    }, 1_800_000);
  });
}
