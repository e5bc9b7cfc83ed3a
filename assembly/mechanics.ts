// Solid-electrolyte mechanics around the deposit (physics.md §6): material map, growth eigenstrain of
// Li plated into intact electrolyte, LSPS decomposition (screw effect), stress solve, grain-boundary
// opening, and the chemical-potential shift the stress and the grain-boundary wetting put on Li.
//
// Growth strain: a cell that gains dξ of Li while it is intact electrolyte accumulates the eigenstrain
// dξ·n⊗n (n the deposit normal). A flat front therefore only lifts the electrolyte (free top: no
// stress), while a protrusion has to push the electrolyte aside and is compressed. A grain-boundary
// cell whose Li pressure reaches the fracture threshold opens: its eigenstrain is released and its
// stiffness becomes that of Li, so the filament can advance along the boundary.
import {
  P_LSPS_K, P_LSPS_BETA, P_LI_E, P_LI_NU, P_STACK_MPA, P_OMEGA_F, P_GB_FRACTURE, P_MG_TOL,
} from './layout';
import { allocF32 } from './memory';
import { Elastic } from './elastic';

export const MAT_NONE: i32 = 0;
export const MAT_GRAIN: i32 = 1;
export const MAT_GB: i32 = 2;
export const MAT_LIF: i32 = 3;
export const MAT_LSPS: i32 = 4;
export const MAT_LSPS_GB: i32 = 5;

const OPEN_XI_MIN: f64 = 0.02;      // a boundary cell opens only once Li has entered it
const ELASTIC_MAX_IT: i32 = 100; // multigrid-preconditioned: 6–30 iterations in practice; unconverged solves open nothing
const MAX_SHIFT_V: f64 = 0.15;

// @ts-ignore: decorator
@inline function lf(p: usize, i: i32): f64 { return <f64>load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function sf(p: usize, i: i32, v: f64): void { store<f32>(p + (<usize>i << 2), <f32>v); }
// @ts-ignore: decorator
@inline function isBoundary(m: i32): bool { return m == MAT_GB || m == MAT_LSPS_GB; }
// @ts-ignore: decorator
@inline function isLsps(m: i32): bool { return m == MAT_LSPS || m == MAT_LSPS_GB; }

export class Mechanics {
  nx: i32; ny: i32; nz: i32; n: i32; is3D: bool;
  // inputs written by the host (per cell): material id, electrolyte stiffness and Poisson ratio,
  // wetting shift of Li in a grain-boundary channel (V)
  mat: usize; seE: usize; seNu: usize; capV: usize;
  // state
  eXX: usize; eYY: usize; eZZ: usize; eXY: usize; eYZ: usize; eXZ: usize; // growth eigenstrain
  lspsR: usize;      // LSPS decomposition r
  opened: usize;     // 1 where a grain boundary has opened
  xiSolved: usize; rSolved: usize; // fields at the last stress solve
  shift: usize;      // chemical-potential shift of Li (V), Ω p/F + wetting; read by the kernel
  elastic: Elastic;
  flags: usize;      // f32[2]: 1 = re-solve needed (a boundary opened or nothing solved yet), boundary cells opened

  constructor(nx: i32, ny: i32, nz: i32, dx: f64) {
    this.elastic = new Elastic(nx, ny, nz, dx);
    const n = nx * ny * nz;
    this.nx = nx; this.ny = ny; this.nz = nz; this.n = n; this.is3D = nz > 1;
    this.mat = allocF32(n); this.seE = allocF32(n); this.seNu = allocF32(n); this.capV = allocF32(n);
    this.eXX = allocF32(n); this.eYY = allocF32(n); this.eZZ = allocF32(n);
    this.eXY = allocF32(n); this.eYZ = allocF32(n); this.eXZ = allocF32(n);
    this.lspsR = allocF32(n); this.opened = allocF32(n);
    this.xiSolved = allocF32(n); this.rSolved = allocF32(n); this.shift = allocF32(n);
    this.flags = allocF32(4);
    sf(this.flags, 0, 1);
  }

  get dirty(): bool { return lf(this.flags, 0) != 0; }
  set dirty(v: bool) { sf(this.flags, 0, v ? 1.0 : 0.0); }
  get openedCount(): i32 { return <i32>lf(this.flags, 1); }
  set openedCount(v: i32) { sf(this.flags, 1, <f64>v); }

  /** state blocks for snapshots (every byte that influences later steps) */
  block(k: i32): usize {
    switch (k) {
      case 0: return this.eXX; case 1: return this.eYY; case 2: return this.eZZ;
      case 3: return this.eXY; case 4: return this.eYZ; case 5: return this.eXZ;
      case 6: return this.lspsR; case 7: return this.opened; case 8: return this.xiSolved;
      case 9: return this.rSolved; case 10: return this.shift; case 11: return this.flags;
      case 12: return this.elastic.pressure; case 13: return this.elastic.vonMises;
      default: return this.elastic.disp; // the solver's warm start
    }
  }
  blockBytes(k: i32): i32 {
    if (k == 11) return 16;
    if (k < 14) return this.n << 2;
    return this.elastic.nd << 3;
  }
  blockCount(): i32 { return 15; }

  /** growth eigenstrain from this step's ξ change (xiNew − xi), LSPS decomposition */
  grow(xi: usize, xiNew: usize, nrmX: usize, nrmY: usize, nrmZ: usize, dt: f64, params: usize): void {
    const n = this.n;
    const k = load<f64>(params + (<usize>P_LSPS_K << 3));
    for (let i = 0; i < n; i++) {
      const m = <i32>lf(this.mat, i);
      if (m == MAT_NONE) continue;
      const old = lf(xi, i);
      const d = lf(xiNew, i) - old;
      // an opened boundary carries no growth strain, but Li in it still decomposes LSPS (below): Ye & Li's
      // products fill exactly these cracks
      const intact = lf(this.opened, i) == 0;
      if (intact && d < 0) {
        // dissolving Li takes its share of the growth strain with it (no ratchet over cycles)
        const keep = old > 1e-6 ? Math.max(0, (old + d) / old) : 0.0;
        sf(this.eXX, i, lf(this.eXX, i) * keep); sf(this.eYY, i, lf(this.eYY, i) * keep);
        sf(this.eZZ, i, lf(this.eZZ, i) * keep); sf(this.eXY, i, lf(this.eXY, i) * keep);
        sf(this.eYZ, i, lf(this.eYZ, i) * keep); sf(this.eXZ, i, lf(this.eXZ, i) * keep);
      } else if (intact && d > 0) {
        let ax = lf(nrmX, i), ay = lf(nrmY, i), az = lf(nrmZ, i);
        const a2 = ax * ax + ay * ay + az * az;
        if (a2 < 0.25) { ax = 0; ay = 1; az = 0; } // no clear normal: growth along y
        else { const inv = 1 / Math.sqrt(a2); ax *= inv; ay *= inv; az *= inv; }
        sf(this.eXX, i, lf(this.eXX, i) + d * ax * ax);
        sf(this.eYY, i, lf(this.eYY, i) + d * ay * ay);
        sf(this.eZZ, i, lf(this.eZZ, i) + d * az * az);
        sf(this.eXY, i, lf(this.eXY, i) + d * ax * ay);
        sf(this.eYZ, i, lf(this.eYZ, i) + d * ay * az);
        sf(this.eXZ, i, lf(this.eXZ, i) + d * ax * az);
      }
      if (isLsps(m) && k > 0) {
        const v = Math.min(1, Math.max(0, lf(xiNew, i)));
        const h = v * v * v * (6 * v * v - 15 * v + 10);
        const r = lf(this.lspsR, i);
        sf(this.lspsR, i, r + (1 - r) * (1 - Math.exp(-k * h * dt)));
      }
    }
  }

  /** the re-solve rule: any cell's ξ or r moved more than tol since the last solve, or a boundary opened */
  needsSolve(xi: usize, tol: f64): bool {
    if (this.dirty) return true;
    const n = this.n;
    for (let i = 0; i < n; i++) {
      if (Math.abs(lf(xi, i) - lf(this.xiSolved, i)) > tol) return true;
      if (Math.abs(lf(this.lspsR, i) - lf(this.rSolved, i)) > tol) return true;
    }
    return false;
  }

  /** stress solve, boundary opening and the shift; returns the solver's iteration count */
  solve(xi: usize, params: usize): i32 {
    const n = this.n;
    const el = this.elastic;
    const liE = load<f64>(params + (<usize>P_LI_E << 3)), liNu = load<f64>(params + (<usize>P_LI_NU << 3));
    const beta = load<f64>(params + (<usize>P_LSPS_BETA << 3));
    const omegaF = load<f64>(params + (<usize>P_OMEGA_F << 3));
    const fracture = load<f64>(params + (<usize>P_GB_FRACTURE << 3));
    for (let i = 0; i < n; i++) {
      const v = Math.min(1, Math.max(0, lf(xi, i)));
      const h = v * v * v * (6 * v * v - 15 * v + 10);
      const m = <i32>lf(this.mat, i);
      const open = lf(this.opened, i) != 0;
      const eS = m == MAT_NONE || open ? liE : lf(this.seE, i);
      const nuS = m == MAT_NONE || open ? liNu : lf(this.seNu, i);
      sf(el.youngs, i, eS * (1 - h) + liE * h);
      sf(el.poisson, i, nuS * (1 - h) + liNu * h);
      const iso = isLsps(m) ? (lf(this.lspsR, i) * beta) / 3 : 0.0;
      sf(el.eigXX, i, lf(this.eXX, i) + iso);
      sf(el.eigYY, i, lf(this.eYY, i) + iso);
      sf(el.eigZZ, i, lf(this.eZZ, i) + iso);
      sf(el.eigXY, i, lf(this.eXY, i));
      sf(el.eigYZ, i, lf(this.eYZ, i));
      sf(el.eigXZ, i, lf(this.eXZ, i));
    }
    el.stackPressure = load<f64>(params + (<usize>P_STACK_MPA << 3));
    const tol = Math.max(1e-8, load<f64>(params + (<usize>P_MG_TOL << 3)));
    const iters = el.solve(tol, ELASTIC_MAX_IT);
    this.dirty = false;
    let opened = 0;
    const converged = iters >= 0; // an unconverged stress opens nothing (the next solve retries)
    for (let i = 0; i < n; i++) {
      const m = <i32>lf(this.mat, i);
      const p = lf(el.pressure, i);
      if (converged && isBoundary(m) && lf(this.opened, i) == 0 && lf(xi, i) >= OPEN_XI_MIN && p >= fracture) {
        sf(this.opened, i, 1);
        sf(this.eXX, i, 0); sf(this.eYY, i, 0); sf(this.eZZ, i, 0);
        sf(this.eXY, i, 0); sf(this.eYZ, i, 0); sf(this.eXZ, i, 0);
        opened++;
      }
      // Li cannot hold more pressure than the plating drive (|η| ≲ 0.1 V) pushes in; beyond that it only
      // dissolves faster. The cap (≈ 1.1 GPa) keeps those stiff cells from stalling the time step.
      const mech = Math.min(MAX_SHIFT_V, Math.max(-MAX_SHIFT_V, omegaF * p));
      sf(this.shift, i, mech + (isBoundary(m) ? lf(this.capV, i) : 0.0));
      sf(this.xiSolved, i, lf(xi, i));
      sf(this.rSolved, i, lf(this.lspsR, i));
    }
    if (opened > 0) this.dirty = true;
    this.openedCount += opened;
    return iters;
  }

  maxPressure(): f64 {
    let m: f64 = 0;
    for (let i = 0; i < this.n; i++) { const p = lf(this.elastic.pressure, i); if (p > m) m = p; }
    return m;
  }
}
