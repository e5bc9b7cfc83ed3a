import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PARAM_BY_NAME, PARAM_GROUPS, PARAM_SPECS, defaultParams, formatNumber,
} from '../../src/model/schema';
import {
  MAX_CELLS_2D, MAX_CELLS_3D, cellsAlong, gridDims, parseParamValue, resolveParams, validateParams,
} from '../../src/model/validate';
import { LI_SITE_DENSITY_MOL_M3 } from '../../src/model/constants';
import { PARAMETER_DOCS_PATH, renderParameterDocs } from '../../scripts/gen-param-docs';

const issuesFor = (values: Record<string, unknown>, dims: 2 | 3 = 2) =>
  validateParams(values as never, dims).issues;

describe('parameter schema', () => {
  it('names are unique snake_case and every spec is self-consistent', () => {
    const names = PARAM_SPECS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of PARAM_SPECS) {
      expect(spec.name).toMatch(/^[a-z][a-zA-Z0-9]*(_[a-zA-Z0-9]+)*$/);
      expect(PARAM_GROUPS).toContain(spec.group);
      expect(spec.description.length).toBeGreaterThan(10);
      expect(spec.description).not.toContain('\n');
      if (spec.kind === 'number' || spec.kind === 'integer') {
        expect(spec.min).toBeLessThan(spec.max);
        expect(spec.default).toBeGreaterThanOrEqual(spec.min);
        expect(spec.default).toBeLessThanOrEqual(spec.max);
      } else if (spec.kind === 'enum') {
        expect(spec.options).toContain(spec.default);
      }
    }
  });

  it('the default set is valid in 2D and 3D', () => {
    expect(validateParams({}, 2).issues).toEqual([]);
    expect(validateParams({}, 3).issues).toEqual([]);
    expect(validateParams({}).values).toEqual(defaultParams());
  });

  it('the Li site density defaults to ρ/M from the constants', () => {
    expect(PARAM_BY_NAME.li_site_density_mol_m3.default).toBe(LI_SITE_DENSITY_MOL_M3);
    expect(LI_SITE_DENSITY_MOL_M3).toBeCloseTo(7.693e4, -1);
  });

  it('live parameters are the protocol, noise and numerics', () => {
    const live = PARAM_SPECS.filter((s) => !s.restart).map((s) => s.name).sort();
    expect(live).toEqual([
      'counter_exchange_current_mA_cm2', 'current_mA_cm2', 'dt_max_s', 'dt_min_s', 'dxi_max',
      'electrode_potential_V', 'mechanics_resolve_dxi', 'mode', 'noise_per_s', 'sei_current_uA_cm2', 'solver_tol',
      'stack_pressure_MPa',
    ]);
  });
});

describe('per-parameter validation messages', () => {
  it('rejects unknown names', () => {
    expect(issuesFor({ foo: 1 })).toEqual([{ param: 'foo', message: "unknown parameter 'foo'" }]);
  });

  it('states the value, the range and the unit for out-of-range numbers', () => {
    expect(issuesFor({ current_mA_cm2: 250 })).toEqual([
      { param: 'current_mA_cm2', message: 'current_mA_cm2 = 250 is out of range [-100, 100] mA/cm²' },
    ]);
    expect(issuesFor({ diffusivity_m2_s: 1e-6 })[0].message).toContain('[1e-14, 1e-8] m²/s');
  });

  it('rejects NaN and ±Infinity as non-finite', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const [issue] = issuesFor({ dx_um: bad });
      expect(issue.param).toBe('dx_um');
      expect(issue.message).toMatch(/dx_um must be a finite number in \[0\.05, 5\] µm/);
    }
  });

  it('rejects wrong kinds and lists the enum options', () => {
    expect(issuesFor({ width_um: '64' })[0].message).toBe("width_um must be a number in [4, 2000] µm (got string '64')");
    expect(issuesFor({ collector: 'gold' })[0].message).toBe("collector must be one of 'film', 'bare' (got string 'gold')");
    expect(issuesFor({ bv_form: 1 })[0].message).toContain("one of 'chen', 'hong'");
    expect(issuesFor({ curvature_flow: 'yes' })[0].message).toContain('curvature_flow must be true or false');
  });

  it('resolveParams throws with every issue listed', () => {
    expect(() => resolveParams({ foo: 1, alpha: 2 })).toThrow(/unknown parameter 'foo'[\s\S]*alpha = 2 is out of range \[0\.1, 0\.9\]/);
  });
});

describe('cross-parameter rules', () => {
  it('interface width must span 2 to 16 cells, and the message states the µm bounds', () => {
    const [issue] = issuesFor({ dx_um: 0.5, interface_width_um: 0.6, li_film_um: 2 });
    expect(issue.param).toBe('interface_width_um');
    expect(issue.message).toContain('interface_width_um must be between 2 and 16 grid cells (2·dx_um = 1 µm to 16·dx_um = 8 µm)');
    expect(issuesFor({ dx_um: 0.1, interface_width_um: 2 }).map((i) => i.param)).toContain('interface_width_um');
    expect(issuesFor({ dx_um: 0.25, interface_width_um: 4, li_film_um: 4 })).toEqual([]);
  });

  it('film thickness: 0 on bare Cu, at least δ on a film, and below the counter electrode', () => {
    expect(issuesFor({ collector: 'bare' })[0].message).toBe("li_film_um must be 0 when collector = 'bare' (got 2 µm)");
    expect(issuesFor({ collector: 'bare', li_film_um: 0 })).toEqual([]);
    expect(issuesFor({ li_film_um: 1 })[0].message).toContain('at least interface_width_um = 2 µm');
    const [tooThick] = issuesFor({ li_film_um: 29 });
    expect(tooThick.param).toBe('li_film_um');
    expect(tooThick.message).toContain('less than height_um − 2·interface_width_um = 28 µm');
  });

  it('grids are multiples of 8 cells and the cell limit names the grid', () => {
    expect(cellsAlong(64, 0.5)).toBe(128);
    expect(cellsAlong(30, 0.5)).toBe(64);
    expect(cellsAlong(1, 0.5)).toBe(8);
    expect(gridDims({ width_um: 100, height_um: 50, dx_um: 0.3 }, 2)).toEqual({
      grid: [336, 168, 1], lengths_um: [336 * 0.3, 168 * 0.3, 0.3],
    });
    expect(gridDims({}, 3).grid).toEqual([128, 64, 64]);

    const big2d = { width_um: 2000, height_um: 2000, dx_um: 0.5, interface_width_um: 2 };
    const [issue] = issuesFor(big2d, 2);
    expect(issue.param).toBe('dx_um');
    expect(issue.message).toContain('4000 × 4000 = 16,000,000 cells');
    expect(issue.message).toContain(`limit of ${MAX_CELLS_2D.toLocaleString('en-US')}`);
    const big3d = { width_um: 256, height_um: 256, depth_um: 256, dx_um: 0.5 };
    expect(issuesFor(big3d, 2)).toEqual([]);
    expect(issuesFor(big3d, 3)[0].message).toContain(`512 × 512 × 512 = 134,217,728 cells, more than the 3D limit of ${MAX_CELLS_3D.toLocaleString('en-US')}`);
  });
});

describe('parsing CLI/URL strings', () => {
  it('parses numbers with exponents, booleans and enum names', () => {
    expect(parseParamValue('diffusivity_m2_s', '3e-10')).toEqual({ ok: true, value: 3e-10 });
    expect(parseParamValue('current_mA_cm2', ' +2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(parseParamValue('electrode_potential_V', '-.45')).toEqual({ ok: true, value: -0.45 });
    expect(parseParamValue('curvature_flow', 'TRUE')).toEqual({ ok: true, value: true });
    expect(parseParamValue('collector', 'bare')).toEqual({ ok: true, value: 'bare' });
  });

  it('returns issues for unparsable, non-finite, out-of-range and unknown input', () => {
    const msg = (name: string, text: string) => {
      const r = parseParamValue(name, text);
      if (r.ok) throw new Error(`expected '${text}' to be rejected for ${name}`);
      expect(r.issue.param).toBe(name);
      return r.issue.message;
    };
    expect(msg('dx_um', '0.5um')).toBe("dx_um must be a number in [0.05, 5] µm (got string '0.5um')");
    expect(msg('dx_um', 'NaN')).toContain('must be a finite number');
    expect(msg('dx_um', '-inf')).toContain('must be a finite number');
    expect(msg('current_mA_cm2', '1e3')).toBe('current_mA_cm2 = 1000 is out of range [-100, 100] mA/cm²');
    expect(msg('mode', 'galvano')).toContain("one of 'galvanostatic', 'potentiostatic'");
    expect(msg('curvature_flow', '1')).toContain('true or false');
    expect(msg('nope', '1')).toBe("unknown parameter 'nope'");
  });

  it('formatNumber round-trips through parseParamValue for every bound', () => {
    for (const spec of PARAM_SPECS) {
      if (spec.kind !== 'number') continue;
      for (const x of [spec.min, spec.max]) {
        expect(parseParamValue(spec.name, formatNumber(x))).toEqual({ ok: true, value: x });
      }
    }
  });
});

describe('generated parameter docs', () => {
  it('docs/parameters.md is up to date with the schema (run npx tsx scripts/gen-param-docs.ts)', () => {
    expect(readFileSync(PARAMETER_DOCS_PATH, 'utf8')).toBe(renderParameterDocs());
    for (const spec of PARAM_SPECS) expect(renderParameterDocs()).toContain(`| \`${spec.name}\` |`);
  });
});
