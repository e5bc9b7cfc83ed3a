// 1,000 random parameter sets from a seeded generator over the whole schema (valid values, out of
// range, NaN/Infinity, wrong types, enum garbage, unknown keys) pushed through Run.init (validation)
// and, when accepted, 20 steps on wasm-simd: no throw, no hang; each set either runs with finite
// fields (or stops with a stability-guard message naming the field) or is rejected naming the
// parameter that was broken.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ParamValues } from '../../src/engine/types';
import { PARAM_SPECS, type ParamSpec } from '../../src/model/schema';
import type { FuzzJob, FuzzReply } from './param-fuzz.worker';
import { mulberry32 } from '../support/prng';

const SETS = 1000;
const STEPS = 20;
const MAX_STEPPED_CELLS = 65_536;   // accepted sets above this (wide-geometry group only) are validated, not stepped
const CROSS_RULE_PARAMS = new Set(['interface_width_um', 'li_film_um', 'dx_um']);
const GUARD_MESSAGE = /phase field ξ|concentration c|potential φ|time step fell below dt_min_s|elliptic solver|current_mA_cm2/;
const GEOMETRY = new Set(['width_um', 'height_um', 'depth_um', 'dx_um', 'interface_width_um', 'li_film_um', 'collector']);


type R = () => number;
const pick = <T,>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const uniform = (r: R, a: number, b: number) => a + (b - a) * r();
/** log-uniform when the range spans decades and is positive, else uniform */
function inRange(r: R, min: number, max: number): number {
  if (min > 0 && max / min > 100) return Math.exp(uniform(r, Math.log(min), Math.log(max)));
  return uniform(r, min, max);
}

function validValue(spec: ParamSpec, r: R): number | string | boolean {
  if (spec.kind === 'enum') return pick(r, spec.options);
  if (spec.kind === 'boolean') return r() < 0.5;
  if (r() < 0.1) return pick(r, [spec.min, spec.max, spec.default]); // the bounds themselves are valid
  const v = inRange(r, spec.min, spec.max);
  return spec.kind === 'integer' ? Math.round(v) : Math.min(spec.max, Math.max(spec.min, v));
}

function brokenValue(spec: ParamSpec, r: R): unknown {
  const wrongType = [null, undefined, {}, [1], '5', 'NaN', true];
  if (spec.kind === 'enum') return pick(r, ['garbage', '', spec.options[0].toUpperCase(), ` ${spec.options[0]}`, 3, null, false]);
  if (spec.kind === 'boolean') return pick(r, ['true', 1, 0, null, 'yes', {}]);
  const span = spec.max - spec.min || 1;
  return pick(r, [
    spec.min - span * (0.001 + r()), spec.max + span * (0.001 + r()), spec.max * 10 + 1, -1e308, 1e308,
    NaN, Infinity, -Infinity, pick(r, wrongType),
  ]);
}

interface Draw { set: ParamValues; dims: 2 | 3; broken: Set<string>; wide: boolean }

const cellsUm = (length: number, dx: number) => 8 * Math.max(1, Math.round(length / (8 * dx))) * dx;

/** Geometry that keeps the grid small (most sets), or spans the schema's full ranges (wide). */
function geometry(r: R, dims: 2 | 3, wide: boolean): ParamValues {
  const dx = wide ? inRange(r, 0.05, 5) : dims === 3 ? uniform(r, 0.5, 1) : uniform(r, 0.25, 1);
  const big = dims === 3 ? 8 : 16;
  const width = wide ? inRange(r, 4, 2000) : uniform(r, 4, big);
  const height = wide ? inRange(r, 4, 2000) : uniform(r, 4, big);
  const depth = wide ? inRange(r, 4, 1000) : uniform(r, 4, 8);
  // δ: mostly 2–6 cells and under a quarter of the height (the validator needs height > 2δ + film)
  const interface_width_um = r() < 0.9 ? dx * uniform(r, 2, Math.max(2, Math.min(6, height / (4 * dx)))) : inRange(r, 0.05, 40);
  // a film needs δ ≤ film < height − 2δ (cells are rounded, so keep a margin)
  const filmRoom = Math.min(height, cellsUm(height, dx)) - 2 * interface_width_um - dx;
  const collector = r() < 0.5 || filmRoom <= interface_width_um ? 'bare' : 'film';
  const li_film_um = r() < 0.1
    ? uniform(r, 0, 20)                                          // often inconsistent: a cross-rule rejection
    : collector === 'bare' ? 0 : uniform(r, interface_width_um, filmRoom);
  return { width_um: width, height_um: height, depth_um: depth, dx_um: dx, interface_width_um, collector, li_film_um };
}

function draw(r: R): Draw {
  const dims: 2 | 3 = r() < 0.2 ? 3 : 2;
  const wide = r() < 0.1;
  const geo = geometry(r, dims, wide);
  const set: ParamValues = {};
  const broken = new Set<string>();
  for (const spec of PARAM_SPECS) {
    const roll = r();
    if (roll < 0.02) continue;                       // left out: the preset/default value applies
    if (roll < 0.03) {
      set[spec.name] = brokenValue(spec, r) as never;
      broken.add(spec.name);
    } else {
      set[spec.name] = GEOMETRY.has(spec.name) ? geo[spec.name] : validValue(spec, r);
    }
  }
  if (r() < 0.03) {
    const key = pick(r, ['warp_factor', 'toString', 'constructor', 'current', 'Width_um']);
    set[key] = 1;
    broken.add(key);
  }
  return { set, dims, broken, wide };
}

const HANG_MS = 8000;   // a set normally takes < 0.2 s; no reply within this is reported as a hang

/** Runs jobs in a worker thread; a job without a reply within HANG_MS terminates the worker (a hang). */
class Harness {
  private worker: Worker | null = null;
  private pending: ((r: FuzzReply | 'hang') => void) | null = null;

  private start(): Worker {
    // a plain .mjs entry that registers tsx, so the worker can import TypeScript
    const w = new Worker(new URL('./param-fuzz.worker-boot.mjs', import.meta.url));
    w.on('message', (r: FuzzReply) => this.pending?.(r));
    w.on('error', (e) => this.pending?.({ n: -1, kind: 'threw', where: 'init', message: `worker error: ${e.message}` }));
    return w;
  }

  run(job: FuzzJob): Promise<FuzzReply | 'hang'> {
    const w = (this.worker ??= this.start());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void w.terminate();
        this.worker = null;
        resolve('hang');
      }, HANG_MS);
      this.pending = (r) => {
        clearTimeout(timer);
        this.pending = null;
        resolve(r);
      };
      w.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

describe('parameter fuzz: 1,000 random sets through validation and 20 steps', () => {
  it('each set runs finite, stops with a guard message, or is rejected naming the broken parameter', async () => {
    const r = mulberry32(0x1000);
    const counts = { ran: 0, guardStopped: 0, rejected: 0, rejectedCrossRule: 0, acceptedTooLargeToStep: 0 };
    const crossRules = new Map<string, number>();
    const hangs: string[] = [];
    let slowest = 0;
    const harness = new Harness();
    try {
      for (let n = 0; n < SETS; n++) {
        const { set, dims, broken, wide } = draw(r);
        const label = `set #${n} (dims ${dims}${wide ? ', wide geometry' : ''}): ${JSON.stringify(set)}`;
        const reply = await harness.run({ n, set, dims, steps: STEPS, maxCells: MAX_STEPPED_CELLS });
        if (reply === 'hang') {
          hangs.push(label);
          continue;
        }
        if (reply.kind === 'threw') throw new Error(`${reply.where} threw for ${label}: ${reply.message}`);
        if (reply.kind === 'rejected') {
          counts.rejected++;
          const issues = reply.issues;
          expect(issues.length, label).toBeGreaterThan(0);
          const named = new Set(issues.map((i) => i.param));
          for (const b of broken) expect(named.has(b), `${label}: no issue names ${b}: ${JSON.stringify(issues)}`).toBe(true);
          for (const issue of issues) {
            expect(issue.message, label).toContain(issue.param);
            if (!broken.has(issue.param)) expect(CROSS_RULE_PARAMS.has(issue.param), `${label}: ${issue.message}`).toBe(true);
          }
          if (broken.size === 0) {
            counts.rejectedCrossRule++;
            for (const i of issues) crossRules.set(i.param, (crossRules.get(i.param) ?? 0) + 1);
          }
          continue;
        }
        expect(broken.size, `${label} was accepted although ${[...broken]} are broken`).toBe(0);
        if (reply.kind === 'too-large') {
          expect(wide, label).toBe(true);
          counts.acceptedTooLargeToStep++;
          continue;
        }
        const { status, finite, ms } = reply;
        slowest = Math.max(slowest, ms);
        const done = status.steps >= STEPS || status.failure !== null || status.finished || status.short.occurred;
        expect(done, `${label}: neither ${STEPS} steps nor a stop after 10 advance calls`).toBe(true);
        if (status.failure) {
          counts.guardStopped++;
          expect(status.failure, label).toMatch(GUARD_MESSAGE);
        } else {
          counts.ran++;
          for (const f of ['xi', 'c', 'phi']) expect(finite[f], `${label}: ${f} not finite`).toBe(true);
          expect(Number.isFinite(status.t_s) && Number.isFinite(status.voltage_V), label).toBe(true);
        }
      }
    } finally {
      await harness.close();
    }
    console.log(`param fuzz: ${SETS} sets → ${counts.ran} ran ${STEPS} steps with finite fields, ` +
      `${counts.guardStopped} stopped by the stability guard with a message, ${counts.rejected} rejected ` +
      `(${counts.rejectedCrossRule} by cross-parameter rules only: ${[...crossRules].map(([p, k]) => `${p} ×${k}`).join(', ')}), ` +
      `${counts.acceptedTooLargeToStep} accepted but too large to step here (> ${MAX_STEPPED_CELLS} cells), ` +
      `${hangs.length} hung (> ${HANG_MS / 1000} s); slowest set ${slowest.toFixed(0)} ms`);
    expect(hangs, `sets that hung:\n${hangs.join('\n')}`).toEqual([]);
    expect(counts.ran + counts.guardStopped + counts.rejected + counts.acceptedTooLargeToStep).toBe(SETS);
    expect(counts.ran).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(100);
  });
});
