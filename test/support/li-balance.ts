// The Li balance of a cycling run, shared by the cycle tests (cycle-dip, cycling-120*).
import * as L from '../../assembly/layout';
import type { Run } from '../../src/engine/run';
import { resolvePreset } from '../../src/model/presets';
import { umPerMAhCm2 } from '../../src/model/units';

/** |Σ plated − Σ stripped − Li left (metal + seed alloy) − SEI| / Σ plated over the run's completed cycles */
export function liBalance(run: Run, preset: string): number {
  const report = run.protocolReport();
  const st = run.kernelForTests.stats();
  const perMAh = umPerMAhCm2(resolvePreset(preset).li_site_density_mol_m3);
  const left = (st[L.S_METAL_UM] + st[L.S_ALLOY_UM]) / perMAh;
  const sei = st[L.S_SEI_UM] / perMAh;
  const plated = report.cycles.reduce((a, c) => a + c.plated_mAh_cm2, 0);
  const stripped = report.cycles.reduce((a, c) => a + c.stripped_mAh_cm2, 0);
  return Math.abs(plated - stripped - left - sei) / plated;
}
