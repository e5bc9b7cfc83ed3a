// The coupled electrodeposition step (AssemblyScript). Line-by-line port of src/kernel-ts/kernel.ts,
// which documents the scheme; keep the two in step. Fields are f32 (structure of arrays), per-cell
// arithmetic f64, reductions f64. The elliptic solves (the hot path) run in the SIMD multigrid.
import {
  P_DX, P_ELL, P_LSIG_W, P_LSIG_KAPPA, P_CURV_FLOW, P_LETA, P_ALPHA, P_FRT, P_BV_FORM, P_GT,
  P_ANISO, P_ANISO_COS, P_ANISO_SIN, P_NOISE, P_SOLID, P_DL, P_DS, P_TPLUS, P_SIGMA_L, P_SIGMA_FLOOR,
  P_CS_C0, P_FCS, P_MODE, P_CURRENT, P_PHI_APPLIED, P_I0_CE, P_DT_MAX, P_DT_MIN, P_DXI_MAX, P_MG_TOL,
  P_T_END, P_SEI_RATE, P_OXIDE_R, P_ALLOY_CAP, P_ALLOY_TYPE, P_ALLOY_E0, P_MATERIALS, P_MECH_ON, P_MECH_RESOLVE, P_DEAD_LI,
  P_NUC_ON, P_NUC_DENSITY, P_NUC_NU0, P_NUC_BARRIER, P_CDL, P_NUC_COS_THETA, P_NUC_R_CRIT_COEF, P_SEED_WET, P_COUNT,
  S_TIME, S_DT, S_STEPS, S_PHI_S, S_CURRENT, S_CHARGE, S_METAL_UM, S_IONS, S_LEDGER_ERR, S_MAX_HEIGHT_UM,
  S_SHORTED, S_SHORT_T, S_SHORT_X, S_SHORT_Z, S_VOLTAGE, S_MG_CYCLES, S_NUCLEI, S_FAIL_CODE,
  S_FAIL_INDEX, S_FAIL_VALUE, S_INITIAL_UM, S_DL_CHARGE, S_SUBGRID_UM, S_DEBT_UM, S_SEI_UM, S_DEAD_UM, S_ALLOY_UM, S_CHARGE_GROSS,
  S_MAX_PRESSURE, S_CRACKED, S_MECH_SOLVES, S_MECH_ITERS, S_OXIDE_V, S_DISPLACED_UM, S_COUNT,
  F_NAN_XI, F_NAN_C, F_NAN_PHI, F_XI_BOUNDS, F_C_NEGATIVE, F_DT_UNDERFLOW, F_GALVANO,
} from './layout';
import { allocF32, allocF64, allocBytes } from './memory';
import { Multigrid, copyF32 } from './multigrid';
import { BLOCK, REDUCTION_CHUNK, argF, argP, chunkHi, chunkLo, chunksFor, parallelFor, partial, setArgF, setArgP, setPartial } from './parallel';
import { uniform01 } from './rng';
import { capArea, capRadius, capVolume } from './nuclei';
import { Topology } from './topology';
import { Mechanics } from './mechanics';

const STREAM_NOISE: u32 = 1;
const STREAM_NUCLEATION: u32 = 2;
const STREAM_SITES: u32 = 3;
const MAX_PHI_STEP_V: f64 = 0.005;
const DT_GROWTH: f64 = 1.25;
const MAX_DEPLETION: f64 = 0.5;
const NORMAL_EPS2: f64 = 1e-6;
const C_NEGATIVE_LIMIT: f64 = -0.01;
const DEBT_SHARE: f64 = 0.1; // share of the current that repays nucleus-insertion debt (see the TS twin)
const ALLOY_FULL: f64 = 1e-6; // the seed counts as full (or empty) within this fraction of its capacity
const MAT_LIF_F: f64 = 3; // MAT_LIF of assembly/mechanics.ts as stored in the f32 material map

/** Share of the current that pays the insertion debt (see the TS twin): DEBT_SHARE while plating; while
 *  stripping at least debt / live metal, so the debt is paid by the time the live deposit is empty. */
function debtShare(full: f64, debt: f64, liveMetalUm: f64): f64 {
  if (full >= 0 || debt <= 0) return DEBT_SHARE;
  return liveMetalUm > debt ? Math.max(DEBT_SHARE, debt / liveMetalUm) : 1.0;
}

// @ts-ignore: decorator
@inline function lf(p: usize, i: i32): f64 { return <f64>load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function sf(p: usize, i: i32, v: f64): void { store<f32>(p + (<usize>i << 2), <f32>v); }
// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function sd(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// @ts-ignore: decorator
@inline function isFinite64(v: f64): bool { return v - v == 0; }
/** electrolyte volume fraction of a cell, ψ = (1 − ξ) + εξ (ξ clamped to [0, 1]; ε = D_s/D_l keeps the metal's row non-singular) */
// @ts-ignore: decorator
@inline function electrolyteFraction(xi: f64, eps: f64): f64 { const v = Math.min(1, Math.max(0, xi)); return (1 - v) + eps * v; }

export class Kernel {
  nx: i32; ny: i32; nz: i32; n: i32; is3D: bool; seed: u32;
  params: usize; stats: usize;
  xi: usize; c: usize; phi: usize; rate: usize; xiNew: usize;
  relax: usize; curv: usize; kin: usize; nrmX: usize; nrmY: usize; nrmZ: usize;
  wa: usize; wc: usize; coefA: usize; coefB: usize; rhs: usize; dc: usize; xiCarry: usize; cCarry: usize;
  nucleusVolume: usize; nucleusRate: usize;
  mgPhi: Multigrid; mgC: Multigrid; topology: Topology;
  sigmaCell: usize;                 // per-cell electrolyte conductivity (S/m), used when P_MATERIALS = 1
  mechanics: Mechanics | null = null; // solid-electrolyte mechanics, built by enableMechanics()
  gRepay: f64 = 0;
  alloyRateNow: f64 = 0; seiRate: f64 = 0; maxRateCell: i32 = 0;
  maxRateNucleus: i32 = -1;          // the sub-grid nucleus whose rate set fillRates' maximum (−1: a cell)
  phiS: f64 = 0; dtPrev: f64 = 0; maxRatePrev: f64 = 0; dlFractionPrev: f64 = 1; depletionRate: f64 = 0;
  // results of solveElectrodePotential
  gPhiS: f64 = 0; gMetal: f64 = 0; gDl: f64 = 0; gOk: bool = true;
  // sums of computeWeights
  sumA: f64 = 0; sumC: f64 = 0; sumRelax: f64 = 0;

  constructor(nx: i32, ny: i32, nz: i32, dx: f64, seed: u32) {
    const n = nx * ny * nz;
    this.mgPhi = new Multigrid(nx, ny, nz, dx);
    this.mgC = new Multigrid(nx, ny, nz, dx);
    this.topology = new Topology(nx, ny, nz);
    this.nx = nx; this.ny = ny; this.nz = nz; this.n = n; this.is3D = nz > 1; this.seed = seed;
    this.params = allocF64(P_COUNT);
    this.stats = allocF64(S_COUNT);
    this.xi = allocF32(n); this.c = allocF32(n); this.phi = allocF32(n); this.rate = allocF32(n);
    this.xiNew = allocF32(n); this.relax = allocF32(n); this.curv = allocF32(n); this.kin = allocF32(n);
    this.nrmX = allocF32(n); this.nrmY = allocF32(n); this.nrmZ = allocF32(n);
    this.wa = allocF64(n); this.wc = allocF64(n);
    this.coefA = allocF32(n); this.coefB = allocF32(n); this.rhs = allocF32(n); this.dc = allocF32(n); this.xiCarry = allocF32(n); this.cCarry = allocF32(n);
    this.nucleusVolume = allocF64(nx * nz); this.nucleusRate = allocF64(nx * nz);
    this.sigmaCell = allocF32(n);
    for (let i = 0; i < n; i++) sf(this.c, i, 1);
  }

  /** allocates the mechanics state (call once, right after construction) */
  enableMechanics(): void {
    if (this.mechanics == null) this.mechanics = new Mechanics(this.nx, this.ny, this.nz, this.p(P_DX));
  }

  @inline mechOn(): bool { return this.mechanics != null && this.p(P_MECH_ON) == 1; }

  @inline p(slot: i32): f64 { return ld(this.params, slot); }
  @inline s(slot: i32): f64 { return ld(this.stats, slot); }
  @inline setS(slot: i32, v: f64): void { sd(this.stats, slot, v); }

  initFilm(thickness: f64): void {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    const dx = this.p(P_DX), ell = this.p(P_ELL);
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const yc = (<f64>y + 0.5) * dx;
          sf(this.xi, x + nx * (y + ny * z), thickness > 0 ? 0.5 * (1 - Math.tanh((yc - thickness) / (2 * ell))) : 0);
        }
    this.startLedger();
  }

  startLedger(): void {
    memory.fill(this.stats, 0, <usize>S_COUNT << 3);
    this.phiS = this.p(P_MODE) == 1 ? this.p(P_PHI_APPLIED) : 0;
    this.setS(S_METAL_UM, this.metalUm());
    this.setS(S_IONS, this.ionsUm());
    this.setS(S_INITIAL_UM, this.s(S_METAL_UM) + this.s(S_IONS));
    this.dtPrev = 0;
    this.maxRatePrev = 0;
    this.dlFractionPrev = 1;
    for (let pass = 0; pass < 4; pass++) {
      this.computeGeometry(0);
      this.computeWeights();
      this.solveElectrodePotential(1, false);
      this.phiS = this.gPhiS;
      this.fillRates(this.gPhiS);
      this.solvePotential(this.gDl);
    }
    this.updateTopology();
    if (this.mechOn()) this.solveMechanics();
    this.setS(S_PHI_S, this.phiS);
    this.setS(S_VOLTAGE, this.cellVoltage());
  }

  /** working minus counter electrode, with the native-oxide drop while the collector is bare */
  cellVoltage(): f64 {
    if (this.s(S_SHORTED) == 1) return 0;
    const i = this.p(P_MODE) == 1 ? this.s(S_CURRENT) : this.p(P_CURRENT);
    const drop = this.p(P_OXIDE_R) > 0 ? i * this.p(P_OXIDE_R) * this.freeCollectorFraction() : 0.0;
    this.setS(S_OXIDE_V, drop);
    return this.phiS - drop - this.counterOverpotential();
  }

  solveMechanics(): void {
    const m = changetype<Mechanics>(this.mechanics);
    const iters = m.solve(this.xi, this.params);
    this.setS(S_MECH_SOLVES, this.s(S_MECH_SOLVES) + 1);
    this.setS(S_MECH_ITERS, <f64>iters);
    this.setS(S_CRACKED, <f64>m.openedCount);
    this.setS(S_MAX_PRESSURE, m.maxPressure());
  }

  // ---------------------------------------------------------------- geometry
  /** ξ with boundary handling: periodic x, z; wetting ghost below the collector; Neumann at the top */
  @inline val(x: i32, y: i32, z: i32): f64 {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    if (x < 0) x += nx; else if (x >= nx) x -= nx;
    if (z < 0) z += nz; else if (z >= nz) z -= nz;
    if (y < 0) {
      const v = lf(this.xi, x + nx * ny * z);
      const s = v > 0 && v < 1 ? v * (1 - v) : 0.0;
      return v + (this.p(P_DX) * this.p(P_NUC_COS_THETA) * s) / this.p(P_ELL);
    }
    if (y >= ny) y = ny - 1;
    return lf(this.xi, x + nx * (y + ny * z));
  }

  computeGeometry(step: u32): void {
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>step);
    parallelFor(normalsTask, this.ny * this.nz, this.n);
    parallelFor(geometryTask, this.ny * this.nz, this.n);
  }

  /** unit normals n = ∇ξ/|∇ξ| of rows [r0, r1) (row = y + ny·z) */
  normalRows(r0: i32, r1: i32): void {
    const nx = this.nx, ny = this.ny;
    const is3D = this.is3D;
    const nrmX = this.nrmX, nrmY = this.nrmY, nrmZ = this.nrmZ;
    for (let r = r0; r < r1; r++) {
      const z = r / ny, y = r - z * ny;
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        const gx = this.val(x + 1, y, z) - this.val(x - 1, y, z);
        const gy = this.val(x, y + 1, z) - this.val(x, y - 1, z);
        const gz = is3D ? this.val(x, y, z + 1) - this.val(x, y, z - 1) : 0.0;
        const g2 = gx * gx + gy * gy + gz * gz;
        const ig = 1 / Math.sqrt(g2 + NORMAL_EPS2);
        sf(nrmX, i, gx * ig); sf(nrmY, i, gy * ig); sf(nrmZ, i, gz * ig);
      }
    }
  }

  /** curvature, Allen–Cahn relaxation and kinetic anisotropy of rows [r0, r1) (needs all normals) */
  geometryRows(step: u32, r0: i32, r1: i32): void {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    const dx = this.p(P_DX), ell = this.p(P_ELL);
    const lsk = this.p(P_LSIG_KAPPA), lsw = this.p(P_LSIG_W);
    const curvatureFlow = this.p(P_CURV_FLOW) == 1;
    const noise = this.p(P_NOISE);
    const aniso = this.p(P_ANISO), ac = this.p(P_ANISO_COS), as = this.p(P_ANISO_SIN);
    const inv2dx = 1 / (2 * dx), invDx2 = 1 / (dx * dx);
    const is3D = this.is3D;
    const nrmX = this.nrmX, nrmY = this.nrmY, nrmZ = this.nrmZ;
    for (let r = r0; r < r1; r++) {
      const z = r / ny, y = r - z * ny;
      const zm = z == 0 ? nz - 1 : z - 1, zp = z == nz - 1 ? 0 : z + 1;
      {
        const ym = y == 0 ? 0 : y - 1, yp = y == ny - 1 ? y : y + 1;
        for (let x = 0; x < nx; x++) {
          const xm = x == 0 ? nx - 1 : x - 1, xp = x == nx - 1 ? 0 : x + 1;
          const i = x + nx * (y + ny * z);
          const v = lf(this.xi, i);
          let lap = this.val(x - 1, y, z) + this.val(x + 1, y, z) + this.val(x, y - 1, z) + this.val(x, y + 1, z) - 4 * v;
          if (is3D) lap += this.val(x, y, z - 1) + this.val(x, y, z + 1) - 2 * v;
          lap *= invDx2;
          let kn = lf(nrmX, xp + nx * (y + ny * z)) - lf(nrmX, xm + nx * (y + ny * z))
            + lf(nrmY, x + nx * (yp + ny * z)) - lf(nrmY, x + nx * (ym + ny * z));
          if (is3D) kn += lf(nrmZ, x + nx * (y + ny * zp)) - lf(nrmZ, x + nx * (y + ny * zm));
          kn *= inv2dx;
          sf(this.curv, i, -kn);
          const inside = v > 0 && v < 1;
          const gw = 2 * v * (1 - v) * (1 - 2 * v);
          let r: f64;
          if (curvatureFlow) {
            r = lsk * lap - lsw * gw;
          } else {
            const gradProfile = inside ? (v * (1 - v)) / ell : 0.0;
            r = lsk * (lap - gradProfile * kn) - lsw * gw;
          }
          if (noise > 0 && inside) {
            const u = 2 * uniform01(this.seed, STREAM_NOISE, step, <u32>i) - 1;
            r += noise * 16 * v * v * (1 - v) * (1 - v) * u;
          }
          sf(this.relax, i, r);
          let k: f64 = 1;
          if (aniso != 0 && inside) {
            const ox = -lf(nrmX, i), oy = -lf(nrmY, i), oz = -lf(nrmZ, i);
            const o2 = ox * ox + oy * oy + oz * oz;
            if (o2 > 1e-12) {
              const rx = ac * ox + as * oy, ry = -as * ox + ac * oy;
              k = 1 + aniso * ((4 * (rx * rx * rx * rx + ry * ry * ry * ry + oz * oz * oz * oz)) / (o2 * o2) - 3);
            }
          }
          sf(this.kin, i, k);
        }
      }
    }
  }

  // ---------------------------------------------------------------- Butler–Volmer
  @inline gibbsThomsonNucleus(): f64 { return this.p(P_NUC_R_CRIT_COEF) * (this.is3D ? 1.0 : 0.5); }

  /** collector area per nucleation site (µm²): a column is a site with probability 1 − exp(−N·dx²) */
  @inline siteShare(): f64 { const dx = this.p(P_DX); return (dx * dx) / (1 - Math.exp(-this.p(P_NUC_DENSITY) * dx * dx)); }

  /** reacting area of a sub-grid nucleus (µm²): its cap; on a Li-wetted seed at least the site's share (see the TS twin) */
  @inline nucleusArea(r: f64, cosT: f64, dx: f64): f64 {
    const cap = capArea(r, cosT, dx, this.is3D);
    return this.p(P_SEED_WET) == 1 ? Math.max(cap, this.siteShare()) : cap;
  }

  /** Gibbs–Thomson shift of a sub-grid nucleus (V); none for the flat patch on a Li-wetted seed */
  @inline nucleusGT(r: f64): f64 { return this.p(P_SEED_WET) == 1 ? 0.0 : this.gibbsThomsonNucleus() / r; }

  @inline collectorCell(k: i32): i32 {
    const x = k % this.nx, z = (k - x) / this.nx;
    return x + this.nx * this.ny * z;
  }

  computeWeights(): void {
    const n = this.n;
    const chunks = chunksFor(n, REDUCTION_CHUNK);
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks);
    parallelFor(weightsTask, chunks, n);
    let sa: f64 = 0, sc: f64 = 0, sr: f64 = 0;
    for (let c = 0; c < chunks; c++) { sa += partial(c, 0); sc += partial(c, 1); sr += partial(c, 2); }
    const w = this.p(P_DX) / <f64>(this.nx * this.nz);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA), leta = this.p(P_LETA);
    const solid = this.p(P_SOLID) == 1;
    const nn = this.nx * this.nz;
    const cosT = this.p(P_NUC_COS_THETA), ell = this.p(P_ELL), dx = this.p(P_DX);
    const collectorArea = <f64>nn * dx * dx;
    let na: f64 = 0, nc: f64 = 0;
    for (let k = 0; k < nn; k++) {
      const vol = ld(this.nucleusVolume, k);
      if (vol <= 0) continue;
      const r = capRadius(vol, cosT, dx, this.is3D);
      const cell = this.collectorCell(k);
      const a = -lf(this.phi, cell) + this.nucleusGT(r);
      const base = (this.nucleusArea(r, cosT, dx) * 6 * ell * leta) / collectorArea;
      const cint = solid ? 1.0 : Math.max(lf(this.c, cell), 0.0);
      na += base * Math.exp((1 - alpha) * f * a);
      nc += base * cint * Math.exp(-alpha * f * a);
    }
    this.sumA = sa * w + na;
    this.sumC = sc * w + nc;
    this.sumRelax = sr * w;
  }

  /** Butler–Volmer weights of the cells of reduction chunk `chunk`; partial sums Σwa, Σwc, Σrelax */
  weightsChunk(chunk: i32, chunks: i32): void {
    const i0 = chunkLo(chunk, chunks, this.n), i1 = chunkHi(chunk, chunks, this.n);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA), leta = this.p(P_LETA);
    const gt = this.p(P_CURV_FLOW) == 1 ? 0.0 : this.p(P_GT);
    const hong = this.p(P_BV_FORM) == 1;
    const solid = this.p(P_SOLID) == 1;
    const live = this.topology.hasDead && this.p(P_DEAD_LI) == 1 ? this.topology.live : 0;
    const shift = this.mechOn() ? changetype<Mechanics>(this.mechanics).shift : 0;
    const mat = this.mechOn() ? changetype<Mechanics>(this.mechanics).mat : 0;
    let sa: f64 = 0, sc: f64 = 0, sr: f64 = 0;
    for (let i = i0; i < i1; i++) {
      const v = lf(this.xi, i);
      sr += lf(this.relax, i);
      // no reaction in dead Li, nor inside LiF particles (an electronic and near-ionic insulator: Li
      // deposits on their surface, in the neighbouring electrolyte cells)
      if (!(v > 0 && v < 1) || (live != 0 && lf(live, i) == 0) || (mat != 0 && lf(mat, i) == MAT_LIF_F)) {
        sd(this.wa, i, 0); sd(this.wc, i, 0); continue;
      }
      const hp = 30 * v * v * (1 - v) * (1 - v);
      let a = -lf(this.phi, i) + gt * lf(this.curv, i);
      if (shift != 0) a += lf(shift, i);
      const base = hp * leta * lf(this.kin, i);
      const cint = solid ? 1.0 : Math.max(lf(this.c, i), 0.0);
      const cc = hong ? cint * (1 - v * v * v * (6 * v * v - 15 * v + 10)) : cint;
      const wa = base * Math.exp((1 - alpha) * f * a);
      const wc = base * cc * Math.exp(-alpha * f * a);
      sd(this.wa, i, wa); sd(this.wc, i, wc);
      sa += wa; sc += wc;
    }
    setPartial(chunk, 0, sa); setPartial(chunk, 1, sc); setPartial(chunk, 2, sr);
  }

  doubleLayerLimit(): f64 {
    if (this.p(P_NUC_ON) != 1 || this.p(P_MODE) == 1 || this.p(P_CURRENT) <= 0 || this.dlFractionPrev < 0.1) return Infinity;
    const free = this.freeCollectorFraction();
    // the time for the double layer's share of the current to move φ_s by MAX_PHI_STEP_V
    return free > 0 ? (MAX_PHI_STEP_V * this.p(P_CDL) * free) / (this.p(P_CURRENT) * this.dlFractionPrev) : Infinity;
  }

  freeCollectorFraction(): f64 {
    const nn = this.nx * this.nz;
    let free = 0;
    for (let k = 0; k < nn; k++) if (lf(this.xi, this.collectorCell(k)) < 0.5) free++;
    return <f64>free / <f64>nn;
  }

  @inline metalAt(phi: f64): f64 {
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    return this.sumRelax - this.sumA * Math.exp((1 - alpha) * f * phi) + this.sumC * Math.exp(-alpha * f * phi)
      + this.alloyAt(phi, false);
  }

  /**
   * Lithiation of the seed layer (µm of Li per s; or its derivative in φ): Butler–Volmer at the seed's
   * equilibrium potential E(θ), θ = filled fraction, on the free collector, exchange current i0.
   * Solid solution: E = E0(1 − θ), taking Li continuously; intermetallic: E = E0 until full, then blocked.
   */
  alloyAt(phi: f64, derivative: bool): f64 {
    const cap = this.p(P_ALLOY_CAP);
    if (cap <= 0) return 0;
    const q = this.s(S_ALLOY_UM);
    const theta = q / cap;
    const e = this.p(P_ALLOY_TYPE) == 0 ? this.p(P_ALLOY_E0) * (1 - theta) : this.p(P_ALLOY_E0);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    const k = 6 * this.p(P_ELL) * this.p(P_LETA) * this.freeCollectorFraction();
    const cath = k * Math.exp(-alpha * f * (phi - e)), anod = k * Math.exp((1 - alpha) * f * (phi - e));
    const net = cath - anod;
    // a full seed takes no more Li and an empty one gives none: the reservoir is blocked, not reversed
    if ((net > 0 && theta >= 1 - ALLOY_FULL) || (net < 0 && theta <= ALLOY_FULL)) return 0;
    return derivative ? -alpha * f * cath - (1 - alpha) * f * anod : net;
  }

  /** sets gPhiS, gMetal, gDl, gOk (see the TS twin for the derivation) */
  solveElectrodePotential(dt: f64, withDoubleLayer: bool): void {
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    const toUm = 1e6 / (this.p(P_FCS) * 1e12);
    const sa = this.sumA, sc = this.sumC;
    if (this.p(P_MODE) == 1) {
      const phiS = this.p(P_PHI_APPLIED);
      this.alloyRateNow = this.alloyAt(phiS, false);
      this.gPhiS = phiS; this.gMetal = this.metalAt(phiS) - this.alloyRateNow; this.gDl = 0; this.gRepay = 0; this.gOk = true;
      return;
    }
    const full = this.s(S_SHORTED) == 1 ? 0.0 : this.p(P_CURRENT) * toUm;
    // the insertion debt (see the TS twin): a share of the current pays it instead of moving ξ
    const debt = this.s(S_DEBT_UM);
    const share = debtShare(full, debt, this.s(S_METAL_UM) - this.s(S_DEAD_UM));
    this.gRepay = withDoubleLayer && debt > 0 && full != 0 ? Math.min(share * Math.abs(full), debt / dt) : 0.0;
    const target = full - this.gRepay;
    const cdl = withDoubleLayer && this.p(P_NUC_ON) == 1 ? this.p(P_CDL) * this.freeCollectorFraction() * toUm / dt : 0.0;
    const phiOld = this.phiS;
    let lo = phiOld, hi = phiOld, step: f64 = 0.01;
    let rlo = this.metalAt(lo) + cdl * (phiOld - lo) - target;
    if (rlo < 0) {
      while (rlo < 0 && step < 8) { hi = lo; lo -= step; step *= 2; rlo = this.metalAt(lo) + cdl * (phiOld - lo) - target; }
    } else {
      let rhi = rlo;
      while (rhi > 0 && step < 8) { lo = hi; hi += step; step *= 2; rhi = this.metalAt(hi) + cdl * (phiOld - hi) - target; }
    }
    const rL = this.metalAt(lo) + cdl * (phiOld - lo) - target;
    const rH = this.metalAt(hi) + cdl * (phiOld - hi) - target;
    if (!(rL >= 0 && rH <= 0)) { this.gPhiS = phiOld; this.gMetal = 0; this.gDl = 0; this.gOk = false; return; }
    let phi = 0.5 * (lo + hi);
    for (let it = 0; it < 100; it++) {
      const r = this.metalAt(phi) + cdl * (phiOld - phi) - target;
      if (r > 0) lo = phi; else hi = phi;
      const slope = -sa * (1 - alpha) * f * Math.exp((1 - alpha) * f * phi) - sc * alpha * f * Math.exp(-alpha * f * phi) - cdl
        + this.alloyAt(phi, true);
      let next = phi - r / slope;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - phi) < 1e-13) { phi = next; break; }
      phi = next;
    }
    this.gPhiS = phi;
    this.alloyRateNow = this.alloyAt(phi, false);
    this.gMetal = this.metalAt(phi) - this.alloyRateNow;
    this.gDl = (cdl * (phiOld - phi)) / toUm;
    this.gOk = true;
  }

  fillRates(phiS: f64): f64 {
    const n = this.n;
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    const chunks = chunksFor(n, REDUCTION_CHUNK);
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks); setArgF(0, phiS);
    parallelFor(ratesTask, chunks, n);
    // maxima combined in chunk order with a strict > keep the serial loop's first maximal cell
    let maxRate: f64 = 0, depletion: f64 = 0, seiSum: f64 = 0;
    for (let c = 0; c < chunks; c++) {
      const m = partial(c, 0);
      if (m > maxRate) { maxRate = m; this.maxRateCell = <i32>partial(c, 1); }
      const d = partial(c, 2);
      if (d > depletion) depletion = d;
      seiSum += partial(c, 3);
    }
    this.depletionRate = depletion;
    this.seiRate = (seiSum * this.p(P_DX)) / <f64>(this.nx * this.nz);
    const nn = this.nx * this.nz;
    const cosT = this.p(P_NUC_COS_THETA), ell = this.p(P_ELL), leta = this.p(P_LETA), dx = this.p(P_DX);
    const solid = this.p(P_SOLID) == 1;
    this.maxRateNucleus = -1;
    for (let k = 0; k < nn; k++) {
      const vol = ld(this.nucleusVolume, k);
      if (vol <= 0) { sd(this.nucleusRate, k, 0); continue; }
      const r = capRadius(vol, cosT, dx, this.is3D);
      const cell = this.collectorCell(k);
      const eta = phiS - lf(this.phi, cell) + this.nucleusGT(r);
      const cint = solid ? 1.0 : Math.max(lf(this.c, cell), 0.0);
      const nr = this.nucleusArea(r, cosT, dx) * 6 * ell * leta * (cint * Math.exp(-alpha * f * eta) - Math.exp((1 - alpha) * f * eta));
      sd(this.nucleusRate, k, nr);
      const asCell = Math.abs(nr) / (dx * dx * dx);
      if (asCell > maxRate) { maxRate = asCell; this.maxRateNucleus = k; }
    }
    return maxRate;
  }

  /** the time in which the first shrinking sub-grid nucleus would be empty at its present rate (Infinity: none) */
  nucleusEmptyTime(): f64 {
    const nn = this.nx * this.nz;
    let t: f64 = Infinity;
    for (let k = 0; k < nn; k++) {
      const vol = ld(this.nucleusVolume, k), nr = ld(this.nucleusRate, k);
      if (vol > 0 && nr < 0 && vol / -nr < t) t = vol / -nr;
    }
    return t;
  }

  /** ∂ξ/∂t of the cells of one reduction chunk; partials: max |rate|, its first cell, max depletion, SEI sum */
  ratesChunk(chunk: i32, chunks: i32, phiS: f64): void {
    const i0 = chunkLo(chunk, chunks, this.n), i1 = chunkHi(chunk, chunks, this.n);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    const ea = Math.exp((1 - alpha) * f * phiS), ec = Math.exp(-alpha * f * phiS);
    let maxRate: f64 = 0, depletion: f64 = 0, maxCell: i32 = i0;
    const sinkPerRate = this.p(P_SOLID) == 1 ? 0.0 : (1 - this.p(P_TPLUS)) * this.p(P_CS_C0);
    const eps = this.p(P_DS) / this.p(P_DL);
    const sei = this.p(P_SOLID) == 1 ? 0.0 : this.p(P_SEI_RATE);
    let seiSum: f64 = 0;
    for (let i = i0; i < i1; i++) {
      const r = lf(this.relax, i) - ld(this.wa, i) * ea + ld(this.wc, i) * ec;
      // SEI corrosion is chemical: it takes Li metal but carries no ionic current and no salt, so it
      // stays out of `rate` (the source of the salt and potential equations) and enters the ξ update
      if (sei > 0) { const v = lf(this.xi, i); if (v > 0 && v < 1) seiSum += sei * 30 * v * v * (1 - v) * (1 - v); }
      sf(this.rate, i, r);
      const ar = Math.abs(r);
      if (ar > maxRate) { maxRate = ar; maxCell = i; }
      const ci = lf(this.c, i);
      // (the cell's salt is ψc); cells inside the metal (ξ > ½) do not bound the step
      const xv = lf(this.xi, i);
      if (ci > 0 && xv < 0.5) { const d = (sinkPerRate * ld(this.wc, i) * ec) / (electrolyteFraction(xv, eps) * ci); if (d > depletion) depletion = d; }
    }
    setPartial(chunk, 0, maxRate); setPartial(chunk, 1, <f64>maxCell); setPartial(chunk, 2, depletion); setPartial(chunk, 3, seiSum);
  }

  // ---------------------------------------------------------------- the step
  step(): i32 {
    const n = this.n;
    const dx = this.p(P_DX);
    const d: f64 = this.is3D ? 3 : 2;
    const stepIndex = <u32>this.s(S_STEPS);
    this.computeGeometry(stepIndex);
    this.computeWeights();
    const acLimit = (0.8 * 2) / ((4 * d * this.p(P_LSIG_KAPPA)) / (dx * dx) + 2 * this.p(P_LSIG_W));
    let dt = Math.min(this.p(P_DT_MAX), acLimit);
    if (this.dtPrev > 0) dt = Math.min(dt, this.dtPrev * DT_GROWTH);
    if (this.maxRatePrev > 0) dt = Math.min(dt, this.p(P_DXI_MAX) / this.maxRatePrev);
    dt = Math.min(dt, this.doubleLayerLimit());
    const tEnd = this.p(P_T_END), tNow = this.s(S_TIME);
    if (tEnd > tNow) dt = Math.min(dt, Math.max(tEnd - tNow, this.p(P_DT_MIN)));
    this.solveElectrodePotential(dt, true);
    let maxRate: f64 = 0;
    let lastJump: f64 = Infinity;
    const dlActive = this.p(P_NUC_ON) == 1 && this.freeCollectorFraction() > 0;
    for (let attempt = 0; ; attempt++) {
      if (!this.gOk) {
        if (attempt > 30 || dt * 0.25 < this.p(P_DT_MIN)) return this.fail(F_GALVANO, 0, this.p(P_CURRENT));
        dt *= 0.25;
        this.solveElectrodePotential(dt, true);
        continue;
      }
      maxRate = this.fillRates(this.gPhiS);
      const tooFast = maxRate * dt > 1.5 * this.p(P_DXI_MAX);
      // a dissolving sub-grid nucleus that bounds the step and would be empty within it finishes now (see the TS twin)
      if (tooFast && this.maxRateNucleus >= 0 && attempt < 30) {
        const k = this.maxRateNucleus, vol = ld(this.nucleusVolume, k), nr = ld(this.nucleusRate, k);
        if (nr < 0 && vol + dt * nr <= 0) {
          this.dissolveNucleus(k);
          this.computeWeights();
          this.solveElectrodePotential(dt, true);
          continue;
        }
      }
      // a jump that does not shrink with dt (the set current itself changed) is accepted
      const jump = Math.abs(this.gPhiS - this.phiS);
      // only the double layer makes φ_s depend on dt; without it the jump is algebraic (a current or stress change)
      const phiJump = jump > MAX_PHI_STEP_V && this.dtPrev > 0 && jump < 0.9 * lastJump && dlActive;
      lastJump = jump;
      const depleting = this.depletionRate * dt > MAX_DEPLETION;
      const room = this.p(P_ALLOY_CAP) - this.s(S_ALLOY_UM);
      const overfill = this.alloyRateNow > 0 && room > ALLOY_FULL * this.p(P_ALLOY_CAP) && this.alloyRateNow * dt > 1.001 * room;
      if (overfill && !tooFast && !phiJump && !depleting) {
        dt = Math.max(room / this.alloyRateNow, this.p(P_DT_MIN));
        this.solveElectrodePotential(dt, true);
        if (attempt < 30) continue;
      }
      // the same on stripping: a step that would take more Li out of the seed than it holds ends when it
      // is empty (the update below clamps at 0, and Li the clamp drops was charge that removed nothing)
      const held = this.s(S_ALLOY_UM);
      const overdrain = this.alloyRateNow < 0 && held > ALLOY_FULL * this.p(P_ALLOY_CAP) && -this.alloyRateNow * dt > 1.001 * held;
      if (overdrain && !tooFast && !phiJump && !depleting) {
        dt = Math.max(held / -this.alloyRateNow, this.p(P_DT_MIN));
        this.solveElectrodePotential(dt, true);
        if (attempt < 30) continue;
      }
      // a wet patch must not give more Li than it holds: its step ends when it is empty (see the TS twin)
      if (this.p(P_SEED_WET) == 1 && !tooFast && !phiJump && !depleting) {
        const tEmpty = this.nucleusEmptyTime();
        if (dt > 1.001 * tEmpty && tEmpty >= this.p(P_DT_MIN) && attempt < 30) {
          dt = tEmpty;
          this.solveElectrodePotential(dt, true);
          continue;
        }
      }
      if ((!tooFast && !phiJump && !depleting) || attempt > 30) break;
      if (depleting) dt = Math.min(dt * 0.5, MAX_DEPLETION / this.depletionRate);
      else dt *= tooFast ? Math.max(0.1, this.p(P_DXI_MAX) / (maxRate * dt)) : 0.5;
      if (dt < this.p(P_DT_MIN)) return this.fail(F_DT_UNDERFLOW, this.maxRateCell, dt);
      this.solveElectrodePotential(dt, true);
    }
    // new ξ and its compensated-summation carry (kept in relax, free after the rates; see the TS twin)
    {
      const chunks = chunksFor(n, REDUCTION_CHUNK);
      setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks); setArgF(0, dt);
      parallelFor(xiUpdateTask, chunks, n);
      const code = this.firstFailure(chunks);
      if (code != 0) return code;
    }
    if (this.mechOn()) changetype<Mechanics>(this.mechanics).grow(this.xi, this.xiNew, this.nrmX, this.nrmY, this.nrmZ, dt, this.params);
    copyF32(this.xiCarry, this.relax, n);
    // relax (free after the rates) keeps the old ξ: the salt solve needs the electrolyte fraction it had
    if (this.p(P_SOLID) != 1) copyF32(this.relax, this.xi, n);
    copyF32(this.xi, this.xiNew, n);
    if (this.p(P_ALLOY_CAP) > 0) {
      const q = this.s(S_ALLOY_UM) + this.alloyRateNow * dt;
      this.setS(S_ALLOY_UM, Math.min(this.p(P_ALLOY_CAP), Math.max(0, q)));
    }
    this.setS(S_SEI_UM, this.s(S_SEI_UM) + this.seiRate * dt);
    const metalRate = this.gMetal;
    const repay = this.gRepay;
    const dlCurrent = this.gDl;
    this.phiS = this.gPhiS;
    this.advanceNuclei(dt, stepIndex);
    // V-cycles of this step's solves; reset here, not by the salt solve, which a solid electrolyte skips
    this.setS(S_MG_CYCLES, 0);
    if (this.p(P_SOLID) != 1) {
      const code = this.solveSalt(dt, metalRate);
      if (code != 0) return code;
    }
    const code = this.solvePotential(dlCurrent);
    if (code != 0) return code;
    this.dtPrev = dt;
    this.maxRatePrev = maxRate;
    this.dlFractionPrev = this.p(P_CURRENT) > 0 ? Math.abs(dlCurrent) / this.p(P_CURRENT) : 0.0;
    // A wet seed that filled in this step: from the next step the double layer takes the current until the
    // collector is cathodic and its sites are born. Without this limit the first step after filling (sized
    // while the alloy carried everything) let ξ tails ~1e-3 carry the current at φ_s ≈ −7.7 V: a one-step
    // spike (liquid Sn, cycle 4: η_nuc 7658 mV) that no dt halving removes, as the tails' rate does not
    // shrink with dt. (An intermetallic seed is blocked when full; the TS twin has no seed alloy.) The same
    // holds for an intermetallic seed that fills with metal left on the collector (the ξ tails of an earlier
    // strip): LPSCl Zn, cycle 7, stalled at φ_s = −4.1 V once its strips no longer left the insertion debt.
    // Cycle 1 is untouched: no metal can form while the alloy holds φ_s above 0 V.
    const tailsAtFill = this.p(P_ALLOY_TYPE) == 1 && this.s(S_METAL_UM) != 0;
    if ((this.p(P_SEED_WET) == 1 || tailsAtFill) && this.alloyRateNow > 0 && this.s(S_ALLOY_UM) >= (1 - ALLOY_FULL) * this.p(P_ALLOY_CAP)) this.dlFractionPrev = 1;
    this.setS(S_TIME, this.s(S_TIME) + dt);
    this.setS(S_DT, dt);
    this.setS(S_STEPS, this.s(S_STEPS) + 1);
    this.setS(S_PHI_S, this.phiS);
    const toUm = 1e6 / (this.p(P_FCS) * 1e12);
    if (repay > 0) {
      this.setS(S_SUBGRID_UM, this.s(S_SUBGRID_UM) + repay * dt);
      this.setS(S_DEBT_UM, Math.max(0.0, this.s(S_DEBT_UM) - repay * dt));
    }
    const current = (metalRate + repay + this.alloyRateNow) / toUm + dlCurrent;
    this.setS(S_CURRENT, current);
    this.setS(S_CHARGE, this.s(S_CHARGE) + current * dt);
    this.setS(S_CHARGE_GROSS, this.s(S_CHARGE_GROSS) + Math.abs(current) * dt);
    this.setS(S_DL_CHARGE, this.s(S_DL_CHARGE) + dlCurrent * dt);
    this.updateLedger();
    this.updateTopology();
    if (this.mechOn() && changetype<Mechanics>(this.mechanics).needsSolve(this.xi, this.p(P_MECH_RESOLVE))) this.solveMechanics();
    this.setS(S_VOLTAGE, this.cellVoltage());
    this.setS(S_FAIL_CODE, 0);
    return 0;
  }

  /** ξ + dt·(rate − SEI loss) with its carry, for one chunk; partials: first failure (code, cell, value) */
  xiUpdateChunk(chunk: i32, chunks: i32, dt: f64): void {
    const i0 = chunkLo(chunk, chunks, this.n), i1 = chunkHi(chunk, chunks, this.n);
    const sei = this.p(P_SOLID) == 1 ? 0.0 : this.p(P_SEI_RATE);
    setPartial(chunk, 0, 0);
    for (let i = i0; i < i1; i++) {
      const old = lf(this.xi, i);
      const loss = sei > 0 && old > 0 && old < 1 ? sei * 30 * old * old * (1 - old) * (1 - old) : 0.0;
      const v = old + dt * (lf(this.rate, i) - loss) + lf(this.xiCarry, i);
      if (!isFinite64(v)) { failPartial(chunk, F_NAN_XI, i, v); return; }
      if (v < -0.1 || v > 1.1) { failPartial(chunk, F_XI_BOUNDS, i, v); return; }
      sf(this.xiNew, i, v);
      sf(this.relax, i, v - lf(this.xiNew, i));
    }
  }

  /** The failure of the lowest cell over the chunks of a checked loop (as the serial loop would stop), or 0. */
  firstFailure(chunks: i32): i32 {
    for (let c = 0; c < chunks; c++) {
      const code = <i32>partial(c, 0);
      if (code != 0) return this.fail(code, <i32>partial(c, 1), partial(c, 2));
    }
    return 0;
  }

  fail(code: i32, index: i32, value: f64): i32 {
    this.setS(S_FAIL_CODE, code);
    this.setS(S_FAIL_INDEX, index);
    this.setS(S_FAIL_VALUE, value);
    return code;
  }

  /** a nucleus at the end of its dissolution: its Li goes back to the double layer it was born from (see the TS twin) */
  dissolveNucleus(k: i32): void {
    this.takeFromDoubleLayer(-ld(this.nucleusVolume, k));
    sd(this.nucleusVolume, k, 0);
    sd(this.nucleusRate, k, 0);
  }

  /** a nucleus' Li (µm³) drawn from the double layer's charge (a birth; negative: given back) */
  takeFromDoubleLayer(volume: f64): void {
    const dx = this.p(P_DX);
    const dlUm = 1e6 / (this.p(P_FCS) * 1e12);
    const collectorArea = <f64>(this.nx * this.nz) * dx * dx;
    this.setS(S_DL_CHARGE, this.s(S_DL_CHARGE) - (volume / collectorArea) / dlUm);
  }

  advanceNuclei(dt: f64, stepIndex: u32): void {
    const nn = this.nx * this.nz;
    const cosT = this.p(P_NUC_COS_THETA), dx = this.p(P_DX);
    const dlUm = 1e6 / (this.p(P_FCS) * 1e12);
    const collectorArea = <f64>nn * dx * dx;
    for (let k = 0; k < nn; k++) {
      let vol = ld(this.nucleusVolume, k);
      if (vol > 0) { vol += dt * ld(this.nucleusRate, k); sd(this.nucleusVolume, k, vol); }
      if (vol < 0) { this.setS(S_SUBGRID_UM, this.s(S_SUBGRID_UM) + vol / collectorArea); sd(this.nucleusVolume, k, 0); }
    }
    if (this.p(P_NUC_ON) != 1 || this.s(S_SHORTED) == 1) return;
    const siteProbability = 1 - Math.exp(-this.p(P_NUC_DENSITY) * dx * dx);
    const wet = this.p(P_SEED_WET) == 1;
    for (let k = 0; k < nn; k++) {
      const cell = this.collectorCell(k);
      if (ld(this.nucleusVolume, k) > 0 || lf(this.xi, cell) >= 0.5) continue;
      if (uniform01(this.seed, STREAM_SITES, 0, <u32>k) >= siteProbability) continue;
      const eta = this.phiS - lf(this.phi, cell);
      if (eta >= 0) continue;
      if (wet) {
        // a Li-wetted seed: the site carries Li from the first cathodic step (see the TS twin)
        const v0 = this.siteShare() * this.p(P_CDL) * -eta * dlUm;
        this.takeFromDoubleLayer(v0);
        sd(this.nucleusVolume, k, v0);
        this.setS(S_NUCLEI, this.s(S_NUCLEI) + 1);
        continue;
      }
      const rate = this.p(P_NUC_NU0) * Math.exp(-this.p(P_NUC_BARRIER) / (eta * eta));
      const prob = 1 - Math.exp(-rate * dt);
      if (uniform01(this.seed, STREAM_NUCLEATION, stepIndex, <u32>k) < prob) {
        const r0 = (1.2 * this.gibbsThomsonNucleus()) / -eta;
        const v0 = capVolume(r0, cosT, dx, this.is3D);
        sd(this.nucleusVolume, k, v0);
        this.takeFromDoubleLayer(v0);
        this.setS(S_NUCLEI, this.s(S_NUCLEI) + 1);
      }
    }
    const R = 4 * this.p(P_ELL);
    const vIns = capVolume(R, cosT, dx, this.is3D);
    for (let k = 0; k < nn; k++) {
      const vol = ld(this.nucleusVolume, k);
      if (vol <= 0) continue;
      // a wet patch waits until its cap reacts over as much as the patch did (see the TS twin)
      const due = vol >= vIns && (!wet || capArea(capRadius(vol, cosT, dx, this.is3D), cosT, dx, this.is3D) >= this.siteShare());
      if (due || lf(this.xi, this.collectorCell(k)) >= 0.5) this.insertNucleus(k, vol);
    }
  }

  capAdded(k: i32, R: f64, amp: f64, write: bool): f64 {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    const dx = this.p(P_DX), ell = this.p(P_ELL), cosT = this.p(P_NUC_COS_THETA);
    const x0 = k % nx, z0 = (k - x0) / nx;
    const cellVol = dx * dx * dx;
    const reach = <i32>Math.min(Math.ceil((R + 8 * ell) / dx), <f64>(nx + ny + nz));
    const xLo = -min(reach, nx >> 1), xHi = min(reach, (nx - 1) >> 1);
    const zLo = this.is3D ? -min(reach, nz >> 1) : 0, zHi = this.is3D ? min(reach, (nz - 1) >> 1) : 0;
    const yc = -R * cosT;
    const ymax = min(ny, reach + 1);
    let sum: f64 = 0;
    for (let dz = zLo; dz <= zHi; dz++)
      for (let y = 0; y < ymax; y++)
        for (let ddx = xLo; ddx <= xHi; ddx++) {
          const x = (((x0 + ddx) % nx) + nx) % nx, z = (((z0 + dz) % nz) + nz) % nz;
          const ry = (<f64>y + 0.5) * dx - yc;
          const fx = <f64>ddx * dx, fz = <f64>dz * dx;
          const dist = Math.sqrt(fx * fx + ry * ry + fz * fz);
          const cap = amp * (0.5 * (1 - Math.tanh((dist - R) / (2 * ell))));
          const i = x + nx * (y + ny * z);
          const old = lf(this.xi, i);
          const nv = <f64><f32>Math.max(old, cap);
          sum += (nv - old) * cellVol;
          if (write) sf(this.xi, i, nv);
        }
    return sum;
  }

  insertNucleus(k: i32, vol: f64): void {
    const dx = this.p(P_DX), ell = this.p(P_ELL), cosT = this.p(P_NUC_COS_THETA);
    let put: f64;
    if (lf(this.xi, this.collectorCell(k)) >= 0.5 && this.capAdded(k, 0, 1, false) > vol) {
      // a nucleus inside metal whose smallest cap holds more than it: reduced amplitude (see the TS twin)
      let lo: f64 = 0, hi: f64 = 1;
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (this.capAdded(k, 0, mid, false) <= vol) lo = mid; else hi = mid;
      }
      put = this.capAdded(k, 0, lo, true);
    } else {
      let lo: f64 = 0, hi = Math.min(4 * ell + 2 * capRadius(vol, cosT, dx, this.is3D) + 4 * dx, <f64>(2 * (this.nx + this.ny + this.nz)) * dx);
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (this.capAdded(k, mid, 1, false) < vol) lo = mid; else hi = mid;
      }
      put = this.capAdded(k, lo, 1, true);
    }
    const collectorArea = <f64>(this.nx * this.nz) * dx * dx;
    this.setS(S_SUBGRID_UM, this.s(S_SUBGRID_UM) + (vol - put) / collectorArea);
    if (put > vol) this.setS(S_DEBT_UM, this.s(S_DEBT_UM) + (put - vol) / collectorArea);
    sd(this.nucleusVolume, k, 0);
  }

  solveSalt(dt: f64, metalRate: f64): i32 {
    const n = this.n, nx = this.nx, ny = this.ny, nz = this.nz;
    const dl = this.p(P_DL), ds = this.p(P_DS), tp = this.p(P_TPLUS), csc0 = this.p(P_CS_C0), dx = this.p(P_DX);
    setArgP(0, changetype<usize>(this)); setArgF(0, dt);
    parallelFor(saltCoefTask, (n + BLOCK - 1) / BLOCK, n);
    const nn = nx * nz;
    for (let k = 0; k < nn; k++) {
      const nr = ld(this.nucleusRate, k);
      if (nr != 0) { const cell = this.collectorCell(k); sf(this.rhs, cell, lf(this.rhs, cell) + (1 - tp) * csc0 * nr / (dx * dx * dx)); }
    }
    const supply = (1 - tp) * csc0 * metalRate;
    for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) {
      const i = x + nx * (ny - 1 + ny * z);
      sf(this.rhs, i, lf(this.rhs, i) - supply / dx);
    }
    // solve for the increment δc, right side without the ±c_old/dt pair (see the TS twin)
    this.operatorResidual(this.c, this.coefA, 0, this.rhs);
    this.mgC.setOperator(this.coefA, this.coefB, false, false);
    const cycles = this.mgC.solve(this.dc, this.rhs, 0, 0, this.p(P_MG_TOL), 60);
    this.setS(S_MG_CYCLES, this.s(S_MG_CYCLES) + <f64>cycles);
    const chunks = chunksFor(n, REDUCTION_CHUNK);
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks);
    parallelFor(saltUpdateTask, chunks, n);
    let displaced: f64 = 0;
    for (let c = 0; c < chunks; c++) displaced += partial(c, 3);
    this.setS(S_DISPLACED_UM, this.s(S_DISPLACED_UM) + (displaced * dx) / <f64>nn / csc0);
    return this.firstFailure(chunks);
  }

  /** ψD faces, capacity ψ/dt and the plating sink, blocks [b0, b1) */
  saltCoefBlocks(dt: f64, b0: i32, b1: i32): void {
    const dl = this.p(P_DL), ds = this.p(P_DS), tp = this.p(P_TPLUS), csc0 = this.p(P_CS_C0);
    const eps = ds / dl;
    const invDt = 1 / dt;
    const i1 = min(this.n, b1 * BLOCK);
    for (let i = b0 * BLOCK; i < i1; i++) {
      const psi = electrolyteFraction(lf(this.xi, i), eps);
      sf(this.coefA, i, dl * psi);
      sf(this.coefB, i, psi * invDt);
      sf(this.rhs, i, (1 - tp) * csc0 * lf(this.rate, i));
    }
  }

  /**
   * c += δc with its carry over one chunk, then the first non-finite or negative salt of the chunk;
   * partial 3: Σ(ψ_old − ψ)(c_old + carry), the salt the displaced electrolyte carried out (relax holds the old ξ)
   */
  saltUpdateChunk(chunk: i32, chunks: i32): void {
    const i0 = chunkLo(chunk, chunks, this.n), i1 = chunkHi(chunk, chunks, this.n);
    const eps = this.p(P_DS) / this.p(P_DL);
    let displaced: f64 = 0;
    for (let i = i0; i < i1; i++) {
      const old = lf(this.c, i) + lf(this.cCarry, i);
      displaced += (electrolyteFraction(lf(this.relax, i), eps) - electrolyteFraction(lf(this.xi, i), eps)) * old;
      const v = lf(this.c, i) + lf(this.dc, i) + lf(this.cCarry, i);
      sf(this.c, i, v);
      sf(this.cCarry, i, v - lf(this.c, i));
    }
    setPartial(chunk, 3, displaced);
    setPartial(chunk, 0, 0);
    for (let i = i0; i < i1; i++) {
      const v = lf(this.c, i);
      if (!isFinite64(v)) { failPartial(chunk, F_NAN_C, i, v); return; }
      // the salt a cell holds is ψc: inside the metal c is only the electrolyte's value carried on
      if (v * electrolyteFraction(lf(this.xi, i), eps) < C_NEGATIVE_LIMIT) { failPartial(chunk, F_C_NEGATIVE, i, v); return; }
    }
  }

  @inline face(a: usize, u: usize, i: i32, j: i32): f64 {
    const ai = lf(a, i), aj = lf(a, j);
    return (2 * ai * aj) / (ai + aj) * (lf(u, j) - lf(u, i));
  }

  /** rhs ← rhs − (∇·(a∇u) − b u): harmonic-mean faces, periodic x/z, no flux through y faces */
  operatorResidual(u: usize, a: usize, b: f64, rhs: usize): void {
    setArgP(0, changetype<usize>(this)); setArgP(1, u); setArgP(2, a); setArgP(3, rhs); setArgF(0, b);
    parallelFor(residualTask, this.ny * this.nz, this.n);
  }

  operatorResidualRows(u: usize, a: usize, b: f64, rhs: usize, r0: i32, r1: i32): void {
    const nx = this.nx, ny = this.ny, nz = this.nz;
    const invDx2 = 1 / (this.p(P_DX) * this.p(P_DX));
    for (let r = r0; r < r1; r++) {
      const z = r / ny, y = r - z * ny;
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          let flux = this.face(a, u, i, x == 0 ? i + nx - 1 : i - 1) + this.face(a, u, i, x == nx - 1 ? i - nx + 1 : i + 1);
          if (y > 0) flux += this.face(a, u, i, i - nx);
          if (y < ny - 1) flux += this.face(a, u, i, i + nx);
          if (this.is3D) {
            flux += this.face(a, u, i, z == 0 ? i + nx * ny * (nz - 1) : i - nx * ny);
            flux += this.face(a, u, i, z == nz - 1 ? i - nx * ny * (nz - 1) : i + nx * ny);
          }
          sf(rhs, i, lf(rhs, i) - (flux * invDx2 - b * lf(u, i)));
        }
    }
  }

  /** quasi-static charge conservation with the Butler–Volmer source linearised in φ (see the TS twin) */
  solvePotential(dlCurrent: f64): i32 {
    const n = this.n, nx = this.nx, nz = this.nz;
    const sig = this.p(P_SIGMA_L), floor = this.p(P_SIGMA_FLOOR), fcs = this.p(P_FCS), dx = this.p(P_DX);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    setArgP(0, changetype<usize>(this));
    parallelFor(potentialCoefTask, (n + BLOCK - 1) / BLOCK, n);
    const nn = nx * nz;
    const cellVol = dx * dx * dx;
    let free = 0;
    for (let k = 0; k < nn; k++) if (lf(this.xi, this.collectorCell(k)) < 0.5) free++;
    const cosT = this.p(P_NUC_COS_THETA), ell = this.p(P_ELL), leta = this.p(P_LETA), solid = this.p(P_SOLID) == 1;
    for (let k = 0; k < nn; k++) {
      const cell = this.collectorCell(k);
      const vol = ld(this.nucleusVolume, k);
      if (vol > 0) {
        const r = capRadius(vol, cosT, dx, this.is3D);
        const eta = this.phiS - lf(this.phi, cell) + this.nucleusGT(r);
        const cint = solid ? 1.0 : Math.max(lf(this.c, cell), 0.0);
        const dRate = this.nucleusArea(r, cosT, dx) * 6 * ell * leta * f
          * (alpha * cint * Math.exp(-alpha * f * eta) + (1 - alpha) * Math.exp((1 - alpha) * f * eta));
        const beta = (fcs * dRate) / cellVol;
        sf(this.coefB, cell, lf(this.coefB, cell) + beta);
        sf(this.rhs, cell, lf(this.rhs, cell) + (fcs * ld(this.nucleusRate, k)) / cellVol - beta * lf(this.phi, cell));
      }
      if (dlCurrent != 0 && free > 0 && lf(this.xi, cell) < 0.5) sf(this.rhs, cell, lf(this.rhs, cell) + (dlCurrent * (<f64>nn / <f64>free) * 1e-6) / dx);
    }
    this.mgPhi.setOperator(this.coefA, this.coefB, false, true);
    const cycles = this.mgPhi.solve(this.phi, this.rhs, 0, 0, this.p(P_MG_TOL), 60);
    this.setS(S_MG_CYCLES, this.s(S_MG_CYCLES) + <f64>cycles);
    const chunks = chunksFor(n, REDUCTION_CHUNK);
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks);
    parallelFor(potentialCheckTask, chunks, n);
    return this.firstFailure(chunks);
  }

  /** σ(ξ) faces, the linearised Butler–Volmer reaction β and the right side, blocks [b0, b1) */
  potentialCoefBlocks(b0: i32, b1: i32): void {
    const sig = this.p(P_SIGMA_L), floor = this.p(P_SIGMA_FLOOR), fcs = this.p(P_FCS);
    const f = this.p(P_FRT), alpha = this.p(P_ALPHA);
    const ea = Math.exp((1 - alpha) * f * this.phiS), ec = Math.exp(-alpha * f * this.phiS);
    const materials = this.mechanics != null && this.p(P_MATERIALS) == 1; // per-cell σ arrives with the material map
    const i1 = min(this.n, b1 * BLOCK);
    for (let i = b0 * BLOCK; i < i1; i++) {
      const v = Math.min(1, Math.max(0, lf(this.xi, i)));
      const h = v * v * v * (6 * v * v - 15 * v + 10);
      const s = materials ? lf(this.sigmaCell, i) : sig;
      sf(this.coefA, i, s * ((1 - h) + floor * h));
      const beta = fcs * f * ((1 - alpha) * ld(this.wa, i) * ea + alpha * ld(this.wc, i) * ec);
      sf(this.coefB, i, beta);
      sf(this.rhs, i, fcs * lf(this.rate, i) - beta * lf(this.phi, i));
    }
  }

  potentialCheckChunk(chunk: i32, chunks: i32): void {
    const i0 = chunkLo(chunk, chunks, this.n), i1 = chunkHi(chunk, chunks, this.n);
    setPartial(chunk, 0, 0);
    for (let i = i0; i < i1; i++) { const v = lf(this.phi, i); if (!isFinite64(v)) { failPartial(chunk, F_NAN_PHI, i, v); return; } }
  }

  counterOverpotential(): f64 {
    const i0 = this.p(P_I0_CE);
    const i = this.s(S_SHORTED) == 1 ? 0.0 : this.p(P_MODE) == 1 ? this.s(S_CURRENT) : this.p(P_CURRENT);
    if (i0 <= 0 || i == 0) return 0;
    const f = this.p(P_FRT), a = this.p(P_ALPHA);
    const x = i / (2 * i0);
    let eta = (2 / f) * Math.log(x + Math.sqrt(x * x + 1)); // asinh
    for (let it = 0; it < 50; it++) {
      const g = i0 * (Math.exp((1 - a) * f * eta) - Math.exp(-a * f * eta)) - i;
      const dg = i0 * f * ((1 - a) * Math.exp((1 - a) * f * eta) + a * Math.exp(-a * f * eta));
      const dd = g / dg;
      if (!isFinite64(dd)) break; // astronomic currents: keep the asinh estimate
      eta -= dd;
      if (Math.abs(dd) < 1e-14) break;
    }
    return eta;
  }

  // ---------------------------------------------------------------- measurements
  metalUm(): f64 {
    const sum = this.fieldSum(this.xi, this.xiCarry);
    const dx = this.p(P_DX);
    const nn = this.nx * this.nz;
    let sub: f64 = 0;
    for (let k = 0; k < nn; k++) sub += ld(this.nucleusVolume, k);
    return (sum * dx) / <f64>nn + sub / (<f64>nn * dx * dx) + this.s(S_SUBGRID_UM);
  }

  /** Li⁺ in the electrolyte, Σψ(c + carry), as µm of dense Li per collector area */
  ionsUm(): f64 {
    if (this.p(P_SOLID) == 1) return 0;
    const chunks = chunksFor(this.n, REDUCTION_CHUNK);
    setArgP(0, changetype<usize>(this)); setArgP(1, <usize>chunks);
    parallelFor(saltSumTask, chunks, this.n);
    let sum: f64 = 0;
    for (let c = 0; c < chunks; c++) sum += partial(c, 0);
    return (sum * this.p(P_DX)) / <f64>(this.nx * this.nz) / this.p(P_CS_C0);
  }

  saltSumChunk(chunk: i32, chunks: i32): void {
    const eps = this.p(P_DS) / this.p(P_DL);
    const i1 = chunkHi(chunk, chunks, this.n);
    let s: f64 = 0;
    for (let i = chunkLo(chunk, chunks, this.n); i < i1; i++) s += electrolyteFraction(lf(this.xi, i), eps) * (lf(this.c, i) + lf(this.cCarry, i));
    setPartial(chunk, 0, s);
  }

  /** Σ (u + carry) over the grid in f64, by fixed chunks added in order */
  fieldSum(u: usize, carry: usize): f64 {
    const chunks = chunksFor(this.n, REDUCTION_CHUNK);
    setArgP(0, u); setArgP(1, carry); setArgP(2, <usize>this.n); setArgP(3, <usize>chunks);
    parallelFor(sumTask, chunks, this.n);
    let s: f64 = 0;
    for (let c = 0; c < chunks; c++) s += partial(c, 0);
    return s;
  }

  updateLedger(): void {
    const toUm = 1e6 / (this.p(P_FCS) * 1e12);
    const metal = this.metalUm();
    const ions = this.ionsUm();
    const dl = this.s(S_DL_CHARGE) * toUm;
    const charge = this.s(S_CHARGE) * toUm;
    this.setS(S_METAL_UM, metal);
    this.setS(S_IONS, ions);
    const err = metal + ions + this.s(S_DISPLACED_UM) + dl + this.s(S_SEI_UM) + this.s(S_ALLOY_UM) - this.s(S_INITIAL_UM) - charge;
    // relative to initial Li + the charge passed either way (see the TS twin)
    const passed = Math.max(Math.abs(charge), this.s(S_CHARGE_GROSS) * toUm);
    this.setS(S_LEDGER_ERR, Math.abs(err) / Math.max(this.s(S_INITIAL_UM) + passed, 1e-30));
  }

  /** flood fill and dead-Li mask from the current ξ (also after a restore: they are derived state) */
  refreshTopology(): void {
    const dx = this.p(P_DX);
    this.topology.analyse(this.xi, dx);
    // the diffuse tail of a tanh profile holds e^(−d/ℓ) at a distance d beyond ξ = ½: cut it at 6ℓ
    this.topology.markDead(this.xi, max(2, <i32>Math.ceil((6 * this.p(P_ELL)) / dx)));
  }

  updateTopology(): void {
    const dx = this.p(P_DX);
    this.refreshTopology();
    this.setS(S_DEAD_UM, (this.topology.deadSum * dx) / <f64>(this.nx * this.nz));
    this.setS(S_MAX_HEIGHT_UM, this.topology.maxHeight);
    const sc = this.topology.shortCell;
    if (sc >= 0 && this.s(S_SHORTED) != 1) {
      this.setS(S_SHORTED, 1);
      this.setS(S_SHORT_T, this.s(S_TIME));
      const x = sc % this.nx;
      const z = sc / (this.nx * this.ny);
      this.setS(S_SHORT_X, (<f64>x + 0.5) * dx);
      this.setS(S_SHORT_Z, (<f64>z + 0.5) * dx);
      this.topology.tracePath(sc);
    }
  }
}

// ---------------------------------------------------------------- parallel tasks (assembly/parallel.ts)
// Arguments arrive in the shared argument slots: slot 0 is the kernel, the rest as posted above.


// @ts-ignore: decorator
@inline function K(): Kernel { return changetype<Kernel>(argP(0)); }

function failPartial(chunk: i32, code: i32, i: i32, v: f64): void {
  setPartial(chunk, 0, <f64>code); setPartial(chunk, 1, <f64>i); setPartial(chunk, 2, v);
}

function normalsTask(r0: i32, r1: i32): void { K().normalRows(r0, r1); }
function geometryTask(r0: i32, r1: i32): void { K().geometryRows(<u32>argP(1), r0, r1); }
function weightsTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1); for (let c = c0; c < c1; c++) k.weightsChunk(c, n); }
function ratesTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1), ps = argF(0); for (let c = c0; c < c1; c++) k.ratesChunk(c, n, ps); }
function xiUpdateTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1), dt = argF(0); for (let c = c0; c < c1; c++) k.xiUpdateChunk(c, n, dt); }
function saltCoefTask(b0: i32, b1: i32): void { K().saltCoefBlocks(argF(0), b0, b1); }
function saltSumTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1); for (let c = c0; c < c1; c++) k.saltSumChunk(c, n); }
function saltUpdateTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1); for (let c = c0; c < c1; c++) k.saltUpdateChunk(c, n); }
function residualTask(r0: i32, r1: i32): void { K().operatorResidualRows(argP(1), argP(2), argF(0), argP(3), r0, r1); }
function potentialCoefTask(b0: i32, b1: i32): void { K().potentialCoefBlocks(b0, b1); }
function potentialCheckTask(c0: i32, c1: i32): void { const k = K(), n = <i32>argP(1); for (let c = c0; c < c1; c++) k.potentialCheckChunk(c, n); }
function sumTask(c0: i32, c1: i32): void {
  const u = argP(0), carry = argP(1), n = <i32>argP(2), chunks = <i32>argP(3);
  for (let c = c0; c < c1; c++) {
    let s: f64 = 0;
    const i1 = chunkHi(c, chunks, n);
    for (let i = chunkLo(c, chunks, n); i < i1; i++) s += lf(u, i) + lf(carry, i);
    setPartial(c, 0, s);
  }
}
