// The headless runner, driven in-process through main(argv) with the TS backend on a reduced grid.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { SERIES_COLUMNS, buildSummary } from '../../src/cli/outputs';
import { fieldToPng, upscaleFactor } from '../../src/cli/png';
import { Progress } from '../../src/cli/progress';
import { main } from '../../src/cli/sim';
import { decodeState } from '../../src/model/state';
import type { RunStatus, Sample } from '../../src/engine/types';

const tmp = mkdtempSync(path.join(tmpdir(), 'dendritelab-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(isTTY = false) {
  const text: string[] = [];
  return { isTTY, text, write: (s: string) => { text.push(s); return true; } };
}

async function sim(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, { stdout, stderr });
  return { code, out: stdout.text.join(''), err: stderr.text.join('') };
}

const SMALL = ['--preset', 'planar-1mA', '--set', 'width_um=4', 'height_um=16', '--backend', 'ts'];

describe('sim: a reduced planar-1mA run', () => {
  const out = path.join(tmp, 'planar');
  let result: Awaited<ReturnType<typeof sim>>;

  it('exits 0 and writes every output', async () => {
    result = await sim([...SMALL, '--until', 'steps=20', '--seed', '3', '--frames', '3', '--out', out]);
    expect(result.err).toBe('');               // not a TTY: no progress bar, no errors
    expect(result.code).toBe(0);
    for (const f of ['summary.json', 'series.csv', 'xi.png', 'state.dlab', 'fields.json', 'fields.bin']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
  });

  it('summary.json has the required fields, finite', () => {
    const s = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(s.preset).toBe('planar-1mA');
    expect(s.dims).toEqual([8, 32, 1]);
    expect(s.seed).toBe(3);
    expect(s.backend).toBe('ts');
    expect(s.steps).toBe(20);
    expect(s.failure).toBeNull();
    for (const k of ['dx_um', 'simulated_s', 'wall_s', 'charge_mAh_cm2', 'mean_thickness_um', 'max_height_um', 'ledger_rel_error']) {
      expect(Number.isFinite(s[k]), k).toBe(true);
    }
    expect(s.simulated_s).toBeGreaterThan(0);
    expect(s.charge_mAh_cm2).toBeGreaterThan(0);
    for (const k of ['min', 'max', 'final']) expect(Number.isFinite(s.voltage_V[k]), k).toBe(true);
    expect(s.voltage_V.min).toBeLessThanOrEqual(s.voltage_V.max);
    expect(s.short_circuit).toEqual({ occurred: false, t_s: null, position_um: null });
    expect(s.params.width_um).toBe(4);
    expect(s.params.current_mA_cm2).toBe(1);   // full resolved set, defaults included
  });

  it('series.csv has the header and finite rows', () => {
    const lines = readFileSync(path.join(out, 'series.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t_s,voltage_V,current_mA_cm2,charge_mAh_cm2,mean_thickness_um,max_height_um,ledger_rel_error');
    expect(lines[0].split(',')).toEqual([...SERIES_COLUMNS]);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) {
      const cells = line.split(',').map(Number);
      expect(cells).toHaveLength(SERIES_COLUMNS.length);
      expect(cells.every(Number.isFinite), line).toBe(true);
    }
  });

  it('xi.png decodes, upscaled to ≥ 512 px on the long side', () => {
    const png = PNG.sync.read(readFileSync(path.join(out, 'xi.png')));
    const s = upscaleFactor(8, 32);
    expect([png.width, png.height]).toEqual([8 * s, 32 * s]);
    expect(Math.max(png.width, png.height)).toBeGreaterThanOrEqual(512);
  });

  it('fields.json describes fields.bin (xi, c, phi as float32 LE)', () => {
    const h = JSON.parse(readFileSync(path.join(out, 'fields.json'), 'utf8'));
    expect(h).toMatchObject({ format: 'dendritelab-fields', version: 1, preset: 'planar-1mA', seed: 3, dims: 2, grid: [8, 32, 1], step: 20 });
    expect(h.fields.map((f: { name: string }) => f.name)).toEqual(['xi', 'c', 'phi']);
    const bin = readFileSync(path.join(out, 'fields.bin'));
    const n = 8 * 32;
    expect(bin.length).toBe(3 * 4 * n);
    const xi = h.fields[0];
    expect([xi.offset, xi.length]).toEqual([0, 4 * n]);
    expect(bin.readFloatLE(0)).toBeGreaterThan(0.9);            // collector row is metal
    expect(bin.readFloatLE(4 * (n - 1))).toBeLessThan(0.1);     // top row is electrolyte
  });

  it('--frames 3 with a steps stop writes frames at steps 0, 10, 20', () => {
    const dir = path.join(out, 'frames');
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).sort()).toEqual(['frame_0000.png', 'frame_0001.png', 'frame_0002.png']);
    const rows = readFileSync(path.join(dir, 'index.csv'), 'utf8').trim().split('\n').slice(1);
    expect(rows.map((r) => Number(r.split(',')[2]))).toEqual([0, 10, 20]);
  });

  it('same seed → same state bytes', async () => {
    const again = path.join(tmp, 'planar-again');
    expect((await sim([...SMALL, '--until', 'steps=20', '--seed', '3', '--out', again])).code).toBe(0);
    for (const f of ['fields.bin', 'state.dlab']) {
      expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
  });
});

describe('sim: bad input exits 2 with one line naming the flag or parameter', () => {
  const out = ['--out', path.join(tmp, 'bad')];
  const cases: [string, string[], string][] = [
    ['unknown flag', ['--preset', 'planar-1mA', ...out, '--speed', '2'], '--speed'],
    ['missing value', ['--preset', 'planar-1mA', ...out, '--seed'], '--seed'],
    ['bad number', ['--preset', 'planar-1mA', ...out, '--set', 'current_mA_cm2=fast'], 'current_mA_cm2'],
    ['out of range', ['--preset', 'planar-1mA', ...out, '--set', 'current_mA_cm2=500'], '[-100, 100]'],
    ['unknown parameter', ['--preset', 'planar-1mA', ...out, '--set', 'warp_factor=9'], 'warp_factor'],
    ['unknown preset', ['--preset', 'nope', ...out], '--preset'],
    ['cross-parameter rule', [...SMALL, ...out, '--set', 'dx_um=2'], 'interface_width_um'],
    ['missing --out', ['--preset', 'planar-1mA'], '--out'],
    ['unsupported dims', ['--preset', 'hong2018', '--dims', '3', ...out], '--dims'],
    ['bad dims', ['--preset', 'planar-1mA', '--dims', '1', ...out], '--dims'],
    ['seed too large', ['--preset', 'planar-1mA', '--seed', '4294967296', ...out], '4294967295'],
    ['negative seed', ['--preset', 'planar-1mA', '--seed', '-1', ...out], '--seed'],
    ['bad --until', ['--preset', 'planar-1mA', '--until', 'time_s=0', ...out], '--until'],
    ['bad backend', ['--preset', 'planar-1mA', '--backend', 'cuda', ...out], '--backend'],
    ['bad frames', ['--preset', 'planar-1mA', '--frames', '2.5', ...out], '--frames'],
  ];
  it.each(cases)('%s', async (_name, argv, mention) => {
    const r = await sim(argv);
    expect(r.code).toBe(2);
    expect(r.err.startsWith('error: ')).toBe(true);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain(mention);
    expect(r.out).toBe('');
  });

  it('invalid input creates no output directory', () => {
    expect(existsSync(path.join(tmp, 'bad'))).toBe(false);
  });
});

describe('sim: argument parsing', () => {
  it('accepts several pairs after one --set, --flag=value, and each --until form', () => {
    const r = parseArgs(['--preset=planar-1mA', '--set', 'width_um=8', 'collector=bare', 'li_film_um=0', '--set=noise_per_s=1',
      '--until', 'capacity_mAh_cm2=0.5', '--dims', '3', '--out', 'o']);
    expect(r).toMatchObject({ ok: true, options: {
      preset: 'planar-1mA', dims: 3, backend: 'wasm-simd', out: 'o', until: { kind: 'capacity', mAh_cm2: 0.5 },
      overrides: { width_um: 8, collector: 'bare', li_film_um: 0, noise_per_s: 1 },
    } });
    const until = (u: string) => (parseArgs(['--preset', 'planar-1mA', '--out', 'o', '--until', u]) as { options: { until: unknown } }).options.until;
    expect(until('time_s=60')).toEqual({ kind: 'time', t_s: 60 });
    expect(until('short')).toEqual({ kind: 'short' });
    expect(until('steps=5')).toEqual({ kind: 'steps', steps: 5 });
    expect(parseArgs(['--help'])).toEqual({ ok: true, help: true });
  });
});

describe('sim: PNG and progress', () => {
  it('draws y up (collector at the bottom) and the mid z-slice in 3D', () => {
    const [nx, ny, nz] = [4, 6, 3];
    const f = new Float32Array(nx * ny * nz);
    for (let x = 0; x < nx; x++) f[x + nx * (0 + ny * 1)] = 1;   // y = 0 row of slice z = 1 only
    const png = PNG.sync.read(fieldToPng(f, [nx, ny, nz], { minLongSide: 6 }));
    expect([png.width, png.height]).toEqual([4, 6]);
    const px = (x: number, y: number) => png.data[4 * (y * png.width + x) + 1]; // green channel
    expect(px(0, 5)).toBeGreaterThan(200);   // bottom image row: viridis yellow
    expect(px(0, 0)).toBeLessThan(50);       // top: viridis dark purple
  });

  it('shows a bar only on a TTY', () => {
    const status = { t_s: 1800, steps: 10, voltage_V: -0.03, charge_mAh_cm2: 0.5, max_height_um: 5 } as RunStatus;
    const tty = capture(true);
    const pipe = capture(false);
    for (const s of [tty, pipe]) {
      const p = new Progress(s, { kind: 'time', t_s: 3600 });
      p.update(status);
      p.done(status);
    }
    expect(pipe.text).toEqual([]);
    expect(tty.text.join('')).toContain('50.0%');
    expect(tty.text.join('')).toContain('t 1800 / 3600 s');
  });
});

describe('sim: a solid-electrolyte run exports its mechanics fields', () => {
  it('fields.json adds the hydrostatic and von Mises stress and the LSPS decomposition, with units', async () => {
    const out = path.join(tmp, 'solid');
    const r = await sim(['--preset', 'ccd-dual', '--set', 'width_um=16', 'height_um=32', 'li_film_um=8', 'protocol=constant',
      '--until', 'steps=20', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const h = JSON.parse(readFileSync(path.join(out, 'fields.json'), 'utf8'));
    const names = ['xi', 'c', 'phi', 'stress', 'vonMises', 'lspsDecomposition'];
    expect(h.fields.map((f: { name: string }) => f.name)).toEqual(names);
    expect(Object.keys(h.units)).toEqual(names);
    const n = h.grid[0] * h.grid[1] * h.grid[2];
    const bin = readFileSync(path.join(out, 'fields.bin'));
    expect(bin.length).toBe(names.length * 4 * n);
    const field = (name: string): number[] => {
      const f = h.fields.find((e: { name: string }) => e.name === name);
      return Array.from({ length: n }, (_, i) => bin.readFloatLE(f.offset + 4 * i));
    };
    expect(Math.max(...field('stress')), 'the 20 MPa stack traction compresses the electrolyte').toBeGreaterThan(10);
    expect(Math.min(...field('vonMises'))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...field('vonMises'))).toBeGreaterThan(0);
    const decomposed = field('lspsDecomposition');
    expect(Math.min(...decomposed)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...decomposed)).toBeLessThanOrEqual(1);
  });

  it('a liquid run exports ξ, c and φ only', () => {
    const h = JSON.parse(readFileSync(path.join(tmp, 'planar', 'fields.json'), 'utf8'));
    expect(Object.keys(h.units)).toEqual(['xi', 'c', 'phi']);
  });
});

describe('sim --protocol ccd: a staircase the working electrode cannot strip', () => {
  it('ends without a short and says so in ccd.json, instead of failing the run', async () => {
    // 2 µm of Li under the deposit and 2–5 mA/cm² steps of 10 min: the strip half of a high step pits the
    // thin electrode down to the collector, and the galvanostat finds no potential that carries the current
    const out = path.join(tmp, 'ccd-strip');
    const r = await sim(['--preset', 'ccd-lpscl', '--set', 'width_um=16', 'height_um=24', 'li_film_um=2', 'ccd_step_time_s=600',
      'ccd_start_mA_cm2=2', 'ccd_step_mA_cm2=1', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const c = JSON.parse(readFileSync(path.join(out, 'ccd.json'), 'utf8'));
    expect(c.ended_by).toBe('strip_limit');
    expect(c.ccd_mA_cm2).toBeNull();
    expect(c.failed_at_step).toBeNull();
    const last = c.steps[c.steps.length - 1];
    expect(c.strip_limit_mA_cm2).toBe(last.current_mA_cm2);
    expect(c.steps.length, 'the first step is carried in full').toBeGreaterThan(1);
    // the limit falls in the strip half (the second 300 s) of the last step, which ends there
    expect(c.strip_limit_t_s).toBeGreaterThan(last.t_start_s + 300);
    expect(c.strip_limit_t_s).toBeLessThan(last.t_start_s + 600);
    expect(last.t_end_s).toBe(c.strip_limit_t_s);
    expect(r.out).toContain(`ccd: no short up to ${last.current_mA_cm2} mA/cm²; the staircase ended when the working electrode could not carry`);
    // not on the first galvanostat failure: the stability guard's retries with smaller steps failed too
    const saved = decodeState(readFileSync(path.join(out, 'state.dlab')));
    expect(saved.ok && saved.state.run.guardRetries).toBe(6);
    expect(saved.ok && saved.state.run.failure).toBeNull();
  });
});

describe('summary.json of a long run', () => {
  it('summarises 300 000 samples (a 40-cycle run has that many) without overflowing the call stack', () => {
    // Math.min(...values) threw RangeError past ~10⁵ samples, after the run, so a long run lost its outputs
    const samples: Sample[] = Array.from({ length: 300_000 }, (_, k) => ({
      t_s: k, voltage_V: k === 123_456 ? -0.5 : k === 7 ? 0.25 : -0.01, current_mA_cm2: 1, charge_mAh_cm2: 0,
      mean_thickness_um: 0, max_height_um: 0, ledger_rel_error: k === 99 ? 3e-9 : 1e-12,
    }));
    samples[5].voltage_V = Number.NaN;
    const status = {
      grid: [4, 4, 1], dx_um: 0.5, t_s: 3e5, steps: 3e5, charge_mAh_cm2: 0, mean_thickness_um: 0, max_height_um: 0,
      short: { occurred: false, t_s: null, position_um: null }, voltage_V: -0.01, ledger_rel_error: 1e-12,
      failure: null, finished: true,
    } as unknown as RunStatus;
    const s = buildSummary({ preset: 'planar-1mA', seed: 1, dims: 2, backend: 'ts', stop: { kind: 'steps', steps: 3e5 },
      params: {} as never, status, samples, wall_s: 1 } as Parameters<typeof buildSummary>[0]);
    expect(s.voltage_V).toEqual({ min: -0.5, max: 0.25, final: -0.01 });
    expect(s.ledger_rel_error).toBe(3e-9);
  });
});
