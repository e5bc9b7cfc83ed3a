// Cell-centred geometric multigrid for  L u = ∇·(a∇u) − b u = f  on an nx×ny×nz grid (spacing dx),
// x and z periodic, y = 0 / y = ny faces Neumann (zero flux) or Dirichlet (ghost-cell form).
// Bit-identical twin of assembly/multigrid.ts: every f32 operation is rounded with Math.fround in
// the same order as the AssemblyScript code (f64 products/sums of two f32 values rounded once give
// the correctly rounded f32 result), and f64 reductions use the same summation order.
//
// Scheme: face coefficients by harmonic mean of the cell a's (over dx²); coarsening by 2 in every
// axis of even size ≥ 4 (z only in 3D) while any side > 4; coarse faces = mean of the fine faces
// on them (÷ ratio² of the axis), coarse b = mean of children. V-cycle: damped Jacobi
// (ω = 2d/(2d+1)) 2 pre + 2 post, restriction = mean of children, prolongation = piecewise-constant
// injection, coarsest level by CG to 1e-3. Restriction ∝ prolongationᵀ and symmetric smoothing make
// the V-cycle a symmetric preconditioner; it drives flexible CG (FCG(1): p conjugate to the previous
// direction, exact line search), one V-cycle per iteration. This stays robust with large
// coefficient jumps (tested: 1e3/1e6 steps, 1e±3/1e±6 needle deposits) where stand-alone V-cycles
// stall or diverge. Stops when ‖r‖₂ ≤ tol·‖f_eff‖₂ (f_eff = f − Dirichlet terms; absolute 1e-20
// if f_eff = 0). r is the true residual, recomputed every iteration.
//
// Precision: u is f32, so no u has a residual much below 2^-24‖D∘u‖ (D = diagonal): ≈ 2e-9·N²
// relative for a smooth Poisson solution on N² cells, and far above tol for a highly conducting
// region at a large potential offset. An iteration that gains less than 2× twice running while
// within that floor ends the solve as converged: test `converged`, not residual ≤ tol. Keep
// conductivity contrasts ≲ 1e4: a floating body (Neumann all round) 1e6× more conducting than its
// surroundings is resolved only to a few % in f32.

const fr = Math.fround;
const OMEGA_2D = fr(0.8);
const OMEGA_3D = fr(6 / 7);
const COARSE_MAX_IT = 500;
const COARSE_RTOL2 = 1e-6;
const ABS_TOL = 1e-20;
// f32 round-off floor estimate 2^-24‖D∘u‖ (see header).
const EPS32 = 5.9604644775390625e-8;
const STALL = 0.5;

export interface SolveResult {
  cycles: number; // V-cycles run
  residual: number; // final ‖r‖/‖f_eff‖ (absolute ‖r‖ when f_eff = 0)
  converged: boolean; // tol met, or stalled at the f32 round-off floor (false on breakdown/NaN)
}

class Level {
  rx = 1; ry = 1; rz = 1; // coarsening ratio towards the next level
  readonly n: number;
  readonly ax: Float32Array; readonly ay: Float32Array; readonly ayTop: Float32Array; readonly az: Float32Array;
  readonly b: Float32Array; readonly d: Float32Array; readonly w: Float32Array;
  u: Float32Array; f: Float32Array; readonly r: Float32Array; // r doubles as Jacobi ping-pong
  coarse: Level | null = null;

  constructor(readonly nx: number, readonly ny: number, readonly nz: number, is3D: boolean, fine = false) {
    const n = (this.n = nx * ny * nz);
    this.ax = new Float32Array(n);
    this.ay = new Float32Array(n);
    this.ayTop = new Float32Array(nx * nz);
    this.az = new Float32Array(is3D ? n : 0);
    this.b = new Float32Array(n);
    this.d = new Float32Array(n);
    this.w = new Float32Array(n);
    // the finest level borrows u and f from the Krylov loop; they are allocated on coarse levels only
    this.u = new Float32Array(fine ? 0 : n);
    this.f = new Float32Array(fine ? 0 : n);
    this.r = new Float32Array(n);
  }
}

/** Jacobi sweep (jac: dst = u − w·(f − Lu)) or residual (dst = f − Lu) over a level, with
 *  Lu = s − b·u and s = Σ_k c_k·(u_k − u) over the faces W, E, S, N [, B, F], summed in that order.
 *  The difference form makes Lu exactly 0 on constant u, so highly conducting regions add no
 *  round-off. A missing y neighbour reads the zero row: c·(0 − u) is the Dirichlet ghost term. */
function applyLevel(L: Level, jac: boolean, src: Float32Array, f: Float32Array, dst: Float32Array,
  zrow: Float32Array, is3D: boolean): void {
  const { nx, ny, nz, ay, ayTop } = L;
  const slice = nx * ny;
  for (let z = 0; z < nz; z++) {
    const zo = slice * z;
    const zbo = slice * (z === 0 ? nz - 1 : z - 1);
    const zfo = slice * (z === nz - 1 ? 0 : z + 1);
    for (let y = 0; y < ny; y++) {
      const o = zo + nx * y;
      const ud = y > 0 ? src : zrow, od = y > 0 ? o - nx : 0;
      const uu = y < ny - 1 ? src : zrow, ou = y < ny - 1 ? o + nx : 0;
      const ayu = y < ny - 1 ? ay : ayTop, oau = y < ny - 1 ? o + nx : nx * z;
      if (!is3D) {
        if (jac) jacRow2(L, src, o, ud, od, uu, ou, ayu, oau, f, dst);
        else resRow2(L, src, o, ud, od, uu, ou, ayu, oau, f, dst);
      } else {
        const ob = zbo + nx * y, of = zfo + nx * y;
        if (jac) jacRow3(L, src, o, ud, od, uu, ou, ayu, oau, ob, of, f, dst);
        else resRow3(L, src, o, ud, od, uu, ou, ayu, oau, ob, of, f, dst);
      }
    }
  }
}

// Row kernels, split by mode and dimension so the per-cell loop carries no invariant branches.
function jacRow2(L: Level, u: Float32Array, o: number, ud: Float32Array, od: number, uu: Float32Array, ou: number,
  ayu: Float32Array, oau: number, f: Float32Array, dst: Float32Array): void {
  const { nx, ax, ay, b, w } = L;
  for (let x = 0, xw = nx - 1; x < nx; xw = x++) {
    const xe = x === nx - 1 ? 0 : x + 1;
    const i = o + x, c = u[i];
    let s = fr(ax[i] * fr(u[o + xw] - c));
    s = fr(s + fr(ax[o + xe] * fr(u[o + xe] - c)));
    s = fr(s + fr(ay[i] * fr(ud[od + x] - c)));
    s = fr(s + fr(ayu[oau + x] * fr(uu[ou + x] - c)));
    dst[i] = c - fr(w[i] * fr(f[i] - fr(s - fr(b[i] * c))));
  }
}

function resRow2(L: Level, u: Float32Array, o: number, ud: Float32Array, od: number, uu: Float32Array, ou: number,
  ayu: Float32Array, oau: number, f: Float32Array, dst: Float32Array): void {
  const { nx, ax, ay, b } = L;
  for (let x = 0, xw = nx - 1; x < nx; xw = x++) {
    const xe = x === nx - 1 ? 0 : x + 1;
    const i = o + x, c = u[i];
    let s = fr(ax[i] * fr(u[o + xw] - c));
    s = fr(s + fr(ax[o + xe] * fr(u[o + xe] - c)));
    s = fr(s + fr(ay[i] * fr(ud[od + x] - c)));
    s = fr(s + fr(ayu[oau + x] * fr(uu[ou + x] - c)));
    dst[i] = f[i] - fr(s - fr(b[i] * c));
  }
}

function jacRow3(L: Level, u: Float32Array, o: number, ud: Float32Array, od: number, uu: Float32Array, ou: number,
  ayu: Float32Array, oau: number, ob: number, of: number, f: Float32Array, dst: Float32Array): void {
  const { nx, ax, ay, az, b, w } = L;
  for (let x = 0, xw = nx - 1; x < nx; xw = x++) {
    const xe = x === nx - 1 ? 0 : x + 1;
    const i = o + x, c = u[i];
    let s = fr(ax[i] * fr(u[o + xw] - c));
    s = fr(s + fr(ax[o + xe] * fr(u[o + xe] - c)));
    s = fr(s + fr(ay[i] * fr(ud[od + x] - c)));
    s = fr(s + fr(ayu[oau + x] * fr(uu[ou + x] - c)));
    s = fr(s + fr(az[i] * fr(u[ob + x] - c)));
    s = fr(s + fr(az[of + x] * fr(u[of + x] - c)));
    dst[i] = c - fr(w[i] * fr(f[i] - fr(s - fr(b[i] * c))));
  }
}

function resRow3(L: Level, u: Float32Array, o: number, ud: Float32Array, od: number, uu: Float32Array, ou: number,
  ayu: Float32Array, oau: number, ob: number, of: number, f: Float32Array, dst: Float32Array): void {
  const { nx, ax, ay, az, b } = L;
  for (let x = 0, xw = nx - 1; x < nx; xw = x++) {
    const xe = x === nx - 1 ? 0 : x + 1;
    const i = o + x, c = u[i];
    let s = fr(ax[i] * fr(u[o + xw] - c));
    s = fr(s + fr(ax[o + xe] * fr(u[o + xe] - c)));
    s = fr(s + fr(ay[i] * fr(ud[od + x] - c)));
    s = fr(s + fr(ayu[oau + x] * fr(uu[ou + x] - c)));
    s = fr(s + fr(az[i] * fr(u[ob + x] - c)));
    s = fr(s + fr(az[of + x] * fr(u[of + x] - c)));
    dst[i] = f[i] - fr(s - fr(b[i] * c));
  }
}

/** Σ p[i]·q[i] over [i0, i1) in f64 with four partial sums by (i & 3), combined (s0+s1)+(s2+s3). */
function dot4Range(p: Float32Array, q: Float32Array, i0: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = i0;
  for (; i + 4 <= n; i += 4) {
    s0 += p[i] * q[i]; s1 += p[i + 1] * q[i + 1]; s2 += p[i + 2] * q[i + 2]; s3 += p[i + 3] * q[i + 3];
  }
  for (; i < n; i++) {
    const k = i & 3;
    if (k === 0) s0 += p[i] * q[i]; else if (k === 1) s1 += p[i] * q[i]; else s2 += p[i] * q[i];
  }
  return (s0 + s1) + (s2 + s3);
}

/** Reduction chunking of assembly/parallel.ts (chunksFor, chunkLo): a function of n only, so the wasm
 *  kernel gives the same bits for any thread count and this twin matches it. */
export const DOT_CHUNK = 16384;
export const MAX_CHUNKS = 1024;
export function chunksFor(n: number, minItems: number): number {
  return n <= minItems ? 1 : Math.min(Math.ceil(n / minItems), MAX_CHUNKS);
}
export function chunkLo(c: number, chunks: number, n: number): number {
  return Math.floor((n * c) / chunks) & ~3;
}

/** Σ p[i]·q[i] in f64: dot4Range over fixed chunks of ≥ DOT_CHUNK cells, the chunk sums added in order. */
export function dot4(p: Float32Array, q: Float32Array, n: number): number {
  const chunks = chunksFor(n, DOT_CHUNK);
  if (chunks === 1) return dot4Range(p, q, 0, n);
  let s = 0;
  for (let c = 0; c < chunks; c++) s += dot4Range(p, q, chunkLo(c, chunks, n), c === chunks - 1 ? n : chunkLo(c + 1, chunks, n));
  return s;
}

/** Σ (p[i]·q[i])² in f64, sequential (only evaluated when a cycle stalls). */
function sumSquaresProd(p: Float32Array, q: Float32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = p[i] * q[i];
    s += v * v;
  }
  return s;
}

function dot(p: Float32Array, q: Float32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += p[i] * q[i];
  return s;
}

function harm(p: number, q: number): number {
  return fr(fr(fr(2 * p) * q) / fr(p + q));
}

export class Multigrid {
  readonly is3D: boolean;
  readonly levels: number;
  private readonly omega: number;
  private readonly fine: Level;
  private readonly zrow: Float32Array;
  private readonly cgP: Float32Array;
  private readonly cgQ: Float32Array;
  private readonly zero: Float32Array; // stays 0: right-hand side for q = −L p
  private readonly fe: Float32Array; // f_eff
  private readonly kr: Float32Array; // Krylov residual (V-cycle right-hand side)
  private readonly kz: Float32Array; // preconditioned residual (V-cycle solution)
  private readonly kp: Float32Array; // search direction
  private readonly kq: Float32Array; // −L p
  private bottomDirichlet = false;
  private topDirichlet = false;

  /** nx ≥ 2, ny ≥ 1, nz ≥ 1 (nz = 1: 2D). force3D runs the 3D stencil with nz = 1 (test hook). */
  constructor(readonly nx: number, readonly ny: number, readonly nz: number, readonly dx: number, force3D = false) {
    if (!(nx >= 2 && ny >= 1 && nz >= 1)) throw new Error(`Multigrid: bad grid ${nx}×${ny}×${nz}`);
    this.is3D = nz > 1 || force3D;
    this.omega = nz > 1 ? OMEGA_3D : OMEGA_2D;
    this.zrow = new Float32Array(nx);
    this.fine = new Level(nx, ny, nz, this.is3D, true);
    let L = this.fine;
    let levels = 1;
    while (Math.max(L.nx, L.ny, L.nz) > 4) {
      const rx = L.nx % 2 === 0 && L.nx >= 4 ? 2 : 1;
      const ry = L.ny % 2 === 0 && L.ny >= 4 ? 2 : 1;
      const rz = L.nz % 2 === 0 && L.nz >= 4 ? 2 : 1;
      if (rx === 1 && ry === 1 && rz === 1) break;
      L.rx = rx; L.ry = ry; L.rz = rz;
      L = L.coarse = new Level(L.nx / rx, L.ny / ry, L.nz / rz, this.is3D);
      levels++;
    }
    this.levels = levels;
    this.cgP = new Float32Array(L.n);
    this.cgQ = new Float32Array(L.n);
    const nf = nx * ny * nz;
    this.zero = new Float32Array(nf);
    this.fe = new Float32Array(nf);
    this.kr = new Float32Array(nf);
    this.kz = new Float32Array(nf);
    this.kp = new Float32Array(nf);
    this.kq = new Float32Array(nf);
  }

  /** Per-cell a > 0 and b ≥ 0 on the fine grid; builds face coefficients and the coarse hierarchy. */
  setOperator(a: Float32Array, b: Float32Array, bottomDirichlet: boolean, topDirichlet: boolean): void {
    this.bottomDirichlet = bottomDirichlet;
    this.topDirichlet = topDirichlet;
    const L = this.fine;
    const { nx, ny, nz } = L;
    const ih2 = fr(1 / (this.dx * this.dx));
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const ai = a[i];
          L.ax[i] = fr(harm(a[x === 0 ? i + nx - 1 : i - 1], ai) * ih2);
          L.ay[i] = y > 0 ? fr(harm(a[i - nx], ai) * ih2) : bottomDirichlet ? fr(fr(2 * ai) * ih2) : 0;
          if (this.is3D) L.az[i] = nz > 1 ? fr(harm(a[z === 0 ? i + nx * ny * (nz - 1) : i - nx * ny], ai) * ih2) : 0;
          if (y === ny - 1) L.ayTop[x + nx * z] = topDirichlet ? fr(fr(2 * ai) * ih2) : 0;
        }
      }
    }
    L.b.set(b.subarray(0, L.n));
    this.diag(L);
    for (let F = L; F.coarse; F = F.coarse) {
      coarsenOperator(F, F.coarse, this.is3D);
      this.diag(F.coarse);
    }
  }

  private diag(L: Level): void {
    const { nx, ny, nz } = L;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          let d = fr(L.ax[i] + L.ax[x === nx - 1 ? i - nx + 1 : i + 1]);
          d = fr(d + L.ay[i]);
          d = fr(d + (y < ny - 1 ? L.ay[i + nx] : L.ayTop[x + nx * z]));
          if (this.is3D) {
            d = fr(d + L.az[i]);
            d = fr(d + L.az[z === nz - 1 ? i - nx * ny * (nz - 1) : i + nx * ny]);
          }
          d = fr(d + L.b[i]);
          L.d[i] = d;
          L.w[i] = fr(this.omega / d);
        }
      }
    }
  }

  /** Solves in place from the warm start u (see SolveResult). maxCycles bounds the V-cycles. */
  solve(u: Float32Array, f: Float32Array, bottomValue: number, topValue: number, tol: number,
    maxCycles: number): SolveResult {
    const L = this.fine;
    const { nx, ny, nz, n } = L;
    const fe = this.fe, r = this.kr, z = this.kz, p = this.kp, q = this.kq;
    const zr = this.zrow, d3 = this.is3D;
    fe.set(f.subarray(0, n));
    const gb = fr(bottomValue), gt = fr(topValue);
    for (let k = 0; k < nz; k++) {
      for (let x = 0; x < nx; x++) {
        if (this.bottomDirichlet) {
          const i = x + nx * ny * k;
          fe[i] = fr(fe[i] - fr(L.ay[i] * gb));
        }
        if (this.topDirichlet) {
          const i = x + nx * (ny - 1 + ny * k);
          fe[i] = fr(fe[i] - fr(L.ayTop[x + nx * k] * gt));
        }
      }
    }
    const fnorm = Math.sqrt(dot4(fe, fe, n));
    const thr = fnorm > 0 ? tol * fnorm : ABS_TOL;
    // FCG(1) on −L (SPD), preconditioner z = V-cycle(r) ≈ L⁻¹r. r is the true residual
    // f_eff − L u, recomputed every iteration, so progress and the f32 floor are measured honestly.
    applyLevel(L, false, u, fe, r, zr, d3);
    let rn = Math.sqrt(dot4(r, r, n));
    let cycles = 0;
    let converged = rn <= thr;
    let pq = 0;
    let stalls = 0;
    while (!converged && cycles < maxCycles) {
      z.fill(0);
      L.u = z;
      L.f = r;
      this.vcycle(L);
      if (cycles === 0) p.set(z);
      else {
        const be = fr(-dot4(z, q, n) / pq); // p conjugate to the previous direction
        for (let i = 0; i < n; i++) p[i] = z[i] + fr(be * p[i]);
      }
      cycles++;
      applyLevel(L, false, p, this.zero, q, zr, d3); // q = −L p
      pq = dot4(p, q, n);
      if (!(pq > 0)) break; // breakdown (round-off dominated, or NaN)
      const al = fr(-dot4(r, p, n) / pq); // exact line search: the energy error never grows
      for (let i = 0; i < n; i++) u[i] = u[i] + fr(al * p[i]);
      const prev = rn;
      applyLevel(L, false, u, fe, r, zr, d3);
      rn = Math.sqrt(dot4(r, r, n));
      if (!(rn === rn)) break;
      stalls = rn > STALL * prev ? stalls + 1 : 0;
      converged = rn <= thr || (stalls >= 2 && rn <= EPS32 * Math.sqrt(sumSquaresProd(L.d, u, n)));
    }
    return { cycles, residual: fnorm > 0 ? rn / fnorm : rn, converged };
  }

  private vcycle(L: Level): void {
    const C = L.coarse;
    if (!C) {
      this.coarseSolve(L);
      return;
    }
    const z = this.zrow, d3 = this.is3D;
    applyLevel(L, true, L.u, L.f, L.r, z, d3);
    applyLevel(L, true, L.r, L.f, L.u, z, d3);
    applyLevel(L, false, L.u, L.f, L.r, z, d3);
    restrictResidual(L, C);
    this.vcycle(C);
    prolongAdd(C, L);
    applyLevel(L, true, L.u, L.f, L.r, z, d3);
    applyLevel(L, true, L.r, L.f, L.u, z, d3);
  }

  /** Conjugate gradients on −L (SPD) to ‖r‖ ≤ 1e-3‖r0‖ or 500 iterations. */
  private coarseSolve(L: Level): void {
    const n = L.n, x = L.u, r = L.r, p = this.cgP, q = this.cgQ;
    applyLevel(L, false, x, L.f, r, this.zrow, this.is3D);
    p.set(r.subarray(0, n));
    let rr = dot(r, r, n);
    const stop = rr * COARSE_RTOL2;
    for (let it = 0; it < COARSE_MAX_IT && rr > stop; it++) {
      applyLevel(L, false, p, this.zero, q, this.zrow, this.is3D); // q = −L p
      const pq = dot(p, q, n);
      if (!(pq > 0)) break;
      const al = fr(rr / pq);
      for (let i = 0; i < n; i++) {
        x[i] = x[i] - fr(al * p[i]); // r = L(x* − x): move along −r
        r[i] = r[i] - fr(al * q[i]);
      }
      const rn = dot(r, r, n);
      const be = fr(rn / rr);
      rr = rn;
      for (let i = 0; i < n; i++) p[i] = r[i] + fr(be * p[i]);
    }
  }
}

/** Coarse coefficients: mean of the fine faces on each coarse face, rescaled by 1/ratio² of its axis. */
function coarsenOperator(F: Level, C: Level, is3D: boolean): void {
  const { rx, ry, rz } = F;
  const fnx = F.nx, fny = F.ny;
  const sx = fr(1 / (ry * rz * rx * rx));
  const sy = fr(1 / (rx * rz * ry * ry));
  const sz = fr(1 / (rx * ry * rz * rz));
  const sb = fr(1 / (rx * ry * rz));
  for (let Z = 0; Z < C.nz; Z++) {
    for (let Y = 0; Y < C.ny; Y++) {
      for (let X = 0; X < C.nx; X++) {
        const x0 = X * rx, y0 = Y * ry, z0 = Z * rz;
        let cx = 0, cy = 0, cz = 0, cb = 0;
        for (let kz = 0; kz < rz; kz++) {
          for (let ky = 0; ky < ry; ky++) {
            for (let kx = 0; kx < rx; kx++) {
              const i = x0 + kx + fnx * (y0 + ky + fny * (z0 + kz));
              if (kx === 0) cx = fr(cx + F.ax[i]);
              if (ky === 0) cy = fr(cy + F.ay[i]);
              if (is3D && kz === 0) cz = fr(cz + F.az[i]);
              cb = fr(cb + F.b[i]);
            }
          }
        }
        const I = X + C.nx * (Y + C.ny * Z);
        C.ax[I] = fr(cx * sx);
        C.ay[I] = fr(cy * sy);
        if (is3D) C.az[I] = fr(cz * sz);
        C.b[I] = fr(cb * sb);
      }
    }
    for (let X = 0; X < C.nx; X++) {
      let ct = 0;
      for (let kz = 0; kz < rz; kz++) {
        for (let kx = 0; kx < rx; kx++) ct = fr(ct + F.ayTop[X * rx + kx + fnx * (Z * rz + kz)]);
      }
      C.ayTop[X + C.nx * Z] = fr(ct * sy);
    }
  }
}

/** C.f = mean of the children of F.r (kz, ky, kx order, then × 1/children); C.u = 0. */
function restrictResidual(F: Level, C: Level): void {
  const { rx, ry, rz } = F;
  const r = F.r, row = F.nx, slice = F.nx * F.ny;
  const inv = fr(1 / (rx * ry * rz));
  for (let Z = 0; Z < C.nz; Z++) {
    for (let Y = 0; Y < C.ny; Y++) {
      const p0 = slice * Z * rz + row * Y * ry;
      const p1 = ry === 2 ? p0 + row : p0;
      const p2 = rz === 2 ? p0 + slice : p0;
      const p3 = p2 + (ry === 2 ? row : 0);
      const out = (Y + C.ny * Z) * C.nx;
      for (let X = 0; X < C.nx; X++) {
        const x = X * rx;
        let s = r[p0 + x];
        if (rx === 2) s = fr(s + r[p0 + x + 1]);
        if (ry === 2) {
          s = fr(s + r[p1 + x]);
          if (rx === 2) s = fr(s + r[p1 + x + 1]);
        }
        if (rz === 2) {
          s = fr(s + r[p2 + x]);
          if (rx === 2) s = fr(s + r[p2 + x + 1]);
          if (ry === 2) {
            s = fr(s + r[p3 + x]);
            if (rx === 2) s = fr(s + r[p3 + x + 1]);
          }
        }
        C.f[out + X] = fr(s * inv);
      }
    }
  }
  C.u.fill(0);
}

/** F.u += C.u injected piecewise-constant (each fine cell takes its parent's correction). */
function prolongAdd(C: Level, F: Level): void {
  const { rx, ry, rz } = F;
  const cu = C.u, fu = F.u;
  for (let z = 0; z < F.nz; z++) {
    for (let y = 0; y < F.ny; y++) {
      const o = (y + F.ny * z) * F.nx;
      const co = ((ry === 2 ? y >> 1 : y) + C.ny * (rz === 2 ? z >> 1 : z)) * C.nx;
      if (rx === 2) {
        for (let X = 0; X < C.nx; X++) {
          const c = cu[co + X];
          fu[o + 2 * X] = fu[o + 2 * X] + c;
          fu[o + 2 * X + 1] = fu[o + 2 * X + 1] + c;
        }
      } else {
        for (let x = 0; x < F.nx; x++) fu[o + x] = fu[o + x] + cu[co + x];
      }
    }
  }
}
