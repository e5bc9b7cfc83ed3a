// physics.md §8 check 1: Faraday's law and the Li ledger, through the same Run the CLI and UI use.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';
import { umPerMAhCm2 } from '../../src/model/units';
import { BACKENDS } from './setup';

describe.each(BACKENDS)('Faraday plating (%s)', (backend) => {
  it('planar plating at 1 mA/cm² for 1 h gives 4.85 µm (±2 %) with the ledger closed to 1e-6', async () => {
    const run = new Run();
    const init = await run.init({ preset: 'planar-1mA', backend, seed: 7 });
    expect(init.ok).toBe(true);
    let status = run.status();
    while (!status.finished && !status.failure) status = run.advance({ maxSteps: 1000, maxWallMs: 10_000 });
    expect(status.failure).toBeNull();
    expect(status.t_s).toBeCloseTo(3600, 0);
    const expected = umPerMAhCm2(run.resolvedValues.li_site_density_mol_m3) * status.charge_mAh_cm2;
    expect(status.charge_mAh_cm2).toBeCloseTo(1, 2);
    expect(Math.abs(status.mean_thickness_um / 4.85 - 1)).toBeLessThan(0.02);
    expect(Math.abs(status.mean_thickness_um / expected - 1)).toBeLessThan(1e-6);
    const series = run.samples(0);
    const worstLedger = Math.max(...series.map((s) => s.ledger_rel_error));
    expect(worstLedger).toBeLessThan(1e-6);
    // a voltage trace exists and stays cathodic (plating) with a small, steady overpotential
    const volts = series.slice(1).map((s) => s.voltage_V);
    expect(volts.length).toBeGreaterThan(100);
    expect(Math.max(...volts)).toBeLessThan(0);
    expect(Math.min(...volts)).toBeGreaterThan(-0.2);
  }, 300_000);
});
