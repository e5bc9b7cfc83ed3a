// Cell-centred geometric multigrid for  L u = ∇·(a∇u) − b u = f, used as the preconditioner of a
// flexible CG. Algorithm, conventions and precision notes: src/kernel-ts/multigrid.ts, the
// bit-identical TypeScript twin. All field storage and arithmetic is f32, reductions are f64.
// The SIMD path (ASC_FEATURE_SIMD) performs exactly the scalar f32 operations per lane, in the same
// order (no FMA), so SIMD, scalar and TS give identical bits. Keep all three in step when editing.
//
// Stencil (difference form): s = Σ_k c_k (u_k − u) over faces W, E, S, N [, B, F] in that order,
// L u = s − b u. A missing y neighbour reads a zero row, so c·(0 − u) is the Dirichlet ghost term;
// the Dirichlet value itself enters only through f_eff = f − c_D g on the finest level.

import { allocF32 } from './memory';
import { BLOCK, REDUCTION_CHUNK, argF, argP, chunkHi, chunkLo, chunksFor, parallelFor, partial, setArgF, setArgP, setPartial } from './parallel';

const OMEGA_2D: f32 = 0.8; // 2d/(2d+1): optimal Jacobi smoothing factor for the 5-point Laplacian
const OMEGA_3D: f32 = <f32>(6.0 / 7.0); // same rule for the 7-point stencil
const COARSE_MAX_IT: i32 = 500;
const COARSE_RTOL2: f64 = 1e-6; // coarsest CG stops at ‖r‖ ≤ 1e-3‖r0‖ (compared squared)
const ABS_TOL: f64 = 1e-20;
const EPS32: f64 = 5.9604644775390625e-8; // f32 round-off floor estimate 2^-24‖D∘u‖
const STALL: f64 = 0.5;

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function vld(p: usize, i: i32): v128 { return v128.load(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function vst(p: usize, i: i32, v: v128): void { v128.store(p + (<usize>i << 2), v); }

export class MGLevel {
  nx: i32; ny: i32; nz: i32; n: i32;
  rx: i32 = 1; ry: i32 = 1; rz: i32 = 1; // coarsening ratio towards the next level
  ax: usize; ay: usize; ayTop: usize; az: usize = 0; // face coefficients (a/dx², low face of each cell)
  b: usize; d: usize; w: usize; // reaction, diagonal D, ω/D
  u: usize = 0; f: usize = 0; r: usize; // r doubles as the Jacobi ping-pong buffer

  coarse: MGLevel | null = null;

  /** The finest level borrows u and f from the Krylov loop; coarse levels own them. */
  constructor(nx: i32, ny: i32, nz: i32, is3D: bool, fine: bool) {
    this.nx = nx; this.ny = ny; this.nz = nz;
    const n = nx * ny * nz;
    this.n = n;
    this.ax = allocF32(n);
    this.ay = allocF32(n);
    this.ayTop = allocF32(nx * nz);
    if (is3D) this.az = allocF32(n);
    this.b = allocF32(n);
    this.d = allocF32(n);
    this.w = allocF32(n);
    if (!fine) {
      this.u = allocF32(n);
      this.f = allocF32(n);
    }
    this.r = allocF32(n);
  }
}

// ---------------------------------------------------------------- row kernels

// @ts-ignore: decorator
@inline function nsum2(uw: f32, ue: f32, ud: f32, uu: f32, c: f32, a0: f32, a1: f32, c0: f32, c1: f32): f32 {
  let s = a0 * (uw - c);
  s = s + a1 * (ue - c);
  s = s + c0 * (ud - c);
  return s + c1 * (uu - c);
}

// @ts-ignore: decorator
@inline function vnsum2(uw: v128, ue: v128, ud: v128, uu: v128, c: v128, a0: v128, a1: v128, c0: v128, c1: v128): v128 {
  let s = f32x4.mul(a0, f32x4.sub(uw, c));
  s = f32x4.add(s, f32x4.mul(a1, f32x4.sub(ue, c)));
  s = f32x4.add(s, f32x4.mul(c0, f32x4.sub(ud, c)));
  return f32x4.add(s, f32x4.mul(c1, f32x4.sub(uu, c)));
}

// Jacobi: out = u − w·(f − (s − b·u));  residual: out = f − (s − b·u).
// @ts-ignore: decorator
@inline function cellOut(jac: bool, s: f32, c: f32, w: f32, b: f32, f: f32): f32 {
  const r = f - (s - b * c);
  return jac ? c - w * r : r;
}

// @ts-ignore: decorator
@inline function vcellOut(jac: bool, s: v128, c: v128, w: v128, b: v128, f: v128): v128 {
  const r = f32x4.sub(f, f32x4.sub(s, f32x4.mul(b, c)));
  return jac ? f32x4.sub(c, f32x4.mul(w, r)) : r;
}

// Generic over a marker type so each mode compiles to its own loop: Jacobi = <JAC>, residual = <RES>.
type JAC = i32;
type RES = f32;

function row2<M>(nx: i32, uc: usize, ud: usize, uu: usize, ax: usize, ayd: usize, ayu: usize,
  w: usize, b: usize, f: usize, out: usize): void {
  const jac = isInteger<M>();
  const xl = nx - 1;
  let c = ld(uc, 0);
  st(out, 0, cellOut(jac, nsum2(ld(uc, xl), ld(uc, 1), ld(ud, 0), ld(uu, 0), c, ld(ax, 0), ld(ax, 1), ld(ayd, 0), ld(ayu, 0)),
    c, ld(w, 0), ld(b, 0), ld(f, 0)));
  let x = 1;
  if (ASC_FEATURE_SIMD) {
    for (; x + 4 <= xl; x += 4) {
      const vc = vld(uc, x);
      const s = vnsum2(vld(uc, x - 1), vld(uc, x + 1), vld(ud, x), vld(uu, x), vc, vld(ax, x), vld(ax, x + 1), vld(ayd, x), vld(ayu, x));
      vst(out, x, vcellOut(jac, s, vc, vld(w, x), vld(b, x), vld(f, x)));
    }
  }
  for (; x < xl; x++) {
    c = ld(uc, x);
    const s = nsum2(ld(uc, x - 1), ld(uc, x + 1), ld(ud, x), ld(uu, x), c, ld(ax, x), ld(ax, x + 1), ld(ayd, x), ld(ayu, x));
    st(out, x, cellOut(jac, s, c, ld(w, x), ld(b, x), ld(f, x)));
  }
  if (xl > 0) {
    c = ld(uc, xl);
    const s = nsum2(ld(uc, xl - 1), ld(uc, 0), ld(ud, xl), ld(uu, xl), c, ld(ax, xl), ld(ax, 0), ld(ayd, xl), ld(ayu, xl));
    st(out, xl, cellOut(jac, s, c, ld(w, xl), ld(b, xl), ld(f, xl)));
  }
}

function row3<M>(nx: i32, uc: usize, ud: usize, uu: usize, ub: usize, uf: usize, ax: usize, ayd: usize,
  ayu: usize, azb: usize, azf: usize, w: usize, b: usize, f: usize, out: usize): void {
  const jac = isInteger<M>();
  const xl = nx - 1;
  let c = ld(uc, 0);
  let s = nsum2(ld(uc, xl), ld(uc, 1), ld(ud, 0), ld(uu, 0), c, ld(ax, 0), ld(ax, 1), ld(ayd, 0), ld(ayu, 0));
  s = s + ld(azb, 0) * (ld(ub, 0) - c);
  s = s + ld(azf, 0) * (ld(uf, 0) - c);
  st(out, 0, cellOut(jac, s, c, ld(w, 0), ld(b, 0), ld(f, 0)));
  let x = 1;
  if (ASC_FEATURE_SIMD) {
    for (; x + 4 <= xl; x += 4) {
      const vc = vld(uc, x);
      let v = vnsum2(vld(uc, x - 1), vld(uc, x + 1), vld(ud, x), vld(uu, x), vc, vld(ax, x), vld(ax, x + 1), vld(ayd, x), vld(ayu, x));
      v = f32x4.add(v, f32x4.mul(vld(azb, x), f32x4.sub(vld(ub, x), vc)));
      v = f32x4.add(v, f32x4.mul(vld(azf, x), f32x4.sub(vld(uf, x), vc)));
      vst(out, x, vcellOut(jac, v, vc, vld(w, x), vld(b, x), vld(f, x)));
    }
  }
  for (; x < xl; x++) {
    c = ld(uc, x);
    s = nsum2(ld(uc, x - 1), ld(uc, x + 1), ld(ud, x), ld(uu, x), c, ld(ax, x), ld(ax, x + 1), ld(ayd, x), ld(ayu, x));
    s = s + ld(azb, x) * (ld(ub, x) - c);
    s = s + ld(azf, x) * (ld(uf, x) - c);
    st(out, x, cellOut(jac, s, c, ld(w, x), ld(b, x), ld(f, x)));
  }
  if (xl > 0) {
    c = ld(uc, xl);
    s = nsum2(ld(uc, xl - 1), ld(uc, 0), ld(ud, xl), ld(uu, xl), c, ld(ax, xl), ld(ax, 0), ld(ayd, xl), ld(ayu, xl));
    s = s + ld(azb, xl) * (ld(ub, xl) - c);
    s = s + ld(azf, xl) * (ld(uf, xl) - c);
    st(out, xl, cellOut(jac, s, c, ld(w, xl), ld(b, xl), ld(f, xl)));
  }
}

/** One Jacobi sweep (src → dst) or the residual dst = f − L src, over rows [r0, r1) (row = y + ny·z). */
function applyRows<M>(L: MGLevel, src: usize, f: usize, dst: usize, zrow: usize, is3D: bool, r0: i32, r1: i32): void {
  const nx = L.nx, ny = L.ny, nz = L.nz;
  const rowB = <usize>nx << 2;
  const sliceB = rowB * <usize>ny;
  for (let r = r0; r < r1; r++) {
    const z = r / ny, y = r - z * ny;
    const zo = sliceB * <usize>z;
    const zbo = sliceB * <usize>(z == 0 ? nz - 1 : z - 1);
    const zfo = sliceB * <usize>(z == nz - 1 ? 0 : z + 1);
    const yo = rowB * <usize>y;
    const o = zo + yo;
    const ud = y > 0 ? src + o - rowB : zrow;
    const uu = y < ny - 1 ? src + o + rowB : zrow;
    const ayu = y < ny - 1 ? L.ay + o + rowB : L.ayTop + rowB * <usize>z;
    if (is3D) {
      row3<M>(nx, src + o, ud, uu, src + zbo + yo, src + zfo + yo, L.ax + o, L.ay + o, ayu,
        L.az + o, L.az + zfo + yo, L.w + o, L.b + o, f + o, dst + o);
    } else {
      row2<M>(nx, src + o, ud, uu, L.ax + o, L.ay + o, ayu, L.w + o, L.b + o, f + o, dst + o);
    }
  }
}

function applyJacTask(r0: i32, r1: i32): void {
  applyRows<JAC>(changetype<MGLevel>(argP(0)), argP(1), argP(2), argP(3), argP(4), argP(5) != 0, r0, r1);
}
function applyResTask(r0: i32, r1: i32): void {
  applyRows<RES>(changetype<MGLevel>(argP(0)), argP(1), argP(2), argP(3), argP(4), argP(5) != 0, r0, r1);
}

/** One Jacobi sweep (src → dst) or the residual dst = f − L src, over a whole level (rows split over threads). */
function applyLevel<M>(L: MGLevel, src: usize, f: usize, dst: usize, zrow: usize, is3D: bool): void {
  setArgP(0, changetype<usize>(L)); setArgP(1, src); setArgP(2, f); setArgP(3, dst); setArgP(4, zrow); setArgP(5, is3D ? 1 : 0);
  parallelFor(isInteger<M>() ? applyJacTask : applyResTask, L.ny * L.nz, L.n);
}

// ---------------------------------------------------------------- vector ops (fine level)

/** Σ p[i]·q[i] over [i0, i1) in f64: four partial sums by (i & 3), combined (s0+s1)+(s2+s3). i0 % 4 == 0. */
function dot4Range(p: usize, q: usize, i0: i32, n: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let i = i0;
  if (ASC_FEATURE_SIMD) {
    let a01 = f64x2.splat(0), a23 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const vp = vld(p, i), vq = vld(q, i);
      a01 = f64x2.add(a01, f64x2.mul(f64x2.promote_low_f32x4(vp), f64x2.promote_low_f32x4(vq)));
      a23 = f64x2.add(a23, f64x2.mul(
        f64x2.promote_low_f32x4(v128.shuffle<f32>(vp, vp, 2, 3, 0, 1)),
        f64x2.promote_low_f32x4(v128.shuffle<f32>(vq, vq, 2, 3, 0, 1))));
    }
    s0 = f64x2.extract_lane(a01, 0); s1 = f64x2.extract_lane(a01, 1);
    s2 = f64x2.extract_lane(a23, 0); s3 = f64x2.extract_lane(a23, 1);
  } else {
    for (; i + 4 <= n; i += 4) {
      s0 += <f64>ld(p, i) * <f64>ld(q, i);
      s1 += <f64>ld(p, i + 1) * <f64>ld(q, i + 1);
      s2 += <f64>ld(p, i + 2) * <f64>ld(q, i + 2);
      s3 += <f64>ld(p, i + 3) * <f64>ld(q, i + 3);
    }
  }
  for (; i < n; i++) {
    const v = <f64>ld(p, i) * <f64>ld(q, i);
    const k = i & 3;
    if (k == 0) s0 += v; else if (k == 1) s1 += v; else s2 += v; // tail has < 4 cells
  }
  return (s0 + s1) + (s2 + s3);
}

function dotTask(c0: i32, c1: i32): void {
  const p = argP(0), q = argP(1), n = <i32>argP(2), chunks = <i32>argP(3);
  for (let c = c0; c < c1; c++) setPartial(c, 0, dot4Range(p, q, chunkLo(c, chunks, n), chunkHi(c, chunks, n)));
}

/** Σ p[i]·q[i] in f64: dot4Range over fixed chunks of ≥ REDUCTION_CHUNK cells (a function of n only), the chunk
 *  sums added in order — the same in every backend and for any thread count. */
export function dot4(p: usize, q: usize, n: i32): f64 {
  const chunks = chunksFor(n, REDUCTION_CHUNK);
  if (chunks == 1) return dot4Range(p, q, 0, n);
  setArgP(0, p); setArgP(1, q); setArgP(2, <usize>n); setArgP(3, <usize>chunks);
  parallelFor(dotTask, chunks, n);
  let s: f64 = 0;
  for (let c = 0; c < chunks; c++) s += partial(c, 0);
  return s;
}

/** Σ (p[i]·q[i])² in f64, sequential (evaluated only when the solve stalls). */
function sumSquaresProd(p: usize, q: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = <f64>ld(p, i) * <f64>ld(q, i);
    s += v * v;
  }
  return s;
}


function axpyRange(out: usize, x: usize, a: f32, y: usize, i: i32, n: i32): void {
  if (ASC_FEATURE_SIMD) {
    const va = f32x4.splat(a);
    for (; i + 4 <= n; i += 4) vst(out, i, f32x4.add(vld(x, i), f32x4.mul(va, vld(y, i))));
  }
  for (; i < n; i++) st(out, i, ld(x, i) + a * ld(y, i));
}

function axpyTask(b0: i32, b1: i32): void {
  const n = <i32>argP(3);
  axpyRange(argP(0), argP(1), <f32>argF(0), argP(2), b0 * BLOCK, min(n, b1 * BLOCK));
}

/** out = x + a·y elementwise in f32 (out may alias x or y). */
function axpy(out: usize, x: usize, a: f32, y: usize, n: i32): void {
  setArgP(0, out); setArgP(1, x); setArgP(2, y); setArgP(3, <usize>n); setArgF(0, <f64>a);
  parallelFor(axpyTask, (n + BLOCK - 1) / BLOCK, n);
}

/** dst = 0 − w·f: a Jacobi sweep from u = 0 (every stencil term is +0, so the bits equal applyLevel<JAC>). */
function jacobiZeroRange(w: usize, f: usize, dst: usize, i: i32, n: i32): void {
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) vst(dst, i, f32x4.sub(zero, f32x4.mul(vld(w, i), vld(f, i))));
  }
  for (; i < n; i++) st(dst, i, <f32>0 - ld(w, i) * ld(f, i));
}

function jacobiZeroTask(b0: i32, b1: i32): void {
  const n = <i32>argP(3);
  jacobiZeroRange(argP(0), argP(1), argP(2), b0 * BLOCK, min(n, b1 * BLOCK));
}

/** First pre-smoothing sweep of a V-cycle on level L (whose u is zero): L.r = 0 − ω/D·L.f. */
function jacobiFromZero(L: MGLevel): void {
  setArgP(0, L.w); setArgP(1, L.f); setArgP(2, L.r); setArgP(3, <usize>L.n);
  parallelFor(jacobiZeroTask, (L.n + BLOCK - 1) / BLOCK, L.n);
}

// Plain vector loops rather than memory.copy/fill: the same code in every build (bulk-memory
// instructions on a shared memory may take a slower path in the engine; not measured separately —
// the measured gain, 4.7 → 6.0–6.2 steps/s on 2 threads at 128×128×64, came with dropping the V-cycle's
// zero fill and first full Jacobi sweep, see jacobiFromZero).
function copyTask(b0: i32, b1: i32): void {
  const n = <i32>argP(2);
  const dst = argP(0), src = argP(1);
  let i = b0 * BLOCK;
  const hi = min(n, b1 * BLOCK);
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    if (src == 0) for (; i + 4 <= hi; i += 4) vst(dst, i, zero);
    else for (; i + 4 <= hi; i += 4) vst(dst, i, vld(src, i));
  }
  if (src == 0) for (; i < hi; i++) st(dst, i, 0);
  else for (; i < hi; i++) st(dst, i, ld(src, i));
}

/** dst[0..n) = src[0..n) (f32), or zero when src = 0; split over the threads. */
export function copyF32(dst: usize, src: usize, n: i32): void {
  setArgP(0, dst); setArgP(1, src); setArgP(2, <usize>n);
  parallelFor(copyTask, (n + BLOCK - 1) / BLOCK, n);
}

function dot(p: usize, q: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>ld(p, i) * <f64>ld(q, i);
  return s;
}

// ---------------------------------------------------------------- solver

export class Multigrid {
  nx: i32; ny: i32; nz: i32; dx: f64;
  is3D: bool; omega: f32;
  levels: i32;
  fine: MGLevel;
  zrow: usize; // zero row: the missing neighbour beyond y boundaries
  cgP: usize; cgQ: usize; // coarsest-level CG vectors
  zero: usize; // stays 0: right-hand side that turns the residual kernel into q = −L p
  fe: usize; kr: usize; kz: usize; kp: usize; kq: usize; // f_eff and FCG vectors (fine level)
  bottomDirichlet: bool = false; topDirichlet: bool = false;
  lastResidual: f64 = 0;
  lastConverged: bool = false; // tol met, or stalled at the f32 round-off floor

  /** nx ≥ 2, ny ≥ 1, nz ≥ 1. force3D runs the 3D stencil even for nz = 1 (test hook). */
  constructor(nx: i32, ny: i32, nz: i32, dx: f64, force3D: bool = false) {
    // object fields must be assigned before `this` is read (AS definite assignment)
    const is3D = nz > 1 || force3D;
    const fine = new MGLevel(nx, ny, nz, is3D, true);
    let L = fine;
    let levels = 1;
    while (max(L.nx, max(L.ny, L.nz)) > 4) {
      const rx = (L.nx & 1) == 0 && L.nx >= 4 ? 2 : 1;
      const ry = (L.ny & 1) == 0 && L.ny >= 4 ? 2 : 1;
      const rz = (L.nz & 1) == 0 && L.nz >= 4 ? 2 : 1;
      if (rx == 1 && ry == 1 && rz == 1) break;
      L.rx = rx; L.ry = ry; L.rz = rz;
      const C = new MGLevel(L.nx / rx, L.ny / ry, L.nz / rz, is3D, false);
      L.coarse = C;
      L = C;
      levels++;
    }
    this.fine = fine;
    this.levels = levels;
    this.nx = nx; this.ny = ny; this.nz = nz; this.dx = dx;
    this.is3D = is3D;
    this.omega = nz > 1 ? OMEGA_3D : OMEGA_2D;
    this.zrow = allocF32(nx);
    this.cgP = allocF32(L.n);
    this.cgQ = allocF32(L.n);
    const n = fine.n;
    this.zero = allocF32(n);
    this.fe = allocF32(n);
    this.kr = allocF32(n);
    this.kz = allocF32(n);
    this.kp = allocF32(n);
    this.kq = allocF32(n);
  }

  /** a > 0 and b ≥ 0 per cell (fine grid). Builds face coefficients and the coarse hierarchy. */
  setOperator(a: usize, b: usize, bottomDirichlet: bool, topDirichlet: bool): void {
    this.bottomDirichlet = bottomDirichlet;
    this.topDirichlet = topDirichlet;
    const L = this.fine;
    setArgP(0, changetype<usize>(this)); setArgP(1, a);
    parallelFor(faceTask, L.ny * L.nz, L.n);
    copyF32(L.b, b, L.n);
    this.diag(L);
    let F = L;
    while (F.coarse) {
      const C = F.coarse!;
      setArgP(0, changetype<usize>(F)); setArgP(1, this.is3D ? 1 : 0);
      parallelFor(coarsenTask, C.ny * C.nz, C.n);
      this.diag(C);
      F = C;
    }
  }

  /** Face coefficients of the fine level from a, rows [r0, r1). */
  faceRows(a: usize, r0: i32, r1: i32): void {
    const L = this.fine;
    const nx = L.nx, ny = L.ny, nz = L.nz;
    const bottomDirichlet = this.bottomDirichlet, topDirichlet = this.topDirichlet;
    const ih2 = <f32>(1.0 / (this.dx * this.dx));
    const rowB = <usize>nx << 2;
    const sliceB = rowB * <usize>ny;
    for (let r = r0; r < r1; r++) {
      const z = r / ny, y = r - z * ny;
      const zbo = sliceB * <usize>(z == 0 ? nz - 1 : z - 1);
      const yo = rowB * <usize>y;
      const o = sliceB * <usize>z + yo;
      const ar = a + o;
      // x faces: x = 0 wraps, the rest read the row shifted by one
      st(L.ax + o, 0, harm(ld(ar, nx - 1), ld(ar, 0)) * ih2);
      harmRow(ar + 4, ar, L.ax + o + 4, nx - 1, ih2);
      if (y > 0) harmRow(ar, ar - rowB, L.ay + o, nx, ih2);
      else wallRow(ar, L.ay + o, nx, bottomDirichlet, ih2);
      if (y == ny - 1) wallRow(ar, L.ayTop + rowB * <usize>z, nx, topDirichlet, ih2);
      if (this.is3D) {
        if (nz > 1) harmRow(ar, a + zbo + yo, L.az + o, nx, ih2);
        else memory.fill(L.az + o, 0, rowB);
      }
    }
  }

  /** d = ((((ax_w + ax_e) + ay_s) + ay_n) [+ az_b + az_f]) + b,  w = ω/d. */
  private diag(L: MGLevel): void {
    setArgP(0, changetype<usize>(this)); setArgP(1, changetype<usize>(L));
    parallelFor(diagTask, L.ny * L.nz, L.n);
  }

  diagRows(L: MGLevel, r0: i32, r1: i32): void {
    const nx = L.nx, ny = L.ny, nz = L.nz;
    const rowB = <usize>nx << 2;
    const sliceB = rowB * <usize>ny;
    const om = this.omega;
    const is3D = this.is3D;
    for (let r = r0; r < r1; r++) {
      const z = r / ny, y = r - z * ny;
      const zfo = sliceB * <usize>(z == nz - 1 ? 0 : z + 1);
      {
        const yo = rowB * <usize>y;
        const o = sliceB * <usize>z + yo;
        const ax = L.ax + o, ay = L.ay + o, bb = L.b + o, dd = L.d + o, ww = L.w + o;
        const ayu = y < ny - 1 ? ay + rowB : L.ayTop + rowB * <usize>z;
        const azb = L.az + o, azf = L.az + zfo + yo;
        let x = 0;
        if (ASC_FEATURE_SIMD) {
          const vom = f32x4.splat(om);
          for (; x + 4 <= nx - 1; x += 4) {
            let d = f32x4.add(vld(ax, x), vld(ax, x + 1));
            d = f32x4.add(d, vld(ay, x));
            d = f32x4.add(d, vld(ayu, x));
            if (is3D) {
              d = f32x4.add(d, vld(azb, x));
              d = f32x4.add(d, vld(azf, x));
            }
            d = f32x4.add(d, vld(bb, x));
            vst(dd, x, d);
            vst(ww, x, f32x4.div(vom, d));
          }
        }
        for (; x < nx; x++) {
          let d = ld(ax, x) + ld(ax, x == nx - 1 ? 0 : x + 1);
          d = d + ld(ay, x);
          d = d + ld(ayu, x);
          if (is3D) {
            d = d + ld(azb, x);
            d = d + ld(azf, x);
          }
          d = d + ld(bb, x);
          st(dd, x, d);
          st(ww, x, om / d);
        }
      }
    }
  }

  /** Solves in place from the warm start u; returns V-cycles used. Results: lastResidual
   *  (‖r‖/‖f_eff‖, absolute if f_eff = 0) and lastConverged. */
  solve(u: usize, f: usize, bottomValue: f64, topValue: f64, tol: f64, maxCycles: i32): i32 {
    const L = this.fine;
    const nx = L.nx, ny = L.ny, nz = L.nz, n = L.n;
    const fe = this.fe, r = this.kr, z = this.kz, p = this.kp, q = this.kq;
    const zr = this.zrow, d3 = this.is3D;
    copyF32(fe, f, n);
    const gb = <f32>bottomValue, gt = <f32>topValue;
    for (let k = 0; k < nz; k++) {
      for (let x = 0; x < nx; x++) {
        if (this.bottomDirichlet) {
          const i = x + nx * ny * k;
          st(fe, i, ld(fe, i) - ld(L.ay, i) * gb);
        }
        if (this.topDirichlet) {
          const i = x + nx * (ny - 1 + ny * k);
          st(fe, i, ld(fe, i) - ld(L.ayTop, x + nx * k) * gt);
        }
      }
    }
    const fnorm = Math.sqrt(dot4(fe, fe, n));
    const thr = fnorm > 0 ? tol * fnorm : ABS_TOL;
    // FCG(1) on −L (SPD), preconditioner z = V-cycle(r); r is the true residual every iteration
    applyLevel<RES>(L, u, fe, r, zr, d3);
    let rn = Math.sqrt(dot4(r, r, n));
    let cycles = 0;
    let converged = rn <= thr;
    let pq: f64 = 0;
    let stalls = 0;
    while (!converged && cycles < maxCycles) {
      if (!L.coarse) copyF32(z, 0, n); // a V-cycle starts from u = 0 (jacobiFromZero; the coarse solve reads it)
      L.u = z;
      L.f = r;
      this.vcycle(L);
      if (cycles == 0) copyF32(p, z, n);
      else axpy(p, z, <f32>(-dot4(z, q, n) / pq), p, n); // p conjugate to the previous direction
      cycles++;
      applyLevel<RES>(L, p, this.zero, q, zr, d3); // q = −L p
      pq = dot4(p, q, n);
      if (!(pq > 0)) break; // breakdown (round-off dominated, or NaN)
      axpy(u, u, <f32>(-dot4(r, p, n) / pq), p, n); // exact line search: the energy error never grows
      const prev = rn;
      applyLevel<RES>(L, u, fe, r, zr, d3);
      rn = Math.sqrt(dot4(r, r, n));
      if (!(rn == rn)) break;
      stalls = rn > STALL * prev ? stalls + 1 : 0;
      converged = rn <= thr || (stalls >= 2 && rn <= EPS32 * Math.sqrt(sumSquaresProd(L.d, u, n)));
    }
    this.lastResidual = fnorm > 0 ? rn / fnorm : rn;
    this.lastConverged = converged;
    return cycles;
  }

  private vcycle(L: MGLevel): void {
    if (!L.coarse) {
      this.coarseSolve(L);
      return;
    }
    const C = L.coarse!;
    const z = this.zrow, d3 = this.is3D;
    jacobiFromZero(L); // L.u = 0 on entry: the first sweep is −ω/D·f (the same bits, without reading u)
    applyLevel<JAC>(L, L.r, L.f, L.u, z, d3);
    applyLevel<RES>(L, L.u, L.f, L.r, z, d3);
    restrictResidual(L, C);
    this.vcycle(C);
    prolongAdd(C, L);
    applyLevel<JAC>(L, L.u, L.f, L.r, z, d3);
    applyLevel<JAC>(L, L.r, L.f, L.u, z, d3);
  }

  /** Conjugate gradients on −L (SPD) to ‖r‖ ≤ 1e-3‖r0‖ or 500 iterations. */
  private coarseSolve(L: MGLevel): void {
    const n = L.n, x = L.u, r = L.r, p = this.cgP, q = this.cgQ;
    applyLevel<RES>(L, x, L.f, r, this.zrow, this.is3D);
    memory.copy(p, r, <usize>n << 2);
    let rr = dot(r, r, n);
    const stop = rr * COARSE_RTOL2;
    for (let it = 0; it < COARSE_MAX_IT && rr > stop; it++) {
      applyLevel<RES>(L, p, this.zero, q, this.zrow, this.is3D); // q = −L p
      const pq = dot(p, q, n);
      if (!(pq > 0)) break;
      const al = <f32>(rr / pq);
      for (let i = 0; i < n; i++) {
        st(x, i, ld(x, i) - al * ld(p, i)); // r = L(x* − x): move along −r
        st(r, i, ld(r, i) - al * ld(q, i));
      }
      const rn = dot(r, r, n);
      const be = <f32>(rn / rr);
      rr = rn;
      for (let i = 0; i < n; i++) st(p, i, ld(r, i) + be * ld(p, i));
    }
  }
}

function faceTask(r0: i32, r1: i32): void {
  changetype<Multigrid>(argP(0)).faceRows(argP(1), r0, r1);
}

function diagTask(r0: i32, r1: i32): void {
  changetype<Multigrid>(argP(0)).diagRows(changetype<MGLevel>(argP(1)), r0, r1);
}

// @ts-ignore: decorator
@inline function harm(p: f32, q: f32): f32 {
  return ((<f32>2 * p) * q) / (p + q);
}

/** out[x] = harm(q[x], p[x]) · ih2 for x < n (q = the neighbour on the low side). */
function harmRow(p: usize, q: usize, out: usize, n: i32, ih2: f32): void {
  let x = 0;
  if (ASC_FEATURE_SIMD) {
    const two = f32x4.splat(2), vih2 = f32x4.splat(ih2);
    for (; x + 4 <= n; x += 4) {
      const vq = vld(q, x), vp = vld(p, x);
      vst(out, x, f32x4.mul(f32x4.div(f32x4.mul(f32x4.mul(two, vq), vp), f32x4.add(vq, vp)), vih2));
    }
  }
  for (; x < n; x++) st(out, x, harm(ld(q, x), ld(p, x)) * ih2);
}

/** Boundary face row: Dirichlet (2a)/dx² (ghost cell at distance dx/2), Neumann 0. */
function wallRow(a: usize, out: usize, n: i32, dirichlet: bool, ih2: f32): void {
  if (!dirichlet) {
    memory.fill(out, 0, <usize>n << 2);
    return;
  }
  for (let x = 0; x < n; x++) st(out, x, (<f32>2 * ld(a, x)) * ih2);
}

/** Coarse coefficients: mean of the fine faces on each coarse face, rescaled by 1/ratio² of its axis.
 *  Sums start from 0 and run kz, ky, kx (outer to inner) over the contributing fine values. */
function coarsenTask(r0: i32, r1: i32): void {
  const F = changetype<MGLevel>(argP(0));
  coarsenRows(F, changetype<MGLevel>(changetype<usize>(F.coarse)), argP(1) != 0, r0, r1);
}

function coarsenRows(F: MGLevel, C: MGLevel, is3D: bool, r0: i32, r1: i32): void {
  const rx = F.rx, ry = F.ry, rz = F.rz;
  const sx = <f32>(1.0 / <f64>(ry * rz * rx * rx));
  const sy = <f32>(1.0 / <f64>(rx * rz * ry * ry));
  const sz = <f32>(1.0 / <f64>(rx * ry * rz * rz));
  const sb = <f32>(1.0 / <f64>(rx * ry * rz));
  const rowB = <usize>F.nx << 2;
  const sliceB = rowB * <usize>F.ny;
  for (let row = r0; row < r1; row++) {
    const Z = row / C.ny, Y = row - Z * C.ny;
    {
      // fine rows (ky, kz): o00, o10 = ky 1, o01 = kz 1, o11; only those with ratio 2 exist
      const o00 = sliceB * <usize>(Z * rz) + rowB * <usize>(Y * ry);
      const o10 = o00 + rowB, o01 = o00 + sliceB, o11 = o00 + rowB + sliceB;
      const oc = (<usize>(Y + C.ny * Z) * <usize>C.nx) << 2;
      for (let X = 0; X < C.nx; X++) {
        const x = X * rx;
        let cx: f32 = 0 + ld(F.ax + o00, x); // kx = 0 of every row
        if (ry == 2) cx = cx + ld(F.ax + o10, x);
        if (rz == 2) {
          cx = cx + ld(F.ax + o01, x);
          if (ry == 2) cx = cx + ld(F.ax + o11, x);
        }
        let cy: f32 = 0 + ld(F.ay + o00, x); // ky = 0 rows, all kx
        if (rx == 2) cy = cy + ld(F.ay + o00, x + 1);
        if (rz == 2) {
          cy = cy + ld(F.ay + o01, x);
          if (rx == 2) cy = cy + ld(F.ay + o01, x + 1);
        }
        let cb: f32 = 0 + ld(F.b + o00, x); // every child
        if (rx == 2) cb = cb + ld(F.b + o00, x + 1);
        if (ry == 2) {
          cb = cb + ld(F.b + o10, x);
          if (rx == 2) cb = cb + ld(F.b + o10, x + 1);
        }
        if (rz == 2) {
          cb = cb + ld(F.b + o01, x);
          if (rx == 2) cb = cb + ld(F.b + o01, x + 1);
          if (ry == 2) {
            cb = cb + ld(F.b + o11, x);
            if (rx == 2) cb = cb + ld(F.b + o11, x + 1);
          }
        }
        st(C.ax + oc, X, cx * sx);
        st(C.ay + oc, X, cy * sy);
        st(C.b + oc, X, cb * sb);
        if (is3D) {
          let cz: f32 = 0 + ld(F.az + o00, x); // kz = 0 rows, all kx
          if (rx == 2) cz = cz + ld(F.az + o00, x + 1);
          if (ry == 2) {
            cz = cz + ld(F.az + o10, x);
            if (rx == 2) cz = cz + ld(F.az + o10, x + 1);
          }
          st(C.az + oc, X, cz * sz);
        }
      }
    }
    if (Y < C.ny - 1) continue; // the top faces of slice Z, once
    const ot = rowB * <usize>(Z * rz);
    for (let X = 0; X < C.nx; X++) {
      const x = X * rx;
      let ct: f32 = 0 + ld(F.ayTop + ot, x);
      if (rx == 2) ct = ct + ld(F.ayTop + ot, x + 1);
      if (rz == 2) {
        ct = ct + ld(F.ayTop + ot + rowB, x);
        if (rx == 2) ct = ct + ld(F.ayTop + ot + rowB, x + 1);
      }
      st(C.ayTop + ((<usize>(C.nx * Z)) << 2), X, ct * sy);
    }
  }
}

/** C.f = mean of the children of F.r: sum over fine rows (kz-major: ky=0,kz=0 / ky=1 / kz=1 / both)
 *  and within a row over kx, left to right, then × 1/children; C.u = 0. */
function restrictResidual(F: MGLevel, C: MGLevel): void {
  setArgP(0, changetype<usize>(F));
  parallelFor(restrictTask, C.ny * C.nz, F.n);
  if (!C.coarse) copyF32(C.u, 0, C.n); // the coarse solve starts from 0; finer levels start with jacobiFromZero
}

function restrictTask(r0: i32, r1: i32): void {
  const F = changetype<MGLevel>(argP(0));
  restrictRows(F, changetype<MGLevel>(changetype<usize>(F.coarse)), r0, r1);
}

function restrictRows(F: MGLevel, C: MGLevel, row0: i32, row1: i32): void {
  const rx = F.rx, ry = F.ry, rz = F.rz;
  const rowB = <usize>F.nx << 2;
  const sliceB = rowB * <usize>F.ny;
  const inv = <f32>(1.0 / <f64>(rx * ry * rz));
  const nr = ry * rz;
  const cnx = C.nx;
  for (let row = row0; row < row1; row++) {
    const Z = row / C.ny, Y = row - Z * C.ny;
    {
      const r0 = F.r + sliceB * <usize>(Z * rz) + rowB * <usize>(Y * ry);
      const r1 = ry == 2 ? r0 + rowB : r0 + sliceB;
      const r2 = r0 + sliceB;
      const r3 = r0 + sliceB + rowB;
      const out = C.f + ((<usize>(Y + C.ny * Z) * <usize>cnx) << 2);
      let X = 0;
      if (ASC_FEATURE_SIMD) {
        const vinv = f32x4.splat(inv);
        if (rx == 2) {
          for (; X + 4 <= cnx; X += 4) {
            const x = X << 1;
            let a = vld(r0, x), b = vld(r0, x + 4);
            let s = f32x4.add(v128.shuffle<f32>(a, b, 0, 2, 4, 6), v128.shuffle<f32>(a, b, 1, 3, 5, 7));
            if (nr > 1) {
              a = vld(r1, x); b = vld(r1, x + 4);
              s = f32x4.add(s, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
              s = f32x4.add(s, v128.shuffle<f32>(a, b, 1, 3, 5, 7));
              if (nr > 2) {
                a = vld(r2, x); b = vld(r2, x + 4);
                s = f32x4.add(s, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
                s = f32x4.add(s, v128.shuffle<f32>(a, b, 1, 3, 5, 7));
                a = vld(r3, x); b = vld(r3, x + 4);
                s = f32x4.add(s, v128.shuffle<f32>(a, b, 0, 2, 4, 6));
                s = f32x4.add(s, v128.shuffle<f32>(a, b, 1, 3, 5, 7));
              }
            }
            vst(out, X, f32x4.mul(s, vinv));
          }
        } else {
          for (; X + 4 <= cnx; X += 4) {
            let s = vld(r0, X);
            if (nr > 1) {
              s = f32x4.add(s, vld(r1, X));
              if (nr > 2) {
                s = f32x4.add(s, vld(r2, X));
                s = f32x4.add(s, vld(r3, X));
              }
            }
            vst(out, X, f32x4.mul(s, vinv));
          }
        }
      }
      for (; X < cnx; X++) {
        const x = X * rx;
        let s = ld(r0, x);
        if (rx == 2) s = s + ld(r0, x + 1);
        if (nr > 1) {
          s = s + ld(r1, x);
          if (rx == 2) s = s + ld(r1, x + 1);
          if (nr > 2) {
            s = s + ld(r2, x);
            if (rx == 2) s = s + ld(r2, x + 1);
            s = s + ld(r3, x);
            if (rx == 2) s = s + ld(r3, x + 1);
          }
        }
        st(out, X, s * inv);
      }
    }
  }
}

/** F.u += C.u injected piecewise-constant (each fine cell takes its parent's correction). */
function prolongAdd(C: MGLevel, F: MGLevel): void {
  setArgP(0, changetype<usize>(F));
  parallelFor(prolongTask, F.ny * F.nz, F.n);
}

function prolongTask(r0: i32, r1: i32): void {
  const F = changetype<MGLevel>(argP(0));
  prolongRows(changetype<MGLevel>(changetype<usize>(F.coarse)), F, r0, r1);
}

function prolongRows(C: MGLevel, F: MGLevel, r0: i32, r1: i32): void {
  const rx = F.rx, ry = F.ry, rz = F.rz, cnx = C.nx;
  for (let r = r0; r < r1; r++) {
    const z = r / F.ny, y = r - z * F.ny;
    {
      const fu = F.u + ((<usize>(y + F.ny * z) * <usize>F.nx) << 2);
      const cu = C.u + ((<usize>((ry == 2 ? y >> 1 : y) + C.ny * (rz == 2 ? z >> 1 : z)) * <usize>cnx) << 2);
      let X = 0;
      if (rx == 2) {
        if (ASC_FEATURE_SIMD) {
          for (; X + 4 <= cnx; X += 4) {
            const c = vld(cu, X);
            const x = X << 1;
            vst(fu, x, f32x4.add(vld(fu, x), v128.shuffle<f32>(c, c, 0, 0, 1, 1)));
            vst(fu, x + 4, f32x4.add(vld(fu, x + 4), v128.shuffle<f32>(c, c, 2, 2, 3, 3)));
          }
        }
        for (; X < cnx; X++) {
          const c = ld(cu, X);
          st(fu, 2 * X, ld(fu, 2 * X) + c);
          st(fu, 2 * X + 1, ld(fu, 2 * X + 1) + c);
        }
      } else {
        if (ASC_FEATURE_SIMD) {
          for (; X + 4 <= cnx; X += 4) vst(fu, X, f32x4.add(vld(fu, X), vld(cu, X)));
        }
        for (; X < cnx; X++) st(fu, X, ld(fu, X) + ld(cu, X));
      }
    }
  }
}
