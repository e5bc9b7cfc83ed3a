// Live parameters reach the running kernel through the one conversion (units.ts); restart-only ones wait.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { Run } from '../../src/engine/run';
import { toKernelParams } from '../../src/model/units';

describe('Run.setParam', () => {
  it('applies live parameters at once and holds restart-only ones for reset', async () => {
    const run = new Run();
    const init = await run.init({ preset: 'planar-1mA', overrides: { width_um: 8, height_um: 16 }, backend: 'ts' });
    expect(init.ok).toBe(true);
    const k = run.kernelForTests;
    // a restart-only change (interface width) is accepted but not applied...
    const pending = run.setParam('interface_width_um', 1.5);
    expect(pending).toMatchObject({ ok: true, needsRestart: true });
    const ellBefore = k.params[L.P_ELL];
    // ...and a following live change converts against the running values, not the pending ones
    expect(run.setParam('current_mA_cm2', 3)).toMatchObject({ ok: true, needsRestart: false });
    expect(run.setParam('counter_exchange_current_mA_cm2', 2)).toMatchObject({ ok: true, needsRestart: false });
    expect(run.setParam('mode', 'potentiostatic')).toMatchObject({ ok: true, needsRestart: false });
    const expected = toKernelParams({ width_um: 8, height_um: 16, li_film_um: 4, dt_max_s: 30, current_mA_cm2: 3,
      counter_exchange_current_mA_cm2: 2, mode: 'potentiostatic' }, 2).params;
    expect(k.params[L.P_ELL]).toBe(ellBefore);
    for (const slot of [L.P_CURRENT, L.P_I0_CE, L.P_MODE, L.P_LSIG_W, L.P_LSIG_KAPPA]) expect(k.params[slot]).toBeCloseTo(expected[slot], 12);
    // an invalid value names the parameter and changes nothing
    const bad = run.setParam('current_mA_cm2', 1e6);
    expect(bad.ok).toBe(false);
    expect(bad.issues[0].message).toContain('current_mA_cm2');
    expect(k.params[L.P_CURRENT]).toBeCloseTo(30, 12);
  });
});

describe('Run.setParam while a protocol drives the current', () => {
  it.each([['ccd', 'ccd-lpscl', 0.1], ['cycle', 'liquid-cu-1mA', 1]] as const)(
    '%s: current and mode changes wait for the reset; the protocol keeps applying its own current',
    async (protocol, preset, applied) => {
      const run = new Run();
      const init = await run.init({ preset, overrides: { width_um: 16, height_um: 32, protocol }, backend: 'wasm-simd' });
      expect(init.ok).toBe(true);
      const k = run.kernelForTests;
      const before = [L.P_CURRENT, L.P_MODE].map((slot) => k.params[slot]);
      expect(run.setParam('current_mA_cm2', 3)).toMatchObject({ ok: true, needsRestart: true });
      expect(run.setParam('mode', 'potentiostatic')).toMatchObject({ ok: true, needsRestart: true });
      expect([L.P_CURRENT, L.P_MODE].map((slot) => k.params[slot])).toEqual(before);
      const s = run.advance({ maxSteps: 3, maxWallMs: 10_000 });
      expect(s.failure).toBeNull();
      expect(k.params[L.P_CURRENT] / 10, 'kernel current, mA/cm²').toBeCloseTo(applied, 9);
      // other live parameters still apply at once
      expect(run.setParam('counter_exchange_current_mA_cm2', 2)).toMatchObject({ ok: true, needsRestart: false });
      // after the reset the run starts from the changed values (cycling uses |j| = 3 mA/cm²)
      await run.reset();
      run.advance({ maxSteps: 1, maxWallMs: 10_000 });
      expect(run.kernelForTests.params[L.P_CURRENT] / 10).toBeCloseTo(protocol === 'cycle' ? 3 : 0.1, 9);
      expect(run.kernelForTests.params[L.P_MODE]).toBe(0); // galvanostatic under a protocol
    });
});
