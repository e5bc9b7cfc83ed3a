// Linear elasticity of the solid electrolyte (small strain, isotropic, one material per cell).
//
// Discretisation: staggered (MAC / Virieux) finite differences, which is the exact minimiser of a
// discrete strain energy, so the operator is symmetric positive definite:
//   ux on x faces, uy on y faces, uz on z faces; normal strains and stresses at cell centres, shear
//   strains on cell edges with the harmonic mean of the (2 or 4) adjacent cells' shear moduli.
//   W = Σ_cells [μ Σᵢ(εᵢᵢ − ε*ᵢᵢ)² + λ/2 tr(ε − ε*)²] + Σ_edges μ_e (γ − γ*)²/2,
//   ε* = β/3 · I + the optional tensor inputs (eigXX … eigXZ, tensor components: γ* = 2ε*_xy), with
//   the edge γ* the mean of the adjacent cells' values.
// Unknowns are stored in units of dx (strain = plain difference of neighbours), so the operator is
// independent of dx and forces are stress differences in MPa. Vector layout: [ux | uy | uz], n each:
//   ux[x,y,z] is on the low x face of cell (x,y,z), uz on its low z face, and uy on its TOP y face
//   (face y+1), because the bottom face y = 0 is the rigid collector (uy = 0) and carries no unknown.
// Boundaries: x, z periodic. y = 0: u = 0 (ux, uz through a mirror ghost: γ = 2u over half an edge
//   volume). y = top: σ_yy = −p_stack (load on the top uy), σ_xy = σ_zy = 0 (top edges carry no shear).
// nz = 1 is plane strain (ε_zz = 0, ε*_zz still acts): σ_zz = λ tr(ε − ε*) − 2μ ε*_zz, no uz; the
//   out-of-plane shear eigenstrains ε*_xz, ε*_yz are ignored in 2D.
// Solver: flexible CG preconditioned by one geometric-multigrid V-cycle: full 2× coarsening while
//   every axis is even; degree-3 Chebyshev–Jacobi smoothing before and after, on [λmax/10, λmax] with
//   λmax(D⁻¹A) from a Gershgorin bound (damped Jacobi needs ω < 2/λmax, λmax = 3–5 for elasticity);
//   interpolation linear along each component's staggered axis and bilinear across, restriction its
//   transpose; coarse moduli the mean of the children; Jacobi-CG on the coarsest level. Warm-started
//   from the previous displacement, which is the solver's only state.
//   All arithmetic f64 in a fixed loop order; the SIMD build uses f64x2 only for element-wise loops
//   (each lane the scalar operations, in the same order), never for sums: both builds give identical bits.

import { allocF32, allocF64 } from './memory';

const SMOOTH: i32 = 3;          // Chebyshev degree of pre- and post-smoothing (equal: symmetric V-cycle)
const CHEB_RATIO: f64 = 10;     // smoothed interval [λmax/ratio, λmax] of D⁻¹A
const COARSE_RTOL2: f64 = 1e-12; // coarsest CG: ‖r‖ ≤ 1e-6 ‖r0‖ (compared squared)
const COARSE_MAX_IT: i32 = 2000;
const MIN_COARSE: i32 = 2;      // smallest coarse extent along any coarsened axis

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function ldf(p: usize, i: i32): f64 { return <f64>load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function stf(p: usize, i: i32, v: f64): void { store<f32>(p + (<usize>i << 2), <f32>v); }

/** 1/(mean of 1/μ); 0 when any μ is 0 (1/0 = ∞). */
// @ts-ignore: decorator
@inline function harm2(a: f64, b: f64): f64 { return 2.0 / (1.0 / a + 1.0 / b); }
// @ts-ignore: decorator
@inline function harm4(a: f64, b: f64, c: f64, d: f64): f64 {
  return 4.0 / (((1.0 / a + 1.0 / b) + 1.0 / c) + 1.0 / d);
}

export class ElasticLevel {
  nx: i32; ny: i32; nz: i32; n: i32; nd: i32; // nd = components × n, the vector length
  is3D: bool;
  lam: usize; mu: usize;                       // Lamé moduli per cell (MPa)
  mxy: usize; myz: usize = 0; mxz: usize = 0;  // edge shear moduli, stored at the cell's low corner
  dinv: usize;                                 // 1 / diagonal of the operator
  lmax: f64 = 1;                               // Gershgorin bound of the largest eigenvalue of D⁻¹A
  cd: usize;                                   // Chebyshev direction
  sxx: usize; syy: usize; szz: usize; txy: usize; tyz: usize = 0; txz: usize = 0; // stress scratch
  // eigenstress C:ε* (finest level only): normal parts per cell, shear parts μ_e γ* per edge
  exx: usize = 0; eyy: usize = 0; ezz: usize = 0; exy: usize = 0; eyz: usize = 0; exz: usize = 0;
  u: usize = 0; f: usize = 0;                  // coarse levels own them; the finest borrows
  r: usize;
  cp: usize = 0; cq: usize = 0;                // coarsest-level CG vectors
  coarse: ElasticLevel | null = null;
  // transfer weights along x to the coarse level, per fine x (axisWeights, tabulated once):
  // [AX_STAG, AX_CELL] × coarse index K1, K2 (i32) and weights W1, W2 (f64)
  xk1: StaticArray<usize> = [0, 0]; xk2: StaticArray<usize> = [0, 0];
  xw1: StaticArray<usize> = [0, 0]; xw2: StaticArray<usize> = [0, 0];

  constructor(nx: i32, ny: i32, nz: i32, is3D: bool, fine: bool) {
    this.nx = nx; this.ny = ny; this.nz = nz; this.is3D = is3D;
    const n = nx * ny * nz;
    const nd = (is3D ? 3 : 2) * n;
    this.n = n; this.nd = nd;
    this.lam = allocF64(n); this.mu = allocF64(n);
    this.mxy = allocF64(n);
    if (is3D) { this.myz = allocF64(n); this.mxz = allocF64(n); }
    this.dinv = allocF64(nd);
    this.cd = allocF64(nd);
    this.sxx = allocF64(n); this.syy = allocF64(n); this.szz = allocF64(n);
    this.txy = allocF64(n);
    if (is3D) { this.tyz = allocF64(n); this.txz = allocF64(n); }
    if (!fine) { this.u = allocF64(nd); this.f = allocF64(nd); }
    else {
      this.exx = allocF64(n); this.eyy = allocF64(n); this.ezz = allocF64(n); this.exy = allocF64(n);
      if (is3D) { this.eyz = allocF64(n); this.exz = allocF64(n); }
    }
    this.r = allocF64(nd);
  }
}

// ---------------------------------------------------------------- operator

/** Normal stresses at cell centres and shear stresses on edges for displacement u, minus the
 *  eigenstress when eig (finest level only); without it this is the homogeneous operator. */
function stress(L: ElasticLevel, u: usize, eig: bool): void {
  if (!L.is3D) { stress2D(L, u, eig); return; }
  const nx = L.nx, ny = L.ny, nz = L.nz, n = L.n, is3D = L.is3D;
  const nxy = nx * ny;
  const U = u, V = u + (<usize>n << 3), W = u + (<usize>(2 * n) << 3);
  const lam = L.lam, mu = L.mu, mxy = L.mxy, myz = L.myz, mxz = L.mxz;
  const sxx = L.sxx, syy = L.syy, szz = L.szz, txy = L.txy, tyz = L.tyz, txz = L.txz;
  for (let z = 0; z < nz; z++) {
    const dzm = (z == 0 ? nz - 1 : -1) * nxy; // index offset to the z − 1 neighbour (periodic)
    const dzp = (z == nz - 1 ? 1 - nz : 1) * nxy;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = o + x;
        const xm = x == 0 ? i + nx - 1 : i - 1;
        const xp = x == nx - 1 ? i + 1 - nx : i + 1;
        const u0 = ld(U, i), v0 = ld(V, i);
        const vd = y > 0 ? ld(V, i - nx) : 0.0; // bottom face of the cell
        const exx = ld(U, xp) - u0;
        const eyy = v0 - vd;
        let w0 = 0.0, ezz = 0.0;
        if (is3D) { w0 = ld(W, i); ezz = ld(W, i + dzp) - w0; }
        const m2 = 2.0 * ld(mu, i);
        const base = ld(lam, i) * ((exx + eyy) + ezz);
        let sx = base + m2 * exx, sy = base + m2 * eyy, sz = base + m2 * ezz;
        // xy edge at the cell's low-x low-y corner; on the wall ux mirrors to −ux and uy = 0
        const gxy = y > 0 ? ((u0 - ld(U, i - nx)) + (vd - ld(V, xm - nx))) : 2.0 * u0;
        let txyv = ld(mxy, i) * gxy;
        if (eig) {
          sx -= ld(L.exx, i); sy -= ld(L.eyy, i); sz -= ld(L.ezz, i);
          txyv -= ld(L.exy, i);
        }
        st(sxx, i, sx);
        st(syy, i, sy);
        st(szz, i, sz);
        st(txy, i, txyv);
        if (is3D) {
          const gyz = y > 0 ? ((vd - ld(V, i + dzm - nx)) + (w0 - ld(W, i - nx))) : 2.0 * w0;
          let tyzv = ld(myz, i) * gyz;
          let txzv = ld(mxz, i) * ((u0 - ld(U, i + dzm)) + (w0 - ld(W, xm)));
          if (eig) { tyzv -= ld(L.eyz, i); txzv -= ld(L.exz, i); }
          st(tyz, i, tyzv);
          st(txz, i, txzv);
        }
      }
    }
  }
}

/** Nodal forces ∂W/∂u of the stresses in L: out = F, or out = f − F when f ≠ 0.
 *  The top uy row gets only σ_yy of its cell: the traction belongs to the right-hand side. */
function forces(L: ElasticLevel, f: usize, out: usize): void {
  if (!L.is3D) { forces2D(L, f, out); return; }
  const nx = L.nx, ny = L.ny, nz = L.nz, n = L.n, is3D = L.is3D;
  const nxy = nx * ny;
  const ob = <usize>n << 3;
  const sxx = L.sxx, syy = L.syy, szz = L.szz, txy = L.txy, tyz = L.tyz, txz = L.txz;
  for (let z = 0; z < nz; z++) {
    const dzm = (z == 0 ? nz - 1 : -1) * nxy;
    const dzp = (z == nz - 1 ? 1 - nz : 1) * nxy;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      const top = y == ny - 1; // edges above the top row are traction free
      for (let x = 0; x < nx; x++) {
        const i = o + x;
        const xm = x == 0 ? i + nx - 1 : i - 1;
        const xp = x == nx - 1 ? i + 1 - nx : i + 1;
        let fu = (ld(sxx, xm) - ld(sxx, i)) + ld(txy, i);
        let fv = ld(syy, i);
        if (!top) {
          fu -= ld(txy, i + nx);
          fv = ((fv - ld(syy, i + nx)) + ld(txy, i + nx)) - ld(txy, xp + nx);
        }
        if (is3D) {
          fu = (fu + ld(txz, i)) - ld(txz, i + dzp);
          let fw = (((ld(szz, i + dzm) - ld(szz, i)) + ld(tyz, i)) + ld(txz, i)) - ld(txz, xp);
          if (!top) {
            fw -= ld(tyz, i + nx);
            fv = (fv + ld(tyz, i + nx)) - ld(tyz, i + nx + dzp);
          }
          st(out + 2 * ob, i, f ? ld(f + 2 * ob, i) - fw : fw);
        }
        st(out, i, f ? ld(f, i) - fu : fu);
        st(out + ob, i, f ? ld(f + ob, i) - fv : fv);
      }
    }
  }
}

// ---------------------------------------------------------------- 2D (plane strain) fast paths
// The same arithmetic as the general stress/forces above, term by term and in the same order (so the
// bits do not change), without the per-cell 3D and boundary branches: the wall row and the two periodic
// end columns are done cell by cell, the interior of every other row two cells at a time (f64x2 lanes
// do exactly the scalar IEEE operations). σ_zz is only formed for the outputs (eig): in plane strain no
// force uses it.

// @ts-ignore: decorator
@inline function vld(p: usize, i: i32): v128 { return v128.load(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function vst(p: usize, i: i32, v: v128): void { v128.store(p + (<usize>i << 3), v); }

// @ts-ignore: decorator
@inline function stressCell2D(L: ElasticLevel, U: usize, V: usize, i: i32, xm: i32, xp: i32, nx: i32, wall: bool, eig: bool): void {
  const u0 = ld(U, i), v0 = ld(V, i);
  const vd = wall ? 0.0 : ld(V, i - nx);
  const exx = ld(U, xp) - u0;
  const eyy = v0 - vd;
  const ezz = 0.0;
  const m2 = 2.0 * ld(L.mu, i);
  const base = ld(L.lam, i) * ((exx + eyy) + ezz);
  let sx = base + m2 * exx, sy = base + m2 * eyy;
  const gxy = wall ? 2.0 * u0 : ((u0 - ld(U, i - nx)) + (vd - ld(V, xm - nx)));
  let txyv = ld(L.mxy, i) * gxy;
  if (eig) {
    sx -= ld(L.exx, i); sy -= ld(L.eyy, i);
    txyv -= ld(L.exy, i);
    st(L.szz, i, (base + m2 * ezz) - ld(L.ezz, i));
  }
  st(L.sxx, i, sx);
  st(L.syy, i, sy);
  st(L.txy, i, txyv);
}

/** Stresses of row y (see stress2D). */
function stressRow2D(L: ElasticLevel, U: usize, V: usize, y: i32, eig: bool): void {
  const nx = L.nx;
  const o = nx * y;
  const wall = y == 0;
  const xl = nx - 1;
  stressCell2D(L, U, V, o, o + xl, xl > 0 ? o + 1 : o, nx, wall, eig);
  let x = 1;
  if (ASC_FEATURE_SIMD && !wall) {
    const two = f64x2.splat(2.0), zero = f64x2.splat(0.0);
    const lam = L.lam, mu = L.mu, mxy = L.mxy;
    for (; x + 2 <= xl; x += 2) {
      const i = o + x;
      const u0 = vld(U, i), v0 = vld(V, i), vd = vld(V, i - nx);
      const exx = f64x2.sub(vld(U, i + 1), u0);
      const eyy = f64x2.sub(v0, vd);
      const m2 = f64x2.mul(two, vld(mu, i));
      const base = f64x2.mul(vld(lam, i), f64x2.add(f64x2.add(exx, eyy), zero));
      let sx = f64x2.add(base, f64x2.mul(m2, exx));
      let sy = f64x2.add(base, f64x2.mul(m2, eyy));
      const gxy = f64x2.add(f64x2.sub(u0, vld(U, i - nx)), f64x2.sub(vd, vld(V, i - 1 - nx)));
      let txyv = f64x2.mul(vld(mxy, i), gxy);
      if (eig) {
        sx = f64x2.sub(sx, vld(L.exx, i)); sy = f64x2.sub(sy, vld(L.eyy, i));
        txyv = f64x2.sub(txyv, vld(L.exy, i));
        vst(L.szz, i, f64x2.sub(f64x2.add(base, f64x2.mul(m2, zero)), vld(L.ezz, i)));
      }
      vst(L.sxx, i, sx);
      vst(L.syy, i, sy);
      vst(L.txy, i, txyv);
    }
  }
  for (; x < xl; x++) stressCell2D(L, U, V, o + x, o + x - 1, o + x + 1, nx, wall, eig);
  if (xl > 0) stressCell2D(L, U, V, o + xl, o + xl - 1, o, nx, wall, eig);
}

function stress2D(L: ElasticLevel, u: usize, eig: bool): void {
  const V = u + (<usize>L.n << 3);
  for (let y = 0; y < L.ny; y++) stressRow2D(L, u, V, y, eig);
}

// @ts-ignore: decorator
@inline function forceCell2D(L: ElasticLevel, f: usize, out: usize, ob: usize, i: i32, xm: i32, xp: i32, nx: i32, top: bool): void {
  let fu = (ld(L.sxx, xm) - ld(L.sxx, i)) + ld(L.txy, i);
  let fv = ld(L.syy, i);
  if (!top) {
    fu -= ld(L.txy, i + nx);
    fv = ((fv - ld(L.syy, i + nx)) + ld(L.txy, i + nx)) - ld(L.txy, xp + nx);
  }
  st(out, i, f ? ld(f, i) - fu : fu);
  st(out + ob, i, f ? ld(f + ob, i) - fv : fv);
}

/** Nodal forces of row y (see forces2D); reads the stresses of rows y and y + 1. */
function forcesRow2D(L: ElasticLevel, f: usize, out: usize, y: i32): void {
  const nx = L.nx;
  const ob = <usize>L.n << 3;
  const sxx = L.sxx, syy = L.syy, txy = L.txy;
  const o = nx * y;
  const top = y == L.ny - 1;
  const xl = nx - 1;
  forceCell2D(L, f, out, ob, o, o + xl, xl > 0 ? o + 1 : o, nx, top);
  let x = 1;
  if (ASC_FEATURE_SIMD && !top) {
    for (; x + 2 <= xl; x += 2) {
      const i = o + x;
      const fu = f64x2.sub(f64x2.add(f64x2.sub(vld(sxx, i - 1), vld(sxx, i)), vld(txy, i)), vld(txy, i + nx));
      const fv = f64x2.sub(f64x2.add(f64x2.sub(vld(syy, i), vld(syy, i + nx)), vld(txy, i + nx)), vld(txy, i + 1 + nx));
      if (f) {
        vst(out, i, f64x2.sub(vld(f, i), fu));
        vst(out + ob, i, f64x2.sub(vld(f + ob, i), fv));
      } else {
        vst(out, i, fu);
        vst(out + ob, i, fv);
      }
    }
  }
  for (; x < xl; x++) forceCell2D(L, f, out, ob, o + x, o + x - 1, o + x + 1, nx, top);
  if (xl > 0) forceCell2D(L, f, out, ob, o + xl, o + xl - 1, o, nx, top);
}

function forces2D(L: ElasticLevel, f: usize, out: usize): void {
  for (let y = 0; y < L.ny; y++) forcesRow2D(L, f, out, y);
}

/** out = f − A u (or A u) in 2D, row by row: the stresses of row y + 1 are formed just before the forces
 *  of row y that need them, so both passes work on rows still in cache. Same values as stress2D then
 *  forces2D. */
function apply2D(L: ElasticLevel, u: usize, f: usize, out: usize): void {
  const V = u + (<usize>L.n << 3);
  const ny = L.ny;
  stressRow2D(L, u, V, 0, false);
  for (let y = 0; y < ny; y++) {
    if (y + 1 < ny) stressRow2D(L, u, V, y + 1, false);
    forcesRow2D(L, f, out, y);
  }
}

/** out = f − A u (f ≠ 0) or out = A u (f = 0). */
// @ts-ignore: decorator
@inline function apply(L: ElasticLevel, u: usize, f: usize, out: usize): void {
  if (!L.is3D) { apply2D(L, u, f, out); return; }
  stress(L, u, false);
  forces(L, f, out);
}

/** Edge moduli (harmonic means of the adjacent cells) and the Jacobi diagonal, from L.lam, L.mu. */
function setupLevel(L: ElasticLevel): void {
  const nx = L.nx, ny = L.ny, nz = L.nz, n = L.n, is3D = L.is3D;
  const nxy = nx * ny;
  const mu = L.mu, lam = L.lam, mxy = L.mxy, myz = L.myz, mxz = L.mxz, dinv = L.dinv;
  for (let z = 0; z < nz; z++) {
    const dzm = (z == 0 ? nz - 1 : -1) * nxy;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = o + x;
        const xm = x == 0 ? i + nx - 1 : i - 1;
        st(mxy, i, y > 0 ? harm4(ld(mu, xm - nx), ld(mu, i - nx), ld(mu, xm), ld(mu, i)) : harm2(ld(mu, xm), ld(mu, i)));
        if (is3D) {
          st(myz, i, y > 0
            ? harm4(ld(mu, i + dzm - nx), ld(mu, i - nx), ld(mu, i + dzm), ld(mu, i))
            : harm2(ld(mu, i + dzm), ld(mu, i)));
          st(mxz, i, harm4(ld(mu, xm + dzm), ld(mu, i + dzm), ld(mu, xm), ld(mu, i)));
        }
      }
    }
  }
  // Diagonal D and the Gershgorin bound λmax(D⁻¹A) ≤ max_i Σ_j |A_ij| / A_ii (D⁻¹A is similar to
  // the symmetric D^-½AD^-½, so its eigenvalues are real and lie in these discs). Row sums add the
  // |coefficients| of every term: a cell's normal stress couples its own two faces with λ+2μ and the
  // other components' faces with λ; an edge shear couples four unknowns with ±μ_e, a wall edge one
  // with 2μ_e. For a uniform material the bound is within 1 % of the power-iteration value.
  const ob = <usize>n << 3;
  const c3: f64 = is3D ? 2.0 : 0.0; // faces of the third component in a cell
  let gmax = 0.0;
  for (let z = 0; z < nz; z++) {
    const dzm = (z == 0 ? nz - 1 : -1) * nxy;
    const dzp = (z == nz - 1 ? 1 - nz : 1) * nxy;
    for (let y = 0; y < ny; y++) {
      const o = nx * (y + ny * z);
      const top = y == ny - 1;
      const wall: f64 = y == 0 ? 2.0 : 1.0; // the mirror ghost doubles the wall edge's stiffness
      const cy: f64 = y > 0 ? 2.0 : 1.0;   // uy faces of a cell that are unknowns (the wall is not)
      for (let x = 0; x < nx; x++) {
        const i = o + x;
        const xm = x == 0 ? i + nx - 1 : i - 1;
        const xp = x == nx - 1 ? i + 1 - nx : i + 1;
        const li = ld(lam, i), lxm = ld(lam, xm);
        const Mi = li + 2.0 * ld(mu, i), Mxm = lxm + 2.0 * ld(mu, xm);
        let du = Mxm + Mi + wall * ld(mxy, i);
        let su = ((2.0 * (Mxm + Mi) + (cy + c3) * (lxm + li)) + 2.0 * ld(mxy, i)) + (y > 0 ? 2.0 * ld(mxy, i) : 0.0);
        let dv = Mi;
        let sv = cy * Mi + (2.0 + c3) * li;
        if (!top) {
          const j = i + nx, lj = ld(lam, j), Mj = lj + 2.0 * ld(mu, j);
          du += ld(mxy, j);
          su += 4.0 * ld(mxy, j);
          dv += (Mj + ld(mxy, j)) + ld(mxy, xp + nx);
          sv += ((2.0 * Mj + (2.0 + c3) * lj) + 4.0 * ld(mxy, j)) + 4.0 * ld(mxy, xp + nx);
        }
        if (is3D) {
          du += ld(mxz, i) + ld(mxz, i + dzp);
          su += 4.0 * (ld(mxz, i) + ld(mxz, i + dzp));
          const lzm = ld(lam, i + dzm), Mzm = lzm + 2.0 * ld(mu, i + dzm);
          let dw = ((Mzm + Mi + wall * ld(myz, i)) + ld(mxz, i)) + ld(mxz, xp);
          let sw = ((2.0 * (Mzm + Mi) + (2.0 + cy) * (lzm + li)) + 2.0 * ld(myz, i)) + (y > 0 ? 2.0 * ld(myz, i) : 0.0)
            + 4.0 * (ld(mxz, i) + ld(mxz, xp));
          if (!top) {
            dw += ld(myz, i + nx);
            sw += 4.0 * ld(myz, i + nx);
            dv += ld(myz, i + nx) + ld(myz, i + nx + dzp);
            sv += 4.0 * (ld(myz, i + nx) + ld(myz, i + nx + dzp));
          }
          st(dinv + 2 * ob, i, dw > 0 ? 1.0 / dw : 0.0);
          if (dw > 0) gmax = max(gmax, sw / dw);
        }
        st(dinv, i, du > 0 ? 1.0 / du : 0.0);
        st(dinv + ob, i, dv > 0 ? 1.0 / dv : 0.0);
        if (du > 0) gmax = max(gmax, su / du);
        if (dv > 0) gmax = max(gmax, sv / dv);
      }
    }
  }
  L.lmax = gmax > 0 ? gmax : 1.0;
}

/** Coarse moduli: arithmetic mean of the 2^d children. */
function coarsenModuli(F: ElasticLevel, C: ElasticLevel): void {
  const fnx = F.nx, fny = F.ny;
  const kz = C.is3D ? 2 : 1;
  const w = 1.0 / <f64>(4 * kz);
  for (let Z = 0; Z < C.nz; Z++) {
    for (let Y = 0; Y < C.ny; Y++) {
      for (let X = 0; X < C.nx; X++) {
        let sl = 0.0, sm = 0.0;
        for (let c = 0; c < kz; c++) {
          for (let b = 0; b < 2; b++) {
            const j = 2 * X + fnx * (2 * Y + b + fny * (2 * Z + c));
            sl = (sl + ld(F.lam, j)) + ld(F.lam, j + 1);
            sm = (sm + ld(F.mu, j)) + ld(F.mu, j + 1);
          }
        }
        const I = X + C.nx * (Y + C.ny * Z);
        st(C.lam, I, sl * w);
        st(C.mu, I, sm * w);
      }
    }
  }
}

// ---------------------------------------------------------------- transfers
// P interpolates a coarse displacement (in coarse-dx units) onto the fine grid, per axis: linearly
// along the component's own (staggered) axis, bilinearly (¾, ¼) across it, with the wall mirror
// (u = 0 at y = 0) and constant extrapolation at the free top. The fine correction is 2·P e (unit
// change) and the Galerkin coarse operator 4 PᵀAP ≈ 2^d A_c, so the coarse right side is 2^(2−d) Pᵀ r.
// Restriction is the exact transpose of the same weights (scattered in a fixed order).

const AX_STAG: i32 = 0; // staggered, periodic (ux along x, uz along z)
const AX_CELL: i32 = 1; // cell-centred, periodic (x or z)
const AX_CELL_Y: i32 = 2; // cell-centred along y: wall below, free top
const AX_STAG_Y: i32 = 3; // uy along y, top-face indexing, wall below

// per-axis weights of fine index k: coarse K1 (weight W1) and K2 (weight W2)
let K1: i32 = 0, K2: i32 = 0, W1: f64 = 0, W2: f64 = 0;

// @ts-ignore: decorator
@inline function axisWeights(k: i32, nc: i32, mode: i32): void {
  const K = k >> 1, even = (k & 1) == 0;
  K1 = K;
  if (mode == AX_STAG) {
    if (even) { W1 = 1; K2 = K; W2 = 0; } else { W1 = 0.5; K2 = K + 1 == nc ? 0 : K + 1; W2 = 0.5; }
  } else if (mode == AX_CELL) {
    W1 = 0.75; W2 = 0.25;
    K2 = even ? (K == 0 ? nc - 1 : K - 1) : (K + 1 == nc ? 0 : K + 1);
  } else if (mode == AX_CELL_Y) {
    K2 = even ? K - 1 : K + 1;
    if (K2 < 0) { W1 = 0.5; K2 = K; W2 = 0; }          // mirror: the wall value is 0
    else if (K2 >= nc) { W1 = 1; K2 = K; W2 = 0; }     // free top: constant
    else { W1 = 0.75; W2 = 0.25; }
  } else { // AX_STAG_Y: odd k is a coarse face (index K); even k lies between faces K−1 (or the wall) and K
    if (!even) { W1 = 1; K2 = K; W2 = 0; } else { W1 = 0.5; K2 = K > 0 ? K - 1 : K; W2 = K > 0 ? 0.5 : 0; }
  }
}

/** The x weights of both x modes (AX_STAG = 0, AX_CELL = 1) from fine level F to a coarse nx of cnx. */
function tabulateX(F: ElasticLevel, cnx: i32): void {
  for (let mode = 0; mode < 2; mode++) {
    const k1 = allocF32(F.nx), k2 = allocF32(F.nx), w1 = allocF64(F.nx), w2 = allocF64(F.nx);
    for (let x = 0; x < F.nx; x++) {
      axisWeights(x, cnx, mode);
      store<i32>(k1 + (<usize>x << 2), K1); store<i32>(k2 + (<usize>x << 2), K2);
      st(w1, x, W1); st(w2, x, W2);
    }
    F.xk1[mode] = k1; F.xk2[mode] = k2; F.xw1[mode] = w1; F.xw2[mode] = w2;
  }
}

/** Fine vector (component offset fo) ↔ coarse (component offset co): gather u += P e (restrict false)
 *  or scatter C.f += s·Pᵀ r (restrict true), for one component with its three axis modes. */
function transferComponent(F: ElasticLevel, C: ElasticLevel, fine: usize, coarse: usize, restrict: bool, s: f64,
  mx: i32, my: i32, mz: i32): void {
  if (!F.is3D) { transfer2D(F, C, fine, coarse, restrict, s, mx, my); return; }
  const fnx = F.nx, fny = F.ny, fnz = F.nz, cnx = C.nx, cny = C.ny, cnz = C.nz;
  const tk1 = F.xk1[mx], tk2 = F.xk2[mx], tw1 = F.xw1[mx], tw2 = F.xw2[mx];
  for (let z = 0; z < fnz; z++) {
    axisWeights(z, cnz, mz);
    const kz1 = K1, kz2 = K2, wz1 = W1, wz2 = W2;
    for (let y = 0; y < fny; y++) {
      axisWeights(y, cny, my);
      const ky1 = K1, ky2 = K2, wy1 = W1, wy2 = W2;
      const r11 = cnx * (ky1 + cny * kz1), r21 = cnx * (ky2 + cny * kz1);
      const r12 = cnx * (ky1 + cny * kz2), r22 = cnx * (ky2 + cny * kz2);
      const a11 = wy1 * wz1, a21 = wy2 * wz1, a12 = wy1 * wz2, a22 = wy2 * wz2;
      const o = fnx * (y + fny * z);
      for (let x = 0; x < fnx; x++) {
        const kx1 = load<i32>(tk1 + (<usize>x << 2)), kx2 = load<i32>(tk2 + (<usize>x << 2));
        const wx1 = ld(tw1, x), wx2 = ld(tw2, x);
        const i = o + x;
        if (restrict) {
          const v = s * ld(fine, i);
          st(coarse, r11 + kx1, ld(coarse, r11 + kx1) + (a11 * wx1) * v);
          st(coarse, r11 + kx2, ld(coarse, r11 + kx2) + (a11 * wx2) * v);
          st(coarse, r21 + kx1, ld(coarse, r21 + kx1) + (a21 * wx1) * v);
          st(coarse, r21 + kx2, ld(coarse, r21 + kx2) + (a21 * wx2) * v);
          st(coarse, r12 + kx1, ld(coarse, r12 + kx1) + (a12 * wx1) * v);
          st(coarse, r12 + kx2, ld(coarse, r12 + kx2) + (a12 * wx2) * v);
          st(coarse, r22 + kx1, ld(coarse, r22 + kx1) + (a22 * wx1) * v);
          st(coarse, r22 + kx2, ld(coarse, r22 + kx2) + (a22 * wx2) * v);
        } else {
          let e = (a11 * wx1) * ld(coarse, r11 + kx1) + (a11 * wx2) * ld(coarse, r11 + kx2)
            + (a21 * wx1) * ld(coarse, r21 + kx1) + (a21 * wx2) * ld(coarse, r21 + kx2);
          e += (a12 * wx1) * ld(coarse, r12 + kx1) + (a12 * wx2) * ld(coarse, r12 + kx2)
            + (a22 * wx1) * ld(coarse, r22 + kx1) + (a22 * wx2) * ld(coarse, r22 + kx2);
          st(fine, i, ld(fine, i) + e);
        }
      }
    }
  }
}

/** transferComponent in 2D: the z weights are 1 and 0, so a11 = wy1, a21 = wy2 and only the first four
 *  terms remain (the same products and sums in the same order); restrict is decided per row, so the
 *  inner loops carry no branch. */
function transfer2D(F: ElasticLevel, C: ElasticLevel, fine: usize, coarse: usize, restrict: bool, s: f64, mx: i32, my: i32): void {
  const fnx = F.nx, fny = F.ny, cnx = C.nx, cny = C.ny;
  const tk1 = F.xk1[mx], tk2 = F.xk2[mx], tw1 = F.xw1[mx], tw2 = F.xw2[mx];
  for (let y = 0; y < fny; y++) {
    axisWeights(y, cny, my);
    const r11 = cnx * K1, r21 = cnx * K2;
    const a11 = W1 * 1.0, a21 = W2 * 1.0;
    const o = fnx * y;
    if (restrict) {
      for (let x = 0; x < fnx; x++) {
        const kx1 = load<i32>(tk1 + (<usize>x << 2)), kx2 = load<i32>(tk2 + (<usize>x << 2));
        const wx1 = ld(tw1, x), wx2 = ld(tw2, x);
        const v = s * ld(fine, o + x);
        st(coarse, r11 + kx1, ld(coarse, r11 + kx1) + (a11 * wx1) * v);
        st(coarse, r11 + kx2, ld(coarse, r11 + kx2) + (a11 * wx2) * v);
        st(coarse, r21 + kx1, ld(coarse, r21 + kx1) + (a21 * wx1) * v);
        st(coarse, r21 + kx2, ld(coarse, r21 + kx2) + (a21 * wx2) * v);
      }
    } else {
      for (let x = 0; x < fnx; x++) {
        const kx1 = load<i32>(tk1 + (<usize>x << 2)), kx2 = load<i32>(tk2 + (<usize>x << 2));
        const wx1 = ld(tw1, x), wx2 = ld(tw2, x);
        const e = (a11 * wx1) * ld(coarse, r11 + kx1) + (a11 * wx2) * ld(coarse, r11 + kx2)
          + (a21 * wx1) * ld(coarse, r21 + kx1) + (a21 * wx2) * ld(coarse, r21 + kx2);
        st(fine, o + x, ld(fine, o + x) + e);
      }
    }
  }
}

/** C.f = 2^(2−d) · Pᵀ r (r on F). */
function restrictTo(F: ElasticLevel, r: usize, C: ElasticLevel): void {
  const fob = <usize>F.n << 3, cob = <usize>C.n << 3;
  const s: f64 = C.is3D ? 0.5 : 1.0;
  memory.fill(C.f, 0, <usize>C.nd << 3);
  transferComponent(F, C, r, C.f, true, s, AX_STAG, AX_CELL_Y, AX_CELL);
  transferComponent(F, C, r + fob, C.f + cob, true, s, AX_CELL, AX_STAG_Y, AX_CELL);
  if (C.is3D) transferComponent(F, C, r + 2 * fob, C.f + 2 * cob, true, s, AX_CELL, AX_CELL_Y, AX_STAG);
}

/** u (on F) += P e (e on C). */
function prolongAdd(C: ElasticLevel, e: usize, F: ElasticLevel, u: usize): void {
  const fob = <usize>F.n << 3, cob = <usize>C.n << 3;
  transferComponent(F, C, u, e, false, 1.0, AX_STAG, AX_CELL_Y, AX_CELL);
  transferComponent(F, C, u + fob, e + cob, false, 1.0, AX_CELL, AX_STAG_Y, AX_CELL);
  if (C.is3D) transferComponent(F, C, u + 2 * fob, e + 2 * cob, false, 1.0, AX_CELL, AX_CELL_Y, AX_STAG);
}

// ---------------------------------------------------------------- smoother

/** SMOOTH steps of Chebyshev iteration on D⁻¹A over [λmax/CHEB_RATIO, λmax]: a fixed polynomial in
 *  D⁻¹A (so pre = post keeps the V-cycle symmetric) that damps the upper part of the spectrum far
 *  better than damped Jacobi, whose stable ω shrinks as 2/λmax (λmax = 3–5 for elasticity). */
function chebyshev(L: ElasticLevel, u: usize, f: usize, fromZero: bool): void {
  const nd = L.nd, r = L.r, d = L.dinv, c = L.cd;
  const hi = L.lmax, lo = hi / CHEB_RATIO;
  const theta = 0.5 * (hi + lo), delta = 0.5 * (hi - lo);
  const sigma = theta / delta;
  let rho = 1.0 / sigma;
  if (fromZero) memory.copy(r, f, <usize>nd << 3);
  else apply(L, u, f, r);
  let i0 = 0;
  if (ASC_FEATURE_SIMD) {
    const vt = f64x2.splat(theta);
    for (; i0 + 2 <= nd; i0 += 2) vst(c, i0, f64x2.div(f64x2.mul(vld(d, i0), vld(r, i0)), vt));
  }
  for (let i = i0; i < nd; i++) st(c, i, ld(d, i) * ld(r, i) / theta);
  for (let k = 0; k < SMOOTH; k++) {
    axpy(u, u, 1.0, c, nd); // u + 1·c = u + c exactly
    if (k == SMOOTH - 1) break;
    apply(L, u, f, r);
    const rn = 1.0 / (2.0 * sigma - rho);
    const a = rn * rho, b = 2.0 * rn / delta;
    let i1 = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f64x2.splat(a), vb = f64x2.splat(b);
      for (; i1 + 2 <= nd; i1 += 2) {
        vst(c, i1, f64x2.add(f64x2.mul(va, vld(c, i1)), f64x2.mul(f64x2.mul(vb, vld(d, i1)), vld(r, i1))));
      }
    }
    for (let i = i1; i < nd; i++) st(c, i, a * ld(c, i) + b * ld(d, i) * ld(r, i));
    rho = rn;
  }
}

// ---------------------------------------------------------------- vector ops (sequential f64)

function dot(p: usize, q: usize, n: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += ld(p, i) * ld(q, i);
  return s;
}

let DOT2: f64 = 0; // second result of dot2

/** p·q (returned) and r·w (in DOT2) in one pass: two independent sums, each in index order as dot's. */
function dot2(p: usize, q: usize, r: usize, w: usize, n: i32): f64 {
  let s = 0.0, t = 0.0;
  for (let i = 0; i < n; i++) {
    s += ld(p, i) * ld(q, i);
    t += ld(r, i) * ld(w, i);
  }
  DOT2 = t;
  return s;
}

/** r = r + a·y, returning the new r·r (axpy then dot in one pass, the same sum). */
function axpyNorm2(r: usize, a: f64, y: usize, n: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) {
    const v = ld(r, i) + a * ld(y, i);
    st(r, i, v);
    s += v * v;
  }
  return s;
}

/** out = x + a·y (out may alias x or y). */
function axpy(out: usize, x: usize, a: f64, y: usize, n: i32): void {
  let i0 = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(a);
    for (; i0 + 2 <= n; i0 += 2) vst(out, i0, f64x2.add(vld(x, i0), f64x2.mul(va, vld(y, i0))));
  }
  for (let i = i0; i < n; i++) st(out, i, ld(x, i) + a * ld(y, i));
}

// ---------------------------------------------------------------- solver

export class Elastic {
  nx: i32; ny: i32; nz: i32; dx: f64; n: i32; nd: i32;
  is3D: bool;
  levels: i32;
  fine: ElasticLevel;
  youngs: usize; poisson: usize; eigen: usize;     // f32 per-cell inputs (MPa, –, volumetric strain β)
  // optional f32 per-cell eigenstrain tensor components, added to β/3·I (ε*_xy etc. are tensor, not γ)
  eigXX: usize; eigYY: usize; eigZZ: usize; eigXY: usize; eigYZ: usize; eigXZ: usize;
  pressure: usize; vonMises: usize; sigmaYY: usize; // f32 per-cell outputs (MPa, p > 0 compressive)
  disp: usize;                                      // f64 displacement / dx, [ux | uy | uz]; warm start
  b: usize; r: usize; z: usize; p: usize; q: usize;  // FCG vectors
  stackPressure: f64 = 0;                           // MPa, compressive traction on the top face
  lastResidual: f64 = 0;                            // ‖b − A u‖ / ‖b‖ after the last solve

  /** nx ≥ 1, ny ≥ 1, nz ≥ 1; nz = 1 is plane strain. */
  constructor(nx: i32, ny: i32, nz: i32, dx: f64) {
    const is3D = nz > 1;
    const fine = new ElasticLevel(nx, ny, nz, is3D, true);
    let L = fine;
    let levels = 1;
    // full 2× coarsening while every axis in play halves evenly
    while ((L.nx & 1) == 0 && (L.ny & 1) == 0 && (!is3D || (L.nz & 1) == 0)
      && L.nx >= 2 * MIN_COARSE && L.ny >= 2 * MIN_COARSE && (!is3D || L.nz >= 2 * MIN_COARSE)) {
      const C = new ElasticLevel(L.nx >> 1, L.ny >> 1, is3D ? L.nz >> 1 : 1, is3D, false);
      L.coarse = C;
      tabulateX(L, C.nx);
      L = C;
      levels++;
    }
    L.cp = allocF64(L.nd);
    L.cq = allocF64(L.nd);
    this.fine = fine;
    this.levels = levels;
    this.nx = nx; this.ny = ny; this.nz = nz; this.dx = dx; this.is3D = is3D;
    const n = fine.n, nd = fine.nd;
    this.n = n; this.nd = nd;
    this.youngs = allocF32(n); this.poisson = allocF32(n); this.eigen = allocF32(n);
    this.pressure = allocF32(n); this.vonMises = allocF32(n); this.sigmaYY = allocF32(n);
    this.disp = allocF64(nd);
    this.eigXX = allocF32(n); this.eigYY = allocF32(n); this.eigZZ = allocF32(n);
    this.eigXY = allocF32(n); this.eigYZ = allocF32(n); this.eigXZ = allocF32(n);
    this.b = allocF64(nd); this.r = allocF64(nd); this.z = allocF64(nd);
    this.p = allocF64(nd); this.q = allocF64(nd);
  }

  /** Forget the warm start: the next solve starts from u = 0. The displacement is the solver's only
   *  state, so restoring `disp` (nd f64) restores its behaviour bit for bit. */
  reset(): void {
    memory.fill(this.disp, 0, <usize>this.nd << 3);
  }

  /** Moduli of every level, eigenstress and right-hand side from the current inputs; returns ‖b‖². */
  private setup(): f64 {
    const F = this.fine, n = this.n, nx = this.nx, ny = this.ny, nz = this.nz, is3D = this.is3D;
    const gxy = F.txy, gyz = F.tyz, gxz = F.txz; // scratch: cell engineering shear eigenstrain γ*
    for (let i = 0; i < n; i++) {
      const E = ldf(this.youngs, i), nu = ldf(this.poisson, i);
      const lam = E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
      const mu = E / (2.0 * (1.0 + nu));
      st(F.lam, i, lam);
      st(F.mu, i, mu);
      const b3 = ldf(this.eigen, i) / 3.0;
      const ex = b3 + ldf(this.eigXX, i), ey = b3 + ldf(this.eigYY, i), ez = b3 + ldf(this.eigZZ, i);
      const lt = lam * ((ex + ey) + ez);
      st(F.exx, i, lt + 2.0 * mu * ex);
      st(F.eyy, i, lt + 2.0 * mu * ey);
      st(F.ezz, i, lt + 2.0 * mu * ez);
      st(gxy, i, 2.0 * ldf(this.eigXY, i));
      if (is3D) {
        st(gyz, i, 2.0 * ldf(this.eigYZ, i));
        st(gxz, i, 2.0 * ldf(this.eigXZ, i));
      }
    }
    setupLevel(F);
    // edge eigen shear stress μ_e γ*, γ* the mean over the same cells as the edge modulus
    const nxy = nx * ny;
    for (let z = 0; z < nz; z++) {
      const dzm = (z == 0 ? nz - 1 : -1) * nxy;
      for (let y = 0; y < ny; y++) {
        const o = nx * (y + ny * z);
        for (let x = 0; x < nx; x++) {
          const i = o + x;
          const xm = x == 0 ? i + nx - 1 : i - 1;
          const g = y > 0
            ? 0.25 * (((ld(gxy, xm - nx) + ld(gxy, i - nx)) + ld(gxy, xm)) + ld(gxy, i))
            : 0.5 * (ld(gxy, xm) + ld(gxy, i));
          st(F.exy, i, ld(F.mxy, i) * g);
          if (is3D) {
            const gy = y > 0
              ? 0.25 * (((ld(gyz, i + dzm - nx) + ld(gyz, i - nx)) + ld(gyz, i + dzm)) + ld(gyz, i))
              : 0.5 * (ld(gyz, i + dzm) + ld(gyz, i));
            st(F.eyz, i, ld(F.myz, i) * gy);
            st(F.exz, i, ld(F.mxz, i) * (0.25 * (((ld(gxz, xm + dzm) + ld(gxz, i + dzm)) + ld(gxz, xm)) + ld(gxz, i))));
          }
        }
      }
    }
    let L = F;
    while (L.coarse) {
      const C = L.coarse!;
      coarsenModuli(L, C);
      setupLevel(C);
      L = C;
    }
    // b = forces of the eigenstress + top traction (A u − b = forces of the full stress)
    const ob = <usize>n << 3;
    memory.copy(F.sxx, F.exx, ob); memory.copy(F.syy, F.eyy, ob); memory.copy(F.szz, F.ezz, ob);
    memory.copy(F.txy, F.exy, ob);
    if (is3D) { memory.copy(F.tyz, F.eyz, ob); memory.copy(F.txz, F.exz, ob); }
    forces(F, 0, this.b);
    const vb = this.b + ob;
    for (let z = 0; z < nz; z++) {
      const o = nx * (ny - 1 + ny * z);
      for (let x = 0; x < nx; x++) st(vb, o + x, ld(vb, o + x) - this.stackPressure);
    }
    return dot(this.b, this.b, this.nd);
  }

  /** Solves for the displacement from the warm start, then writes the per-cell outputs.
   *  tol: relative residual ‖b − A u‖/‖b‖. Returns iterations (V-cycles), negative if not converged. */
  solve(tol: f64, maxIter: i32): i32 {
    const F = this.fine, nd = this.nd;
    const u = this.disp, b = this.b, r = this.r, z = this.z, p = this.p, q = this.q;
    const bb = this.setup();
    if (!(bb > 0)) { // nothing loads the body: the solution is u = 0
      memory.fill(u, 0, <usize>nd << 3);
      this.outputs();
      return 0;
    }
    const thr = tol * Math.sqrt(bb);
    apply(F, u, b, r);
    let rn = Math.sqrt(dot(r, r, nd));
    let it = 0;
    let rz: f64 = 0;
    while (rn > thr && it < maxIter) {
      // z = V-cycle(r); flexible CG (Polak–Ribière β): the coarsest CG makes the preconditioner nonlinear
      this.vcycle(F, z, r);
      let rzNew: f64;
      if (it == 0) {
        rzNew = dot(r, z, nd);
        memory.copy(p, z, <usize>nd << 3);
      } else {
        rzNew = dot2(r, z, z, q, nd); // DOT2 = z·q: q holds the previous residual here
        axpy(p, z, (rzNew - DOT2) / rz, p, nd);
      }
      rz = rzNew;
      memory.copy(q, r, <usize>nd << 3); // keep r_k for the next β
      apply(F, p, 0, z);                 // z = A p (z is free until the next V-cycle)
      const pAp = dot2(p, z, r, p, nd);  // DOT2 = r·p
      if (!(pAp > 0)) break;
      const al = DOT2 / pAp;
      axpy(u, u, al, p, nd);
      rn = Math.sqrt(axpyNorm2(r, -al, z, nd));
      it++;
      if (!(rn == rn)) break;
    }
    this.outputs();
    return this.lastResidual <= tol ? it : -it;
  }

  /** Test hook: out = A u (homogeneous operator) on the current inputs; level 0 = finest. With
   *  precond ≠ 0, out = V-cycle(u) instead (the preconditioner, which must be symmetric). */
  applyOperator(u: usize, out: usize, level: i32, precond: bool): void {
    this.setup();
    let L = this.fine;
    for (let k = 0; k < level && L.coarse; k++) L = L.coarse!;
    if (precond) {
      memory.copy(this.r, u, <usize>L.nd << 3);
      this.vcycle(L, out, this.r);
    } else apply(L, u, 0, out);
  }

  /** One V-cycle for A u = f on level L with u = 0 on entry. */
  private vcycle(L: ElasticLevel, u: usize, f: usize): void {
    const nd = L.nd;
    if (!L.coarse) {
      this.coarseSolve(L, u, f);
      return;
    }
    const C = L.coarse!;
    memory.fill(u, 0, <usize>nd << 3);
    chebyshev(L, u, f, true);
    apply(L, u, f, L.r);
    restrictTo(L, L.r, C);
    this.vcycle(C, C.u, C.f);
    prolongAdd(C, C.u, L, u);
    chebyshev(L, u, f, false);
  }

  /** Jacobi-preconditioned CG from u = 0 to ‖r‖ ≤ 1e-6 ‖f‖. */
  private coarseSolve(L: ElasticLevel, u: usize, f: usize): void {
    const nd = L.nd, r = L.r, p = L.cp, q = L.cq, d = L.dinv;
    memory.fill(u, 0, <usize>nd << 3);
    memory.copy(r, f, <usize>nd << 3);
    const stop = dot(r, r, nd) * COARSE_RTOL2;
    for (let i = 0; i < nd; i++) st(p, i, ld(d, i) * ld(r, i));
    let rz = 0.0;
    for (let i = 0; i < nd; i++) rz += ld(r, i) * ld(d, i) * ld(r, i);
    for (let it = 0; it < COARSE_MAX_IT; it++) {
      apply(L, p, 0, q);
      const pq = dot(p, q, nd);
      if (!(pq > 0)) break;
      const al = rz / pq;
      axpy(u, u, al, p, nd);
      axpy(r, r, -al, q, nd);
      if (dot(r, r, nd) <= stop) break;
      let rzn = 0.0;
      for (let i = 0; i < nd; i++) rzn += ld(r, i) * ld(d, i) * ld(r, i);
      const be = rzn / rz;
      rz = rzn;
      for (let i = 0; i < nd; i++) st(p, i, ld(d, i) * ld(r, i) + be * ld(p, i));
    }
  }

  /** Full stress of the current displacement → pressure, von Mises, σ_yy per cell; true residual. */
  private outputs(): void {
    const F = this.fine, n = this.n, nx = this.nx, ny = this.ny, nz = this.nz, is3D = this.is3D;
    stress(F, this.disp, true);
    // true residual: traction − forces of the full stress (b's eigen part is inside the stress)
    forces(F, 0, this.r);
    const vr = this.r + (<usize>n << 3);
    let rr = 0.0;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const ru = ld(this.r, i);
          let rv = ld(vr, i);
          if (y == ny - 1) rv += this.stackPressure;
          rr += ru * ru + rv * rv;
          if (is3D) { const rw = ld(vr + (<usize>n << 3), i); rr += rw * rw; }
        }
      }
    }
    const bb = dot(this.b, this.b, this.nd);
    this.lastResidual = bb > 0 ? Math.sqrt(rr / bb) : Math.sqrt(rr);
    const nxy = nx * ny;
    for (let z = 0; z < nz; z++) {
      const dzp = (z == nz - 1 ? 1 - nz : 1) * nxy;
      for (let y = 0; y < ny; y++) {
        const top = y == ny - 1;
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const xp = x == nx - 1 ? i + 1 - nx : i + 1;
          const sxx = ld(F.sxx, i), syy = ld(F.syy, i), szz = ld(F.szz, i);
          // shear at the centre: mean of the cell's four edges of each kind (top edges are 0)
          let txy = ld(F.txy, i) + ld(F.txy, xp);
          if (!top) txy += ld(F.txy, i + nx) + ld(F.txy, xp + nx);
          txy *= 0.25;
          let tyz = 0.0, txz = 0.0;
          if (is3D) {
            tyz = ld(F.tyz, i) + ld(F.tyz, i + dzp);
            if (!top) tyz += ld(F.tyz, i + nx) + ld(F.tyz, i + nx + dzp);
            tyz *= 0.25;
            txz = 0.25 * (((ld(F.txz, i) + ld(F.txz, xp)) + ld(F.txz, i + dzp)) + ld(F.txz, xp + dzp));
          }
          const a = sxx - syy, bq = syy - szz, c = szz - sxx;
          const vm = Math.sqrt(0.5 * ((a * a + bq * bq) + c * c) + 3.0 * ((txy * txy + tyz * tyz) + txz * txz));
          stf(this.pressure, i, -((sxx + syy) + szz) / 3.0);
          stf(this.vonMises, i, vm);
          stf(this.sigmaYY, i, syy);
        }
      }
    }
  }
}
