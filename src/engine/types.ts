// The one typed interface between a simulation and its users (browser UI via comlink, CLI, tests).
// Everything here is in physical units; model units stay inside the kernel and src/model/units.ts.

export type Backend = 'wasm-simd' | 'wasm-scalar' | 'ts';

/** Parameter values keyed by schema name (see src/model/schema.ts), e.g. { current_mA_cm2: 1 }. */
export type ParamValues = Record<string, number | string | boolean>;

export interface RunConfig {
  preset: string;                 // preset id, e.g. 'planar-1mA'
  overrides?: ParamValues;        // schema names → values, validated before use
  seed?: number;                  // uint32; same seed → same bytes
  dims?: 2 | 3;                   // 2D (nz = 1) or 3D
  backend?: Backend;
  /** wasm-simd: threads of the kernel (shared memory; same bytes for any count). Default 1. */
  threads?: number;
}

export interface Sample {          // one row of the time series
  t_s: number;
  voltage_V: number;              // cell voltage (counter minus working), plating gives a negative value
  current_mA_cm2: number;
  charge_mAh_cm2: number;
  mean_thickness_um: number;      // plated Li volume / collector area
  max_height_um: number;
  ledger_rel_error: number;
}

export interface ShortCircuit { occurred: boolean; t_s: number | null; position_um: number[] | null }

export interface RunStatus {
  grid: [number, number, number];
  dx_um: number;
  t_s: number;
  steps: number;
  dt_s: number;
  charge_mAh_cm2: number;
  voltage_V: number;
  mean_thickness_um: number;
  max_height_um: number;
  ledger_rel_error: number;
  short: ShortCircuit;
  threads: number;                 // threads the kernel steps on (1 = single-threaded)
  failure: string | null;          // stability-guard message, names field and cell
  finished: boolean;               // reached its stop condition
}

// stress: hydrostatic pressure (MPa), vonMises: von Mises stress (MPa), lspsDecomposition: decomposed fraction r
// of LSPS (0–1); these three are the solid electrolyte's mechanics outputs, zero without mechanics
export type FieldName = 'xi' | 'c' | 'phi' | 'stress' | 'vonMises' | 'lspsDecomposition';
export type MechanicsField = Extract<FieldName, 'stress' | 'vonMises' | 'lspsDecomposition'>;
export const MECHANICS_FIELDS: readonly MechanicsField[] = ['stress', 'vonMises', 'lspsDecomposition'];
/** whether a field is a mechanics output (read in the Li too, not only in the electrolyte) */
export const isMechanicsField = (name: string): name is MechanicsField => (MECHANICS_FIELDS as readonly string[]).includes(name);

export type StopCondition =
  | { kind: 'time'; t_s: number }
  | { kind: 'capacity'; mAh_cm2: number }
  | { kind: 'short' }
  | { kind: 'steps'; steps: number };

export interface ValidationIssue { param: string; message: string }
