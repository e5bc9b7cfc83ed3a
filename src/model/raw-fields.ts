// Raw field export: a JSON header describing a little-endian float32 .bin of ξ, c and φ, for use
// in other tools (numpy.fromfile, MATLAB fread). Shared by the CLI and the browser's Data folder.
import type { FieldName, ParamValues, RunStatus } from '../engine/types';

export const RAW_FIELDS: readonly FieldName[] = ['xi', 'c', 'phi'];

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
export function rawFields(info: RawFieldsInfo, fields: Record<FieldName, Float32Array>): { header: object; bin: Uint8Array } {
  const n = RAW_FIELDS.reduce((s, f) => s + fields[f].length, 0);
  const bin = new Uint8Array(4 * n);
  let offset = 0;
  const layout = RAW_FIELDS.map((name) => {
    const a = fields[name];
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
    units: { xi: '1 (metal fraction)', c: 'c/c0', phi: 'V' },
    params: info.params,
    status: info.status,
    data: info.data,
    fields: layout,
  };
  return { header, bin };
}
