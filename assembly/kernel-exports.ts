// Exported surface of the coupled kernel: one kernel per instance (a new grid resets the heap).
import { Kernel } from './kernel';
import { resetHeap } from './memory';
import { Mechanics } from './mechanics';

let kernel: Kernel | null = null;

@inline function k(): Kernel { return changetype<Kernel>(changetype<usize>(kernel)); }

/** discards any previous kernel (and every heap object) and builds a new one */
export function kernelCreate(nx: i32, ny: i32, nz: i32, dx: f64, seed: u32): void {
  kernel = null;
  resetHeap();
  kernel = new Kernel(nx, ny, nz, dx, seed);
}
export function kernelParams(): usize { return k().params; }
export function kernelStats(): usize { return k().stats; }
/** 0 = ξ, 1 = c, 2 = φ */
export function kernelField(which: i32): usize { return which == 0 ? k().xi : which == 1 ? k().c : k().phi; }
export function kernelNuclei(): usize { return k().nucleusVolume; }
/** 0 = ξ carry, 1 = c carry, 2 = last salt increment (solver warm start) */
export function kernelAux(which: i32): usize { return which == 0 ? k().xiCarry : which == 1 ? k().cCarry : k().dc; }
export function kernelInitFilm(thicknessUm: f64): void { k().initFilm(thicknessUm); }
export function kernelStartLedger(): void { k().startLedger(); }
export function kernelStep(): i32 { return k().step(); }
export function kernelShortPath(): usize { return k().topology.path; }
export function kernelShortPathLength(): i32 { return k().topology.pathLength; }
export function kernelScalar(which: i32): f64 { return which == 0 ? k().phiS : which == 1 ? k().dtPrev : which == 2 ? k().maxRatePrev : k().dlFractionPrev; }
export function kernelSetScalars(phiS: f64, dtPrev: f64, maxRatePrev: f64, dlFractionPrev: f64): void {
  k().phiS = phiS; k().dtPrev = dtPrev; k().maxRatePrev = maxRatePrev; k().dlFractionPrev = dlFractionPrev;
}
export function kernelSetPathLength(len: i32): void { k().topology.pathLength = len; }

// ---- solid electrolyte: per-cell materials and mechanics ----
/** builds the mechanics state; call right after kernelCreate (it allocates) */
export function kernelEnableMechanics(): void { k().enableMechanics(); }
/** per-cell inputs (f32): 0 conductivity (S/m), 1 material id, 2 electrolyte E (MPa), 3 Poisson ratio, 4 wetting shift (V) */
export function kernelMaterial(which: i32): usize {
  if (which == 0) return k().sigmaCell;
  const m = k().mechanics;
  if (m == null) return 0;
  return which == 1 ? m.mat : which == 2 ? m.seE : which == 3 ? m.seNu : m.capV;
}
export function kernelMechBlockCount(): i32 { const m = k().mechanics; return m == null ? 0 : m.blockCount(); }
export function kernelMechBlock(which: i32): usize { return changetype<Mechanics>(k().mechanics).block(which); }
export function kernelMechBlockBytes(which: i32): i32 { return changetype<Mechanics>(k().mechanics).blockBytes(which); }
/** after the host wrote material inputs or restored blocks: re-solve the stress now */
export function kernelSolveMechanics(): void { if (k().mechOn()) k().solveMechanics(); }
/** recompute the derived topology (flood fill, dead-Li mask) after fields were restored */
export function kernelRefreshTopology(): void { k().refreshTopology(); }
