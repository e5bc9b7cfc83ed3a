// Seed screen: `npm run screen -- --electrolyte liquid|lpscl --out DIR [--seed N] [--cycles N]`.
// Runs bare Cu and the six seeds (src/model/seeds.ts) at 1 mA/cm² to 1 mAh/cm² with the Run class
// and writes DIR/screen.json, DIR/screen.csv and DIR/screen.png (ξ snapshots + η_nuc and surface-area
// bars), plus a table on stdout. Exit codes: 0 success, 1 a run failed (the outputs are still
// written), 2 bad input.
import { accessSync, constants as fsConstants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { morphology, type Morphology } from '../analysis/morphology';
import { platingOverpotentials, type PlatingOverpotentials, type VoltagePoint } from '../analysis/overpotential';
import { Run } from '../engine/run';
import type { ParamValues, RunStatus, StopCondition } from '../engine/types';
import { PARAM_BY_NAME } from '../model/schema';
import {
  SEED_METALS, SEED_TABLE, isSeedMetal, seedPresetId, type SeedElectrolyte, type SeedMetal,
} from '../model/seeds';
import { parseParamValue } from '../model/validate';
import { screenFigure } from './screen-figure';

export const SCREEN_USAGE = `usage: npm run screen -- --electrolyte liquid|lpscl --out DIR [options]
  --electrolyte E        liquid (3 M LiFSI/FSA) or lpscl (Li6PS5Cl, 390 MPa assembly, 20 MPa stack)
  --out DIR              output directory (created if missing): screen.json, screen.csv, screen.png
  --seed N               integer in [0, 4294967295] (default 1), the same for every metal
  --cycles N             integer in [1, 1000]: plate 1 mAh/cm², strip to the cut-off, N times
                         (protocol 'cycle'); gives ce_first_cycle. Default: one plating, no strip
  --metals LIST          comma-separated subset of ${SEED_METALS.join(',')} (default all)
  --max-wall-s N         stop a run that is still going after N s of wall time (default 900) and
                         report it as failed
  --set name=value ...   override schema parameters for every metal (e.g. width_um=48 height_um=24)
  --help                 this text`;

export interface ScreenOptions {
  electrolyte: SeedElectrolyte;
  seed: number;
  cycles: number | null;
  metals: SeedMetal[];
  overrides: ParamValues;
  /** a run still going after this much wall time is stopped and reported as failed (default 900 s) */
  maxWallSPerMetal?: number;
  /** plated capacity (mAh/cm², default 1: the paper's 1 mA/cm² for 1 h) */
  capacity_mAh_cm2?: number;
}

/** one cycle as reported by the cycling protocol (Run.protocolReport) */
export interface ScreenCycle {
  index: number;
  plated_mAh_cm2: number;
  stripped_mAh_cm2: number;
  ce: number;
  eta_nuc_mV: number;
  dead_li_um: number;
  sei_um: number;
}

export interface MetalResult {
  metal: SeedMetal;
  name: string;
  preset: string;
  eta_nuc_mV: number | null;
  eta_plating_mV: number | null;
  surface_area_ratio: number | null;
  mean_island_um: number | null;
  max_height_um: number | null;
  ce_first_cycle: number | null;
  short_circuit: boolean;
  // more detail
  tip_V: number | null;
  tip_t_s: number | null;
  roughness_um: number | null;
  islands: number | null;
  attached_islands: number | null;
  porosity: number | null;
  lateral_spread: number | null;
  metal_um: number | null;
  cycles: ScreenCycle[] | null;
  cumulative_ce: number | null;
  steps: number;
  simulated_s: number;
  wall_s: number;
  failure: string | null;
}

export interface MetalRun {
  result: MetalResult;
  xi: Float32Array | null;               // ξ at the end of the (first) plating
  grid: [number, number, number];
  dx_um?: number;
}

const round = (x: number | null | undefined, digits = 4): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(digits));

/** the preset of a metal: liquid-cu-1mA for bare Cu in liquid, else the generated seed presets */
export function presetFor(metal: SeedMetal, electrolyte: SeedElectrolyte): string {
  return seedPresetId(metal, electrolyte);
}

/** η_nuc is read from a per-step trace over the first quarter of the plating (the dip lasts ms) */
const FINE_FRACTION = 0.25;
const MAX_FINE_POINTS = 200_000;

/** The shape of Run.protocolReport() this screen reads (cycling protocol). */
interface ProtocolReportLike {
  kind: string;
  phase?: string;
  cycles: ScreenCycle[];
  cumulative_ce: number | null;
}

/** Run.protocolReport() if this Run has it (the cycling protocol), else null. */
export function readProtocolReport(run: Run): ProtocolReportLike | null {
  const r = run as unknown as { protocolReport?: () => ProtocolReportLike };
  return typeof r.protocolReport === 'function' ? r.protocolReport() : null;
}

/** Run one metal; never throws for a failed run (the failure is in the result). */
export async function runMetal(metal: SeedMetal, o: ScreenOptions): Promise<MetalRun> {
  const preset = presetFor(metal, o.electrolyte);
  const capacity = o.capacity_mAh_cm2 ?? 1;
  const overrides: ParamValues = { ...o.overrides };
  if (o.cycles !== null) Object.assign(overrides, { protocol: 'cycle', cycles: o.cycles, capacity_mAh_cm2: capacity });
  const stop: StopCondition = { kind: 'capacity', mAh_cm2: capacity };
  const t0 = performance.now();
  const run = new Run();
  const init = await run.init({ preset, overrides, seed: o.seed });
  if (!init.ok) throw new Error(`${preset}: ${init.issues.map((i) => i.message).join('; ')}`);
  let status: RunStatus = init.status;
  const cycling = o.cycles !== null;
  const fine: VoltagePoint[] = [];
  let xi: Float32Array | null = null;
  let firstPlating = true;
  let wallLimit: string | null = null;

  for (;;) {
    const early = firstPlating && status.charge_mAh_cm2 < FINE_FRACTION * capacity && fine.length < MAX_FINE_POINTS;
    // cycling: single steps through the first plating so ξ is taken exactly where it ends
    const single = early || (cycling && firstPlating);
    status = run.advance({ maxSteps: single ? 1 : 2000, maxWallMs: 250, stop: cycling ? undefined : stop, pauseOnShort: true });
    if (early) fine.push({ t_s: status.t_s, voltage_V: status.voltage_V, current_mA_cm2: 1 });
    if (firstPlating && cycling) {
      const rep = readProtocolReport(run);
      if (rep && (rep.phase !== 'plate' || rep.cycles.length > 0)) { firstPlating = false; xi = run.field('xi'); }
    }
    if (status.finished || status.failure || status.short.occurred) break;
    if ((performance.now() - t0) / 1000 > (o.maxWallSPerMetal ?? 900)) {
      wallLimit = `wall-time limit of ${o.maxWallSPerMetal ?? 900} s reached at t = ${status.t_s.toPrecision(6)} s ` +
        `(${status.charge_mAh_cm2.toPrecision(4)} mAh/cm², ${status.steps} steps, dt ${status.dt_s.toExponential(2)} s)`;
      break;
    }
  }
  if (!xi) xi = run.field('xi');

  // a run that failed before the end of its (first) plating gets no metrics: a partial trace or
  // deposit would read as a result
  const failure = status.failure ?? wallLimit;
  const complete = failure === null || (cycling && !firstPlating);
  const samples = run.samples(0).map((s) => ({ t_s: s.t_s, voltage_V: s.voltage_V, current_mA_cm2: s.current_mA_cm2 }));
  const eta: PlatingOverpotentials | null = complete ? platingOverpotentials([...fine, ...samples]) : null;
  const [nx, ny, nz] = status.grid;
  let m: Morphology | null = null;
  if (complete) { try { m = morphology(xi, { nx, ny, nz, dx: status.dx_um }); } catch { m = null; } }
  const rep = cycling ? readProtocolReport(run) : null;
  const cycles = rep ? rep.cycles.map((c) => ({
    index: c.index, plated_mAh_cm2: round(c.plated_mAh_cm2)!, stripped_mAh_cm2: round(c.stripped_mAh_cm2)!,
    ce: round(c.ce, 6)!, eta_nuc_mV: round(c.eta_nuc_mV)!, dead_li_um: round(c.dead_li_um)!, sei_um: round(c.sei_um)!,
  })) : null;
  const result: MetalResult = {
    metal,
    name: SEED_TABLE[metal].name,
    preset,
    eta_nuc_mV: round(eta?.eta_nuc_mV),
    eta_plating_mV: round(eta?.eta_plating_mV),
    surface_area_ratio: round(m?.surface_area_ratio),
    mean_island_um: round(m?.mean_island_um),
    max_height_um: round(m?.max_height_um),
    ce_first_cycle: cycles && cycles.length > 0 ? cycles[0].ce : null,
    short_circuit: status.short.occurred,
    tip_V: round(eta?.tip_V),
    tip_t_s: round(eta?.tip_t_s),
    roughness_um: round(m?.roughness_um),
    islands: m ? m.islands : null,
    attached_islands: m ? m.attached_islands : null,
    porosity: round(m?.porosity),
    lateral_spread: round(m?.lateral_spread),
    metal_um: round(m?.metal_um),
    cycles,
    cumulative_ce: rep ? round(rep.cumulative_ce, 6) : null,
    steps: status.steps,
    simulated_s: round(status.t_s, 6) ?? 0,
    wall_s: round((performance.now() - t0) / 1000, 3) ?? 0,
    failure,
  };
  return { result, xi, grid: status.grid, dx_um: status.dx_um };
}

export interface ScreenResult {
  electrolyte: SeedElectrolyte;
  seed: number;
  cycles: number | null;
  overrides: ParamValues;
  definitions: Record<string, string>;
  wall_s: number;
  metals: MetalResult[];
}

export const DEFINITIONS: Record<string, string> = {
  eta_nuc_mV: 'Pei et al., Nano Lett. 2017: |V| at the nucleation dip (most negative voltage in the first quarter of the first plating, per-step trace) minus the growth plateau |V| (mean over the last half of the plating)',
  eta_plating_mV: 'mean |V| over the last half of the first plating',
  surface_area_ratio: 'length of the ξ = ½ iso-line (marching squares; iso-surface by marching tetrahedra in 3D) per collector width, at the end of the first plating',
  mean_island_um: 'mean lateral size of the connected components of ξ > ½ (periodic in x, z)',
  max_height_um: 'highest point of the top surface ξ = ½',
  ce_first_cycle: 'stripped / plated charge of cycle 1 (Run.protocolReport, only with --cycles)',
};

export async function runScreen(o: ScreenOptions, onMetal?: (r: MetalRun) => void): Promise<{ screen: ScreenResult; runs: MetalRun[] }> {
  const t0 = performance.now();
  const runs: MetalRun[] = [];
  for (const metal of o.metals) {
    const r = await runMetal(metal, o);
    runs.push(r);
    onMetal?.(r);
  }
  return {
    screen: {
      electrolyte: o.electrolyte, seed: o.seed, cycles: o.cycles, overrides: o.overrides, definitions: DEFINITIONS,
      wall_s: round((performance.now() - t0) / 1000, 3) ?? 0, metals: runs.map((r) => r.result),
    },
    runs,
  };
}

// ---------------------------------------------------------------- outputs

const CSV_COLUMNS: (keyof MetalResult)[] = [
  'metal', 'preset', 'eta_nuc_mV', 'eta_plating_mV', 'surface_area_ratio', 'mean_island_um', 'max_height_um',
  'ce_first_cycle', 'short_circuit', 'roughness_um', 'islands', 'attached_islands', 'porosity', 'lateral_spread',
  'metal_um', 'tip_V', 'tip_t_s', 'cumulative_ce', 'steps', 'simulated_s', 'wall_s', 'failure',
];

export function screenCsv(s: ScreenResult): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const t = String(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `${CSV_COLUMNS.join(',')}\n${s.metals.map((m) => CSV_COLUMNS.map((c) => cell(m[c])).join(',')).join('\n')}\n`;
}

const num = (v: number | null, digits: number): string => (v === null ? 'n/a' : v.toFixed(digits));

export function screenTable(s: ScreenResult): string {
  const head = ['metal', 'η_nuc mV', 'η_plat mV', 'area', 'island µm', 'rough µm', 'h_max µm', 'CE 1', 'short'];
  const rows = s.metals.map((m) => [
    m.name, num(m.eta_nuc_mV, 1), num(m.eta_plating_mV, 1), num(m.surface_area_ratio, 3), num(m.mean_island_um, 2),
    num(m.roughness_um, 2), num(m.max_height_um, 2), m.ce_first_cycle === null ? '—' : (100 * m.ce_first_cycle).toFixed(2) + ' %',
    m.failure ? 'FAILED' : m.short_circuit ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function writeScreen(out: string, s: ScreenResult, runs: MetalRun[]): void {
  writeFileSync(path.join(out, 'screen.json'), `${JSON.stringify(s, null, 2)}\n`);
  writeFileSync(path.join(out, 'screen.csv'), screenCsv(s));
  const first = runs.find((r) => r.dx_um !== undefined);
  const width = first ? `, PANELS ${(first.grid[0] * first.dx_um!).toFixed(0)} µM WIDE (YELLOW = LI METAL)` : '';
  const title = `${s.electrolyte === 'liquid' ? 'LIQUID (3 M LIFSI/FSA)' : 'LPSCL (390 MPA ASSEMBLY, 20 MPA STACK)'}: ` +
    `1 MA/CM², SEED ${s.seed}${width}`;
  const png = screenFigure(runs.map((r) => ({
    label: r.result.name === 'bare Cu' ? 'Cu' : r.result.name,
    sublabel: `ηNUC ${num(r.result.eta_nuc_mV, 0)} MV  AREA ${num(r.result.surface_area_ratio, 2)}`,
    sublabel2: `ISLAND ${num(r.result.mean_island_um, 1)} µM  HMAX ${num(r.result.max_height_um, 1)} µM`,
    xi: r.xi, grid: r.grid,
    eta_nuc_mV: r.result.eta_nuc_mV, surface_area_ratio: r.result.surface_area_ratio,
    flag: r.result.failure ? 'FAILED' : r.result.short_circuit ? 'SHORT' : undefined,
  })), { title, refIndex: runs.findIndex((r) => r.result.metal === 'cu') });
  writeFileSync(path.join(out, 'screen.png'), png);
}

// ---------------------------------------------------------------- command line

export type ParsedScreenArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; options: ScreenOptions; out: string }
  | { ok: false; error: string };

const INT_TEXT = /^\+?\d+$/;

export function parseScreenArgs(argv: readonly string[]): ParsedScreenArgs {
  const fail = (error: string): ParsedScreenArgs => ({ ok: false, error });
  const args = [...argv];
  let electrolyte: SeedElectrolyte | undefined;
  let seed = 1, cycles: number | null = null, out: string | undefined;
  let metals: SeedMetal[] = [...SEED_METALS];
  let maxWall = 900;
  const overrides: ParamValues = {};
  while (args.length > 0) {
    let arg = args.shift()!;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--set=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    if (arg === '--help' || arg === '-h') return { ok: true, help: true };
    const value = (): string | null => {
      const v = inline ?? args.shift();
      return v === undefined || (inline === undefined && v.startsWith('--')) ? null : v;
    };
    switch (arg) {
      case '--electrolyte': {
        const v = value();
        if (v !== 'liquid' && v !== 'lpscl') return fail(`--electrolyte must be liquid or lpscl (got ${v === null ? 'no value' : `'${v}'`})`);
        electrolyte = v;
        break;
      }
      case '--seed': {
        const v = value();
        const n = v !== null && INT_TEXT.test(v) ? Number(v) : NaN;
        if (!(n >= 0 && n <= 0xffffffff)) return fail(`--seed must be an integer in [0, 4294967295] (got ${v === null ? 'no value' : `'${v}'`})`);
        seed = n;
        break;
      }
      case '--cycles': {
        const v = value();
        const n = v !== null && INT_TEXT.test(v) ? Number(v) : NaN;
        if (!(n >= 1 && n <= 1000)) return fail(`--cycles must be an integer in [1, 1000] (got ${v === null ? 'no value' : `'${v}'`})`);
        cycles = n;
        break;
      }
      case '--max-wall-s': {
        const v = value();
        const n = v !== null && /^\+?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
        if (!(n >= 1 && n <= 86400)) return fail(`--max-wall-s must be a number of seconds in [1, 86400] (got ${v === null ? 'no value' : `'${v}'`})`);
        maxWall = n;
        break;
      }
      case '--out': {
        const v = value();
        if (v === null || v === '') return fail('--out needs a directory');
        out = v;
        break;
      }
      case '--metals': {
        const v = value();
        const list = v === null ? [] : v.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const bad = list.find((m) => !isSeedMetal(m));
        if (list.length === 0 || bad !== undefined) {
          return fail(`--metals must be a comma-separated subset of ${SEED_METALS.join(',')} (got ${v === null ? 'no value' : `'${v}'`})`);
        }
        metals = SEED_METALS.filter((m) => list.includes(m));
        break;
      }
      default: {
        if (arg === '--set' || arg.startsWith('--set=')) {
          const first = arg === '--set' ? value() : arg.slice('--set='.length);
          if (first === null) return fail('--set needs name=value');
          const pairs = [first];
          while (args.length > 0 && !args[0].startsWith('--')) pairs.push(args.shift()!);
          for (const pair of pairs) {
            const eq = pair.indexOf('=');
            if (eq <= 0) return fail(`--set expects name=value with a schema parameter name (got '${pair}')`);
            const parsed = parseParamValue(pair.slice(0, eq), pair.slice(eq + 1));
            if (!parsed.ok) {
              const known = PARAM_BY_NAME[pair.slice(0, eq)] ? '' : '; see npm run sim -- --help for parameter names';
              return fail(`--set: ${parsed.issue.message}${known}`);
            }
            overrides[pair.slice(0, eq)] = parsed.value;
          }
          break;
        }
        return fail(`unknown flag '${arg}'; valid: --electrolyte, --out, --seed, --cycles, --metals, --max-wall-s, --set, --help`);
      }
    }
  }
  if (!electrolyte) return fail('--electrolyte is required: liquid or lpscl');
  if (!out) return fail('--out DIR is required');
  return { ok: true, help: false, options: { electrolyte, seed, cycles, metals, overrides, maxWallSPerMetal: maxWall }, out };
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir loops forever on some special file systems
 * (e.g. a path under /proc), this one fails with the first error.
 */
export function ensureDir(dir: string): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let p = abs;
  while (!existsSync(p)) {
    missing.push(p);
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const m of missing.reverse()) mkdirSync(m);
  if (!statSync(abs).isDirectory()) throw new Error('not a directory');
}

export interface ScreenIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function main(argv: readonly string[], io: ScreenIO = process): Promise<number> {
  const error = (message: string, code: number): number => {
    io.stderr.write(`error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  };
  const parsed = parseScreenArgs(argv);
  if (!parsed.ok) return error(parsed.error, 2);
  if (parsed.help) { io.stdout.write(`${SCREEN_USAGE}\n`); return 0; }
  const { options, out } = parsed;
  // before any run: a screen takes minutes, an unwritable directory should not cost them
  try {
    ensureDir(out);
    accessSync(out, fsConstants.W_OK);
  } catch (e) {
    return error(`--out: cannot write to directory '${out}': ${(e as Error).message}`, 2);
  }
  const t0 = performance.now();
  let result;
  try {
    result = await runScreen(options, (r) => {
      io.stderr.write(`${r.result.preset}: ${r.result.steps} steps, ${r.result.wall_s.toFixed(1)} s wall` +
        `${r.result.failure ? `, FAILED: ${r.result.failure}` : ''}\n`);
    });
  } catch (e) {
    return error((e as Error).message, 2);
  }
  writeScreen(out, result.screen, result.runs);
  const wall = (performance.now() - t0) / 1000;
  io.stdout.write(`${screenTable(result.screen)}\n`);
  io.stdout.write(`${options.electrolyte} screen, seed ${options.seed}: ${result.runs.length} runs in ${wall.toFixed(1)} s wall → ${out}\n`);
  if (options.cycles !== null && result.screen.metals.every((m) => m.ce_first_cycle === null)) {
    io.stdout.write('note: the cycling protocol reported no completed cycle (ce_first_cycle: null)\n');
  }
  return result.screen.metals.some((m) => m.failure) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
