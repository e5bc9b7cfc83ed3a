// Kernel benchmark: `npm run bench [-- --json] [--quick] [--only simd|scalar|ts] [--threads 1,2,4]`,
// or `npm run bench -- --ccd`: the ccd-dual-lif CCD experiment (seed 1, default 2D grid) end to end,
// wall time against the 3-minute target of issue 4 (about 2.5 min, so not part of the default set).
// Coupled-step throughput (million cell-updates/s = cells × steps / wall s, and steps/s) of each
// backend at 256², 512² and 64³ on a realistic configuration (liquid electrolyte, galvanostatic
// 1 mA/cm², a Li film with bumps); the threaded SIMD kernel at 64³ and 128×128×64 for each thread
// count (default 1 and 2); the planar-1mA preset end to end through Run (wall s).
// Human table by default; --json prints one JSON object per line.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as L from '../../assembly/layout';
import { createKernel } from '../engine/create-kernel';
import type { Kernel } from '../engine/kernel';
import { Run } from '../engine/run';
import { runCcd } from './ccd-run';
import type { Backend } from '../engine/types';
import { toKernelParams } from '../model/units';

export type Grid = [number, number, number];

export interface BenchRow {
  name: string;
  grid: string;              // "512x512x1"
  backend: Backend;
  threads: number;           // 1 = the single-threaded build; > 1 the threaded build on that many threads
  mcells_per_s: number;
  steps_per_s: number;
  steps: number;
  wall_s: number;
  simulated_s?: number;      // planar-1mA only
}

export interface MeasureOptions {
  warmup: number;            // untimed steps first
  minSeconds: number;        // time steps until at least this much wall time ...
  minSteps: number;          // ... and at least this many steps
}

const DX_UM = 0.5;
const FILM_UM = 3;
const BUMP_UM = 2;           // bump height above the film
const BUMP_SIGMA_UM = 2;

/** ξ of a Li film with Gaussian bumps (one per 32 µm of width, staggered in z), tanh profile. */
function writeBumpyFilm(k: Kernel): void {
  const { nx, ny, nz } = k;
  const ell = k.params[L.P_ELL];
  const nb = Math.max(2, Math.round((nx * DX_UM) / 32));
  const bumps = Array.from({ length: nb }, (_, i) => [((i + 0.5) / nb) * nx * DX_UM, (((i * 0.618) % 1) * nz) * DX_UM]);
  const xi = k.view('xi');
  for (let z = 0; z < nz; z++) {
    for (let x = 0; x < nx; x++) {
      let h = FILM_UM;
      for (const [bx, bz] of bumps) {
        const r2 = (x * DX_UM - bx) ** 2 + (nz > 1 ? (z * DX_UM - bz) ** 2 : 0);
        h += BUMP_UM * Math.exp(-r2 / (2 * BUMP_SIGMA_UM ** 2));
      }
      for (let y = 0; y < ny; y++) xi[x + nx * (y + ny * z)] = 0.5 * (1 - Math.tanh(((y + 0.5) * DX_UM - h) / (2 * ell)));
    }
  }
  k.startLedger();
}

/** Build a kernel for the benchmark configuration on exactly `grid` cells (multiples of 8). */
export async function benchKernel(backend: Backend, grid: Grid, seed = 1, threads?: number): Promise<Kernel> {
  const [nx, ny, nz] = grid;
  const kp = toKernelParams({
    electrolyte: 'liquid', mode: 'galvanostatic', current_mA_cm2: 1, collector: 'film',
    dx_um: DX_UM, interface_width_um: 2, li_film_um: FILM_UM,
    width_um: nx * DX_UM, height_um: ny * DX_UM, depth_um: Math.max(nz, 8) * DX_UM,
  }, nz > 1 ? 3 : 2);
  if (kp.grid.join() !== grid.join()) throw new Error(`bench: grid ${kp.grid.join('x')} != requested ${grid.join('x')}`);
  const k = await createKernel(backend, { grid: kp.grid, params: kp.params, seed, threads });
  writeBumpyFilm(k);
  return k;
}

function stepOrThrow(k: Kernel): void {
  const code = k.step();
  if (code !== 0) {
    const st = k.stats();
    throw new Error(`bench: ${k.backend} step failed, code ${code} at cell ${st[L.S_FAIL_INDEX]} value ${st[L.S_FAIL_VALUE]}`);
  }
}

/** Coupled-step throughput of one backend on one grid. */
export async function measureStep(backend: Backend, grid: Grid, opts: MeasureOptions, threads?: number): Promise<BenchRow> {
  const k = await benchKernel(backend, grid, 1, threads);
  try {
    for (let i = 0; i < opts.warmup; i++) stepOrThrow(k);
    let steps = 0;
    const t0 = performance.now();
    let wall = 0;
    while (steps < opts.minSteps || wall < opts.minSeconds) {
      stepOrThrow(k);
      steps++;
      wall = (performance.now() - t0) / 1000;
    }
    const cells = grid[0] * grid[1] * grid[2];
    return {
      name: 'coupled-step', grid: grid.join('x'), backend, threads: k.threads,
      mcells_per_s: (cells * steps) / wall / 1e6, steps_per_s: steps / wall, steps, wall_s: wall,
    };
  } finally {
    k.dispose();
  }
}

/** planar-1mA (1 h at 1 mA/cm²) end to end through Run, as `npm run sim` does (without output files). */
export async function measurePlanar(backend: Backend = 'wasm-simd'): Promise<BenchRow> {
  const t0 = performance.now();
  const run = new Run();
  const init = await run.init({ preset: 'planar-1mA', backend });
  if (!init.ok) throw new Error(`bench: planar-1mA: ${init.issues.map((i) => i.message).join('; ')}`);
  let status = init.status;
  while (!status.finished && !status.failure && !status.short.occurred) {
    status = run.advance({ maxSteps: 100_000, maxWallMs: 1000 });
  }
  const wall = (performance.now() - t0) / 1000;
  if (!status.finished) throw new Error(`bench: planar-1mA did not finish: ${status.failure ?? 'short circuit'}`);
  const cells = status.grid[0] * status.grid[1] * status.grid[2];
  return {
    name: 'planar-1mA', grid: status.grid.join('x'), backend, threads: status.threads,
    mcells_per_s: (cells * status.steps) / wall / 1e6, steps_per_s: status.steps / wall,
    steps: status.steps, wall_s: wall, simulated_s: status.t_s,
  };
}

const GRIDS: Grid[] = [[256, 256, 1], [512, 512, 1], [64, 64, 64]];
const THREAD_GRIDS: Grid[] = [[64, 64, 64], [128, 128, 64]];
const ONLY: Record<string, Backend> = { simd: 'wasm-simd', scalar: 'wasm-scalar', ts: 'ts' };
const USAGE = 'usage: npm run bench -- [--json] [--quick] [--only simd|scalar|ts] [--threads 1,2,4] | --ccd [--json]';
const CCD_PRESET = 'ccd-dual-lif';
const CCD_TARGET_S = 180;

/** The CCD benchmark: one staircase of ccd-dual-lif, seed 1, as `npm run sim -- --protocol ccd` runs it. */
async function benchCcd(json: boolean): Promise<number> {
  const r = await runCcd(CCD_PRESET, 1);
  if (json) {
    process.stdout.write(`${JSON.stringify({ name: CCD_PRESET, backend: 'wasm-simd', threads: 1, ccd_mA_cm2: r.ccd_mA_cm2, steps: r.steps, wall_s: r.wall_s })}\n`);
  } else {
    process.stdout.write(`${CCD_PRESET} (seed 1): CCD ${r.ccd_mA_cm2 ?? 'no short'} mA/cm² in ${r.steps} steps, ` +
      `${fmt(r.wall_s)} s wall on wasm-simd, 1 thread (target <= ${CCD_TARGET_S} s)\n`);
  }
  return 0;
}

const fmt = (x: number, digits = 3): string => Number(x.toPrecision(digits)).toString();

export async function main(argv: readonly string[]): Promise<number> {
  let json = false;
  let quick = false;
  let only: Backend | null = null;
  let threadCounts = [1, 2];
  let ccd = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--ccd') ccd = true;
    else if (a === '--threads') {
      const list = (argv[++i] ?? '').split(',').map(Number);
      if (list.length === 0 || list.some((t) => !Number.isInteger(t) || t < 1 || t > 16)) {
        process.stderr.write(`error: --threads must be a comma-separated list of integers in [1, 16] (got '${argv[i] ?? ''}')\n${USAGE}\n`);
        return 2;
      }
      threadCounts = list;
    }
    else if (a === '--quick') quick = true;
    else if (a === '--only' && ONLY[argv[i + 1]]) only = ONLY[argv[++i]];
    else if (a === '--help') { process.stdout.write(`${USAGE}\n`); return 0; }
    else { process.stderr.write(`error: ${a === '--only' ? `--only must be simd, scalar or ts (got '${argv[i + 1] ?? ''}')` : `unknown flag '${a}'`}\n${USAGE}\n`); return 2; }
  }
  if (ccd) return benchCcd(json);
  const opts: MeasureOptions = quick ? { warmup: 1, minSeconds: 0.2, minSteps: 2 } : { warmup: 3, minSeconds: 2, minSteps: 3 };
  const backends = only ? [only] : (Object.values(ONLY) as Backend[]);

  const out = (row: BenchRow): void => {
    if (json) {
      const { name, grid, backend, threads, mcells_per_s, steps_per_s, steps, wall_s } = row;
      const extra = row.name === 'planar-1mA' ? { steps, wall_s } : {};
      process.stdout.write(`${JSON.stringify({ name, grid, backend, threads, mcells_per_s, steps_per_s, ...extra })}\n`);
    } else {
      process.stdout.write(`${row.name.padEnd(14)}${row.grid.padEnd(12)}${row.backend.padEnd(13)}${String(row.threads).padStart(8)}` +
        `${String(row.steps).padStart(7)}${fmt(row.wall_s).padStart(9)}${fmt(row.mcells_per_s).padStart(10)}${fmt(row.steps_per_s).padStart(10)}\n`);
    }
  };
  if (!json) {
    process.stdout.write(`DendriteLab kernel benchmark (node ${process.version}${quick ? ', --quick' : ''})\n` +
      `${'case'.padEnd(14)}${'grid'.padEnd(12)}${'backend'.padEnd(13)}${'threads'.padStart(8)}${'steps'.padStart(7)}${'wall s'.padStart(9)}` +
      `${'Mcell/s'.padStart(10)}${'steps/s'.padStart(10)}\n`);
  }

  const rows: BenchRow[] = [];
  for (const grid of GRIDS) {
    for (const backend of backends) {
      const row = await measureStep(backend, grid, opts);
      rows.push(row);
      out(row);
    }
  }
  // the threaded build (same bytes as the single-threaded one; rows name their thread count)
  if (!only || only === 'wasm-simd') {
    for (const grid of THREAD_GRIDS) {
      for (const t of threadCounts) {
        const row = await measureStep('wasm-simd', grid, opts, t);
        rows.push(row);
        out(row);
      }
    }
  }
  let planar: BenchRow | null = null;
  if (!only || only === 'wasm-simd') { planar = await measurePlanar('wasm-simd'); out(planar); }

  if (!json) {
    const at512 = (b: Backend) => rows.find((r) => r.grid === '512x512x1' && r.backend === b);
    const simd = at512('wasm-simd');
    const ts = at512('ts');
    if (simd && ts) process.stdout.write(`SIMD / TS at 512x512: ${fmt(simd.mcells_per_s / ts.mcells_per_s)}x (target >= 5x)\n`);
    const threaded = (t: number) => rows.find((r) => r.grid === '128x128x64' && r.threads === t && r.name === 'coupled-step');
    const one = threaded(1), two = threaded(2);
    if (two) process.stdout.write(`128x128x64 on 2 threads: ${fmt(two.steps_per_s)} steps/s (target >= 5)\n`);
    if (one && two) process.stdout.write(`speed-up 1 -> 2 threads at 128x128x64: ${fmt(two.steps_per_s / one.steps_per_s)}x (target >= 1.7x)\n`);
    if (planar) {
      process.stdout.write(`planar-1mA: ${fmt(planar.simulated_s ?? NaN)} s simulated in ${planar.steps} steps, ` +
        `${fmt(planar.wall_s)} s wall on wasm-simd (target <= 10 s)\n`);
    }
  }
  return 0;
}

// Run when executed directly (tsx src/cli/bench.ts ...), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
