// One simulation run: validated physical parameters → kernel → time series, events and status.
// Implements the RunApi used by the browser worker, the CLI and the tests.
import * as L from '../../assembly/layout';
import { getPreset } from '../model/presets';
import { PARAM_BY_NAME, type ModelParams } from '../model/schema';
import { chargeCm2ToMAh, mAhCm2ToCm2, toKernelParams, toMaterialFields } from '../model/units';
import { buildMicrostructure, type Microstructure } from '../model/microstructure';
import { decodeState, encodeState } from '../model/state';
import { checkParam, gridDims, validateParams } from '../model/validate';
import { createKernel } from './create-kernel';
import { threadsProblem } from './thread-pool';
import { Protocol, type ProtocolReport, type ProtocolState } from './protocol';
import { describeFailure } from './failures';
import type { Kernel, KernelSnapshot } from './kernel';
import type { AdvanceOptions, InitResult, LoadStateResult, RunApi, SetParamResult } from './run-api';
import type {
  Backend, FieldName, ParamValues, RunConfig, RunStatus, Sample, StopCondition, ValidationIssue,
} from './types';

const GUARD_SNAPSHOT_EVERY = 25;   // steps between stability-guard snapshots
const GUARD_MAX_RETRIES = 6;       // halvings of dt_max before the run gives up, per incident
const MAX_SAMPLES = 4000;          // series rows kept at full resolution before thinning

/**
 * Kernel slots that may change during a run (parameters with restart: false in the schema). A live
 * change re-runs the one physical → model conversion (units.ts) and copies just these slots.
 */
const LIVE_SLOTS = [
  L.P_CURRENT, L.P_PHI_APPLIED, L.P_MODE, L.P_I0_CE, L.P_NOISE,
  L.P_DT_MAX, L.P_DT_MIN, L.P_DXI_MAX, L.P_MG_TOL,
  L.P_LSIG_W, L.P_LSIG_KAPPA, // the automatic relaxation rate follows the set current
  L.P_SEI_RATE, L.P_STACK_MPA, L.P_MECH_RESOLVE,
];

/** Parameters a running protocol (cycle, ccd) drives; changing them live would bypass it. */
const PROTOCOL_CONTROLS = new Set(['current_mA_cm2', 'mode']);

export interface RunOptions {
  /** threads of a run whose config names none (the browser worker: the cores of an isolated page) */
  defaultThreads?: number;
}

export class Run implements RunApi {
  private readonly defaultThreads: number | undefined;
  private kernel: Kernel | null = null;
  private values!: ModelParams;
  private builtValues!: ModelParams;   // the values the running kernel was built from (+ live changes)
  private config!: RunConfig;
  private dims: 2 | 3 = 2;
  private backend: Backend = 'wasm-simd';
  private threads: number | undefined;
  private seed = 1;
  private series: Sample[] = [];
  private stopCondition: StopCondition | undefined;
  private initialMetalUm = 0;
  private sampleEvery = 0;
  private lastSampleT = -Infinity;
  private failure: string | null = null;
  private finished = false;

  private guard: KernelSnapshot | null = null;
  private guardRetries = 0;
  /** simulated time after which the present guard incident is over (0: none); see recover() */
  private guardClearT = 0;
  private pendingRestart = false;
  private micro: Microstructure | null = null;
  private protocol: Protocol | null = null;
  private guardProtocol: ProtocolState | null = null;
  wallSeconds = 0;

  constructor(options: RunOptions = {}) {
    // 1 thread = the single-threaded build (no shared memory needed)
    this.defaultThreads = options.defaultThreads !== undefined && options.defaultThreads > 1 ? options.defaultThreads : undefined;
    this.threads = this.defaultThreads;
  }

  async init(config: RunConfig): Promise<InitResult> {
    let preset;
    try { preset = getPreset(config.preset); } catch (e) {
      return { ok: false, issues: [{ param: 'preset', message: (e as Error).message }] };
    }
    const dims = config.dims ?? preset.dims[0];
    if (!preset.dims.includes(dims)) {
      return { ok: false, issues: [{ param: 'dims', message: `preset '${preset.id}' supports dims ${preset.dims.join(' or ')}, not ${dims}` }] };
    }
    const seed = config.seed ?? 1;
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      return { ok: false, issues: [{ param: 'seed', message: `seed must be an integer in [0, 4294967295] (got ${seed})` }] };
    }
    const result = validateParams({ ...preset.params, ...(config.overrides ?? {}) }, dims);
    if (!result.ok) return { ok: false, issues: result.issues };
    const oracleIssue = oracleLimit(config.backend ?? 'wasm-simd', result.values);
    if (oracleIssue) return { ok: false, issues: [oracleIssue] };
    // the default applies to the SIMD build only; an explicit count is checked as given
    const threads = config.threads ?? ((config.backend ?? 'wasm-simd') === 'wasm-simd' ? this.defaultThreads : undefined);
    const threadsIssue = threadsLimit(config.backend ?? 'wasm-simd', threads);
    if (threadsIssue) return { ok: false, issues: [threadsIssue] };
    this.config = config;
    this.values = result.values;
    this.dims = dims;
    this.seed = seed;
    this.backend = config.backend ?? 'wasm-simd';
    this.threads = threads;
    this.stopCondition = preset.stop;
    await this.build();
    return { ok: true, status: this.status() };
  }

  private async build(): Promise<void> {
    this.kernel?.dispose();
    this.builtValues = this.values;
    const kp = toKernelParams(this.values, this.dims);
    this.kernel = await createKernel(this.backend, { grid: kp.grid, params: kp.params, seed: this.seed, threads: this.threads });
    this.micro = this.attachMaterials(this.kernel, this.values, kp.grid, kp.dx, this.seed);
    this.kernel.initFilm(this.values.collector === 'bare' ? 0 : this.values.li_film_um);
    this.initialMetalUm = this.kernel.stats()[L.S_METAL_UM];
    this.protocol = this.values.protocol === 'constant' ? null : new Protocol(this.values, this.kernel, kp.params);
    this.guardProtocol = null;
    this.series = [];
    this.failure = null;
    this.finished = false;
    this.guard = null;
    this.guardRetries = 0;
    this.guardClearT = 0;
    this.pendingRestart = false;
    this.lastSampleT = -Infinity;
    const horizon = this.stopHorizonSeconds();
    this.sampleEvery = horizon > 0 ? horizon / MAX_SAMPLES : 0;
    this.record();
  }

  /** solid electrolyte: the seeded microstructure, rebuilt from (params, grid, seed) — never saved */
  private attachMaterials(k: Kernel, values: ModelParams, grid: [number, number, number], dx: number, seed: number): Microstructure | null {
    if (values.electrolyte !== 'solid') return null;
    const micro = buildMicrostructure(values, grid, dx, seed);
    k.setMaterials(toMaterialFields(values, micro));
    return micro;
  }

  /** the material map of a solid-electrolyte run (null for liquid) */
  microstructure(): Microstructure | null { return this.micro; }

  private stopHorizonSeconds(): number {
    const s = this.stopCondition;
    if (!s) return 0;
    if (s.kind === 'time') return s.t_s;
    if (s.kind === 'capacity') return (s.mAh_cm2 / Math.max(this.values.current_mA_cm2, 1e-9)) * 3600;
    return 0;
  }

  private requireKernel(): Kernel {
    if (!this.kernel) throw new Error('run not initialised: call init() first');
    return this.kernel;
  }

  advance(options: AdvanceOptions): RunStatus {
    const k = this.requireKernel();
    if (options.stop) {
      this.stopCondition = options.stop;
      // a later stop continues a run that had finished at the earlier one
      if (this.finished && !this.stopReached() && !this.protocol?.done) this.finished = false;
    }
    const pauseOnShort = options.pauseOnShort ?? true;
    k.setParam(L.P_T_END, this.stopTime());
    const t0 = performance.now();
    for (let n = 0; n < options.maxSteps; n++) {
      if (this.failure || this.finished) break;
      if (this.stopReached()) { this.finished = true; break; }
      if (pauseOnShort && k.stats()[L.S_SHORTED] === 1) break;
      if (this.protocol) {
        if (this.protocol.done) { this.finished = true; break; }
        const stop = this.stopTime(), event = this.protocol.eventTime(k);
        k.setParam(L.P_T_END, stop > 0 && event > 0 ? Math.min(stop, event) : Math.max(stop, event));
      }
      if (!this.guard || k.stats()[L.S_STEPS] % GUARD_SNAPSHOT_EVERY === 0) {
        this.guard = k.snapshot();
        this.guardProtocol = this.protocol ? structuredClone(this.protocol.state) : null;
      }
      const wasShorted = k.stats()[L.S_SHORTED] === 1;
      const code = k.step();
      if (code !== 0) {
        // stripping until the galvanostat finds no Li left is the end of the strip, not a failure (a CCD
        // staircase, which it ends, first retries with smaller time steps)
        const retriesLeft = this.guard !== null && this.guardRetries < GUARD_MAX_RETRIES;
        if (code === L.F_GALVANO && this.protocol?.stripExhausted(k, retriesLeft)) continue;
        this.recover(code);
        continue;
      }
      if (this.guardRetries > 0 && k.stats()[L.S_TIME] > this.guardClearT) this.endGuardIncident();
      this.protocol?.afterStep(k);
      this.record(!wasShorted && k.stats()[L.S_SHORTED] === 1);
      if (performance.now() - t0 > options.maxWallMs) break;
    }
    if (!this.finished && (this.stopReached() || this.protocol?.done)) this.finished = true;
    this.wallSeconds += (performance.now() - t0) / 1000;
    return this.status();
  }

  /** simulated time at which the stop condition will be met (0 if unknown), so the last step lands on it */
  private stopTime(): number {
    const s = this.stopCondition;
    const st = this.requireKernel().stats();
    if (s?.kind === 'time') return s.t_s;
    const current = this.values.current_mA_cm2 * 10;
    if (s?.kind === 'capacity' && this.values.mode === 'galvanostatic' && current > 0 && !this.protocol) {
      const remaining = mAhCm2ToCm2(s.mAh_cm2) - st[L.S_CHARGE];
      return remaining > 0 ? st[L.S_TIME] + remaining / current : 0;
    }
    return 0;
  }

  /**
   * Stability guard: restore the last snapshot and retry with half the largest time step. The halving
   * holds until the run has passed the failure by a snapshot's stretch at the reduced step
   * (GUARD_SNAPSHOT_EVERY × the reduced dt_max); then dt_max and the retry budget are restored
   * (endGuardIncident). Before, both were kept for the rest of the run: a 120-cycle run crossed a few
   * stiff moments, ran 4× slower after them and stopped at its sixth retry, hours after the fifth.
   */
  private recover(code: number): void {
    const k = this.requireKernel();
    const message = describeFailure(code, k);
    if (!this.guard || this.guardRetries >= GUARD_MAX_RETRIES) {
      this.failure = `${message}; stopped after ${this.guardRetries} retries with smaller time steps`;
      return;
    }
    const tFail = k.stats()[L.S_TIME];
    this.guardRetries++;
    k.restore(this.guard);
    if (this.protocol && this.guardProtocol) {
      this.protocol.state = structuredClone(this.guardProtocol);
      this.protocol.applyControls(k);
    }
    const dtMax = Math.max(k.params[L.P_DT_MIN], Math.min(k.params[L.P_DT_MAX], k.stats()[L.S_DT] || k.params[L.P_DT_MAX]) * 0.5);
    k.setParam(L.P_DT_MAX, dtMax);
    this.guardClearT = Math.max(this.guardClearT, tFail + GUARD_SNAPSHOT_EVERY * dtMax);
  }

  /** the run got past the stretch that failed: the user's dt_max and a fresh retry budget again */
  private endGuardIncident(): void {
    this.guardRetries = 0;
    this.guardClearT = 0;
    this.requireKernel().setParam(L.P_DT_MAX, toKernelParams(this.builtValues, this.dims).params[L.P_DT_MAX]);
  }

  private stopReached(): boolean {
    const s = this.stopCondition;
    if (!s) return false;
    const st = this.requireKernel().stats();
    if (this.protocol && s.kind === 'capacity') return false; // a protocol sets its own capacities
    switch (s.kind) {
      case 'time': return st[L.S_TIME] >= s.t_s - 1e-9;
      case 'capacity': return chargeCm2ToMAh(st[L.S_CHARGE]) >= s.mAh_cm2 - 1e-12;
      case 'short': return st[L.S_SHORTED] === 1;
      case 'steps': return st[L.S_STEPS] >= s.steps;
    }
  }

  private record(force = false): void {
    const st = this.requireKernel().stats();
    const t = st[L.S_TIME];
    const last = this.stopReached();
    if (!force && !last && t - this.lastSampleT < this.sampleEvery) return;
    this.lastSampleT = t;
    this.series.push({
      t_s: t,
      voltage_V: st[L.S_VOLTAGE],
      current_mA_cm2: st[L.S_CURRENT] / 10,
      charge_mAh_cm2: chargeCm2ToMAh(st[L.S_CHARGE]),
      mean_thickness_um: st[L.S_METAL_UM] - this.initialMetalUm,
      max_height_um: st[L.S_MAX_HEIGHT_UM],
      ledger_rel_error: st[L.S_LEDGER_ERR],
    });
  }

  status(): RunStatus {
    const k = this.requireKernel();
    const st = k.stats();
    const shorted = st[L.S_SHORTED] === 1;
    const dx = k.params[L.P_DX];
    return {
      grid: [k.nx, k.ny, k.nz],
      dx_um: dx,
      t_s: st[L.S_TIME],
      steps: st[L.S_STEPS],
      dt_s: st[L.S_DT],
      charge_mAh_cm2: chargeCm2ToMAh(st[L.S_CHARGE]),
      voltage_V: st[L.S_VOLTAGE],
      mean_thickness_um: st[L.S_METAL_UM] - this.initialMetalUm,
      max_height_um: st[L.S_MAX_HEIGHT_UM],
      ledger_rel_error: st[L.S_LEDGER_ERR],
      short: {
        occurred: shorted,
        t_s: shorted ? st[L.S_SHORT_T] : null,
        position_um: shorted ? (this.dims === 3 ? [st[L.S_SHORT_X], st[L.S_SHORT_Z]] : [st[L.S_SHORT_X]]) : null,
      },
      threads: k.threads,
      failure: this.failure,
      finished: this.finished,
    };
  }

  samples(from: number): Sample[] { return this.series.slice(Math.max(0, from)); }

  field(name: FieldName): Float32Array { return this.requireKernel().view(name).slice(); }

  /** copy a field into a caller-owned buffer (no allocation on the hot path) */
  fieldInto(name: FieldName, target: Float32Array): Float32Array {
    target.set(this.requireKernel().view(name));
    return target;
  }

  params(): ParamValues { return { ...this.values }; }

  setParam(name: string, value: number | string | boolean): SetParamResult {
    const issue = checkParam(name, value);
    if (issue) return { ok: false, issues: [issue], needsRestart: false };
    const next = { ...this.values, [name]: value } as ModelParams;
    const result = validateParams(next as unknown as ParamValues, this.dims);
    if (!result.ok) return { ok: false, issues: result.issues, needsRestart: false };
    this.values = result.values;
    // a protocol sets the current and the mode itself (Protocol.applyControls): a change of either
    // would otherwise reach the kernel and silently replace the protocol's current until its next
    // phase; it applies on reset, like a restart parameter
    const restart = (PARAM_BY_NAME[name]?.restart ?? true) || (this.protocol !== null && PROTOCOL_CONTROLS.has(name));
    if (!restart && this.kernel) {
      // convert against the values the kernel was built with (plus this change), so a pending
      // restart-only change (say dx_um) cannot leak into the running kernel
      this.builtValues = { ...this.builtValues, [name]: value } as ModelParams;
      const kp = toKernelParams(this.builtValues, this.dims);
      for (const slot of LIVE_SLOTS) this.kernel.setParam(slot, kp.params[slot]);
      return { ok: true, issues: [], needsRestart: false };
    }
    this.pendingRestart = restart;
    return { ok: true, issues: [], needsRestart: this.pendingRestart };
  }

  async reset(seed?: number): Promise<RunStatus> {
    if (seed !== undefined) this.seed = seed >>> 0;
    await this.build();
    return this.status();
  }

  shortPath(): Uint32Array { return this.requireKernel().shortPath().slice(); }

  protocolReport(): ProtocolReport {
    return this.protocol?.report() ?? { kind: 'constant', phase: 'constant', cycles: [], cumulative_ce: null, ccd: null };
  }

  materials(): Uint8Array | null { return this.micro ? this.micro.material.slice() : null; }

  // ---- saved state (format: src/model/state.ts) ----
  /** The whole run as a .dlab file; loadState() of it continues with the same next steps. */
  saveState(): Uint8Array {
    const k = this.requireKernel();
    return encodeState({
      preset: this.config.preset, seed: this.seed, dims: this.dims, backend: this.backend,
      grid: [k.nx, k.ny, k.nz], params: this.values, stop: this.stopCondition ?? null,
      run: {
        initialMetalUm: this.initialMetalUm, sampleEvery: this.sampleEvery, lastSampleT: this.lastSampleT,
        guardRetries: this.guardRetries, guardClearT: this.guardClearT, failure: this.failure, finished: this.finished,
      },
      samples: this.series, kernelParams: k.params.slice(), snapshot: k.snapshot(), guard: this.guard,
      protocol: this.protocol ? structuredClone(this.protocol.state) : null,
      guardProtocol: this.protocol && this.guard ? structuredClone(this.guardProtocol) : null,
    });
  }

  /** Releases the kernel (its worker threads, if any); the run needs init() again to be used. */
  dispose(): void {
    this.kernel?.dispose();
    this.kernel = null;
  }

  /** Replace this run by a saved one. A rejected file leaves the current run untouched. */
  async loadState(bytes: Uint8Array, backend: Backend = this.backend): Promise<LoadStateResult> {
    const decoded = decodeState(bytes);
    if (!decoded.ok) return { ok: false, issues: [{ param: 'state', message: decoded.message }] };
    const s = decoded.state;
    let kernel: Kernel;
    let micro: Microstructure | null;
    try {
      const oracleIssue = oracleLimit(backend, s.params);
      if (oracleIssue) return { ok: false, issues: [oracleIssue] };
      kernel = await createKernel(backend, { grid: s.grid, params: s.kernelParams, seed: s.seed, threads: this.threads });
      try {
        micro = this.attachMaterials(kernel, s.params, s.grid, s.kernelParams[L.P_DX], s.seed);
        kernel.restore(s.snapshot);
      } catch (e) {
        kernel.dispose(); // its worker threads, if any
        throw e;
      }
    } catch (e) {
      return { ok: false, issues: [{ param: 'state', message: `could not restore the state: ${(e as Error).message}` }] };
    }
    this.kernel?.dispose();
    this.kernel = kernel;
    this.micro = micro; // only now: a rejected file leaves the current run (and its map) untouched
    this.protocol = s.protocol ? new Protocol(s.params, kernel, toKernelParams(s.params, s.dims).params, structuredClone(s.protocol)) : null;
    this.guardProtocol = s.guardProtocol ? structuredClone(s.guardProtocol) : null;
    this.config = { preset: s.preset, seed: s.seed, dims: s.dims, backend, threads: this.threads };
    this.values = s.params;
    this.builtValues = s.params;
    this.dims = s.dims;
    this.seed = s.seed;
    this.backend = backend;
    this.stopCondition = s.stop ?? undefined;
    this.series = s.samples;
    this.initialMetalUm = s.run.initialMetalUm;
    this.sampleEvery = s.run.sampleEvery;
    this.lastSampleT = s.run.lastSampleT;
    this.failure = s.run.failure;
    this.finished = s.run.finished;
    this.guard = s.guard;
    this.guardRetries = s.run.guardRetries;
    this.guardClearT = s.run.guardClearT;
    this.pendingRestart = false;
    return { ok: true, status: this.status(), preset: s.preset, seed: s.seed, dims: s.dims };
  }

  // ---- for the CLI and tests ----
  get kernelForTests(): Kernel { return this.requireKernel(); }
  get resolvedValues(): ModelParams { return this.values; }
  get runSeed(): number { return this.seed; }
  get gridLengths(): [number, number, number] { return gridDims(this.values, this.dims).lengths_um; }
  get presetId(): string { return this.config.preset; }
}

/** The TS oracle covers the foundation model; the later physics runs only in the wasm kernels. */
function threadsLimit(backend: Backend, threads: number | undefined): ValidationIssue | null {
  const problem = threads === undefined ? null : threadsProblem(threads, backend === 'wasm-simd');
  return problem ? { param: 'threads', message: `${problem} (backend '${backend}')` } : null;
}

function oracleLimit(backend: Backend, p: ModelParams): { param: string; message: string } | null {
  if (backend !== 'ts') return null;
  const used = [
    p.electrolyte === 'solid' && "electrolyte = 'solid' (microstructure, mechanics)",
    p.sei_current_uA_cm2 > 0 && 'sei_current_uA_cm2 > 0',
    p.alloy_capacity_mAh_cm2 > 0 && 'alloy_capacity_mAh_cm2 > 0',
    p.oxide_resistance_ohm_cm2 > 0 && 'oxide_resistance_ohm_cm2 > 0',
  ].filter(Boolean);
  if (used.length === 0) return null;
  return { param: 'backend', message: `backend 'ts' (the test oracle) models the foundation only, not ${used.join(', ')}; use 'wasm-simd' or 'wasm-scalar'` };
}
