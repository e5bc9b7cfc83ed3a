// Saved-state files (src/model/state.ts): bit-identical continuation, the CLI's state.dlab, and
// 50 corrupted files from a seeded fuzzer, each rejected with a specific message.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { main } from '../../src/cli/sim';
import { Run } from '../../src/engine/run';
import type { RunConfig } from '../../src/engine/types';
import { crc32 } from '../../src/model/crc32';
import { MAX_STATE_BYTES, STATE_VERSION, decodeState, encodeState } from '../../src/model/state';
import { mulberry32 } from '../support/prng';

const SMALL: RunConfig = { preset: 'liquid-cu-1mA', overrides: { width_um: 16, height_um: 16 }, seed: 5, backend: 'wasm-simd' };
const FIELDS = ['xi', 'c', 'phi'] as const;

async function started(config: RunConfig, steps: number): Promise<Run> {
  const run = new Run();
  const res = await run.init(config);
  if (!res.ok) throw new Error(JSON.stringify(res.issues));
  run.advance({ maxSteps: steps, maxWallMs: 1e9 });
  return run;
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSameRun(a: Run, b: Run): void {
  expect(b.status()).toEqual(a.status());
  for (const f of FIELDS) expect(bytesOf(b.field(f)).equals(bytesOf(a.field(f))), f).toBe(true);
  expect(bytesOf(b.kernelForTests.stats()).equals(bytesOf(a.kernelForTests.stats())), 'stats').toBe(true);
  expect(b.samples(0)).toEqual(a.samples(0));
}

/** advance both in the same chunks and compare after each */
function advanceBoth(a: Run, b: Run, chunks: number[]): void {
  for (const n of chunks) {
    a.advance({ maxSteps: n, maxWallMs: 1e9 });
    b.advance({ maxSteps: n, maxWallMs: 1e9 });
    expectSameRun(a, b);
  }
}

describe('state round trip', () => {
  it('save → load into a fresh Run → the next steps are bit-identical (2D, bare Cu with nucleation)', async () => {
    const a = await started(SMALL, 120);
    expect(a.kernelForTests.stats()[L.S_NUCLEI]).toBeGreaterThan(0);
    const saved = a.saveState();
    const b = new Run();
    const res = await b.loadState(saved);
    expect(res).toMatchObject({ ok: true, preset: 'liquid-cu-1mA', seed: 5, dims: 2 });
    expectSameRun(a, b);
    advanceBoth(a, b, [1, 40, 80]);
    expect(a.status().steps).toBe(241);
    expect(bytesOf(b.saveState()).equals(bytesOf(a.saveState()))).toBe(true);
  });

  it('3D, interface noise (seeded per step) and the TS backend continue bit-identically', async () => {
    const a = await started({ ...SMALL, dims: 3, overrides: { ...SMALL.overrides, depth_um: 8 } }, 30);
    const b = new Run();
    expect((await b.loadState(a.saveState())).ok).toBe(true);
    advanceBoth(a, b, [30]);
    const c = await started({ preset: 'planar-1mA', overrides: { width_um: 16, height_um: 16, noise_per_s: 20 }, seed: 9 }, 30);
    const d = new Run();
    expect((await d.loadState(c.saveState())).ok).toBe(true);
    advanceBoth(c, d, [30]);
    // the TS oracle backend too
    const e = await started({ ...SMALL, backend: 'ts', overrides: { width_um: 8, height_um: 16, sei_current_uA_cm2: 0 } }, 60); // the oracle has no SEI
    const f = new Run();
    expect((await f.loadState(e.saveState(), 'ts')).ok).toBe(true);
    advanceBoth(e, f, [30]);
  });

  it('a cycling run saved in its second cycle continues its protocol (phase, cycle records, CE) bit-identically', async () => {
    // the protocol's state is part of the run: without it a loaded run had no protocol (or kept the one
    // of the run it replaced) and plated on at the last current with no cycle bookkeeping
    const config: RunConfig = {
      preset: 'liquid-mg-1mA', seed: 3, backend: 'wasm-simd',
      overrides: { width_um: 16, height_um: 12, protocol: 'cycle', cycles: 3, capacity_mAh_cm2: 0.05 },
    };
    const a = await started(config, 0);
    while (a.protocolReport().cycles.length < 1) a.advance({ maxSteps: 50, maxWallMs: 1e9 });
    a.advance({ maxSteps: 30, maxWallMs: 1e9 }); // into cycle 2's plating: the oxide is gone, the seed wet
    const mid = a.protocolReport();
    expect(mid.cycles).toHaveLength(1);
    expect(mid.phase).toBe('plate');
    const saved = a.saveState();
    // load into a run that has a protocol of its own (a different cycling run) and into a fresh one
    const b = await started({ ...config, seed: 4, overrides: { ...config.overrides, cycles: 7 } }, 40);
    expect((await b.loadState(saved)).ok).toBe(true);
    const c = new Run();
    expect((await c.loadState(saved)).ok).toBe(true);
    for (const r of [b, c]) {
      expect(r.protocolReport()).toEqual(mid);
      expect(bytesOf(r.kernelForTests.params).equals(bytesOf(a.kernelForTests.params)), 'kernel controls').toBe(true);
    }
    for (let i = 0; i < 400 && !a.status().finished; i++) {
      for (const r of [a, b, c]) r.advance({ maxSteps: 100, maxWallMs: 1e9 });
      expectSameRun(a, b);
      expectSameRun(a, c);
    }
    expect(a.status().finished).toBe(true);
    const end = a.protocolReport();
    expect(end.cycles).toHaveLength(3);
    expect(b.protocolReport()).toEqual(end);
    expect(c.protocolReport()).toEqual(end);
  }, 120_000);

  it('the stability guard snapshot is saved: a retry after loading restores the same earlier state', async () => {
    // save between two guard snapshots (they are taken every 25 steps), then make the next step
    // fail in both runs the same way (a NaN in φ): each must fall back to the same earlier snapshot
    const a = await started(SMALL, 140);
    const saved = a.saveState();
    const b = new Run();
    expect((await b.loadState(saved)).ok).toBe(true);
    const poison = (r: Run) => { r.kernelForTests.view('phi')[7] = Number.NaN; };
    poison(a);
    poison(b);
    advanceBoth(a, b, [1, 5]);
    expect(a.status().failure).toBeNull();
    expect(a.kernelForTests.params[L.P_DT_MAX]).toBeLessThan(10); // the guard retried with a smaller step
    // save inside the incident: the loaded run ends it (restores dt_max) at the same step as the original
    const c = new Run();
    expect((await c.loadState(a.saveState())).ok).toBe(true);
    advanceBoth(a, c, [30, 30, 100, 100]);
    expect(c.kernelForTests.params[L.P_DT_MAX]).toBe(10);
  });

  it('loading replaces a different run; decode → encode is byte-stable', async () => {
    const a = await started(SMALL, 20);
    const saved = a.saveState();
    const other = await started({ preset: 'planar-1mA', overrides: { width_um: 8, height_um: 16 }, seed: 2 }, 5);
    const res = await other.loadState(saved);
    expect(res.ok).toBe(true);
    expect(other.presetId).toBe('liquid-cu-1mA');
    expect(other.params()).toEqual(a.params());
    expectSameRun(a, other);
    const decoded = decodeState(saved);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(bytesOf(encodeState(decoded.state)).equals(bytesOf(saved))).toBe(true);
  });

  it("the CLI's state.dlab loads and continues", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dendritelab-state-'));
    try {
      const io = { stdout: { isTTY: false, write: () => true }, stderr: { isTTY: false, write: () => true } };
      const code = await main(['--preset', 'planar-1mA', '--set', 'width_um=8', 'height_um=16', '--backend', 'wasm-simd',
        '--until', 'steps=20', '--seed', '4', '--out', dir], io);
      expect(code).toBe(0);
      const file = readFileSync(path.join(dir, 'state.dlab'));
      const run = new Run();
      const res = await run.loadState(new Uint8Array(file));
      expect(res).toMatchObject({ ok: true, preset: 'planar-1mA', seed: 4, dims: 2 });
      if (res.ok) expect(res.status.steps).toBe(20);
      if (res.ok) expect(res.status.finished).toBe(true);     // the CLI stopped it at --until
      // same kernel state as a direct run to step 20
      const direct = await started({ preset: 'planar-1mA', overrides: { width_um: 8, height_um: 16 }, seed: 4 }, 20);
      for (const f of FIELDS) expect(bytesOf(run.field(f)).equals(bytesOf(direct.field(f))), f).toBe(true);
      expect(bytesOf(run.kernelForTests.stats()).equals(bytesOf(direct.kernelForTests.stats()))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- corrupted files ----


interface Parts { header: Record<string, unknown>; payload: Uint8Array }

function split(file: Uint8Array): Parts {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const hl = dv.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(file.subarray(12, 12 + hl)));
  const start = Math.ceil((12 + hl) / 8) * 8;
  return { header, payload: file.slice(start, file.length - 4) };
}

/** A well-formed file (valid CRC) from header text and payload: edits reach the checks behind the checksum. */
function assemble(headerText: string | Uint8Array, payload: Uint8Array, version = STATE_VERSION): Uint8Array {
  const json = typeof headerText === 'string' ? new TextEncoder().encode(headerText) : headerText;
  const start = Math.ceil((12 + json.length) / 8) * 8;
  const out = new Uint8Array(start + payload.length + 4);
  const dv = new DataView(out.buffer);
  out.set([0x44, 0x4c, 0x41, 0x42]);
  dv.setUint32(4, version, true);
  dv.setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(payload, start);
  dv.setUint32(out.length - 4, crc32(out, 0, out.length - 4), true);
  return out;
}

type Edit = (h: Record<string, any>, rnd: () => number) => void;
const withHeader = (file: Uint8Array, edit: Edit, rnd: () => number): Uint8Array => {
  const { header, payload } = split(file);
  edit(header, rnd);
  return assemble(JSON.stringify(header), payload);
};
const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

type Case = [name: string, make: (f: Uint8Array, rnd: () => number) => Uint8Array, expect: RegExp];

const CASES: Case[] = [
  ['bit flip', (f, rnd) => {
    const c = f.slice();
    const i = Math.floor(rnd() * c.length);
    c[i] ^= 1 << Math.floor(rnd() * 8);
    return c;
  }, /checksum|magic|version|header|JSON|truncated|unexpected bytes|field|UTF-8|preset|seed|dims|backend|grid|oversize|payload/],
  ['truncation', (f, rnd) => f.slice(0, Math.floor(rnd() * f.length)), /truncated/],
  ['bad magic', (f, rnd) => { const c = f.slice(); c[Math.floor(rnd() * 4)] ^= 0x20; return c; }, /magic/],
  ['future version', (f, rnd) => { const c = f.slice(); new DataView(c.buffer).setUint32(4, pick(rnd, [STATE_VERSION + 1, 7, 0xffffffff]), true); return c; }, /version \d+ is newer/],
  ['version 0', (f) => { const c = f.slice(); new DataView(c.buffer).setUint32(4, 0, true); return c; }, /unsupported state file version 0/],
  ['header length out of bounds', (f, rnd) => {
    const c = f.slice();
    new DataView(c.buffer).setUint32(8, pick(rnd, [0, 1, 0xffffffff, 1 << 20, c.length]), true);
    return c;
  }, /header length/],
  ['header length off by a few', (f, rnd) => {
    const c = f.slice();
    const dv = new DataView(c.buffer);
    dv.setUint32(8, dv.getUint32(8, true) + pick(rnd, [-3, -1, 1, 5]), true);
    return c;
  }, /JSON|header|UTF-8/],
  ['JSON garbage', (f, rnd) => assemble(pick(rnd, ['{"format": "dendritelab-state",', 'not json at all', '[1,2,3]', 'null', '{}{}']), split(f).payload), /JSON|header/],
  ['non-UTF-8 header', (f) => assemble(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), split(f).payload), /UTF-8/],
  ['deeply nested header', (f) => assemble(`{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, split(f).payload), /nests deeper/],
  ['huge declared field length', (f, rnd) => withHeader(f, (h) => { pick(rnd, h.fields as any[]).length = pick(rnd, [1e12, 2 ** 31, 2 ** 53]); }, rnd), /length|past payload_bytes/],
  ['huge payload_bytes', (f, rnd) => withHeader(f, (h) => { h.payload_bytes = pick(rnd, [MAX_STATE_BYTES + 8, 2 ** 40]); }, rnd), /oversize/],
  ['payload_bytes larger than the data', (f) => withHeader(f, (h) => { h.payload_bytes += 64; }, mulberry32(1)), /truncated/],
  ['wrong grid', (f, rnd) => withHeader(f, (h) => { h.grid = pick(rnd, [[64, 32, 1], [32, 32, 2], [16, 16, 1]]); }, rnd), /grid|length|nz/],
  ['oversize grid', (f) => withHeader(f, (h) => { h.grid = [100000, 100000, 1]; }, mulberry32(2)), /exceeds the 2D limit/],
  ['grid not integers', (f, rnd) => withHeader(f, (h) => { h.grid = pick(rnd, [[32.5, 32, 1], 'big', [32, 32], [-32, 32, 1]]); }, rnd), /grid/],
  ['missing field', (f, rnd) => withHeader(f, (h) => { (h.fields as any[]).splice(Math.floor(rnd() * (h.fields as any[]).length), 1); }, rnd), /is missing/],
  ['extra field', (f) => withHeader(f, (h) => { (h.fields as any[]).push({ name: 'evil', dtype: 'f32', length: 1, offset: 0 }); }, mulberry32(3)), /unexpected field 'evil'/],
  ['duplicated field', (f) => withHeader(f, (h) => { (h.fields as any[]).push({ ...(h.fields as any[])[0] }); }, mulberry32(4)), /listed twice/],
  ['wrong dtype', (f, rnd) => withHeader(f, (h) => { pick(rnd, h.fields as any[]).dtype = pick(rnd, ['f16', 'i32', 7]); }, rnd), /dtype/],
  ['overlapping fields', (f) => withHeader(f, (h) => { (h.fields as any[])[1].offset = (h.fields as any[])[0].offset; }, mulberry32(5)), /overlap/],
  ['misaligned offset', (f) => withHeader(f, (h) => { (h.fields as any[])[2].offset += 4; }, mulberry32(6)), /offset|overlap|past payload/],
  ['header version mismatch', (f) => withHeader(f, (h) => { h.version = STATE_VERSION + 1; }, mulberry32(7)), /header.version/],
  ['wrong format', (f) => withHeader(f, (h) => { h.format = 'png'; }, mulberry32(8)), /header.format/],
  ['unknown header key', (f) => withHeader(f, (h) => { h.rootkit = true; }, mulberry32(9)), /unknown key 'rootkit'/],
  ['missing header key', (f, rnd) => withHeader(f, (h) => { delete h[pick(rnd, ['seed', 'params', 'run', 'fields', 'grid'])]; }, rnd), /missing '(seed|params|run|fields|grid)'/],
  ['parameter out of range', (f, rnd) => withHeader(f, (h) => { h.params.current_mA_cm2 = pick(rnd, [500, -500]); }, rnd), /params: current_mA_cm2 = -?\d+ is out of range \[-100, 100\]/],
  ['parameter of the wrong type', (f) => withHeader(f, (h) => { h.params.collector = 42; }, mulberry32(10)), /params: collector must be one of/],
  ['parameter NaN (null in JSON)', (f) => withHeader(f, (h) => { h.params.dx_um = null; }, mulberry32(11)), /params: dx_um must be a number/],
  ['parameter missing', (f) => withHeader(f, (h) => { delete h.params.alpha; }, mulberry32(12)), /params: alpha is missing/],
  ['unknown parameter', (f) => withHeader(f, (h) => { h.params.warp_factor = 9; }, mulberry32(13)), /unknown parameter 'warp_factor'/],
  ['params inconsistent with grid', (f) => withHeader(f, (h) => { h.params.width_um = 32; }, mulberry32(14)), /does not match the parameters/],
  ['unknown preset', (f, rnd) => withHeader(f, (h) => { h.preset = pick(rnd, ['nope', '__proto__', 'toString']); }, rnd), /unknown preset/],
  ['bad seed', (f, rnd) => withHeader(f, (h) => { h.seed = pick(rnd, [-1, 2 ** 32, 1.5, '7']); }, rnd), /seed must be/],
  ['bad dims', (f) => withHeader(f, (h) => { h.dims = 4; }, mulberry32(15)), /dims must be 2 or 3/],
  ['bad samples rows', (f) => withHeader(f, (h) => { h.samples.rows += 1; }, mulberry32(16)), /field 'samples' has length/],
  ['bad run record', (f, rnd) => withHeader(f, (h) => { h.run[pick(rnd, ['initial_metal_um', 'finished', 'guard_retries'])] = 'x'; }, rnd), /header.run/],
  ['checksum bytes flipped', (f) => { const c = f.slice(); c[c.length - 1] ^= 0xff; return c; }, /checksum mismatch/],
  ['payload byte changed', (f, rnd) => {
    const c = f.slice();
    c[c.length - 5 - Math.floor(rnd() * 1000)] ^= 0x10;
    return c;
  }, /checksum mismatch/],
  ['trailing bytes', (f, rnd) => { const c = new Uint8Array(f.length + 1 + Math.floor(rnd() * 100)); c.set(f); return c; }, /unexpected bytes after the data/],
  ['empty file', () => new Uint8Array(0), /truncated/],
];

describe('protocol state in the file: a bad or missing one is rejected by name', () => {
  const CYCLING: RunConfig = {
    preset: 'liquid-cu-1mA', seed: 2, backend: 'wasm-simd',
    overrides: { width_um: 16, height_um: 12, protocol: 'cycle', cycles: 2, capacity_mAh_cm2: 0.02 },
  };
  let cycling: Uint8Array;
  let constant: Uint8Array;
  beforeAll(async () => {
    const a = await started(CYCLING, 0);
    while (a.protocolReport().cycles.length < 1) a.advance({ maxSteps: 50, maxWallMs: 1e9 });
    cycling = a.saveState();
    constant = (await started(SMALL, 10)).saveState();
    expect(split(cycling).header.protocol).toMatchObject({ phase: 'plate', cycle: 2 });
    expect(split(constant).header.protocol).toBeNull();
  });

  it.each([
    ['a cycling run saved without its protocol (an older file)', () => withHeader(cycling, (h) => { delete h.protocol; delete h.guard_protocol; }, mulberry32(1)), /'cycle' run was saved without its protocol state/],
    ['an unknown phase', () => withHeader(cycling, (h) => { h.protocol.phase = 'boil'; }, mulberry32(2)), /header.protocol.phase must be 'plate', 'strip' or 'done'/],
    ['a cycle number of 0', () => withHeader(cycling, (h) => { h.protocol.cycle = 0; }, mulberry32(3)), /header.protocol.cycle must be an integer/],
    ['a CE that is not a number', () => withHeader(cycling, (h) => { h.protocol.cycles[0].ce = 'high'; }, mulberry32(4)), /header.protocol.cycles\[0\].ce must be a finite number/],
    ['an extra key in a cycle record', () => withHeader(cycling, (h) => { h.protocol.cycles[0].bonus = 1; }, mulberry32(5)), /header.protocol.cycles\[0\] must be an object with the keys/],
    ['CCD steps in a cycling run', () => withHeader(cycling, (h) => { h.protocol.steps = [{ index: 1, current_mA_cm2: 1, t_start_s: 0, t_end_s: 1, shorted: false }]; }, mulberry32(6)), /steps must be empty for protocol 'cycle'/],
    ['a guard snapshot without its protocol', () => withHeader(cycling, (h) => { h.guard_protocol = null; }, mulberry32(7)), /header.guard_protocol must be an object/],
    ['a protocol on a constant run', () => withHeader(constant, (h) => { h.protocol = split(cycling).header.protocol; }, mulberry32(8)), /must be null for protocol 'constant'/],
    ['a CCD strip limit in a cycling run', () => withHeader(cycling, (h) => { h.protocol.stripLimitT = 12; }, mulberry32(10)), /header.protocol.stripLimitT must be null for protocol 'cycle'/],
    ['a strip limit that is not a number', () => withHeader(cycling, (h) => { h.protocol.stripLimitT = 'soon'; }, mulberry32(11)), /header.protocol.stripLimitT must be null or a finite number/],
  ] as const)('%s', async (_name, make, pattern) => {
    const bad = make();
    const res = decodeState(bad);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toMatch(pattern);
    // the open run is untouched
    const open = await started(CYCLING, 5);
    const before = Buffer.from(open.saveState());
    expect((await open.loadState(bad)).ok).toBe(false);
    expect(Buffer.from(open.saveState()).equals(before)).toBe(true);
  });

  it('a file written before the CCD strip limit existed (no stripLimitT) loads and continues as the new one', async () => {
    const old = withHeader(cycling, (h) => { delete h.protocol.stripLimitT; delete h.guard_protocol.stripLimitT; }, mulberry32(12));
    const a = new Run(), b = new Run();
    expect((await a.loadState(old)).ok).toBe(true);
    expect((await b.loadState(cycling)).ok).toBe(true);
    a.advance({ maxSteps: 30, maxWallMs: 1e9 });
    b.advance({ maxSteps: 30, maxWallMs: 1e9 });
    expect(Buffer.from(a.saveState()).equals(Buffer.from(b.saveState()))).toBe(true);
  });

  it('an older constant-protocol file (no protocol keys) still loads', async () => {
    const old = withHeader(constant, (h) => { delete h.protocol; delete h.guard_protocol; }, mulberry32(9));
    expect((await new Run().loadState(old)).ok).toBe(true);
  });
});

describe('corrupted state files: 50 from a seeded fuzzer, each rejected with a specific message', () => {
  let original: Run;
  let file: Uint8Array;
  let before: Buffer;
  beforeAll(async () => {
    original = await started(SMALL, 40);
    file = original.saveState();
    before = Buffer.from(file);
  });

  const rnd = mulberry32(0xd1ab);
  const plan = Array.from({ length: 50 }, (_, i) => {
    const [name, make, pattern] = CASES[i < CASES.length ? i : Math.floor(rnd() * 3)];
    return { i, name, make, pattern, seed: Math.floor(rnd() * 2 ** 31) };
  });

  it.each(plan)('#$i $name', async ({ make, pattern, seed }) => {
    const bad = make(file, mulberry32(seed));
    const t0 = performance.now();
    const res = decodeState(bad);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message.length).toBeGreaterThan(10);
    expect(res.message).toMatch(pattern);
    // the run that was open is untouched: same state, and it keeps stepping
    const load = await original.loadState(bad);
    expect(load).toEqual({ ok: false, issues: [{ param: 'state', message: res.message }] });
    expect(Buffer.from(original.saveState()).equals(before)).toBe(true);
  });

  it('the original run still continues exactly after all rejected loads', async () => {
    const twin = new Run();
    expect((await twin.loadState(file)).ok).toBe(true);
    advanceBoth(original, twin, [25]);
  });

  it('random bytes and random-length prefixes never throw', () => {
    const r = mulberry32(77);
    for (let i = 0; i < 200; i++) {
      const junk = new Uint8Array(Math.floor(r() * 4096));
      for (let j = 0; j < junk.length; j++) junk[j] = Math.floor(r() * 256);
      if (i % 2) junk.set([0x44, 0x4c, 0x41, 0x42, 1, 0, 0, 0].slice(0, junk.length));
      const res = decodeState(junk);
      expect(res.ok).toBe(false);
    }
  });
});
