// The run API: the only way the UI (through comlink in a worker), the CLI and tests drive a simulation.
import type { ProtocolReport } from './protocol';
import type { FieldName, ParamValues, RunConfig, RunStatus, Sample, StopCondition, ValidationIssue } from './types';

export type InitResult =
  | { ok: true; status: RunStatus }
  | { ok: false; issues: ValidationIssue[] };

/** loadState: the restored run's status and identity, or why the file was rejected (param 'state') */
export type LoadStateResult =
  | { ok: true; status: RunStatus; preset: string; seed: number; dims: 2 | 3 }
  | { ok: false; issues: ValidationIssue[] };

export interface SetParamResult {
  ok: boolean;
  issues: ValidationIssue[];
  /** true when the value was accepted but only takes effect after reset() */
  needsRestart: boolean;
}

export interface AdvanceOptions {
  /** upper bound on kernel steps in this call */
  maxSteps: number;
  /** return after roughly this much wall time even if maxSteps is not reached */
  maxWallMs: number;
  /** stop condition; the run reports finished when it is met */
  stop?: StopCondition;
  /** pause when a short circuit is detected (default true) */
  pauseOnShort?: boolean;
}

export interface RunApi {
  init(config: RunConfig): Promise<InitResult> | InitResult;
  /** advance the simulation; steps adapt their dt; returns the status after the last step */
  advance(options: AdvanceOptions): Promise<RunStatus> | RunStatus;
  status(): Promise<RunStatus> | RunStatus;
  /** time series rows from index `from` (inclusive) to the end */
  samples(from: number): Promise<Sample[]> | Sample[];
  /** a copy of a field (nx*ny*nz values, index x + nx*(y + ny*z)); φ in V, c normalised by c0, ξ in [0,1] */
  field(name: FieldName): Promise<Float32Array> | Float32Array;
  /** current resolved parameter values (schema names, physical units) */
  params(): Promise<ParamValues> | ParamValues;
  setParam(name: string, value: number | string | boolean): Promise<SetParamResult> | SetParamResult;
  /** restart from t = 0 with the current parameters and seed */
  reset(seed?: number): Promise<RunStatus> | RunStatus;
  /** cells of the deposit component that reached the counter electrode (empty until a short) */
  shortPath(): Promise<Uint32Array> | Uint32Array;
  /** the whole run as a saved-state file (src/model/state.ts) */
  saveState(): Promise<Uint8Array> | Uint8Array;
  /** replace the run by a saved state; a rejected file changes nothing */
  loadState(bytes: Uint8Array): Promise<LoadStateResult> | LoadStateResult;
  /** cycling / CCD results so far (kind 'constant': empty) */
  protocolReport(): Promise<ProtocolReport> | ProtocolReport;
  /** solid electrolyte: material id per cell (src/model/microstructure.ts MAT_*), null for liquid */
  materials(): Promise<Uint8Array | null> | Uint8Array | null;
}
