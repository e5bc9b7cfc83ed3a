// LPSCl nucleation dip over cycles (issue 5; Oh et al. 2025, A:L96–98): "For Ag, Mg, and Sn, the
// η_nucleation vanished by the 2nd cycle ... In contrast, Al, In, and Zn retained η_nucleation until later
// cycles." "From the 10th cycle onward: Ag and Sn began to exhibit η_nucleation, whereas Mg uniquely
// maintained a smooth voltage profile." A dip is η_nuc > 50 mV (most negative plating voltage minus the
// plateau of the second half of plating, src/engine/protocol.ts).
//
// Mechanism (docs/model.md §9, "LPSCl dip over cycles"): in the seed's lithiophilic cycles (2 … 1 +
// lithiophilic_cycles: Ag and Sn 8, so cycles 2–9 and the dip back in cycle 10, the paper's "from the 10th
// cycle onward"; Mg all) the lithiated seed is wetted by Li: its sites carry the plating current from the
// first cathodic step (P_SEED_WET), so the double layer is not charged until nuclei have grown.
//
// Reduced configuration (the presets' 64 × 48 µm at 1 mAh/cm² costs ~30 s per cycle): 48 × 24 µm,
// 0.2 mAh/cm² per cycle, seed 1. 0.2 is the smallest capacity whose second half of plating is Li growth
// for In (at 0.1 In's "plateau" is still 256 mV, inside its nucleation). All six run 10 cycles: Al, In
// and Zn (lithiophilic_cycles = 0) used to be cut at 3, as Al stalled in cycle 8 here (a dissolving
// sub-critical nucleus bounded the step, fixed in the kernel: it now finishes dissolving). Zn's cycles
// used to return 2–6 % more than they plated (CE 1.02–1.06): the insertion excess of its 20° nuclei was not
// all paid before the strip emptied the deposit (docs/model.md §9); the strip now pays it in proportion to
// the metal left, and every cycle's CE is checked below.
import { beforeAll, describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';
import { liBalance } from '../support/li-balance';

const SECTION = { width_um: 48, height_um: 24 };
const CAPACITY = 0.2;
const DIP_MV = 50;
const CYCLES: Record<string, number> = { mg: 10, ag: 10, sn: 10, al: 10, in: 10, zn: 10 };
const eta = {} as Record<string, number[]>;
/** over all cycles: the Li balance (test/support/li-balance.ts), the ledger error
 *  (relative to the charge passed either way) and the largest per-cycle CE */
const balance = {} as Record<string, { li: number; ledger: number; maxCe: number }>;

async function etaNuc(metal: string, cycles: number): Promise<number[]> {
  const run = new Run();
  const init = await run.init({
    preset: `lpscl-${metal}-20MPa`, seed: 1,
    overrides: { protocol: 'cycle', cycles, capacity_mAh_cm2: CAPACITY, ...SECTION },
  });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  let s = init.status;
  while (!s.finished && !s.failure) s = run.advance({ maxSteps: 5000, maxWallMs: 1e9 });
  if (s.failure) throw new Error(`${metal}: ${s.failure}`);
  const report = run.protocolReport();
  expect(report.cycles, metal).toHaveLength(cycles);
  balance[metal] = {
    li: liBalance(run, `lpscl-${metal}-20MPa`), ledger: run.status().ledger_rel_error,
    maxCe: Math.max(...report.cycles.map((c) => c.ce)),
  };
  return report.cycles.map((c) => c.eta_nuc_mV);
}

describe('LPSCl nucleation dip over cycles (48 × 24 µm, 0.2 mAh/cm² per cycle, seed 1)', () => {
  beforeAll(async () => {
    for (const [metal, n] of Object.entries(CYCLES)) eta[metal] = await etaNuc(metal, n);
    console.log(Object.entries(eta).map(([m, v]) => `${m}: ${v.map((x) => x.toFixed(1)).join(' ')}; Li balance ${balance[m].li.toExponential(1)}, ledger ${balance[m].ledger.toExponential(1)}, max CE ${balance[m].maxCe.toFixed(5)}`).join('\n'));
  }, 300_000);

  // 5e-5 of the total: Zn, whose runs do not use the wet seed, ends at 1.3e-5 and Ag at 1.3e-5. Before the wet
  // seed, Ag (B = 0 in cycles 2–9) created Li: 9.9e-2, per-cycle CE up to 1.32 (nuclei born at 1.2 r*(η) for
  // η → 0 hold more Li than the double layer, docs/model.md §9)
  it('no Li is created over the cycles: Σ stripped + Li left = Σ plated to 5e-5, the ledger closes', () => {
    for (const metal of Object.keys(CYCLES)) {
      expect(balance[metal].li, metal).toBeLessThan(5e-5);
      expect(balance[metal].ledger, metal).toBeLessThan(1e-6);
    }
  });

  // 1e-3: the strip's last step can take ξ slightly below 0 (docs/model.md §9; largest Mg 1.00069, Ag 1.00067,
  // Zn 1.00055). Before the strip paid the insertion debt in proportion to the metal left, Zn's cycles gave
  // 1.016–1.064.
  it('no cycle returns more Li than it plated: CE ≤ 1 + 1e-3 in every cycle', () => {
    for (const metal of Object.keys(CYCLES)) expect(balance[metal].maxCe, metal).toBeLessThanOrEqual(1 + 1e-3);
  });

  // The ledger error is relative to initial Li + the charge passed either way. Relative to the net charge it
  // read 2.2e-4 at the step where a Zn strip had returned all it plated (no mobile-ion inventory in LPSCl,
  // so the net charge was the whole denominator), for an error of ~1e-10 µm.
  it('the ledger error stays below 1e-8 at every step of a cycle that returns what it plated (Zn, 1 cycle)', async () => {
    const run = new Run();
    const init = await run.init({
      preset: 'lpscl-zn-20MPa', seed: 1, overrides: { protocol: 'cycle', cycles: 1, capacity_mAh_cm2: CAPACITY, ...SECTION },
    });
    if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
    let s = init.status, worst = 0, netChargeMin = Infinity;
    while (!s.finished && !s.failure) {
      s = run.advance({ maxSteps: 1, maxWallMs: 1e9 });
      worst = Math.max(worst, s.ledger_rel_error);
      if (run.protocolReport().phase === 'strip') netChargeMin = Math.min(netChargeMin, Math.abs(s.charge_mAh_cm2));
    }
    expect(s.failure).toBeNull();
    expect(netChargeMin, 'the strip passes net charge 0').toBeLessThan(1e-4);
    expect(worst).toBeLessThan(1e-8);
  }, 60_000);

  it('every seed dips in cycle 1', () => {
    for (const metal of Object.keys(CYCLES)) expect(eta[metal][0], metal).toBeGreaterThan(DIP_MV);
  });

  it('Mg: no dip in cycles 2–10 (A:L98)', () => {
    for (let c = 2; c <= 10; c++) expect(eta.mg[c - 1], `cycle ${c}`).toBeLessThanOrEqual(DIP_MV);
  });

  it('Ag and Sn: no dip in cycle 2, the dip back in cycle 10 (A:L96–98)', () => {
    for (const metal of ['ag', 'sn']) {
      expect(eta[metal][1], `${metal} cycle 2`).toBeLessThanOrEqual(DIP_MV);
      expect(eta[metal][9], `${metal} cycle 10`).toBeGreaterThan(DIP_MV);
    }
  });

  it('Al, In, Zn: a dip in every cycle, 1–10 (A:L96: retained until later cycles)', () => {
    for (const metal of ['al', 'in', 'zn']) {
      expect(eta[metal], metal).toHaveLength(10);
      eta[metal].forEach((v, i) => expect(v, `${metal} cycle ${i + 1}`).toBeGreaterThan(DIP_MV));
    }
  });
});
