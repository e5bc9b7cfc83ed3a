// Raw field export: a JSON header describing a little-endian float32 .bin of ξ, c and φ (and, for a solid
// electrolyte, its stress and LSPS decomposition), for use in other tools (numpy.fromfile, MATLAB fread).
// Shared by the CLI and the browser's Data folder.
import { MECHANICS_FIELDS, type FieldName, type ParamValues, type RunStatus } from '../engine/types';

export const RAW_FIELDS: readonly FieldName[] = ['xi', 'c', 'phi'];

const UNITS: Record<FieldName, string> = {
  xi: '1 (metal fraction)', c: 'c/c0', phi: 'V', stress: 'MPa (hydrostatic pressure, compression > 0)',
  vonMises: 'MPa (von Mises stress)', lspsDecomposition: '1 (decomposed fraction of LSPS; 0 outside LSPS)',
};

/** the fields a run exports: ξ, c, φ, plus the mechanics outputs when the electrolyte is solid */
export function rawFieldNames(params: ParamValues): FieldName[] {
  return params.electrolyte === 'solid' ? [...RAW_FIELDS, ...MECHANICS_FIELDS] : [...RAW_FIELDS];
}

export interface RawFieldsInfo {
  preset: string;
  seed: number;
  dims: 2 | 3;
  params: ParamValues;
  status: RunStatus;
  /** file name of the .bin the header points to */
  data: string;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The .bin (fields back to back, float32 LE) and its header. */
export function rawFields(info: RawFieldsInfo, fields: Partial<Record<FieldName, Float32Array>>): { header: object; bin: Uint8Array } {
  const names = rawFieldNames(info.params);
  const missing = names.filter((f) => !fields[f]);
  if (missing.length) throw new Error(`raw export: field(s) ${missing.join(', ')} not given`);
  const n = names.reduce((s, f) => s + fields[f]!.length, 0);
  const bin = new Uint8Array(4 * n);
  let offset = 0;
  const layout = names.map((name) => {
    const a = fields[name]!;
    bin.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    const entry = { name, dtype: 'float32le', offset, length: a.byteLength, count: a.length };
    offset += a.byteLength;
    return entry;
  });
  if (!LITTLE_ENDIAN) for (let i = 0; i < bin.length; i += 4) bin.subarray(i, i + 4).reverse();
  const header = {
    format: 'dendritelab-fields',
    version: 1,
    preset: info.preset,
    seed: info.seed,
    dims: info.dims,
    grid: info.status.grid,
    dx_um: info.status.dx_um,
    step: info.status.steps,
    t_s: info.status.t_s,
    index: 'x + nx*(y + ny*z); y = 0 at the collector',
    units: Object.fromEntries(names.map((f) => [f, UNITS[f]])),
    params: info.params,
    status: info.status,
    data: info.data,
    fields: layout,
  };
  return { header, bin };
}
