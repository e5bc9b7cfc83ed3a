// Parameter labels in the panel: the name without its unit suffix, as a reader writes it, plus the unit.
import { describe, expect, it } from 'vitest';
import { PARAM_BY_NAME, PARAM_SPECS } from '../../src/model/schema';
import { paramLabel } from '../../src/ui/param-labels';

const label = (name: string) => paramLabel(PARAM_BY_NAME[name]);

describe('paramLabel', () => {
  it('shows the unit once, from the schema, not also as the name’s suffix', () => {
    expect(label('current_mA_cm2')).toBe('current (mA/cm²)');
    expect(label('capacity_mAh_cm2')).toBe('capacity (mAh/cm²)');
    expect(label('stack_pressure_MPa')).toBe('stack pressure (MPa)');
    expect(label('sei_current_uA_cm2')).toBe('SEI current (µA/cm²)');
    expect(label('gamma_lpscl_meV_A2')).toBe('γ Li | LPSCl (meV/Å²)');
    expect(label('lif_wt_pct')).toBe('LiF content (wt%)');
    expect(label('se_youngs_GPa')).toBe('SE Young’s modulus (GPa)');
    expect(label('li_film_um')).toBe('Li film (µm)');
    expect(label('ccd_step_time_s')).toBe('CCD step time (s)');
  });

  it('no label repeats its unit or keeps a raw unit token of the name', () => {
    for (const spec of PARAM_SPECS) {
      const text = paramLabel(spec);
      const base = spec.unit ? text.slice(0, text.length - spec.unit.length - 3) : text;
      expect(base, spec.name).not.toMatch(/\b(um|nm|mAh|mA|uA|uF|MPa|GPa|meV|A2|ohm|pct|cm2|m2|m3|per)\b/);
      expect(base, spec.name).not.toContain('_');
    }
  });
});
