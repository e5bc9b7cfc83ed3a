// DEVELOPMENT MOCK — not physics. A cheap RunApi with a growing film and a few fingers, used by
// `?engine=mock` to exercise the UI without the wasm kernel. The app's real engine is src/engine/run.ts.
import type { ProtocolReport } from '../engine/protocol';
import type { AdvanceOptions, InitResult, LoadStateResult, RunApi, SetParamResult } from '../engine/run-api';
import type { FieldName, ParamValues, RunConfig, RunStatus, Sample } from '../engine/types';
import { PARAM_BY_NAME, PARAM_SPECS, describeDomain } from '../model/schema';

const MAH_PER_UM = 0.2064; // mAh/cm² of Li per µm of dense Li (≈ 0.206)

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 4294967296);
}

export class MockRun implements RunApi {
  private values: ParamValues = {};
  private seed = 1;
  private nx = 8;
  private ny = 8;
  private dx = 1;
  private t = 0;
  private steps = 0;
  private rows: Sample[] = [];
  private fingers: { x: number; h: number; rate: number; w: number }[] = [];
  private film = 0;
  private short: RunStatus['short'] = { occurred: false, t_s: null, position_um: null };
  private xi = new Float32Array(64);

  init(config: RunConfig): InitResult {
    this.values = Object.fromEntries(PARAM_SPECS.map((s) => [s.name, s.default]));
    Object.assign(this.values, config.overrides ?? {});
    this.seed = config.seed ?? 1;
    this.restart();
    return { ok: true, status: this.status() };
  }

  private restart(): void {
    this.dx = Number(this.values.dx_um);
    this.nx = Math.max(8, Math.round(Number(this.values.width_um) / this.dx / 8) * 8);
    this.ny = Math.max(8, Math.round(Number(this.values.height_um) / this.dx / 8) * 8);
    this.xi = new Float32Array(this.nx * this.ny);
    this.t = 0;
    this.steps = 0;
    this.rows = [];
    this.film = Number(this.values.li_film_um);
    this.short = { occurred: false, t_s: null, position_um: null };
    const r = rng(this.seed);
    this.fingers = Array.from({ length: 4 }, () => ({ x: r() * this.nx * this.dx, h: 0, rate: 0.5 + r(), w: 1 + 2 * r() }));
  }

  advance(o: AdvanceOptions): RunStatus {
    const t0 = performance.now();
    for (let n = 0; n < o.maxSteps; n++) {
      if (this.short.occurred && o.pauseOnShort !== false) break;
      if (this.stopReached(o)) break;
      this.step();
      if (performance.now() - t0 > o.maxWallMs) break;
    }
    return this.status();
  }

  private stopReached(o: AdvanceOptions): boolean {
    const s = o.stop;
    if (!s) return false;
    if (s.kind === 'time') return this.t >= s.t_s;
    if (s.kind === 'steps') return this.steps >= s.steps;
    if (s.kind === 'capacity') return this.charge() >= s.mAh_cm2;
    return this.short.occurred;
  }

  private charge(): number {
    return (Number(this.values.current_mA_cm2) * this.t) / 3600;
  }

  private step(): void {
    const dt = 0.5;
    const i = Number(this.values.current_mA_cm2);
    const v_um_s = (i / 3600) / MAH_PER_UM; // Faraday: dense-film growth rate
    this.t += dt;
    this.steps++;
    this.film += 0.3 * v_um_s * dt;
    const H = this.ny * this.dx;
    for (const f of this.fingers) {
      f.h += f.rate * 40 * v_um_s * dt;
      if (!this.short.occurred && this.film + f.h >= H) {
        this.short = { occurred: true, t_s: this.t, position_um: [f.x, 0] };
      }
    }
    this.paint();
    const maxH = Math.min(H, this.film + Math.max(...this.fingers.map((f) => f.h)));
    this.rows.push({
      t_s: this.t,
      voltage_V: -(0.03 + 0.04 * i * (1 - this.film / H)) - 0.05 * Math.exp(-this.t / 5) * (this.t < 3 ? this.t / 3 : 1),
      current_mA_cm2: i,
      charge_mAh_cm2: this.charge(),
      mean_thickness_um: this.meanThickness(),
      max_height_um: maxH,
      ledger_rel_error: 1e-12,
    });
  }

  private paint(): void {
    const { nx, ny, dx } = this;
    for (let y = 0; y < ny; y++) {
      const yu = (y + 0.5) * dx;
      for (let x = 0; x < nx; x++) {
        const xu = (x + 0.5) * dx;
        let d = yu - this.film; // signed distance-ish to the deposit (negative inside)
        for (const f of this.fingers) {
          const lateral = Math.abs(xu - f.x) - f.w;
          const vertical = yu - (this.film + f.h);
          d = Math.min(d, Math.max(lateral, vertical));
        }
        this.xi[x + nx * y] = 0.5 - 0.5 * Math.tanh(d / dx);
      }
    }
  }

  private meanThickness(): number {
    let s = 0;
    for (let k = 0; k < this.xi.length; k++) s += this.xi[k];
    return (s / this.nx) * this.dx;
  }

  status(): RunStatus {
    const last = this.rows[this.rows.length - 1];
    return {
      grid: [this.nx, this.ny, 1],
      dx_um: this.dx,
      threads: 1,
      t_s: this.t,
      steps: this.steps,
      dt_s: 0.5,
      charge_mAh_cm2: this.charge(),
      voltage_V: last?.voltage_V ?? 0,
      mean_thickness_um: last?.mean_thickness_um ?? this.film,
      max_height_um: last?.max_height_um ?? this.film,
      ledger_rel_error: 1e-12,
      short: this.short,
      failure: null,
      finished: false,
    };
  }

  samples(from: number): Sample[] {
    return this.rows.slice(from);
  }

  field(name: FieldName): Float32Array {
    if (name === 'xi') return this.xi.slice();
    const out = new Float32Array(this.xi.length);
    if (name !== 'c' && name !== 'phi') return out; // no mechanics in the mock
    for (let y = 0; y < this.ny; y++) {
      for (let x = 0; x < this.nx; x++) {
        const k = x + this.nx * y;
        out[k] = name === 'c' ? 1 - 0.6 * Math.exp(-(y / this.ny) * 4) : -0.1 * (1 - y / this.ny);
      }
    }
    return out;
  }

  params(): ParamValues {
    return { ...this.values };
  }

  setParam(name: string, value: number | string | boolean): SetParamResult {
    const spec = PARAM_BY_NAME[name];
    if (!spec) return { ok: false, issues: [{ param: name, message: `unknown parameter ${name}` }], needsRestart: false };
    if ((spec.kind === 'number' || spec.kind === 'integer') && (typeof value !== 'number' || value < spec.min || value > spec.max)) {
      return { ok: false, issues: [{ param: name, message: `${name} must be in ${describeDomain(spec)}` }], needsRestart: false };
    }
    this.values[name] = value;
    return { ok: true, issues: [], needsRestart: spec.restart };
  }

  reset(seed?: number): RunStatus {
    if (seed !== undefined) this.seed = seed;
    this.restart();
    return this.status();
  }

  protocolReport(): ProtocolReport {
    return { kind: 'constant', phase: 'constant', cycles: [], cumulative_ce: null, ccd: null };
  }

  materials(): Uint8Array | null { return null; }

  shortPath(): Uint32Array {
    if (!this.short.occurred) return new Uint32Array(0);
    const cells: number[] = [];
    const f = this.fingers.reduce((a, b) => (b.h > a.h ? b : a));
    for (let y = 0; y < this.ny; y++) for (let x = 0; x < this.nx; x++) {
      if (Math.abs((x + 0.5) * this.dx - f.x) <= f.w && this.xi[x + this.nx * y] > 0.5) cells.push(x + this.nx * y);
    }
    return Uint32Array.from(cells);
  }

  saveState(): Uint8Array { throw new Error('the mock engine cannot save states'); }

  loadState(): LoadStateResult {
    return { ok: false, issues: [{ param: 'state', message: 'the mock engine cannot load states' }] };
  }
}
