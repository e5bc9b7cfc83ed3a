// Classroom scenarios: the data is well formed, available scenarios resolve to valid runs, coming-soon
// ones say what they need, and key moments are detected when (and only when) they happen.
import { describe, expect, it } from 'vitest';
import { isAvailable, KeyMomentWatch, SCENARIOS } from '../../src/model/scenarios';
import { resolvePreset } from '../../src/model/presets';

const status = (t_s: number, charge_mAh_cm2: number, shorted = false) => ({ t_s, charge_mAh_cm2, short: { occurred: shorted } });

describe('classroom scenarios', () => {
  it('are well formed', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) {
      expect(s.sentences.length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.sentences.length, s.id).toBeLessThanOrEqual(5);
      expect(s.watchFor.length, s.id).toBeGreaterThanOrEqual(1);
      expect(s.watchFor.length, s.id).toBeLessThanOrEqual(3);
      expect(s.keyText, s.id).toMatch(/\w/);
      expect(s.pauseAtKeyMoment).toBe(true);
      expect(Number.isInteger(s.seed) && s.seed >= 0, s.id).toBe(true);
    }
  });

  it('available ones resolve to a valid run; overrides are explained', () => {
    const available = SCENARIOS.filter(isAvailable);
    expect(available.map((s) => s.preset).sort()).toEqual(['liquid-cu-1mA', 'planar-1mA', 'short-demo']);
    for (const s of available) {
      expect(() => resolvePreset(s.preset, s.overrides ?? {}), s.id).not.toThrow();
      if (s.overrides && Object.keys(s.overrides).length) expect(s.overridesWhy, s.id).toMatch(/\w/);
    }
  });

  it('coming-soon ones name the missing feature and what they will show', () => {
    const soon = SCENARIOS.filter((s) => !isAvailable(s));
    expect(soon.length).toBeGreaterThanOrEqual(4);
    for (const s of soon) {
      expect(s.requires, s.id).toMatch(/issue \d/);
      expect(s.preview, s.id).toMatch(/\w/);
    }
  });
});

describe('KeyMomentWatch', () => {
  it('capacity, time and short fire once, at the first status past the moment', () => {
    const q = new KeyMomentWatch({ kind: 'capacity', mAh_cm2: 1 });
    expect(q.update(status(3500, 0.97))).toBe(false);
    expect(q.update(status(3600, 1 - 1e-12))).toBe(true);
    expect(q.update(status(3601, 1.001))).toBe(false);
    const t = new KeyMomentWatch({ kind: 'time', t_s: 60 });
    expect(t.update(status(59, 0))).toBe(false);
    expect(t.update(status(61, 0))).toBe(true);
    const s = new KeyMomentWatch({ kind: 'short' });
    expect(s.update(status(700, 2))).toBe(false);
    expect(s.update(status(727, 2, true))).toBe(true);
  });

  it('the nucleation dip passes once the voltage has recovered half of it', () => {
    // liquid-cu-1mA's recorded series (seed 1): −2.6 mV at t = 0, −168 mV at 0.94 s, then relaxing
    const w = new KeyMomentWatch({ kind: 'nucleation-dip' });
    const volts = [-0.0026, -0.1684, -0.1482, -0.1385, -0.1045, -0.0898];
    for (const v of volts) {
      w.sample({ voltage_V: v });
      expect(w.update(status(1, 0))).toBe(false);
    }
    w.sample({ voltage_V: -0.0850 }); // −168 + ½·166 = −85 mV
    expect(w.update(status(22, 0.006))).toBe(true);
  });

  it('a flat voltage trace (no dip) never fires', () => {
    const w = new KeyMomentWatch({ kind: 'nucleation-dip' });
    for (let i = 0; i < 100; i++) {
      w.sample({ voltage_V: -0.0328 + 0.00005 * i });
      expect(w.update(status(i, 0))).toBe(false);
    }
  });
});
