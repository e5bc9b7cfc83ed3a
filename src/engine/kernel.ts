// One interface over the three step implementations (WASM SIMD, WASM scalar, plain TS oracle).
// Works in Node and in a worker; knows nothing of the DOM.
import type { Backend, FieldName } from './types';
import type { MaterialFields } from '../model/units';

/** fields a kernel can show: phase field, salt, potential, and the solid electrolyte's mechanics outputs */
export type KernelField = FieldName;

export interface Kernel {
  readonly backend: Backend;
  /** threads the step runs on (1 unless the threaded wasm build was asked for) */
  readonly threads: number;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  /** model-unit parameters (assembly/layout.ts P_* slots); write through setParam */
  readonly params: Float64Array;
  /** statistics (S_* slots), refreshed by every step */
  stats(): Float64Array;
  /** a live view of a field; valid until the next call into the kernel that may grow memory */
  view(name: KernelField): Float32Array;
  /** solid electrolyte: per-cell materials (call before initFilm); the TS oracle does not model them */
  setMaterials(fields: MaterialFields): void;
  /** flat Li film (µm) or bare collector (0), then record the ledger's initial Li and solve φ */
  initFilm(thicknessUm: number): void;
  /** after fields were written by hand: record the ledger's initial Li and solve φ */
  startLedger(): void;
  /** one adaptive step; returns an F_* failure code (0 = accepted) */
  step(): number;
  setParam(slot: number, value: number): void;
  /** cells of the percolating path (collector → counter) once shorted */
  shortPath(): Uint32Array;
  /** copy of the full state for save/restore and the stability guard's retry */
  snapshot(): KernelSnapshot;
  restore(snapshot: KernelSnapshot): void;
  dispose(): void;
}

export interface KernelSnapshot {
  xi: Float32Array;
  c: Float32Array;
  phi: Float32Array;
  stats: Float64Array;
  nuclei: Float64Array;
  scalars: Float64Array; // kernel-private scalars (electrode potential, previous dt, ...)
  xiCarry: Float32Array;  // compensated-summation carries of ξ and c
  cCarry: Float32Array;
  dc: Float32Array;       // last salt increment (the solver's warm start; needed for bit-exact replay)
  shortPath: Uint32Array;
  mech: Uint32Array;      // solid-electrolyte mechanics state, raw 4-byte words (empty without mechanics)
}
