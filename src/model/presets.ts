// Presets are data (src/model/presets/<id>.json) and double as test fixtures. Static JSON imports
// work the same under Vite, vitest and tsx.
import type { ParamValues, StopCondition } from '../engine/types';
import type { ModelParams } from './schema';
import { formatIssues, validateParams } from './validate';
import planar1mA from './presets/planar-1mA.json';
import liquidCu1mA from './presets/liquid-cu-1mA.json';
import hong2018 from './presets/hong2018.json';
import shortDemo from './presets/short-demo.json';
import ccdLpscl from './presets/ccd-lpscl.json';
import ccdLif from './presets/ccd-lif.json';
import ccdDual from './presets/ccd-dual.json';
import ccdDualLif from './presets/ccd-dual-lif.json';
// seed metals (generated from src/model/seeds.ts by scripts/gen-seed-presets.ts)
import liquidAg1mA from './presets/liquid-ag-1mA.json';
import liquidAl1mA from './presets/liquid-al-1mA.json';
import liquidIn1mA from './presets/liquid-in-1mA.json';
import liquidMg1mA from './presets/liquid-mg-1mA.json';
import liquidSn1mA from './presets/liquid-sn-1mA.json';
import liquidZn1mA from './presets/liquid-zn-1mA.json';
import lpsclCu20MPa from './presets/lpscl-cu-20MPa.json';
import lpsclAg20MPa from './presets/lpscl-ag-20MPa.json';
import lpsclAl20MPa from './presets/lpscl-al-20MPa.json';
import lpsclIn20MPa from './presets/lpscl-in-20MPa.json';
import lpsclMg20MPa from './presets/lpscl-mg-20MPa.json';
import lpsclSn20MPa from './presets/lpscl-sn-20MPa.json';
import lpsclZn20MPa from './presets/lpscl-zn-20MPa.json';
// stack-pressure pair (src/model/stack-presets.ts, same generator)
import lpsclCu5MPa from './presets/lpscl-cu-5MPa.json';
import lpsclMg5MPa from './presets/lpscl-mg-5MPa.json';
// 3D variants of the paper's key cases (generated from src/model/presets-3d.ts by scripts/gen-seed-presets.ts)
import liquidMg3d from './presets/liquid-mg-3d.json';
import lpsclMg20MPa3d from './presets/lpscl-mg-20MPa-3d.json';
import ccdDualLif3d from './presets/ccd-dual-lif-3d.json';

export interface Preset {
  id: string;                       // = file name without .json
  title: string;
  description: string;              // one line
  notes?: string;                   // modelling choices worth stating
  dims: (2 | 3)[];                  // supported dimensionalities, first = default
  params: ParamValues;              // only values that differ from the schema defaults
  stop: StopCondition;
  released?: Record<string, number>; // published parameter set the params derive from
}

function fail(id: string, what: string): never {
  throw new Error(`preset '${id}': ${what}`);
}

/** Shape check of a preset file; parameter values are checked by validateParams. */
export function parsePreset(fileId: string, json: unknown): Preset {
  const p = json as Record<string, unknown>;
  if (typeof p !== 'object' || p === null) fail(fileId, 'not an object');
  if (p.id !== fileId) fail(fileId, `id '${String(p.id)}' must equal the file name`);
  for (const key of ['title', 'description'] as const) {
    if (typeof p[key] !== 'string' || (p[key] as string).includes('\n')) fail(fileId, `${key} must be one line`);
  }
  const dims = p.dims;
  if (!Array.isArray(dims) || dims.length === 0 || !dims.every((d) => d === 2 || d === 3)) {
    fail(fileId, 'dims must be a non-empty array of 2 and/or 3');
  }
  if (typeof p.params !== 'object' || p.params === null) fail(fileId, 'params must be an object');
  const stop = p.stop as Record<string, unknown> | undefined;
  const stopOk = !!stop && (
    (stop.kind === 'time' && typeof stop.t_s === 'number' && stop.t_s > 0) ||
    (stop.kind === 'capacity' && typeof stop.mAh_cm2 === 'number' && stop.mAh_cm2 > 0) ||
    (stop.kind === 'steps' && Number.isInteger(stop.steps) && (stop.steps as number) > 0) ||
    stop.kind === 'short');
  if (!stopOk) fail(fileId, "stop must be {kind:'time',t_s} | {kind:'capacity',mAh_cm2} | {kind:'short'}");
  return p as unknown as Preset;
}

export const PRESETS: Readonly<Record<string, Preset>> = Object.fromEntries(
  ([
    ['planar-1mA', planar1mA],
    ['liquid-cu-1mA', liquidCu1mA],
    ['hong2018', hong2018],
    ['short-demo', shortDemo],
    ['ccd-lpscl', ccdLpscl],
    ['ccd-lif', ccdLif],
    ['ccd-dual', ccdDual],
    ['ccd-dual-lif', ccdDualLif],
    ['liquid-ag-1mA', liquidAg1mA],
    ['liquid-al-1mA', liquidAl1mA],
    ['liquid-in-1mA', liquidIn1mA],
    ['liquid-mg-1mA', liquidMg1mA],
    ['liquid-sn-1mA', liquidSn1mA],
    ['liquid-zn-1mA', liquidZn1mA],
    ['lpscl-cu-20MPa', lpsclCu20MPa],
    ['lpscl-ag-20MPa', lpsclAg20MPa],
    ['lpscl-al-20MPa', lpsclAl20MPa],
    ['lpscl-in-20MPa', lpsclIn20MPa],
    ['lpscl-mg-20MPa', lpsclMg20MPa],
    ['lpscl-sn-20MPa', lpsclSn20MPa],
    ['lpscl-zn-20MPa', lpsclZn20MPa],
    ['lpscl-cu-5MPa', lpsclCu5MPa],
    ['lpscl-mg-5MPa', lpsclMg5MPa],
    ['liquid-mg-3d', liquidMg3d],
    ['lpscl-mg-20MPa-3d', lpsclMg20MPa3d],
    ['ccd-dual-lif-3d', ccdDualLif3d],
  ] as const).map(([id, json]) => [id, parsePreset(id, json)]),
);

export function getPreset(id: string): Preset {
  const preset = PRESETS[id];
  if (!preset) throw new Error(`unknown preset '${id}'; available: ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}

/** Preset params + overrides, validated and resolved to a full set; throws listing every issue. */
export function resolvePreset(id: string, overrides: ParamValues = {}, dims?: 2 | 3): ModelParams {
  const preset = getPreset(id);
  const d = dims ?? preset.dims[0];
  if (!preset.dims.includes(d)) fail(id, `supports dims ${preset.dims.join(' and ')}, not ${d}`);
  const result = validateParams({ ...preset.params, ...overrides }, d);
  if (!result.ok) fail(id, formatIssues(result.issues));
  return result.values;
}
