// Saved-state file (.dlab): one self-contained binary file that reloads a run bit-identically.
//   'DLAB' | u32 version | u32 header length | UTF-8 JSON header | zero pad to 8 | payload | u32 CRC-32
// All integers and arrays little-endian. Field offsets are relative to the payload start (8-aligned);
// the CRC covers every byte before it. decodeState never throws and allocates only after every
// declared size was checked against the real buffer.
import * as L from '../../assembly/layout';
import type { KernelSnapshot } from '../engine/kernel';
import type { CcdStep, CycleRecord, ProtocolState } from '../engine/protocol';
import type { Backend, Sample, StopCondition } from '../engine/types';
import { crc32 } from './crc32';
import { isPlainObject, parseJsonGuarded, unknownKey } from './json-guard';
import { PRESETS } from './presets';
import { PARAM_SPECS, type ModelParams } from './schema';
import { MAX_CELLS_2D, MAX_CELLS_3D, gridDims, validateParams } from './validate';

export const STATE_MAGIC = 'DLAB';
export const STATE_VERSION = 2; // 2: more parameter/statistics slots, mechanics block
export const STATE_FORMAT = 'dendritelab-state';
export const STATE_EXTENSION = '.dlab';
export const MAX_STATE_BYTES = 512 * 1024 * 1024;
export const MAX_HEADER_BYTES = 4 * 1024 * 1024; // a 1000-cycle protocol record, twice (run and guard), fits
const PREFIX = 12;
const MAX_GUARD_RETRIES = 1000;

export const SAMPLE_COLUMNS = [
  't_s', 'voltage_V', 'current_mA_cm2', 'charge_mAh_cm2', 'mean_thickness_um', 'max_height_um', 'ledger_rel_error',
] as const satisfies readonly (keyof Sample)[];

/** Run-level state beyond the kernel (what Run needs to continue exactly). */
export interface RunCarry {
  initialMetalUm: number;
  sampleEvery: number;
  lastSampleT: number;
  guardRetries: number;
  /** simulated time after which the stability guard's present incident is over (0: none) */
  guardClearT: number;
  failure: string | null;
  finished: boolean;
}

export interface SavedState {
  preset: string;
  seed: number;
  dims: 2 | 3;
  backend: Backend;
  grid: [number, number, number];
  params: ModelParams;
  stop: StopCondition | null;
  run: RunCarry;
  samples: Sample[];
  kernelParams: Float64Array;          // P_* slots as the kernel had them (guard may have lowered dt_max)
  snapshot: KernelSnapshot;
  guard: KernelSnapshot | null;        // the stability guard's last snapshot
  /** the cycling / CCD protocol's state (null for protocol 'constant') and the one taken with the guard snapshot */
  protocol: ProtocolState | null;
  guardProtocol: ProtocolState | null;
}

export type DecodeResult = { ok: true; state: SavedState } | { ok: false; message: string };

type DType = 'f32' | 'f64' | 'u32';
type Arr = Float32Array | Float64Array | Uint32Array;
const SIZE: Record<DType, number> = { f32: 4, f64: 8, u32: 4 };
const SNAPSHOT_KEYS = ['xi', 'c', 'phi', 'stats', 'nuclei', 'scalars', 'xiCarry', 'cCarry', 'dc', 'shortPath', 'mech'] as const;
/** blocks whose declared length is a maximum (the kernel checks the exact size on restore) */
const VARIABLE_LENGTH = new Set(['shortPath', 'guard.shortPath', 'mech', 'guard.mech']);
type SnapKey = (typeof SNAPSHOT_KEYS)[number];
const SNAP_DTYPE: Record<SnapKey, DType> = {
  xi: 'f32', c: 'f32', phi: 'f32', stats: 'f64', nuclei: 'f64', scalars: 'f64',
  xiCarry: 'f32', cCarry: 'f32', dc: 'f32', shortPath: 'u32', mech: 'u32',
};
const SCALARS = 5;
const HEADER_KEYS = ['format', 'version', 'preset', 'seed', 'dims', 'backend', 'grid', 'step', 't_s', 'params', 'stop',
  'run', 'samples', 'guard', 'payload_bytes', 'fields'] as const;
/** header keys a file may lack: files written before 2026-12-07 have no protocol state (fine for 'constant' runs) */
const OPTIONAL_HEADER_KEYS = ['protocol', 'guard_protocol'] as const;
const PROTOCOL_KEYS = ['phase', 'cycle', 'phaseStartT', 'phaseStartCharge', 'seiAtCycleStart', 'minVoltage', 'plateauSum',
  'plateauTime', 'plated', 'cycles', 'steps', 'shortT'] as const;
/** protocol keys a file may lack: files written before the CCD strip limit (2026-12-07) have none (read as null) */
const OPTIONAL_PROTOCOL_KEYS = ['stripLimitT'] as const;
const CYCLE_KEYS = ['index', 'plated_mAh_cm2', 'stripped_mAh_cm2', 'ce', 'eta_nuc_mV', 'eta_plating_mV', 'dead_li_um', 'sei_um'] as const;
const STEP_KEYS = ['index', 'current_mA_cm2', 't_start_s', 't_end_s', 'shorted'] as const;
const MAX_PROTOCOL_RECORDS = 1001;
const RUN_KEYS = ['initial_metal_um', 'sample_every_s', 'last_sample_t_s', 'guard_retries', 'guard_clear_t_s', 'failure', 'finished'] as const;
const FIELD_KEYS = ['name', 'dtype', 'length', 'offset'] as const;

interface FieldEntry { name: string; dtype: DType; length: number; offset: number }

const align8 = (n: number) => Math.ceil(n / 8) * 8;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Expected dtype and length of every block; shortPath's length is a maximum. */
function expectedFields(grid: [number, number, number], rows: number, guard: boolean): Map<string, { dtype: DType; length: number }> {
  const [nx, ny, nz] = grid;
  const n = nx * ny * nz;
  const len: Record<SnapKey, number> = {
    xi: n, c: n, phi: n, stats: L.S_COUNT, nuclei: nx * nz, scalars: SCALARS, xiCarry: n, cCarry: n, dc: n, shortPath: n,
    mech: 24 * n + 16, // 14 per-cell f32 blocks, flags, and the f64 displacement (≤ 3 components per cell)
  };
  const m = new Map<string, { dtype: DType; length: number }>();
  for (const prefix of guard ? ['', 'guard.'] : ['']) {
    for (const k of SNAPSHOT_KEYS) m.set(prefix + k, { dtype: SNAP_DTYPE[k], length: len[k] });
    if (!prefix) {
      m.set('kparams', { dtype: 'f64', length: L.P_COUNT });
      m.set('samples', { dtype: 'f64', length: rows * SAMPLE_COLUMNS.length });
    }
  }
  return m;
}

function leBytes(a: Arr): Uint8Array {
  const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (LITTLE_ENDIAN) return b;
  const c = b.slice();
  const s = a.BYTES_PER_ELEMENT;
  for (let i = 0; i < c.length; i += s) c.subarray(i, i + s).reverse();
  return c;
}

function blocksOf(s: SavedState): [string, DType, Arr][] {
  const out: [string, DType, Arr][] = [];
  const snap = (prefix: string, k: KernelSnapshot) => {
    for (const key of SNAPSHOT_KEYS) out.push([prefix + key, SNAP_DTYPE[key], k[key]]);
  };
  snap('', s.snapshot);
  out.push(['kparams', 'f64', s.kernelParams]);
  const rows = new Float64Array(s.samples.length * SAMPLE_COLUMNS.length);
  s.samples.forEach((r, i) => SAMPLE_COLUMNS.forEach((c, j) => (rows[i * SAMPLE_COLUMNS.length + j] = r[c])));
  out.push(['samples', 'f64', rows]);
  if (s.guard) snap('guard.', s.guard);
  return out;
}

export function encodeState(s: SavedState): Uint8Array {
  const blocks = blocksOf(s);
  let offset = 0;
  const fields: FieldEntry[] = blocks.map(([name, dtype, a]) => {
    const e = { name, dtype, length: a.length, offset };
    offset = align8(offset + a.byteLength);
    return e;
  });
  const header = {
    format: STATE_FORMAT, version: STATE_VERSION, preset: s.preset, seed: s.seed, dims: s.dims, backend: s.backend,
    grid: s.grid, step: s.snapshot.stats[L.S_STEPS], t_s: s.snapshot.stats[L.S_TIME], params: s.params, stop: s.stop,
    run: {
      initial_metal_um: s.run.initialMetalUm, sample_every_s: s.run.sampleEvery, last_sample_t_s: s.run.lastSampleT,
      guard_retries: s.run.guardRetries, guard_clear_t_s: s.run.guardClearT, failure: s.run.failure, finished: s.run.finished,
    },
    samples: { columns: SAMPLE_COLUMNS, rows: s.samples.length },
    guard: s.guard !== null, payload_bytes: offset, fields,
    protocol: s.protocol, guard_protocol: s.guardProtocol,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(PREFIX + json.length);
  const out = new Uint8Array(start + offset + 4);
  const dv = new DataView(out.buffer);
  out.set(new TextEncoder().encode(STATE_MAGIC), 0);
  dv.setUint32(4, STATE_VERSION, true);
  dv.setUint32(8, json.length, true);
  out.set(json, PREFIX);
  blocks.forEach(([, , a], i) => out.set(leBytes(a), start + fields[i].offset));
  dv.setUint32(out.length - 4, crc32(out, 0, out.length - 4), true);
  return out;
}

// ---- decoding ----

class Reject extends Error {}
const reject = (message: string): never => { throw new Reject(message); };
const isUint = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
const finite = (v: unknown, what: string): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : reject(`${what} must be a finite number (got ${JSON.stringify(v)})`);

function checkStop(v: unknown): StopCondition | null {
  if (v === null) return null;
  const s = isPlainObject(v) ? v : reject('header.stop must be an object or null');
  const pos = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0;
  const keys = Object.keys(s).length;
  const ok = (s.kind === 'time' && pos(s.t_s) && keys === 2) || (s.kind === 'capacity' && pos(s.mAh_cm2) && keys === 2) ||
    (s.kind === 'steps' && isUint(s.steps) && keys === 2) || (s.kind === 'short' && keys === 1);
  return ok ? (s as unknown as StopCondition) : reject(`header.stop ${JSON.stringify(s).slice(0, 80)} is not a valid stop condition`);
}

function checkRun(v: unknown): RunCarry {
  const r = isPlainObject(v) ? v : reject('header.run must be an object');
  const extra = unknownKey(r, RUN_KEYS);
  if (extra) reject(`header.run has an unknown key '${extra}'`);
  if (!isUint(r.guard_retries, MAX_GUARD_RETRIES)) reject(`header.run.guard_retries must be an integer in [0, ${MAX_GUARD_RETRIES}]`);
  if (!(r.failure === null || (typeof r.failure === 'string' && r.failure.length <= 4096))) reject('header.run.failure must be null or a message');
  if (typeof r.finished !== 'boolean') reject('header.run.finished must be true or false');
  return {
    initialMetalUm: finite(r.initial_metal_um, 'header.run.initial_metal_um'),
    sampleEvery: finite(r.sample_every_s, 'header.run.sample_every_s'),
    lastSampleT: finite(r.last_sample_t_s, 'header.run.last_sample_t_s'),
    guardRetries: r.guard_retries as number,
    // files written before the key existed carry no open incident
    guardClearT: r.guard_clear_t_s === undefined ? 0 : finite(r.guard_clear_t_s, 'header.run.guard_clear_t_s'),
    failure: r.failure as string | null,
    finished: r.finished as boolean,
  };
}

/** A protocol state from the header: every key present, every number finite, the records well formed. */
function checkProtocol(v: unknown, what: string, kind: ModelParams['protocol']): ProtocolState {
  const p = isPlainObject(v) ? v : reject(`${what} must be an object`);
  const extra = unknownKey(p, [...PROTOCOL_KEYS, ...OPTIONAL_PROTOCOL_KEYS]);
  if (extra) reject(`${what} has an unknown key '${extra.slice(0, 40)}'`);
  for (const k of PROTOCOL_KEYS) if (!(k in p)) reject(`${what} is missing '${k}'`);
  if (!['plate', 'strip', 'done'].includes(p.phase as string)) reject(`${what}.phase must be 'plate', 'strip' or 'done'`);
  if (!isUint(p.cycle, MAX_PROTOCOL_RECORDS) || p.cycle < 1) reject(`${what}.cycle must be an integer in [1, ${MAX_PROTOCOL_RECORDS}]`);
  for (const k of ['phaseStartT', 'phaseStartCharge', 'seiAtCycleStart', 'minVoltage', 'plateauSum', 'plateauTime', 'plated'] as const) {
    finite(p[k], `${what}.${k}`);
  }
  for (const k of ['shortT', 'stripLimitT'] as const) {
    if (!(p[k] === null || p[k] === undefined || (typeof p[k] === 'number' && Number.isFinite(p[k])))) reject(`${what}.${k} must be null or a finite number`);
  }
  if (p.stripLimitT !== undefined && p.stripLimitT !== null && kind !== 'ccd') reject(`${what}.stripLimitT must be null for protocol '${kind}'`);
  const records = (list: unknown, name: string, keys: readonly string[]): Record<string, unknown>[] => {
    if (!Array.isArray(list) || list.length > MAX_PROTOCOL_RECORDS) reject(`${what}.${name} must be an array of at most ${MAX_PROTOCOL_RECORDS} records`);
    return (list as unknown[]).map((r, i) => {
      const at = `${what}.${name}[${i}]`;
      if (!isPlainObject(r) || unknownKey(r, keys) || keys.some((k) => !(k in r))) reject(`${at} must be an object with the keys ${keys.join(', ')}`);
      const rec = r as Record<string, unknown>;
      if (!isUint(rec.index, MAX_PROTOCOL_RECORDS)) reject(`${at}.index must be a non-negative integer`);
      for (const k of keys) if (k !== 'index' && k !== 'shorted') finite(rec[k], `${at}.${k}`);
      if ('shorted' in rec && typeof rec.shorted !== 'boolean') reject(`${at}.shorted must be true or false`);
      return rec;
    });
  };
  const cycles = records(p.cycles, 'cycles', CYCLE_KEYS) as unknown as CycleRecord[];
  const steps = records(p.steps, 'steps', STEP_KEYS) as unknown as CcdStep[];
  if (kind === 'cycle' && steps.length > 0) reject(`${what}.steps must be empty for protocol 'cycle'`);
  if (kind === 'ccd' && cycles.length > 0) reject(`${what}.cycles must be empty for protocol 'ccd'`);
  return { ...(p as unknown as ProtocolState), cycles, steps, stripLimitT: (p.stripLimitT ?? null) as number | null };
}

function checkGrid(v: unknown, dims: 2 | 3): [number, number, number] {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => isUint(x, 1 << 30) && x > 0)) {
    return reject(`header.grid must be three positive integers [nx, ny, nz] (got ${JSON.stringify(v)?.slice(0, 80)})`);
  }
  const [nx, ny, nz] = v as number[];
  if (dims === 2 && nz !== 1) reject(`header.grid has nz = ${nz} but a 2D state needs nz = 1`);
  const limit = dims === 3 ? MAX_CELLS_3D : MAX_CELLS_2D;
  if (nx * ny * nz > limit) reject(`grid ${nx}×${ny}×${nz} = ${nx * ny * nz} cells exceeds the ${dims}D limit of ${limit}`);
  return [nx, ny, nz];
}

/** The field table: known names, expected dtypes and lengths, 8-aligned, non-overlapping, inside payload_bytes. */
function checkFields(v: unknown, expected: Map<string, { dtype: DType; length: number }>, payloadBytes: number): Map<string, FieldEntry> {
  if (!Array.isArray(v)) return reject('header.fields must be an array');
  if (v.length > expected.size + 8) reject(`header.fields lists ${v.length} blocks; expected ${expected.size}`);
  const seen = new Map<string, FieldEntry>();
  for (const f of v) {
    if (!isPlainObject(f) || unknownKey(f, FIELD_KEYS) || typeof f.name !== 'string') reject('header.fields has a malformed entry');
    const e = f as unknown as FieldEntry;
    const name = e.name.slice(0, 40);
    const want = expected.get(e.name);
    if (!want) reject(`unexpected field '${name}' in the state file`);
    if (seen.has(e.name)) reject(`field '${name}' is listed twice`);
    if (e.dtype !== want!.dtype) reject(`field '${name}' has dtype ${JSON.stringify(e.dtype)}; expected '${want!.dtype}'`);
    if (!isUint(e.length) || (VARIABLE_LENGTH.has(name) ? e.length > want!.length : e.length !== want!.length)) {
      reject(`field '${name}' has length ${JSON.stringify(e.length)?.slice(0, 30)}; expected ${want!.length}`);
    }
    if (!isUint(e.offset) || e.offset % 8 !== 0) reject(`field '${name}' has a bad offset ${JSON.stringify(e.offset)}`);
    if (e.offset + e.length * SIZE[e.dtype] > payloadBytes) reject(`field '${name}' extends past payload_bytes (${payloadBytes})`);
    seen.set(e.name, e);
  }
  for (const name of expected.keys()) if (!seen.has(name)) reject(`field '${name}' is missing from the state file`);
  const sorted = [...seen.values()].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.offset + prev.length * SIZE[prev.dtype] > sorted[i].offset) reject(`fields '${prev.name}' and '${sorted[i].name}' overlap`);
  }
  return seen;
}

function checkParams(v: unknown, dims: 2 | 3): ModelParams {
  const p = isPlainObject(v) ? v : reject('header.params must be an object');
  for (const spec of PARAM_SPECS) if (!(spec.name in p)) reject(`params: ${spec.name} is missing`);
  const res = validateParams(p as Record<string, number | string | boolean>, dims);
  if (!res.ok) reject(`params: ${res.issues[0].message}`);
  return res.values;
}

function readArray(bytes: Uint8Array, start: number, f: FieldEntry): Arr {
  const out = f.dtype === 'f32' ? new Float32Array(f.length) : f.dtype === 'f64' ? new Float64Array(f.length) : new Uint32Array(f.length);
  const src = bytes.subarray(start + f.offset, start + f.offset + out.byteLength);
  const dst = new Uint8Array(out.buffer);
  dst.set(src);
  if (!LITTLE_ENDIAN) for (let i = 0; i < dst.length; i += SIZE[f.dtype]) dst.subarray(i, i + SIZE[f.dtype]).reverse();
  return out;
}

function checkSnapshot(s: KernelSnapshot, prefix: string): KernelSnapshot {
  const pathLen = s.scalars[3];
  if (pathLen !== s.shortPath.length) reject(`${prefix}scalars[3] (short-path length ${pathLen}) does not match the ${prefix}shortPath block (${s.shortPath.length})`);
  const n = s.xi.length;
  for (let i = 0; i < s.shortPath.length; i++) if (s.shortPath[i] >= n) reject(`${prefix}shortPath has cell index ${s.shortPath[i]} outside the grid`);
  return s;
}

function decode(input: Uint8Array): SavedState {
  const len = input.length;
  if (len < PREFIX + 4) reject(`truncated: ${len} bytes, shorter than the ${PREFIX + 4}-byte minimum of a state file`);
  const magic = String.fromCharCode(input[0], input[1], input[2], input[3]);
  if (magic !== STATE_MAGIC) reject(`not a DendriteLab state file (magic bytes ${JSON.stringify(magic)}, expected "${STATE_MAGIC}")`);
  const dv = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const version = dv.getUint32(4, true);
  if (version > STATE_VERSION) reject(`state file version ${version} is newer than this app supports (${STATE_VERSION}); update DendriteLab`);
  if (version !== STATE_VERSION) reject(`unsupported state file version ${version} (this app reads version ${STATE_VERSION})`);
  if (len > MAX_STATE_BYTES + MAX_HEADER_BYTES + 64) reject(`oversize: ${len} bytes exceeds the ${MAX_STATE_BYTES}-byte limit`);
  const hl = dv.getUint32(8, true);
  if (hl < 2 || hl > MAX_HEADER_BYTES) reject(`header length ${hl} is out of bounds [2, ${MAX_HEADER_BYTES}]`);
  if (PREFIX + hl + 4 > len) reject(`header length ${hl} runs past the end of the file (${len} bytes): truncated or corrupted`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.subarray(PREFIX, PREFIX + hl));
  } catch {
    return reject('header is not valid UTF-8 text');
  }
  const parsed = parseJsonGuarded(text, 6, 'header');
  if (!parsed.ok) return reject(parsed.message);
  const h = isPlainObject(parsed.value) ? parsed.value : reject('header must be a JSON object');
  const extra = unknownKey(h, [...HEADER_KEYS, ...OPTIONAL_HEADER_KEYS]);
  if (extra) reject(`header has an unknown key '${extra.slice(0, 40)}'`);
  for (const k of HEADER_KEYS) if (!(k in h)) reject(`header is missing '${k}'`);
  if (h.format !== STATE_FORMAT) reject(`header.format is ${JSON.stringify(h.format)?.slice(0, 40)}, expected '${STATE_FORMAT}'`);
  if (h.version !== version) reject(`header.version ${JSON.stringify(h.version)?.slice(0, 20)} does not match the file version ${version}`);
  if (typeof h.preset !== 'string' || !Object.hasOwn(PRESETS, h.preset)) reject(`unknown preset ${JSON.stringify(h.preset)?.slice(0, 60)}`);
  const preset = PRESETS[h.preset as string];
  if (!isUint(h.seed, 0xffffffff)) reject(`seed must be an integer in [0, 4294967295] (got ${JSON.stringify(h.seed)?.slice(0, 30)})`);
  if (h.dims !== 2 && h.dims !== 3) reject(`dims must be 2 or 3 (got ${JSON.stringify(h.dims)?.slice(0, 20)})`);
  const dims = h.dims as 2 | 3;
  if (!preset.dims.includes(dims)) reject(`preset '${preset.id}' does not run in ${dims}D`);
  if (!['wasm-simd', 'wasm-scalar', 'ts'].includes(h.backend as string)) reject(`unknown backend ${JSON.stringify(h.backend)?.slice(0, 30)}`);
  finite(h.step, 'header.step');
  finite(h.t_s, 'header.t_s');
  if (typeof h.guard !== 'boolean') reject('header.guard must be true or false');
  const grid = checkGrid(h.grid, dims);
  const smp = isPlainObject(h.samples) ? h.samples : reject('header.samples must be an object');
  if (JSON.stringify(smp.columns) !== JSON.stringify(SAMPLE_COLUMNS)) reject(`header.samples.columns must be ${SAMPLE_COLUMNS.join(',')}`);
  if (!isUint(smp.rows, MAX_STATE_BYTES / 56)) reject(`header.samples.rows must be a non-negative integer (got ${JSON.stringify(smp.rows)?.slice(0, 30)})`);
  if (!isUint(h.payload_bytes)) reject('header.payload_bytes must be a non-negative integer');
  const payloadBytes = h.payload_bytes as number;
  if (payloadBytes > MAX_STATE_BYTES) reject(`oversize: the header declares ${payloadBytes} bytes of data, more than the ${MAX_STATE_BYTES}-byte limit`);
  const fields = checkFields(h.fields, expectedFields(grid, smp.rows as number, h.guard as boolean), payloadBytes);
  const start = align8(PREFIX + hl);
  const actual = len - 4 - start;
  if (actual < payloadBytes) reject(`truncated: the header declares ${payloadBytes} bytes of data but the file holds ${Math.max(0, actual)}`);
  if (actual > payloadBytes) reject(`${actual - payloadBytes} unexpected bytes after the data (file corrupted)`);
  const stored = dv.getUint32(len - 4, true);
  const computed = crc32(input, 0, len - 4);
  if (stored !== computed) reject(`checksum mismatch (stored ${stored.toString(16)}, computed ${computed.toString(16)}): the file is corrupted`);

  const params = checkParams(h.params, dims);
  const expectGrid = gridDims(params, dims).grid;
  if (expectGrid.join() !== grid.join()) reject(`grid ${grid.join('×')} does not match the parameters (they give ${expectGrid.join('×')})`);
  const stop = checkStop(h.stop);
  const run = checkRun(h.run);
  let protocol: ProtocolState | null = null;
  let guardProtocol: ProtocolState | null = null;
  if (params.protocol === 'constant') {
    if ((h.protocol ?? null) !== null || (h.guard_protocol ?? null) !== null) reject("header.protocol must be null for protocol 'constant'");
  } else {
    if (h.protocol === undefined || h.protocol === null) {
      reject(`this '${params.protocol}' run was saved without its protocol state (a DendriteLab before 2026-12-07), so it cannot continue; start it again from its preset`);
    }
    protocol = checkProtocol(h.protocol, 'header.protocol', params.protocol);
    if (h.guard) guardProtocol = checkProtocol(h.guard_protocol, 'header.guard_protocol', params.protocol);
    else if ((h.guard_protocol ?? null) !== null) reject('header.guard_protocol must be null when there is no guard snapshot');
  }

  const arr = (name: string) => readArray(input, start, fields.get(name)!);
  const snap = (prefix: string): KernelSnapshot => checkSnapshot(Object.fromEntries(SNAPSHOT_KEYS.map((k) => [k, arr(prefix + k)])) as unknown as KernelSnapshot, prefix);
  const kernelParams = arr('kparams') as Float64Array;
  for (let i = 0; i < kernelParams.length; i++) if (!Number.isFinite(kernelParams[i])) reject(`kernel parameter slot ${i} is not finite`);
  if (kernelParams[L.P_DX] !== params.dx_um) reject(`kernel grid spacing ${kernelParams[L.P_DX]} µm does not match dx_um = ${params.dx_um}`);
  const flat = arr('samples') as Float64Array;
  const samples: Sample[] = [];
  for (let i = 0; i < flat.length; i += SAMPLE_COLUMNS.length) {
    samples.push(Object.fromEntries(SAMPLE_COLUMNS.map((c, j) => [c, flat[i + j]])) as unknown as Sample);
  }
  return {
    preset: preset.id, seed: h.seed as number, dims, backend: h.backend as Backend, grid, params, stop, run, samples,
    kernelParams, snapshot: snap(''), guard: h.guard ? snap('guard.') : null, protocol, guardProtocol,
  };
}

/** Parse and check a state file; never throws. */
export function decodeState(input: Uint8Array | ArrayBuffer): DecodeResult {
  try {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
    if (!(bytes instanceof Uint8Array)) return { ok: false, message: 'not a byte array' };
    return { ok: true, state: decode(bytes) };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, message: e.message };
    if (e instanceof RangeError) return { ok: false, message: `the file is too large to load (${e.message})` };
    return { ok: false, message: `could not read the state file: ${(e as Error)?.message ?? String(e)}` };
  }
}
