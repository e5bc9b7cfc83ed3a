import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as K from '../../assembly/layout';
import { PRESETS, resolvePreset, type Preset } from '../../src/model/presets';
import {
  PARAM_BY_NAME, PARAM_SPECS, defaultParams, formatNumber, type EnumSpec, type NumberSpec, type ParamSpec,
} from '../../src/model/schema';
import { gridDims, parseParamValue, validateParams } from '../../src/model/validate';
import { GRID_PARAMS, VARIANTS_3D, derive3dPreset } from '../../src/model/presets-3d';
import { presetFileText } from '../../src/model/seeds';
import { fromHong2018, toKernelParams, umPerMAhCm2 } from '../../src/model/units';
import { mulberry32 } from '../support/prng';

const PRESET_DIR = fileURLToPath(new URL('../../src/model/presets/', import.meta.url));
const presets = Object.values(PRESETS);

describe('preset files', () => {
  it('every JSON file in src/model/presets is loaded, with id = file name', () => {
    const files = readdirSync(PRESET_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(Object.keys(PRESETS).sort()).toEqual(files);
    for (const [id, preset] of Object.entries(PRESETS)) expect(preset.id).toBe(id);
  });

  it.each(presets.map((p) => [p.id, p] as const))('%s validates in each of its dims', (_id, preset) => {
    for (const dims of preset.dims) {
      const result = validateParams(preset.params, dims);
      expect(result.issues).toEqual([]);
      expect(resolvePreset(preset.id, {}, dims)).toEqual(result.values);
    }
  });

  it.each(presets.map((p) => [p.id, p] as const))('%s lists only schema names that differ from the defaults', (_id, preset) => {
    const defaults = defaultParams() as Record<string, unknown>;
    for (const [name, value] of Object.entries(preset.params)) {
      expect(PARAM_BY_NAME[name], name).toBeDefined();
      expect(value, name).not.toEqual(defaults[name]);
    }
  });

  it.each(presets.map((p) => [p.id, p] as const))('%s round-trips through CLI strings and the kernel mapping', (_id, preset) => {
    for (const [name, value] of Object.entries(preset.params)) {
      expect(parseParamValue(name, String(value))).toEqual({ ok: true, value });
    }
    const resolved = resolvePreset(preset.id);
    expect(validateParams(resolved, preset.dims[0]).values).toEqual(resolved);
    const { params, grid } = toKernelParams(resolved, preset.dims[0]);
    for (let i = 0; i < K.P_T_END; i++) expect(Number.isFinite(params[i]), `slot ${i}`).toBe(true);
    grid.forEach((n, axis) => expect(axis === 2 && preset.dims[0] === 2 ? n === 1 : n % 8 === 0).toBe(true));
  });

  it('resolvePreset applies overrides and refuses bad ones, unknown ids and unsupported dims', () => {
    expect(resolvePreset('planar-1mA', { current_mA_cm2: 2 }).current_mA_cm2).toBe(2);
    expect(() => resolvePreset('planar-1mA', { current_mA_cm2: 250 }))
      .toThrow(/current_mA_cm2 = 250 is out of range \[-100, 100\] mA\/cm²/);
    expect(() => resolvePreset('nope')).toThrow(/unknown preset 'nope'; available: .*hong2018/);
    expect(() => resolvePreset('hong2018', {}, 3)).toThrow(/supports dims 2/);
  });
});

describe('the three presets', () => {
  it('planar-1mA: 4 µm film plated at 1 mA/cm² for 1 h (4.85 µm more Li)', () => {
    const p = resolvePreset('planar-1mA');
    expect([p.collector, p.mode, p.electrolyte, p.current_mA_cm2, p.li_film_um]).toEqual(['film', 'galvanostatic', 'liquid', 1, 4]);
    expect(PRESETS['planar-1mA'].stop).toEqual({ kind: 'time', t_s: 3600 });
    expect(toKernelParams(p, 2).grid).toEqual([32, 64, 1]);
    expect(p.current_mA_cm2 * 3600 / 3600 * umPerMAhCm2(p.li_site_density_mol_m3)).toBeCloseTo(4.85, 2);
  });

  it('liquid-cu-1mA: bare Cu with nucleation, anisotropic growth, stops at 1 mAh/cm²', () => {
    const p = resolvePreset('liquid-cu-1mA');
    expect([p.collector, p.li_film_um, p.anisotropy, p.noise_per_s]).toEqual(['bare', 0, 0.3, 0]);
    expect(PRESETS['liquid-cu-1mA'].stop).toEqual({ kind: 'capacity', mAh_cm2: 1 });
    const { params, grid } = toKernelParams(p, 2);
    expect(params[K.P_NUC_ON]).toBe(1);
    expect(grid).toEqual([128, 96, 1]);
  });

  it('hong2018: released numbers kept exactly, params equal fromHong2018(released)', () => {
    const preset = PRESETS.hong2018;
    expect(preset.released).toEqual({
      kappa: 0.3, L: 6.25, Ls: 0.001, B: 2.4, W: 2.4, M0: 317.9, S1: 1e6, S2: 1.19, AA: 38.69, es: -13.8,
      el: 2.631, dv: 5.5, ft2: 0.0074, inv_c0: 14.89, noise: 0.04, applied: -0.45, domain_um: 200, ic_x0_um: 20,
    });
    const resolved = resolvePreset('hong2018') as Record<string, unknown>;
    const mapped = fromHong2018(preset.released as unknown as Parameters<typeof fromHong2018>[0]);
    for (const [name, value] of Object.entries(mapped)) {
      if (typeof value === 'number') {
        expect(Math.abs((resolved[name] as number) - value) / Math.max(Math.abs(value), 1e-300), name).toBeLessThan(1e-12);
      } else {
        expect(resolved[name], name).toBe(value);
      }
    }
    expect(resolved.salt_mol_m3 as number).toBeCloseTo((resolved.li_site_density_mol_m3 as number) / 81.895, 6);
    expect(preset.stop).toEqual({ kind: 'time', t_s: 400 });
    expect(preset.dims).toEqual([2]);
  });
});

describe('3D presets of the paper\'s key cases (issue 6)', () => {
  it('liquid Mg, LPSCl Mg at 20 MPa and the CCD dual layer with LiF each have a 3D preset', () => {
    expect(VARIANTS_3D.map((v) => [v.id, v.parent])).toEqual([
      ['liquid-mg-3d', 'liquid-mg-1mA'], ['lpscl-mg-20MPa-3d', 'lpscl-mg-20MPa'], ['ccd-dual-lif-3d', 'ccd-dual-lif'],
    ]);
  });

  it.each(VARIANTS_3D.map((v) => [v.id, v] as const))('%s.json is what scripts/gen-seed-presets.ts writes from its parent file', (id, v) => {
    // derived from the parent's file as loaded (the seed tests check that file against the seed table)
    const derived = derive3dPreset(v, PRESETS[v.parent] as never);
    expect(readFileSync(`${PRESET_DIR}${id}.json`, 'utf8')).toBe(presetFileText(derived));
    expect(PRESETS[id]).toEqual(parsePresetLike(derived));
  });

  it.each(VARIANTS_3D.map((v) => [v.id, v] as const))('%s: 3D only, a live-sized grid, the parent\'s cell apart from the grid', (id, v) => {
    const preset = PRESETS[id];
    expect(preset.dims).toEqual([3]);
    expect(preset.stop).toEqual(PRESETS[v.parent].stop);
    const p = resolvePreset(id) as unknown as Record<string, unknown>;
    const parent = resolvePreset(v.parent, {}, 3) as unknown as Record<string, unknown>;
    const differing = Object.keys(p).filter((k) => p[k] !== parent[k]);
    expect(differing.length).toBeGreaterThan(0);
    for (const k of differing) expect(GRID_PARAMS as readonly string[], k).toContain(k);
    const { grid, lengths_um } = gridDims(p as never, 3);
    for (const n of grid) {
      expect(n).toBeGreaterThanOrEqual(48);
      expect(n).toBeLessThanOrEqual(64);
    }
    expect(grid[0] * grid[1] * grid[2]).toBeLessThanOrEqual(64 ** 3);
    // the description states the grid the run really has, in µm
    const [nx, ny, nz] = grid;
    expect(preset.description).toContain(`${nx} × ${ny} × ${nz} cells of ${p.dx_um} µm`);
    expect(preset.description).toContain(`(${lengths_um.map((l) => Number(l.toPrecision(4))).join(' × ')} µm`);
    // the physics that defines the case is the parent's
    for (const k of ['electrolyte', 'collector', 'protocol', 'stack_pressure_MPa', 'alloy_capacity_mAh_cm2', 'lif_particles', 'lsps_interlayer']) {
      expect(p[k], k).toBe(parent[k]);
    }
    if (id === 'ccd-dual-lif-3d') {
      // the 2D section's film and electrolyte thickness are kept
      expect([p.li_film_um, p.height_um]).toEqual([parent.li_film_um, parent.height_um]);
      expect(lengths_um[1]).toBe(48);
    }
  });
});

/** A derived preset as PRESETS holds it (the JSON text parsed back). */
function parsePresetLike(p: object): unknown {
  return JSON.parse(JSON.stringify(p));
}

// ---- fuzz: 100 seeded invalid parameter sets, each must be rejected naming the broken parameter ----


type Expect = 'range' | 'finite' | 'kind' | 'enum' | 'unknown' | 'cross';
interface Break { param: string; expect: Expect; spec?: ParamSpec }

function mustMention(message: string, b: Break): string[] {
  const spec = b.spec;
  const need = [b.param];
  if (!spec) return need;
  if (spec.kind === 'enum') need.push(...spec.options.map((o) => `'${o}'`));
  else if (spec.kind === 'boolean') need.push('true or false');
  else need.push(formatNumber(spec.min), formatNumber(spec.max));
  if (b.expect === 'finite') need.push('finite');
  return need;
}

function makeInvalidSet(rand: () => number, index: number) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const preset: Preset = pick(presets);
  const dims = preset.dims[0];
  const values: Record<string, unknown> = { ...preset.params };
  const base = resolvePreset(preset.id, {}, dims);
  const numbers = PARAM_SPECS.filter((s): s is NumberSpec => s.kind === 'number');
  const enums = PARAM_SPECS.filter((s): s is EnumSpec => s.kind === 'enum');
  const breaks: Break[] = [];

  const breakOne = (kind: Exclude<Expect, 'cross'>) => {
    const taken = new Set(breaks.map((b) => b.param));
    const fresh = <S extends ParamSpec>(xs: S[]) => pick(xs.filter((s) => !taken.has(s.name)));
    switch (kind) {
      case 'range': {
        const s = fresh(numbers);
        const up = rand() < 0.5;
        const step = (Math.abs(up ? s.max : s.min) + 1) * (0.01 + rand());
        values[s.name] = up ? s.max + step : s.min > 0 && rand() < 0.5 ? s.min * (0.01 + 0.98 * rand()) : s.min - step;
        breaks.push({ param: s.name, expect: kind, spec: s });
        break;
      }
      case 'finite': {
        const s = fresh(numbers);
        values[s.name] = pick([NaN, Infinity, -Infinity]);
        breaks.push({ param: s.name, expect: kind, spec: s });
        break;
      }
      case 'kind': {
        const s = fresh([...PARAM_SPECS]);
        values[s.name] = s.kind === 'enum' ? pick([1, true, null]) : s.kind === 'boolean'
          ? pick(['true', 1, 'yes']) : pick([String(s.default), true, '1e-3', null]);
        breaks.push({ param: s.name, expect: kind, spec: s });
        break;
      }
      case 'enum': {
        const s = fresh(enums);
        values[s.name] = pick(['plasma', s.options[0].toUpperCase(), `${s.options[0]} `, '']);
        breaks.push({ param: s.name, expect: kind, spec: s });
        break;
      }
      case 'unknown': {
        const name = pick(['foo', `bogus_${index}_um`, 'current_ma_cm2', 'dx']);
        values[name] = rand();
        breaks.push({ param: name, expect: kind });
        break;
      }
    }
  };

  const breakCross = () => {
    const rule = pick(['interface', 'film-thick', 'film-collector', 'grid'] as const);
    const dx = base.dx_um;
    if (rule === 'interface') {
      values.interface_width_um = rand() < 0.5 ? dx * (0.2 + 1.7 * rand()) : dx * (16.5 + 10 * rand());
      breaks.push({ param: 'interface_width_um', expect: 'cross' });
    } else if (rule === 'film-thick') {
      values.li_film_um = base.height_um - 2 * base.interface_width_um + rand() * base.interface_width_um;
      breaks.push({ param: 'li_film_um', expect: 'cross' });
    } else if (rule === 'film-collector') {
      values.li_film_um = base.collector === 'bare' ? 0.1 + 5 * rand() : 0.99 * rand() * base.interface_width_um;
      breaks.push({ param: 'li_film_um', expect: 'cross' });
    } else {
      // Too many cells: a fine grid over a large (individually valid) domain.
      values.width_um = 1000 + 1000 * rand();
      values.height_um = 1000 + 1000 * rand();
      values.dx_um = 0.05 + 0.35 * rand();
      breaks.push({ param: 'dx_um', expect: 'cross' });
    }
  };

  const first = pick(['range', 'finite', 'kind', 'enum', 'unknown', 'cross'] as const);
  if (first === 'cross') {
    breakCross();
  } else {
    breakOne(first);
    if (rand() < 0.5) breakOne(pick(['range', 'finite', 'kind', 'enum', 'unknown'] as const));
  }
  return { preset: preset.id, dims, values, breaks };
}

describe('fuzzed invalid parameter sets', () => {
  const rand = mulberry32(20240607);
  const cases = Array.from({ length: 100 }, (_, i) => makeInvalidSet(rand, i));

  it('covers every kind of break', () => {
    const kinds = new Set(cases.flatMap((c) => c.breaks.map((b) => b.expect)));
    expect([...kinds].sort()).toEqual(['cross', 'enum', 'finite', 'kind', 'range', 'unknown']);
    expect(cases.some((c) => c.breaks.length === 2)).toBe(true);
  });

  it.each(cases.map((c, i) => [i, c] as const))('set %i is rejected naming the broken parameter', (_i, c) => {
    const result = validateParams(c.values as never, c.dims);
    expect(result.ok).toBe(false);
    for (const b of c.breaks) {
      const issue = result.issues.find((i) => i.param === b.param);
      expect(issue, `${b.expect} break of ${b.param} in ${c.preset}: ${JSON.stringify(result.issues)}`).toBeDefined();
      for (const text of mustMention(issue!.message, b)) expect(issue!.message).toContain(text);
    }
    expect(() => resolvePreset(c.preset, c.values as never, c.dims)).toThrow(c.breaks[0].param);
  });
});
