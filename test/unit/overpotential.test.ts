// η_nuc and η_plating from a voltage trace (src/analysis/overpotential.ts), on synthetic traces.
import { describe, expect, it } from 'vitest';
import { platingOverpotentials, platingSegment, type VoltagePoint } from '../../src/analysis/overpotential';

/** 1 h plating: alloying at +0.1 V for 300 s, a dip to −0.3 V at 301 s, relaxation to a −30 mV plateau */
function trace(dt = 1): VoltagePoint[] {
  const out: VoltagePoint[] = [{ t_s: 0, voltage_V: -0.002, current_mA_cm2: 0 }];
  for (let t = dt; t <= 3600 + 1e-9; t += dt) {
    let v: number;
    if (t < 300) v = 0.1;
    else if (t < 301) v = 0.1 - 0.4 * (t - 300);          // double layer charging
    else v = -0.03 - 0.27 * Math.exp(-(t - 301) / 30); // nuclei grow: back to the plateau
    out.push({ t_s: t, voltage_V: v, current_mA_cm2: 1 });
  }
  return out;
}

describe('platingOverpotentials', () => {
  it('η_nuc = |V_tip| − |plateau|, η_plating = |plateau| (Pei et al. 2017)', () => {
    const r = platingOverpotentials(trace(0.25))!;
    expect(r.tip_V).toBeCloseTo(-0.3, 6);
    expect(r.tip_t_s).toBeCloseTo(301, 6);
    expect(r.eta_plating_mV).toBeCloseTo(30, 3);
    expect(r.eta_nuc_mV).toBeCloseTo(270, 3);
  });

  it('the alloying stage (positive voltage) and the t = 0 sample are not the dip; a late excursion is not either', () => {
    const t = trace(0.5);
    // a deeper excursion after the first quarter of the plating (e.g. a merge event) is ignored
    t.push({ t_s: 2000.25, voltage_V: -0.5, current_mA_cm2: 1 });
    const r = platingOverpotentials(t)!;
    expect(r.tip_V).toBeCloseTo(-0.3, 6);
  });

  it('only the first plating counts: a strip (current < 0) and later platings are left out', () => {
    const t = trace(1);
    t.push({ t_s: 3601, voltage_V: 0.05, current_mA_cm2: -1 });
    t.push({ t_s: 5000, voltage_V: 0.2, current_mA_cm2: -1 });
    t.push({ t_s: 5001, voltage_V: -0.9, current_mA_cm2: 1 });
    t.push({ t_s: 9000, voltage_V: -0.9, current_mA_cm2: 1 });
    const seg = platingSegment(t);
    expect(seg[seg.length - 1].t_s).toBe(3600);
    const r = platingOverpotentials(t)!;
    expect(r.eta_plating_mV).toBeCloseTo(30, 3);
    expect(r.plating_s).toBeCloseTo(3599, 6);
  });

  it('unsorted input (a fine trace merged with the thinned series) gives the same answer', () => {
    const t = trace(1);
    const shuffled = [...t.filter((_, i) => i % 2 === 1), ...t.filter((_, i) => i % 2 === 0)];
    expect(platingOverpotentials(shuffled)).toEqual(platingOverpotentials(t));
  });

  it('no dip (monotone approach to the plateau) gives η_nuc 0; no plating gives null', () => {
    const flat: VoltagePoint[] = [];
    for (let t = 1; t <= 100; t++) flat.push({ t_s: t, voltage_V: -0.03 * (1 - Math.exp(-t)), current_mA_cm2: 1 });
    expect(platingOverpotentials(flat)!.eta_nuc_mV).toBeLessThan(1e-9);
    expect(platingOverpotentials([{ t_s: 0, voltage_V: 0, current_mA_cm2: 0 }])).toBeNull();
    expect(platingOverpotentials([])).toBeNull();
  });
});
