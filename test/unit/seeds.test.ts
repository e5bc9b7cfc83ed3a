// The seed-metal table (src/model/seeds.ts): complete, sourced, valid, consistent with its presets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESETS, resolvePreset } from '../../src/model/presets';
import { PARAM_BY_NAME } from '../../src/model/schema';
import {
  ASSEMBLY_PRESSURE_MPA, B_CU_V2, FRACTURED_OXIDE_SHARE, OXIDE_FRACTURE_MPA, SEED_METALS, SEED_PARAM_NAMES, SEED_TABLE, THETA_CU_DEG,
  alloyCapacity, capFactor, generatedSeedPresets, oxideResistance, presetFileText, seedParams, seedPresetId,
  seedPresetParams, withoutDefaults,
} from '../../src/model/seeds';
import { validateParams } from '../../src/model/validate';

const PRESET_DIR = fileURLToPath(new URL('../../src/model/presets/', import.meta.url));
const SEEDS = SEED_METALS.filter((m) => m !== 'cu');

describe('seed table', () => {
  it('has a row for bare Cu and the six seeds of Oh et al. 2025', () => {
    expect([...SEED_METALS].sort()).toEqual(['ag', 'al', 'cu', 'in', 'mg', 'sn', 'zn']);
    for (const m of SEED_METALS) expect(SEED_TABLE[m].metal).toBe(m);
  });

  it.each(SEED_METALS.map((m) => [m]))('%s: every collector parameter, each with a source and the schema type', (m) => {
    const row = SEED_TABLE[m];
    expect(Object.keys(row.params).sort()).toEqual([...SEED_PARAM_NAMES].sort());
    for (const name of SEED_PARAM_NAMES) {
      const entry = row.params[name];
      const spec = PARAM_BY_NAME[name];
      expect(spec.group, name).toBe('Collector');
      expect(typeof entry.source, name).toBe('string');
      expect(entry.source.trim().length, `${m}.${name} source`).toBeGreaterThan(10);
      if (spec.kind === 'enum') expect(spec.options).toContain(entry.value);
      else expect(typeof entry.value, name).toBe('number');
    }
    expect(row.observed.length).toBeGreaterThan(10);
  });

  it.each(SEED_METALS.flatMap((m) => [[m, 'liquid'], [m, 'lpscl']] as const))('seedParams(%s, %s) passes validateParams in 2D and 3D', (m, e) => {
    const values = seedParams(m, e);
    expect(Object.keys(values).sort()).toEqual([...SEED_PARAM_NAMES].sort());
    for (const dims of [2, 3] as const) expect(validateParams(values, dims).issues).toEqual([]);
  });

  it('the barrier follows the contact angle: B_M = B_Cu f(θ_M)/f(θ_Cu), f the cap factor', () => {
    expect(capFactor(90)).toBeCloseTo(0.5, 12);
    expect(capFactor(180)).toBeCloseTo(1, 12);
    expect(capFactor(0)).toBe(0);
    for (const m of SEED_METALS) {
      const p = SEED_TABLE[m].params;
      const expected = (B_CU_V2 * capFactor(p.contact_angle_deg.value)) / capFactor(THETA_CU_DEG);
      expect(p.nucleation_barrier_V2.value / expected, m).toBeCloseTo(1, 3);
    }
    // a smaller contact angle is a smaller barrier
    const byAngle = [...SEED_METALS].sort((a, b) => SEED_TABLE[a].params.contact_angle_deg.value - SEED_TABLE[b].params.contact_angle_deg.value);
    const barriers = byAngle.map((m) => SEED_TABLE[m].params.nucleation_barrier_V2.value);
    expect(barriers).toEqual([...barriers].sort((a, b) => a - b));
  });

  it('LPSCl: its own contact angle per metal, the barrier from it by the same f(θ) scaling, sourced as a calibration', () => {
    for (const m of SEED_METALS) {
      const e = SEED_TABLE[m].lpscl;
      const expected = (B_CU_V2 * capFactor(e.contact_angle_deg.value)) / capFactor(THETA_CU_DEG);
      expect(e.nucleation_barrier_V2.value / expected, m).toBeCloseTo(1, 3);
      const lp = seedParams(m, 'lpscl'), liq = seedParams(m, 'liquid');
      expect(lp.contact_angle_deg, m).toBe(e.contact_angle_deg.value);
      expect(lp.nucleation_barrier_V2, m).toBe(e.nucleation_barrier_V2.value);
      expect(liq.contact_angle_deg, m).toBe(SEED_TABLE[m].params.contact_angle_deg.value);
      // everything else is the same in both electrolytes, except the oxide (pressure rule)
      for (const name of SEED_PARAM_NAMES) {
        if (name === 'contact_angle_deg' || name === 'nucleation_barrier_V2' || name === 'oxide_resistance_ohm_cm2') continue;
        expect(lp[name], `${m}.${name}`).toBe(liq[name]);
      }
    }
    // Mg keeps its liquid angle (not yet placed in the LPSCl ordering, docs/model.md §9)
    for (const m of SEEDS.filter((x) => x !== 'mg')) expect(SEED_TABLE[m].lpscl.contact_angle_deg.source, m).toMatch(/^calibrated to: LPSCl η_nuc .*A:L90/);
    expect(SEED_TABLE.mg.lpscl.contact_angle_deg.value).toBe(SEED_TABLE.mg.params.contact_angle_deg.value);
  });

  it('alloy capacity = 100 nm × ρ/M × x × F (recomputed here), Cu none', () => {
    const F_MAH = 96485.33212 / 3.6;
    expect(alloyCapacity(100, 1.738, 24.305, 3)).toBeCloseTo(1e-5 * (1.738 / 24.305) * 3 * F_MAH, 12);
    expect(SEED_TABLE.cu.params.alloy_capacity_mAh_cm2.value).toBe(0);
    expect(SEED_TABLE.cu.alloy).toBeNull();
    for (const m of SEEDS) {
      const a = SEED_TABLE[m].alloy!;
      const q = 1e-5 * (a.density_g_cm3 / a.molar_g_mol) * a.li_per_atom * F_MAH;
      expect(SEED_TABLE[m].params.alloy_capacity_mAh_cm2.value, m).toBeCloseTo(q, 4);
      // a 100 nm seed holds a few % of 1 mAh/cm² (seed-numbers.md §1.A.5: seeds are a dilute additive)
      expect(q).toBeGreaterThan(0.01);
      expect(q).toBeLessThan(0.2);
      expect(SEED_TABLE[m].params.alloy_capacity_mAh_cm2.source).toContain('mAh/cm²');
    }
  });

  it('alloy types and lithiophilic cycles as in the paper (A:L94, A:L96–98)', () => {
    const type = (m: string) => SEED_TABLE[m as 'ag'].params.alloy_type.value;
    expect(['mg', 'ag'].map(type)).toEqual(['solid-solution', 'solid-solution']);
    expect(['al', 'in', 'sn', 'zn'].map(type)).toEqual(Array(4).fill('intermetallic'));
    const cycles = (m: string) => SEED_TABLE[m as 'ag'].params.lithiophilic_cycles.value;
    const max = (PARAM_BY_NAME.lithiophilic_cycles as { max: number }).max;
    expect(cycles('mg')).toBe(max);
    expect(cycles('ag')).toBe(8);
    expect(cycles('sn')).toBe(8);
    for (const m of ['al', 'in', 'zn', 'cu'] as const) expect(cycles(m)).toBe(0);
  });

  it('native oxide: Mg and Al only; fractured at ≥ 390 MPa assembly to the calibrated share, intact below', () => {
    expect(OXIDE_FRACTURE_MPA).toBe(390);
    expect(ASSEMBLY_PRESSURE_MPA).toBe(390);
    expect(FRACTURED_OXIDE_SHARE).toBeGreaterThan(0);
    expect(FRACTURED_OXIDE_SHARE).toBeLessThan(1);
    for (const m of SEED_METALS) {
      const has = m === 'mg' || m === 'al';
      const intact = SEED_TABLE[m].params.oxide_resistance_ohm_cm2.value;
      expect(SEED_TABLE[m].has_native_oxide, m).toBe(has);
      expect(oxideResistance(m, 0) > 0, m).toBe(has);
      expect(oxideResistance(m, 389.9), m).toBe(intact);
      expect(oxideResistance(m, 390), m).toBeCloseTo(intact * FRACTURED_OXIDE_SHARE, 9);
      expect(oxideResistance(m, 500), m).toBe(oxideResistance(m, 390));
      if (has) expect(oxideResistance(m, 390), m).toBeLessThan(intact);
    }
    // the rule is the pressure, not the electrolyte
    expect(seedParams('mg', 'liquid').oxide_resistance_ohm_cm2).toBe(SEED_TABLE.mg.params.oxide_resistance_ohm_cm2.value);
    expect(seedParams('mg', 'lpscl').oxide_resistance_ohm_cm2).toBe(oxideResistance('mg', 390));
    expect(seedParams('mg', 'lpscl', 100).oxide_resistance_ohm_cm2).toBe(SEED_TABLE.mg.params.oxide_resistance_ohm_cm2.value);
    expect(seedParams('al', 'liquid', 400).oxide_resistance_ohm_cm2).toBe(oxideResistance('al', 390));
    expect(SEED_TABLE.mg.params.oxide_resistance_ohm_cm2.value).toBeGreaterThan(SEED_TABLE.al.params.oxide_resistance_ohm_cm2.value);
    expect(() => oxideResistance('mg', -1)).toThrow(/assembly pressure/);
  });

  it('rejects an unknown metal or electrolyte with the valid values', () => {
    expect(() => seedParams('au' as 'ag', 'liquid')).toThrow(/cu, ag, al, in, mg, sn, zn/);
    expect(() => seedParams('ag', 'gel' as 'liquid')).toThrow(/'liquid' or 'lpscl'/);
  });
});

describe('seed presets', () => {
  const generated = generatedSeedPresets();

  it('13 generated presets: liquid for the six seeds, LPSCl for all seven', () => {
    expect(generated.map((p) => p.id).sort()).toEqual([
      ...SEEDS.map((m) => `liquid-${m}-1mA`), ...SEED_METALS.map((m) => `lpscl-${m}-20MPa`),
    ].sort());
  });

  it.each(generated.map((p) => [p.id, p] as const))('%s.json equals what the table generates and is registered', (id, p) => {
    expect(readFileSync(`${PRESET_DIR}${id}.json`, 'utf8')).toBe(presetFileText(p));
    expect(PRESETS[id]).toBeDefined();
    expect(PRESETS[id].params).toEqual(p.params);
    for (const dims of p.dims) expect(validateParams(p.params, dims).issues).toEqual([]);
  });

  it('liquid-cu-1mA (hand-written) agrees with the table\'s Cu row', () => {
    expect(seedPresetId('cu', 'liquid')).toBe('liquid-cu-1mA');
    expect(PRESETS['liquid-cu-1mA'].params).toEqual(withoutDefaults(seedPresetParams('cu', 'liquid')));
    expect(PRESETS['liquid-cu-1mA'].stop).toEqual({ kind: 'capacity', mAh_cm2: 1 });
  });

  it('every seed preset resolves to the table values; LPSCl ones are solid at 0.25 S/m and 20 MPa', () => {
    for (const m of SEED_METALS) {
      for (const e of ['liquid', 'lpscl'] as const) {
        const v = resolvePreset(seedPresetId(m, e)) as unknown as Record<string, unknown>;
        for (const [name, value] of Object.entries(seedParams(m, e))) expect(v[name], `${m} ${e} ${name}`).toBe(value);
        expect(v.collector).toBe('bare');
        expect(v.current_mA_cm2).toBe(1);
        expect(v.electrolyte).toBe(e === 'liquid' ? 'liquid' : 'solid');
        if (e === 'lpscl') {
          expect(v.conductivity_S_m).toBe(0.25);
          expect(v.stack_pressure_MPa).toBe(20);
          expect(v.oxide_resistance_ohm_cm2).toBe(oxideResistance(m, ASSEMBLY_PRESSURE_MPA)); // fractured at assembly
        }
      }
    }
  });
});
