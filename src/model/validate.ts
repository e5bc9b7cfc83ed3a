// Parameter validation: per-parameter checks (kind, finiteness, range, options), cross-parameter
// rules, grid sizing, and parsing of CLI/URL strings. Every message names the parameter and what
// would be valid.
import type { ParamValues, ValidationIssue } from '../engine/types';
import {
  PARAM_BY_NAME, defaultParams, describeDomain, formatNumber, numberParam,
  type ModelParams, type ParamSpec,
} from './schema';

export const GRID_MULTIPLE = 8;
export const MAX_CELLS_2D = 4_194_304;
export const MAX_CELLS_3D = 8_388_608;
/** Interface width δ must span this many grid cells (inclusive). */
export const MIN_CELLS_PER_INTERFACE = 2;
export const MAX_CELLS_PER_INTERFACE = 16;

export interface ValidationResult {
  ok: boolean;
  /** Full set: defaults filled in; an invalid entry keeps its default. */
  values: ModelParams;
  issues: ValidationIssue[];
}

export interface GridDims {
  grid: [number, number, number];        // [nx, ny, nz]; nz = 1 in 2D
  lengths_um: [number, number, number];  // actual lengths n·dx (depth = dx in 2D)
}

/** Cells along a length: a multiple of 8, at least 8. */
export function cellsAlong(lengthUm: number, dxUm: number): number {
  return GRID_MULTIPLE * Math.max(1, Math.round(lengthUm / (GRID_MULTIPLE * dxUm)));
}

/** Grid counts and actual lengths (x lateral, y growth, z second lateral). */
export function gridDims(values: ParamValues, dims: 2 | 3): GridDims {
  const dx = numberParam(values, 'dx_um');
  const nx = cellsAlong(numberParam(values, 'width_um'), dx);
  const ny = cellsAlong(numberParam(values, 'height_um'), dx);
  const nz = dims === 3 ? cellsAlong(numberParam(values, 'depth_um'), dx) : 1;
  return { grid: [nx, ny, nz], lengths_um: [nx * dx, ny * dx, nz * dx] };
}

/** Long strings are cut in messages (hostile URLs and files). */
const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function kindOf(v: unknown): string {
  if (typeof v === 'string') return `string '${clip(v)}'`;
  if (v === undefined) return 'no value';
  return `${typeof v} ${clip(String(v))}`;
}

/** The spec of a parameter name; own keys only, so 'toString' or '__proto__' are unknown, not Object members. */
const specOf = (name: string): ParamSpec | undefined => (Object.hasOwn(PARAM_BY_NAME, name) ? PARAM_BY_NAME[name] : undefined);

/** Check one value against its spec; null when valid. */
export function checkParam(name: string, value: unknown): ValidationIssue | null {
  const spec = specOf(name);
  if (!spec) return { param: name, message: `unknown parameter '${clip(name)}'` };
  const domain = describeDomain(spec);
  const fail = (message: string): ValidationIssue => ({ param: name, message });
  switch (spec.kind) {
    case 'enum':
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return fail(`${name} must be ${domain} (got ${kindOf(value)})`);
      }
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : fail(`${name} must be true or false (got ${kindOf(value)})`);
    default: {
      if (typeof value !== 'number') return fail(`${name} must be a number in ${domain} (got ${kindOf(value)})`);
      if (!Number.isFinite(value)) return fail(`${name} must be a finite number in ${domain} (got ${value})`);
      if (spec.kind === 'integer' && !Number.isInteger(value)) {
        return fail(`${name} must be an integer in ${domain} (got ${value})`);
      }
      if (value < spec.min || value > spec.max) {
        return fail(`${name} = ${formatNumber(value)} is out of range ${domain}`);
      }
      return null;
    }
  }
}

const um = (x: number) => `${formatNumber(Number(x.toPrecision(6)))} µm`;

type CrossRule = { uses: readonly (keyof ModelParams)[]; check: (p: ModelParams, dims: 2 | 3) => ValidationIssue | null };

// Each rule reports under the parameter it is keyed on (the one most likely to be changed).
const CROSS_RULES: readonly CrossRule[] = [
  {
    uses: ['interface_width_um', 'dx_um'],
    check: ({ interface_width_um: w, dx_um: dx }) => {
      const cells = w / dx;
      if (cells >= MIN_CELLS_PER_INTERFACE && cells <= MAX_CELLS_PER_INTERFACE) return null;
      return {
        param: 'interface_width_um',
        message: `interface_width_um must be between ${MIN_CELLS_PER_INTERFACE} and ${MAX_CELLS_PER_INTERFACE} ` +
          `grid cells (${MIN_CELLS_PER_INTERFACE}·dx_um = ${um(MIN_CELLS_PER_INTERFACE * dx)} to ` +
          `${MAX_CELLS_PER_INTERFACE}·dx_um = ${um(MAX_CELLS_PER_INTERFACE * dx)}); ` +
          `got ${um(w)} = ${formatNumber(Number(cells.toPrecision(4)))} cells`,
      };
    },
  },
  {
    uses: ['li_film_um', 'collector', 'interface_width_um'],
    check: ({ li_film_um: film, collector, interface_width_um: w }) => {
      if (collector === 'bare' && film !== 0) {
        return { param: 'li_film_um', message: `li_film_um must be 0 when collector = 'bare' (got ${um(film)})` };
      }
      // ≥ rather than >: the defaults (film 2 µm, δ 2 µm) sit exactly on the bound.
      if (collector === 'film' && !(film >= w)) {
        return {
          param: 'li_film_um',
          message: `li_film_um must be at least interface_width_um = ${um(w)} when collector = 'film' ` +
            `(got ${um(film)}); use collector = 'bare' for no film`,
        };
      }
      return null;
    },
  },
  {
    uses: ['li_film_um', 'height_um', 'interface_width_um', 'dx_um'],
    check: (p, dims) => {
      const height = Math.min(p.height_um, gridDims(p, dims).lengths_um[1]);
      const limit = height - 2 * p.interface_width_um;
      if (p.li_film_um < limit) return null;
      return {
        param: 'li_film_um',
        message: `li_film_um must be less than height_um − 2·interface_width_um = ${um(limit)} ` +
          `(height ${um(height)}, interface ${um(p.interface_width_um)}); got ${um(p.li_film_um)}`,
      };
    },
  },
  {
    uses: ['width_um', 'height_um', 'depth_um', 'dx_um'],
    check: (p, dims) => {
      const { grid } = gridDims(p, dims);
      const cells = grid[0] * grid[1] * grid[2];
      const limit = dims === 3 ? MAX_CELLS_3D : MAX_CELLS_2D;
      if (cells <= limit) return null;
      const shape = (dims === 3 ? grid : grid.slice(0, 2)).join(' × ');
      return {
        param: 'dx_um',
        message: `dx_um = ${um(p.dx_um)} gives a ${dims}D grid of ${shape} = ${cells.toLocaleString('en-US')} cells, ` +
          `more than the ${dims}D limit of ${limit.toLocaleString('en-US')}; increase dx_um or reduce ` +
          `width_um/height_um${dims === 3 ? '/depth_um' : ''}`,
      };
    },
  },
];

/** Validate a (partial) parameter set and resolve it against the defaults. */
export function validateParams(values: ParamValues, dims: 2 | 3 = 2): ValidationResult {
  const resolved = defaultParams() as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const invalid = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    const issue = checkParam(name, value);
    if (issue) {
      issues.push(issue);
      invalid.add(name);
    } else {
      resolved[name] = value;
    }
  }
  const params = resolved as ModelParams;
  // Cross rules only judge parameters that are individually valid, so messages stay meaningful.
  for (const rule of CROSS_RULES) {
    if (rule.uses.some((n) => invalid.has(n))) continue;
    const issue = rule.check(params, dims);
    if (issue) issues.push(issue);
  }
  return { ok: issues.length === 0, values: params, issues };
}

/** Validate and return the full set, or throw an Error listing every issue. */
export function resolveParams(values: ParamValues, dims: 2 | 3 = 2): ModelParams {
  const result = validateParams(values, dims);
  if (!result.ok) throw new Error(formatIssues(result.issues));
  return result.values;
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return `invalid parameters:\n${issues.map((i) => `  - ${i.message}`).join('\n')}`;
}

export type ParseResult =
  | { ok: true; value: number | string | boolean }
  | { ok: false; issue: ValidationIssue };

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

/** Parse a CLI/URL string ("3e-10", "true", "bare") for a parameter and check it. */
export function parseParamValue(name: string, text: string): ParseResult {
  const spec = specOf(name);
  if (!spec) return { ok: false, issue: { param: name, message: `unknown parameter '${clip(name)}'` } };
  const t = text.trim();
  let value: number | string | boolean;
  if (spec.kind === 'enum') {
    value = t;
  } else if (spec.kind === 'boolean') {
    const lower = t.toLowerCase();
    value = lower === 'true' ? true : lower === 'false' ? false : t;
  } else if (NUMBER_TEXT.test(t)) {
    value = Number(t);
  } else if (NON_FINITE_TEXT.test(t)) {
    value = t.toLowerCase().includes('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
  } else {
    value = t;
  }
  const issue = checkParam(name, value);
  return issue ? { ok: false, issue } : { ok: true, value };
}
