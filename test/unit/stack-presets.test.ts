// The stack-pressure pair (Oh et al. 2025, A:L111, Fig. S17): lpscl-cu/mg at 5 MPa are the 20 MPa seed
// presets with only the stack pressure changed, written by scripts/gen-seed-presets.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESETS, resolvePreset } from '../../src/model/presets';
import { presetFileText } from '../../src/model/seeds';
import { LOW_STACK_PRESSURE_MPA, STACK_TEST_METALS, stackPressurePresets } from '../../src/model/stack-presets';
import { validateParams } from '../../src/model/validate';

const PRESET_DIR = fileURLToPath(new URL('../../src/model/presets/', import.meta.url));

describe('stack-pressure presets', () => {
  it('the generator makes lpscl-cu-5MPa and lpscl-mg-5MPa', () => {
    expect(stackPressurePresets().map((p) => p.id).sort()).toEqual(['lpscl-cu-5MPa', 'lpscl-mg-5MPa']);
  });

  it.each(stackPressurePresets().map((p) => [p.id, p] as const))('%s.json equals what the generator writes and is registered', (id, p) => {
    expect(readFileSync(`${PRESET_DIR}${id}.json`, 'utf8')).toBe(presetFileText(p));
    expect(PRESETS[id]).toBeDefined();
    expect(PRESETS[id].params).toEqual(p.params);
    for (const dims of p.dims) expect(validateParams(p.params, dims).issues).toEqual([]);
  });

  it.each(STACK_TEST_METALS.map((m) => [m]))('%s: 5 MPa and 20 MPa resolve to the same cell except the stack pressure', (m) => {
    const low = resolvePreset(`lpscl-${m}-5MPa`) as unknown as Record<string, unknown>;
    const high = resolvePreset(`lpscl-${m}-20MPa`) as unknown as Record<string, unknown>;
    expect(low.stack_pressure_MPa).toBe(LOW_STACK_PRESSURE_MPA);
    expect(high.stack_pressure_MPa).toBe(20);
    const differing = Object.keys(high).filter((k) => high[k] !== low[k]);
    expect(differing).toEqual(['stack_pressure_MPa']);
    expect(low.electrolyte).toBe('solid');
    expect(low.collector).toBe('bare');
    expect(PRESETS[`lpscl-${m}-5MPa`].stop).toEqual(PRESETS[`lpscl-${m}-20MPa`].stop);
  });

  it('lpscl-cu-20MPa is bare Cu (no seed alloy, neutral wetting, no oxide) in LPSCl at 20 MPa', () => {
    const cu = resolvePreset('lpscl-cu-20MPa');
    expect(cu.electrolyte).toBe('solid');
    expect(cu.collector).toBe('bare');
    expect(cu.stack_pressure_MPa).toBe(20);
    expect(cu.alloy_capacity_mAh_cm2).toBe(0);
    expect(cu.oxide_resistance_ohm_cm2).toBe(0);
    expect(cu.conductivity_S_m).toBe(0.25);
    const mg = resolvePreset('lpscl-mg-20MPa');
    expect(mg.alloy_capacity_mAh_cm2).toBeGreaterThan(0); // the seed is what differs between the two
  });
});
