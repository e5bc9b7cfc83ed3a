// Plain TypeScript implementation of the coupled electrodeposition step: the test oracle and the
// benchmark baseline for the AssemblyScript kernel (assembly/kernel.ts follows it line by line).
//
// One step:
//  1. geometry of ξ: Laplacian, interface normals, curvature; Allen–Cahn relaxation (with or
//     without curvature flow), kinetic anisotropy, seeded interface noise;
//  2. Butler–Volmer weights per interface cell; the galvanostatic constraint reduces to one scalar
//     equation for the electrode potential φ_s (two sums), solved by safeguarded Newton;
//  3. adaptive dt (largest ξ change, φ_s change, explicit Allen–Cahn bound), ξ update, guard;
//  4. sub-grid nuclei on a bare collector (birth, growth, insertion);
//  5. implicit (backward-Euler) salt diffusion and quasi-static charge conservation, both by
//     multigrid warm-started from the last step;
//  6. topology (attached deposit height, short circuit) and the Li ledger.
import * as L from '../../assembly/layout';
import { Multigrid } from './multigrid';
import { uniform01 } from './rng';
import { Topology } from './topology';
import type { Kernel, KernelField, KernelSnapshot } from '../engine/kernel';
import { capArea, capRadius, capVolume } from './nuclei';

const STREAM_NOISE = 1;
const STREAM_NUCLEATION = 2;
const STREAM_SITES = 3;
const MAX_PHI_STEP_V = 0.005;     // adaptive dt: electrode potential may move at most 5 mV per step
const DT_GROWTH = 1.25;           // adaptive dt: at most +25 % per step
const DEBT_SHARE = 0.1;           // share of the current that repays nucleus-insertion debt (solveElectrodePotential)
const MAX_DEPLETION = 0.5;        // adaptive dt: the explicit plating sink may take at most half a cell's salt
const NORMAL_EPS2 = 1e-6;         // (ξ difference over 2 cells)²: below ~1e-3 the normal fades out
const C_NEGATIVE_LIMIT = -0.01;    // guard: depletion overshoot beyond 1 % of the bulk salt is a failure

/** Share of the current that pays the insertion debt: DEBT_SHARE while plating; while stripping at least
 *  debt / live metal (µm), so the debt is paid by the time the live deposit is empty (all of it once the
 *  debt is as large as the metal). */
function debtShare(full: number, debt: number, liveMetalUm: number): number {
  if (full >= 0 || debt <= 0) return DEBT_SHARE;
  return liveMetalUm > debt ? Math.max(DEBT_SHARE, debt / liveMetalUm) : 1;
}

/**
 * Electrolyte volume fraction of a cell, ψ = (1 − ξ) + εξ with ξ clamped to [0, 1]. The salt a cell
 * holds is ψc: c is the electrolyte's concentration, carried on into the metal, where ε = D_s/D_l only
 * keeps the row of the salt equation non-singular.
 */
function electrolyteFraction(xi: number, eps: number): number {
  const v = Math.min(1, Math.max(0, xi));
  return (1 - v) + eps * v;
}

export class TsKernel implements Kernel {
  readonly backend = 'ts' as const;
  readonly threads = 1;
  readonly n: number;
  readonly is3D: boolean;
  readonly params = new Float64Array(L.P_COUNT);
  readonly st = new Float64Array(L.S_COUNT);
  readonly xi: Float32Array;
  readonly c: Float32Array;
  readonly phi: Float32Array;
  readonly rate: Float32Array;          // ξ̇ of the last accepted step (1/s)
  private readonly xiNew: Float32Array;
  private readonly relax: Float32Array; // Allen–Cahn + noise part of ξ̇; after the ξ update, the old ξ (for the salt solve)
  private readonly curv: Float32Array;  // curvature of the metal surface (1/µm), > 0 on protrusions
  private readonly kin: Float32Array;   // kinetic anisotropy factor
  private readonly nrmX: Float32Array;  // unit normal ∇ξ/|∇ξ| (into the metal)
  private readonly nrmY: Float32Array;
  private readonly nrmZ: Float32Array;
  private readonly wa: Float64Array;    // anodic Butler–Volmer weight (µm/s per collector area at φ_s = 0)
  private readonly wc: Float64Array;    // cathodic weight
  private readonly coefA: Float32Array;
  private readonly coefB: Float32Array;
  private readonly rhs: Float32Array;
  private readonly dc: Float32Array;    // last salt increment (warm start)
  // Round-off carried between steps (compensated summation): increments far below an f32 ulp of
  // ξ ≈ 1 or c ≈ 1 would otherwise be lost every step and bias the Li ledger.
  readonly xiCarry: Float32Array;
  readonly cCarry: Float32Array;
  private readonly mgPhi: Multigrid;
  private readonly mgC: Multigrid;
  readonly topology: Topology;
  readonly nucleusVolume: Float64Array; // per collector cell (x + nx z), µm³; 0 = none
  private readonly nucleusRate: Float64Array;
  seed = 0;
  private phiS = 0;
  private dtPrev = 0;
  private maxRatePrev = 0;
  private dlFractionPrev = 1;          // share of the current that charged the double layer last step
  private depletionRate = 0;           // max over cells of (salt sink / c) at the last fillRates (1/s)
  private maxRateNucleus = -1;         // the sub-grid nucleus whose rate set fillRates' maximum (−1: a cell)
  private shortPath_: Uint32Array = new Uint32Array(0);

  constructor(readonly nx: number, readonly ny: number, readonly nz: number, params: Float64Array, seed: number) {
    this.n = nx * ny * nz;
    this.is3D = nz > 1;
    this.params.set(params);
    this.seed = seed >>> 0;
    const n = this.n;
    this.xi = new Float32Array(n);
    this.c = new Float32Array(n).fill(1);
    this.phi = new Float32Array(n);
    this.rate = new Float32Array(n);
    this.xiNew = new Float32Array(n);
    this.relax = new Float32Array(n);
    this.curv = new Float32Array(n);
    this.kin = new Float32Array(n);
    this.nrmX = new Float32Array(n);
    this.nrmY = new Float32Array(n);
    this.nrmZ = new Float32Array(n);
    this.wa = new Float64Array(n);
    this.wc = new Float64Array(n);
    this.coefA = new Float32Array(n);
    this.coefB = new Float32Array(n);
    this.rhs = new Float32Array(n);
    this.dc = new Float32Array(n);
    this.xiCarry = new Float32Array(n);
    this.cCarry = new Float32Array(n);
    const dx = params[L.P_DX];
    this.mgPhi = new Multigrid(nx, ny, nz, dx);
    this.mgC = new Multigrid(nx, ny, nz, dx);
    this.topology = new Topology(nx, ny, nz);
    this.nucleusVolume = new Float64Array(nx * nz);
    this.nucleusRate = new Float64Array(nx * nz);
  }

  /** flat Li film of the given thickness (µm) on the collector: the equilibrium tanh profile */
  initFilm(thicknessUm: number): void {
    const { nx, ny, nz } = this;
    const dx = this.params[L.P_DX];
    const ell = this.params[L.P_ELL];
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const yc = (y + 0.5) * dx;
          this.xi[x + nx * (y + ny * z)] = thicknessUm > 0 ? 0.5 * (1 - Math.tanh((yc - thicknessUm) / (2 * ell))) : 0;
        }
    this.startLedger();
  }

  /** call after the fields are set by hand (tests): records the initial Li and solves φ */
  startLedger(): void {
    const s = this.st;
    s.fill(0);
    this.phiS = this.params[L.P_MODE] === 1 ? this.params[L.P_PHI_APPLIED] : 0;
    s[L.S_METAL_UM] = this.metalUm();
    s[L.S_IONS] = this.ionsUm();
    s[L.S_INITIAL_UM] = s[L.S_METAL_UM] + s[L.S_IONS];
    this.dtPrev = 0;
    this.maxRatePrev = 0;
    this.dlFractionPrev = 1;
    // Newton passes so the first step already sees a consistent ohmic drop
    for (let pass = 0; pass < 4; pass++) {
      this.computeGeometry(0);
      const sums = this.computeWeights();
      const dtProbe = 1;
      const galv = this.solveElectrodePotential(sums, dtProbe, false);
      this.phiS = galv.phiS;
      this.fillRates(galv.phiS);
      this.solvePotential(galv.dlCurrent);
    }
    s[L.S_PHI_S] = this.phiS;
    s[L.S_VOLTAGE] = this.phiS - this.counterOverpotential();
  }

  // ---------------------------------------------------------------- geometry and relaxation
  private computeGeometry(step: number): void {
    const { nx, ny, nz, xi, relax, curv, kin, nrmX, nrmY, nrmZ } = this;
    const p = this.params;
    const dx = p[L.P_DX], ell = p[L.P_ELL];
    const lsk = p[L.P_LSIG_KAPPA], lsw = p[L.P_LSIG_W];
    const curvatureFlow = p[L.P_CURV_FLOW] === 1;
    const noise = p[L.P_NOISE];
    const aniso = p[L.P_ANISO], ac = p[L.P_ANISO_COS], as = p[L.P_ANISO_SIN];
    const inv2dx = 1 / (2 * dx), invDx2 = 1 / (dx * dx);
    const is3D = this.is3D;
    // pass 1: unit normals ∇ξ/|∇ξ| (pointing into the metal) from central differences
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          const gx = this.val(x + 1, y, z) - this.val(x - 1, y, z);
          const gy = this.val(x, y + 1, z) - this.val(x, y - 1, z);
          const gz = is3D ? this.val(x, y, z + 1) - this.val(x, y, z - 1) : 0;
          const g2 = gx * gx + gy * gy + gz * gz;
          // regularised: where ξ is flat (bulk metal or electrolyte) round-off must not make unit normals
          const ig = 1 / Math.sqrt(g2 + NORMAL_EPS2);
          nrmX[i] = gx * ig; nrmY[i] = gy * ig; nrmZ[i] = gz * ig;
        }
    // pass 2: relaxation, curvature, anisotropy
    for (let z = 0; z < nz; z++) {
      const zm = z === 0 ? nz - 1 : z - 1, zp = z === nz - 1 ? 0 : z + 1;
      for (let y = 0; y < ny; y++) {
        const ym = y === 0 ? 0 : y - 1, yp = y === ny - 1 ? y : y + 1; // normals extended flat across y boundaries
        for (let x = 0; x < nx; x++) {
          const xm = x === 0 ? nx - 1 : x - 1, xp = x === nx - 1 ? 0 : x + 1;
          const i = x + nx * (y + ny * z);
          const v = xi[i];
          let lap = this.val(x - 1, y, z) + this.val(x + 1, y, z) + this.val(x, y - 1, z) + this.val(x, y + 1, z) - 4 * v;
          if (is3D) lap += this.val(x, y, z - 1) + this.val(x, y, z + 1) - 2 * v;
          lap *= invDx2;
          // K_n = ∇·(∇ξ/|∇ξ|); the metal surface curvature is −K_n (outward normal −∇ξ/|∇ξ|)
          let kn = nrmX[xp + nx * (y + ny * z)] - nrmX[xm + nx * (y + ny * z)]
            + nrmY[x + nx * (yp + ny * z)] - nrmY[x + nx * (ym + ny * z)];
          if (is3D) kn += nrmZ[x + nx * (y + ny * zp)] - nrmZ[x + nx * (y + ny * zm)];
          kn *= inv2dx;
          curv[i] = -kn;
          const inside = v > 0 && v < 1;
          const gw = 2 * v * (1 - v) * (1 - 2 * v);
          let r: number;
          if (curvatureFlow) {
            r = lsk * lap - lsw * gw;
          } else {
            // remove the curvature part of ∇²ξ (∇²ξ − |∇ξ|∇·n = ∂²ξ/∂n²), with |∇ξ| that of the
            // equilibrium profile, ξ(1−ξ)/ℓ (smooth, and zero in the bulk phases)
            const gradProfile = inside ? (v * (1 - v)) / ell : 0;
            r = lsk * (lap - gradProfile * kn) - lsw * gw;
          }
          if (noise > 0 && inside) {
            const u = 2 * uniform01(this.seed, STREAM_NOISE, step, i) - 1;
            r += noise * 16 * v * v * (1 - v) * (1 - v) * u;
          }
          relax[i] = r;
          // kinetic anisotropy a(n) = 4Σn⁴ − 3 of the rotated outward normal (trig-free)
          let k = 1;
          if (aniso !== 0 && inside) {
            const ox = -nrmX[i], oy = -nrmY[i], oz = -nrmZ[i];
            const o2 = ox * ox + oy * oy + oz * oz; // < 1 where the normal is regularised: use its direction
            if (o2 > 1e-12) {
              const rx = ac * ox + as * oy, ry = -as * ox + ac * oy;
              k = 1 + aniso * ((4 * (rx * rx * rx * rx + ry * ry * ry * ry + oz * oz * oz * oz)) / (o2 * o2) - 3);
            }
          }
          kin[i] = k;
        }
      }
    }
  }

  /** ξ at (x, y, z) with boundary handling: periodic x, z; wetting ghost below, Neumann above */
  private val(x: number, y: number, z: number): number {
    const { nx, ny, nz } = this;
    if (x < 0) x += nx; else if (x >= nx) x -= nx;
    if (z < 0) z += nz; else if (z >= nz) z -= nz;
    if (y < 0) {
      // Cahn wetting condition ∂ξ/∂n_out = cosθ ξ(1−ξ)/ℓ on the collector (exact Young's law for this double well)
      const v = this.xi[x + nx * ny * z];
      const s = v > 0 && v < 1 ? v * (1 - v) : 0;
      return v + (this.params[L.P_DX] * this.params[L.P_NUC_COS_THETA] * s) / this.params[L.P_ELL];
    }
    if (y >= ny) y = ny - 1;
    return this.xi[x + nx * (y + ny * z)];
  }

  // ---------------------------------------------------------------- Butler–Volmer weights
  /**
   * Per-cell weights so that ξ̇_rxn = −wa·e^{(1−α)fφ_s} + wc·e^{−αfφ_s}. Returns the sums as metal
   * growth rates per collector area (µm/s): cells weighted by cell volume / collector area, nuclei by area.
   */
  private computeWeights(): { sa: number; sc: number; relax: number } {
    const { n, xi, c, phi, curv, kin, wa, wc, relax } = this;
    const p = this.params;
    const f = p[L.P_FRT], alpha = p[L.P_ALPHA], leta = p[L.P_LETA];
    const gt = p[L.P_CURV_FLOW] === 1 ? 0 : p[L.P_GT];
    const hong = p[L.P_BV_FORM] === 1;
    const solid = p[L.P_SOLID] === 1;
    const w = p[L.P_DX] / (this.nx * this.nz); // cell volume / collector area (µm)
    let sa = 0, sc = 0, sr = 0;
    for (let i = 0; i < n; i++) {
      const v = xi[i];
      sr += relax[i];
      if (!(v > 0 && v < 1)) { wa[i] = 0; wc[i] = 0; continue; }
      const hp = 30 * v * v * (1 - v) * (1 - v);
      // local overpotential without φ_s: −φ_l + Gibbs–Thomson shift γΩK/F
      const a = -phi[i] + gt * curv[i];
      const base = hp * leta * kin[i];
      const cint = solid ? 1 : Math.max(c[i], 0); // a depleted cell (c at round-off below 0) does not plate
      const cc = hong ? cint * (1 - v * v * v * (6 * v * v - 15 * v + 10)) : cint;
      wa[i] = base * Math.exp((1 - alpha) * f * a);
      wc[i] = base * cc * Math.exp(-alpha * f * a);
      sa += wa[i];
      sc += wc[i];
    }
    // nuclei: dV/dt = A·6ℓL_η·(−bracket) with their own Gibbs–Thomson shift 2γΩ/(F r)
    const nn = this.nx * this.nz;
    const cosT = p[L.P_NUC_COS_THETA];
    const ell = p[L.P_ELL];
    const dx = p[L.P_DX];
    const collectorArea = nn * dx * dx;
    let na = 0, nc = 0;
    for (let k = 0; k < nn; k++) {
      const vol = this.nucleusVolume[k];
      if (vol <= 0) continue;
      const r = capRadius(vol, cosT, dx, this.is3D);
      const cell = this.collectorCell(k);
      const a = -phi[cell] + this.nucleusGT(r);
      const base = (this.nucleusArea(r, cosT, dx) * 6 * ell * leta) / collectorArea;
      const cint = solid ? 1 : Math.max(c[cell], 0);
      na += base * Math.exp((1 - alpha) * f * a);
      nc += base * cint * Math.exp(-alpha * f * a);
    }
    return { sa: sa * w + na, sc: sc * w + nc, relax: sr * w };
  }

  /** Gibbs–Thomson coefficient of a nucleus: 2γΩ/F for a sphere, γΩ/F for a 2D cylinder (V·µm) */
  private gibbsThomsonNucleus(): number {
    return this.params[L.P_NUC_R_CRIT_COEF] * (this.is3D ? 1 : 0.5);
  }

  /** collector area per nucleation site (µm²): a column is a site with probability 1 − exp(−N·dx²) */
  private siteShare(): number {
    const dx = this.params[L.P_DX];
    return (dx * dx) / (1 - Math.exp(-this.params[L.P_NUC_DENSITY] * dx * dx));
  }

  /**
   * Reacting area of a sub-grid nucleus (µm²). Normally its cap. On a Li-wetted seed (P_SEED_WET: a
   * lithiated seed in its lithiophilic cycles) Li plated anywhere on the seed joins the nearest site's
   * deposit, so a site reacts over at least its share of the collector: the collector carries the
   * current from the first cathodic step instead of charging the double layer until caps have grown.
   */
  private nucleusArea(r: number, cosT: number, dx: number): number {
    const cap = capArea(r, cosT, dx, this.is3D);
    return this.params[L.P_SEED_WET] === 1 ? Math.max(cap, this.siteShare()) : cap;
  }

  /** Gibbs–Thomson shift of a sub-grid nucleus (V); none for the flat patch on a Li-wetted seed */
  private nucleusGT(r: number): number {
    return this.params[L.P_SEED_WET] === 1 ? 0 : this.gibbsThomsonNucleus() / r;
  }

  private collectorCell(k: number): number {
    const x = k % this.nx, z = (k - x) / this.nx;
    return x + this.nx * this.ny * z;
  }

  /** a charging double layer may move φ_s by at most MAX_PHI_STEP_V per step: dt ≤ ΔV·C_dl·free/i */
  private doubleLayerLimit(): number {
    const p = this.params;
    if (p[L.P_NUC_ON] !== 1 || p[L.P_MODE] === 1 || p[L.P_CURRENT] <= 0 || this.dlFractionPrev < 0.1) return Infinity;
    const free = this.freeCollectorFraction();
    // the time for the double layer's share of the current to move φ_s by MAX_PHI_STEP_V
    return free > 0 ? (MAX_PHI_STEP_V * p[L.P_CDL] * free) / (p[L.P_CURRENT] * this.dlFractionPrev) : Infinity;
  }

  /** fraction of the collector not covered by metal (double-layer area) */
  private freeCollectorFraction(): number {
    const { nx, nz, xi } = this;
    let free = 0;
    for (let k = 0; k < nx * nz; k++) if (xi[this.collectorCell(k)] < 0.5) free++;
    return free / (nx * nz);
  }

  /**
   * Electrode potential that carries the set current (galvanostatic) or the applied one.
   * Metal growth rate (µm/s per collector area): G(φ) = relax + (−SA e^{(1−α)fφ} + SC e^{−αfφ})·w;
   * double layer: C_dl·free·(φ_old − φ)/dt. G is strictly decreasing in φ, so a bracketed Newton is safe.
   */
  private solveElectrodePotential(
    sums: { sa: number; sc: number; relax: number }, dt: number, withDoubleLayer: boolean,
  ): { phiS: number; metalRate: number; dlCurrent: number; repay: number; ok: boolean } {
    const p = this.params;
    const f = p[L.P_FRT], alpha = p[L.P_ALPHA];
    const toUm = 1e6 / (p[L.P_FCS] * 1e12); // (A/m²) → µm/s of dense Li
    const sa = sums.sa, sc = sums.sc;
    const metal = (phi: number) => sums.relax - sa * Math.exp((1 - alpha) * f * phi) + sc * Math.exp(-alpha * f * phi);
    if (p[L.P_MODE] === 1) {
      const phiS = p[L.P_PHI_APPLIED];
      return { phiS, metalRate: metal(phiS), dlCurrent: 0, repay: 0, ok: true };
    }
    // after a short circuit the metal bridge carries the current: no further plating
    const full = this.st[L.S_SHORTED] === 1 ? 0 : p[L.P_CURRENT] * toUm;
    // Insertion debt: a nucleus written into ξ on a free collector can hold more Li than it was plated
    // with (on strongly wetting collectors the smallest diffuse cap holds up to ~6× the nucleus), booked
    // as a negative sub-grid volume and as S_DEBT_UM. A share DEBT_SHARE of the current (plating or
    // stripping) pays it back instead of moving ξ: while it is paid ξ grows by (1 − share)·I (or strips by
    // (1 + share)·I) and the sub-grid volume rises back, so metal created = charge passed and the strip
    // does not return Li that was never plated.
    // While stripping the share is at least debt / live metal: metal then leaves at (1 + share)·I and the
    // debt at share·I, so the ratio of the two stays put and both are gone together; at 10 % a strip could
    // empty the deposit first and return Li no charge had plated (Zn in LPSCl: CE 1.02–1.06). The twin has
    // no dead Li (S_DEAD_UM stays 0); the kernel subtracts it, as dead metal does not strip.
    const debt = this.st[L.S_DEBT_UM];
    const share = debtShare(full, debt, this.st[L.S_METAL_UM] - this.st[L.S_DEAD_UM]);
    const repay = withDoubleLayer && debt > 0 && full !== 0 ? Math.min(share * Math.abs(full), debt / dt) : 0;
    const target = full - repay;
    const cdl = withDoubleLayer && p[L.P_NUC_ON] === 1 ? p[L.P_CDL] * this.freeCollectorFraction() * toUm / dt : 0;
    const phiOld = this.phiS;
    const residual = (phi: number) => metal(phi) + cdl * (phiOld - phi) - target;
    const slope = (phi: number) =>
      -sa * (1 - alpha) * f * Math.exp((1 - alpha) * f * phi) - sc * alpha * f * Math.exp(-alpha * f * phi) - cdl;
    // bracket the root (residual decreases with φ)
    let lo = phiOld, hi = phiOld, step = 0.01;
    let rlo = residual(lo);
    if (rlo < 0) { while (rlo < 0 && step < 8) { hi = lo; lo -= step; step *= 2; rlo = residual(lo); } }
    else { let rhi = rlo; while (rhi > 0 && step < 8) { lo = hi; hi += step; step *= 2; rhi = residual(hi); } }
    if (!(residual(lo) >= 0 && residual(hi) <= 0)) return { phiS: phiOld, metalRate: 0, dlCurrent: 0, repay, ok: false };
    let phi = 0.5 * (lo + hi);
    for (let it = 0; it < 100; it++) {
      const r = residual(phi);
      if (r > 0) lo = phi; else hi = phi;
      const s = slope(phi);
      let next = phi - r / s;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (Math.abs(next - phi) < 1e-13) { phi = next; break; }
      phi = next;
    }
    const metalRate = metal(phi);
    const dlCurrent = (cdl * (phiOld - phi)) / toUm; // A/m² into the double layer
    return { phiS: phi, metalRate, dlCurrent, repay, ok: true };
  }

  /** ξ̇ per cell and nucleus growth rates at electrode potential φ_s; returns max |ξ̇| */
  private fillRates(phiS: number): number {
    const { n, rate, relax, wa, wc } = this;
    const p = this.params;
    const f = p[L.P_FRT], alpha = p[L.P_ALPHA];
    const ea = Math.exp((1 - alpha) * f * phiS), ec = Math.exp(-alpha * f * phiS);
    let maxRate = 0, depletion = 0;
    const sinkPerRate = p[L.P_SOLID] === 1 ? 0 : (1 - p[L.P_TPLUS]) * p[L.P_CS_C0];
    const eps = p[L.P_DS] / p[L.P_DL];
    const c = this.c;
    for (let i = 0; i < n; i++) {
      const r = relax[i] - wa[i] * ea + wc[i] * ec;
      rate[i] = r;
      const ar = Math.abs(r);
      if (ar > maxRate) maxRate = ar;
      // fraction of the local salt the cathodic (∝ c) sink would take per second
      // (the cell's salt is ψc); cells inside the metal (ξ > ½) do not bound the step
      const xv = this.xi[i];
      if (c[i] > 0 && xv < 0.5) { const d = (sinkPerRate * wc[i] * ec) / (electrolyteFraction(xv, eps) * c[i]); if (d > depletion) depletion = d; }
    }
    this.depletionRate = depletion;
    const nn = this.nx * this.nz;
    const cosT = p[L.P_NUC_COS_THETA], ell = p[L.P_ELL], leta = p[L.P_LETA], dx = p[L.P_DX];
    const solid = p[L.P_SOLID] === 1;
    this.maxRateNucleus = -1;
    for (let k = 0; k < nn; k++) {
      const vol = this.nucleusVolume[k];
      if (vol <= 0) { this.nucleusRate[k] = 0; continue; }
      const r = capRadius(vol, cosT, dx, this.is3D);
      const cell = this.collectorCell(k);
      const eta = phiS - this.phi[cell] + this.nucleusGT(r);
      const cint = solid ? 1 : Math.max(this.c[cell], 0);
      this.nucleusRate[k] = this.nucleusArea(r, cosT, dx) * 6 * ell * leta * (cint * Math.exp(-alpha * f * eta) - Math.exp((1 - alpha) * f * eta));
      // a nucleus counts in the time-step control like the cell it sits in
      const asCell = Math.abs(this.nucleusRate[k]) / (dx * dx * dx);
      if (asCell > maxRate) { maxRate = asCell; this.maxRateNucleus = k; }
    }
    return maxRate;
  }

  // ---------------------------------------------------------------- the step
  /** one adaptive step; returns a failure code (0 = accepted) */
  step(): number {
    const p = this.params, s = this.st;
    const { n, xi, xiNew, rate } = this;
    const dx = p[L.P_DX];
    const d = this.is3D ? 3 : 2;
    const stepIndex = s[L.S_STEPS] >>> 0;
    this.computeGeometry(stepIndex);
    let sums = this.computeWeights();
    // explicit Allen–Cahn bound and the growth limit
    // explicit Allen–Cahn bound for the stiffest (checkerboard) mode: Laplacian eigenvalue −4d/dx²
    // plus the double well's curvature g''(0 or 1) = 2, with a 0.8 safety factor
    const acLimit = (0.8 * 2) / ((4 * d * p[L.P_LSIG_KAPPA]) / (dx * dx) + 2 * p[L.P_LSIG_W]);
    let dt = Math.min(p[L.P_DT_MAX], acLimit);
    if (this.dtPrev > 0) dt = Math.min(dt, this.dtPrev * DT_GROWTH);
    if (this.maxRatePrev > 0) dt = Math.min(dt, p[L.P_DXI_MAX] / this.maxRatePrev);
    dt = Math.min(dt, this.doubleLayerLimit());
    const tEnd = p[L.P_T_END], t = this.st[L.S_TIME];
    if (tEnd > t) dt = Math.min(dt, Math.max(tEnd - t, p[L.P_DT_MIN])); // land on the stop time
    let galv = this.solveElectrodePotential(sums, dt, true);
    let maxRate = 0;
    let lastJump = Infinity;
    const dlActive = this.params[L.P_NUC_ON] === 1 && this.freeCollectorFraction() > 0;
    for (let attempt = 0; ; attempt++) {
      if (!galv.ok) {
        // no potential within reach at this dt (a charging double layer): shorter step first
        if (attempt > 30 || dt * 0.25 < p[L.P_DT_MIN]) return this.fail(L.F_GALVANO, 0, p[L.P_CURRENT]);
        dt *= 0.25;
        galv = this.solveElectrodePotential(sums, dt, true);
        continue;
      }
      maxRate = this.fillRates(galv.phiS);
      const tooFast = maxRate * dt > 1.5 * p[L.P_DXI_MAX];
      // A sub-critical nucleus dissolves faster the smaller it gets: its Gibbs–Thomson shift γΩ/(F r) makes
      // the anodic rate grow as e^{(1−α)f γΩ/(F r)} as r → 0, without bound (LPSCl cycling, a nucleus born
      // at a high |η| while φ_s relaxes: 2e-10 µm³ left, 3e12 /s as a cell, the step cut below dt_min). When
      // the nucleus that bounds the step would be empty within it, its dissolution ends now: its Li goes back
      // to the double layer it was born from (the birth's inverse; the ledger counts both), and the step
      // is re-solved without it.
      if (tooFast && this.maxRateNucleus >= 0 && attempt < 30) {
        const k = this.maxRateNucleus, vol = this.nucleusVolume[k], nr = this.nucleusRate[k];
        if (nr < 0 && vol + dt * nr <= 0) {
          this.dissolveNucleus(k);
          sums = this.computeWeights();
          galv = this.solveElectrodePotential(sums, dt, true);
          continue;
        }
      }
      // a jump that does not shrink with dt (the set current itself changed) is accepted
      const jump = Math.abs(galv.phiS - this.phiS);
      // only the double layer makes φ_s depend on dt; without it the jump is algebraic (a current or stress change)
      const phiJump = jump > MAX_PHI_STEP_V && this.dtPrev > 0 && jump < 0.9 * lastJump && dlActive;
      lastJump = jump;
      const depleting = this.depletionRate * dt > MAX_DEPLETION;
      // a wet patch (its share of the collector as area, no curvature) must not give more Li than it holds:
      // its area does not shrink as it empties, so at the end of a strip one step could take it far below
      // zero (booked as negative sub-grid Li: Li that was never plated, CE > 1); the step ends when it is empty
      if (p[L.P_SEED_WET] === 1 && !tooFast && !phiJump && !depleting) {
        const tEmpty = this.nucleusEmptyTime();
        if (dt > 1.001 * tEmpty && tEmpty >= p[L.P_DT_MIN] && attempt < 30) {
          dt = tEmpty;
          galv = this.solveElectrodePotential(sums, dt, true);
          continue;
        }
      }
      if ((!tooFast && !phiJump && !depleting) || attempt > 30) break;
      if (depleting) dt = Math.min(dt * 0.5, MAX_DEPLETION / this.depletionRate);
      else dt *= tooFast ? Math.max(0.1, (p[L.P_DXI_MAX] / (maxRate * dt))) : 0.5;
      if (dt < p[L.P_DT_MIN]) return this.fail(L.F_DT_UNDERFLOW, 0, dt);
      galv = this.solveElectrodePotential(sums, dt, true);
    }
    // ξ update with the stability guard (nothing is committed on failure)
    // new ξ and what f32 cannot hold of it (the new carry, kept in relax: not needed after the rates)
    const carry = this.xiCarry, carryNew = this.relax;
    for (let i = 0; i < n; i++) {
      const v = xi[i] + dt * rate[i] + carry[i];
      if (!Number.isFinite(v)) return this.fail(L.F_NAN_XI, i, v);
      if (v < -0.1 || v > 1.1) return this.fail(L.F_XI_BOUNDS, i, v);
      xiNew[i] = v;
      carryNew[i] = v - xiNew[i];
    }
    // commit; relax (free after the rates) keeps the old ξ: the salt solve needs the electrolyte fraction it had
    carry.set(carryNew);
    if (p[L.P_SOLID] !== 1) this.relax.set(xi);
    xi.set(xiNew);
    const metalRateIntended = galv.metalRate;
    this.phiS = galv.phiS;
    // nuclei: growth, births, insertion (their Li is part of the intended metal rate)
    this.advanceNuclei(dt, stepIndex);
    // transport and potential
    this.st[L.S_MG_CYCLES] = 0; // this step's V-cycles (see the wasm twin: a solid electrolyte skips the salt solve)
    if (p[L.P_SOLID] !== 1) {
      const code = this.solveSalt(dt, metalRateIntended);
      if (code !== 0) return code;
    }
    const code = this.solvePotential(galv.dlCurrent);
    if (code !== 0) return code;
    // bookkeeping
    this.dtPrev = dt;
    this.maxRatePrev = maxRate;
    this.dlFractionPrev = p[L.P_CURRENT] > 0 ? Math.abs(galv.dlCurrent) / p[L.P_CURRENT] : 0;
    s[L.S_TIME] += dt;
    s[L.S_DT] = dt;
    s[L.S_STEPS] += 1;
    s[L.S_PHI_S] = this.phiS;
    const toUm = 1e6 / (p[L.P_FCS] * 1e12);
    if (galv.repay > 0) { // the debt paid by this step's charge
      s[L.S_SUBGRID_UM] += galv.repay * dt;
      s[L.S_DEBT_UM] = Math.max(0, s[L.S_DEBT_UM] - galv.repay * dt);
    }
    const current = (metalRateIntended + galv.repay) / toUm + galv.dlCurrent;
    s[L.S_CURRENT] = current;
    s[L.S_CHARGE] += current * dt;
    s[L.S_CHARGE_GROSS] += Math.abs(current) * dt;
    s[L.S_DL_CHARGE] += galv.dlCurrent * dt;
    this.updateLedger();
    this.updateTopology();
    s[L.S_VOLTAGE] = s[L.S_SHORTED] === 1 ? 0 : this.phiS - this.counterOverpotential();
    s[L.S_FAIL_CODE] = 0;
    return 0;
  }

  private fail(code: number, index: number, value: number): number {
    const s = this.st;
    s[L.S_FAIL_CODE] = code;
    s[L.S_FAIL_INDEX] = index;
    s[L.S_FAIL_VALUE] = value;
    return code;
  }

  /** a nucleus at the end of its dissolution: its Li goes back to the double layer it was born from */
  private dissolveNucleus(k: number): void {
    this.takeFromDoubleLayer(-this.nucleusVolume[k]);
    this.nucleusVolume[k] = 0;
    this.nucleusRate[k] = 0;
  }

  /** a nucleus' Li (µm³) drawn from the double layer's charge (a birth; negative: given back) */
  private takeFromDoubleLayer(volume: number): void {
    const p = this.params;
    const dx = p[L.P_DX];
    const dlUm = 1e6 / (p[L.P_FCS] * 1e12);
    const collectorArea = this.nx * this.nz * dx * dx;
    this.st[L.S_DL_CHARGE] -= (volume / collectorArea) / dlUm;
  }

  /** the time in which the first shrinking sub-grid nucleus would be empty at its present rate (Infinity: none) */
  private nucleusEmptyTime(): number {
    let t = Infinity;
    for (let k = 0; k < this.nx * this.nz; k++) {
      const vol = this.nucleusVolume[k], nr = this.nucleusRate[k];
      if (vol > 0 && nr < 0 && vol / -nr < t) t = vol / -nr;
    }
    return t;
  }

  private advanceNuclei(dt: number, stepIndex: number): void {
    const p = this.params;
    const nn = this.nx * this.nz;
    const cosT = p[L.P_NUC_COS_THETA];
    const dx = p[L.P_DX];
    const dlUm = 1e6 / (p[L.P_FCS] * 1e12);
    const collectorArea = nn * dx * dx;
    for (let k = 0; k < nn; k++) {
      if (this.nucleusVolume[k] > 0) this.nucleusVolume[k] += dt * this.nucleusRate[k];
      if (this.nucleusVolume[k] < 0) { this.st[L.S_SUBGRID_UM] += this.nucleusVolume[k] / collectorArea; this.nucleusVolume[k] = 0; }
    }
    if (p[L.P_NUC_ON] !== 1 || this.st[L.S_SHORTED] === 1) return;
    // births: a collector cell holds a nucleation site with probability 1 − exp(−N·dx²) (drawn once
    // per seed); a free site fires at the classical rate ν0·exp(−B/η²) for cathodic η
    const siteProbability = 1 - Math.exp(-p[L.P_NUC_DENSITY] * dx * dx);
    const wet = p[L.P_SEED_WET] === 1;
    for (let k = 0; k < nn; k++) {
      const cell = this.collectorCell(k);
      if (this.nucleusVolume[k] > 0 || this.xi[cell] >= 0.5) continue;
      if (uniform01(this.seed, STREAM_SITES, 0, k) >= siteProbability) continue;
      const eta = this.phiS - this.phi[cell];
      if (eta >= 0) continue;
      if (wet) {
        // a Li-wetted seed needs no barrier crossing nor a Gibbs–Thomson birth: every free site starts
        // reacting over its share as soon as it is cathodic. Its first Li is what the double layer holds
        // over the share, C_dl·|η|: the patch's area does not depend on its volume, so it carries the
        // current from this step on. (A start from the seed's alloy Li would let an intermetallic seed,
        // E = E0 below full, take it straight back.)
        const v0 = this.siteShare() * p[L.P_CDL] * -eta * dlUm;
        this.takeFromDoubleLayer(v0);
        this.nucleusVolume[k] = v0;
        this.st[L.S_NUCLEI] += 1;
        continue;
      }
      const rate = p[L.P_NUC_NU0] * Math.exp(-p[L.P_NUC_BARRIER] / (eta * eta));
      const prob = 1 - Math.exp(-rate * dt);
      if (uniform01(this.seed, STREAM_NUCLEATION, stepIndex, k) < prob) {
        const r0 = (1.2 * this.gibbsThomsonNucleus()) / -eta;
        const v0 = capVolume(r0, cosT, dx, this.is3D);
        this.nucleusVolume[k] = v0;
        // the nucleus' Li is reduced by electrons already held in the double layer
        this.takeFromDoubleLayer(v0);
        this.st[L.S_NUCLEI] += 1;
      }
    }
    // insertion once the cap is resolvable (radius ≥ interface width δ = 4ℓ)
    const R = 4 * p[L.P_ELL];
    const vIns = capVolume(R, cosT, dx, this.is3D);
    for (let k = 0; k < nn; k++) {
      const vol = this.nucleusVolume[k];
      if (vol <= 0) continue;
      // a wet patch is inserted once its cap reacts over as much as the patch did (its share): earlier,
      // the reacting area would drop at insertion and the voltage spike for a step
      const due = vol >= vIns && (!wet || capArea(capRadius(vol, cosT, dx, this.is3D), cosT, dx, this.is3D) >= this.siteShare());
      if (due || this.xi[this.collectorCell(k)] >= 0.5) this.insertNucleus(k, vol);
    }
  }

  /** write a resolved cap of the nucleus' volume into ξ (volume matched by bisection on R) */
  private insertNucleus(k: number, vol: number): void {
    const p = this.params;
    const { nx, ny, nz, xi } = this;
    const dx = p[L.P_DX], ell = p[L.P_ELL], cosT = p[L.P_NUC_COS_THETA];
    const x0 = k % nx, z0 = (k - x0) / nx;
    const cellVol = dx * dx * dx; // 2D runs are one-cell-deep slabs
    const added = (R: number, amp: number, write: boolean): number => {
      // the cap's reach, limited to the grid (each periodic cell visited once)
      const reach = Math.min(Math.ceil((R + 8 * ell) / dx), nx + ny + nz);
      const xLo = -Math.min(reach, nx >> 1), xHi = Math.min(reach, (nx - 1) >> 1);
      const zLo = this.is3D ? -Math.min(reach, nz >> 1) : 0, zHi = this.is3D ? Math.min(reach, (nz - 1) >> 1) : 0;
      const yc = -R * cosT; // sphere centre relative to the collector plane
      let sum = 0;
      for (let dz = zLo; dz <= zHi; dz++)
        for (let y = 0; y < Math.min(ny, reach + 1); y++)
          for (let ddx = xLo; ddx <= xHi; ddx++) {
            const x = (((x0 + ddx) % nx) + nx) % nx, z = (((z0 + dz) % nz) + nz) % nz;
            const ry = (y + 0.5) * dx - yc;
            const dist = Math.sqrt((ddx * dx) ** 2 + ry * ry + (dz * dx) ** 2);
            const cap = amp * (0.5 * (1 - Math.tanh((dist - R) / (2 * ell))));
            const i = x + nx * (y + ny * z);
            const old = xi[i];
            const nv = Math.fround(Math.max(old, cap));
            sum += (nv - old) * cellVol;
            if (write) xi[i] = nv;
          }
      return sum;
    };
    let put: number;
    if (xi[this.collectorCell(k)] >= 0.5 && added(0, 1, false) > vol) {
      // A nucleus whose collector cell is already metal (inserted early, not at the resolvable radius)
      // and whose smallest cap (R → 0, the diffuse tail of width ℓ) holds more than it: the cap is written
      // with a reduced amplitude a, bisected so that it adds at most the nucleus volume, which the metal
      // around it absorbs. On a free collector the smallest cap is written whole so that the island shows;
      // what it holds beyond the nucleus is booked as a negative sub-grid volume, a debt the current pays
      // (solveElectrodePotential).
      let lo = 0, hi = 1;
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (added(0, mid, false) <= vol) lo = mid; else hi = mid;
      }
      put = added(0, lo, true);
    } else {
      let lo = 0, hi = Math.min(4 * ell + 2 * capRadius(vol, cosT, dx, this.is3D) + 4 * dx, 2 * (nx + ny + nz) * dx);
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (added(mid, 1, false) < vol) lo = mid; else hi = mid;
      }
      put = added(lo, 1, true);
    }
    const collectorArea = nx * nz * dx * dx;
    this.st[L.S_SUBGRID_UM] += (vol - put) / collectorArea; // the unresolved remainder stays in the ledger
    if (put > vol) this.st[L.S_DEBT_UM] += (put - vol) / collectorArea;
    this.nucleusVolume[k] = 0;
  }

  /**
   * Backward-Euler salt transport in the electrolyte fraction ψ(ξ):
   * ψ(c − c_old)/dt = ∇·(ψD_l∇c) − (1−t₊)(c_s/c0)ξ̇ + counter-electrode supply.
   * The metal holds no salt (ψ → ε) and the sink is drawn from the electrolyte. The electrolyte a growing
   * metal displaces leaves with its salt (the fluid moves with the wall: no enrichment ahead of it); that
   * salt, Σ(ψ_old − ψ)c_old (relax holds the old ξ), is booked in S_DISPLACED_UM so the ledger closes.
   */
  private solveSalt(dt: number, metalRate: number): number {
    const p = this.params;
    const { n, xi, c, coefA, coefB, rhs, rate, nx, ny, nz } = this;
    const dl = p[L.P_DL], ds = p[L.P_DS], tp = p[L.P_TPLUS], csc0 = p[L.P_CS_C0], dx = p[L.P_DX];
    const eps = ds / dl;
    const invDt = 1 / dt;
    const xiOld = this.relax, cc = this.cCarry;
    for (let i = 0; i < n; i++) {
      const psi = electrolyteFraction(xi[i], eps);
      coefA[i] = dl * psi;
      coefB[i] = psi * invDt;
      rhs[i] = (1 - tp) * csc0 * rate[i]; // the ±ψc_old/dt terms cancel in the increment form: never store them
    }
    // nuclei consume salt in their collector cells
    const nn = nx * nz;
    for (let k = 0; k < nn; k++) {
      if (this.nucleusRate[k] !== 0) rhs[this.collectorCell(k)] += (1 - tp) * csc0 * this.nucleusRate[k] / (dx * dx * dx);
    }
    // the counter electrode supplies (1−t₊) of the Faradaic Li⁺ flux by diffusion (the rest migrates)
    const supply = (1 - tp) * csc0 * metalRate; // µm/s × c units
    for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) rhs[x + nx * (ny - 1 + ny * z)] -= supply / dx;
    // Solve for the increment δc = c − c_old: (∇·ψD∇ − ψ/dt) δc = sink − supply − ∇·ψD∇c_old,
    // the right side formed in f64 without the ±ψc_old/dt pair (in f32 those round away ~1e-8 of the
    // salt per step, a systematic ledger drift of 1e-6 per hour).
    this.operatorResidual(c, coefA, 0, rhs);
    this.mgC.setOperator(coefA, coefB, false, false);
    const res = this.mgC.solve(this.dc, rhs, 0, 0, p[L.P_MG_TOL], 60);
    this.st[L.S_MG_CYCLES] += res.cycles;
    let displaced = 0;
    for (let i = 0; i < n; i++) {
      displaced += (electrolyteFraction(xiOld[i], eps) - electrolyteFraction(xi[i], eps)) * (c[i] + cc[i]);
      const v = c[i] + this.dc[i] + cc[i];
      c[i] = v;
      cc[i] = v - c[i];
    }
    this.st[L.S_DISPLACED_UM] += (displaced * dx) / (nx * nz) / csc0;
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (!Number.isFinite(v)) return this.fail(L.F_NAN_C, i, v);
      // the salt a cell holds is ψc: inside the metal c is only the electrolyte's value carried on
      if (v * electrolyteFraction(xi[i], eps) < C_NEGATIVE_LIMIT) return this.fail(L.F_C_NEGATIVE, i, v);
    }
    return 0;
  }

  /** rhs ← rhs − (∇·(a∇u) − b u) with harmonic-mean faces, periodic x/z, no flux through y faces */
  private operatorResidual(u: Float32Array, a: Float32Array, b: number, rhs: Float32Array): void {
    const { nx, ny, nz } = this;
    const invDx2 = 1 / (this.params[L.P_DX] * this.params[L.P_DX]);
    const face = (i: number, j: number) => (2 * a[i] * a[j]) / (a[i] + a[j]) * (u[j] - u[i]);
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          const i = x + nx * (y + ny * z);
          let flux = face(i, x === 0 ? i + nx - 1 : i - 1) + face(i, x === nx - 1 ? i - nx + 1 : i + 1);
          if (y > 0) flux += face(i, i - nx);
          if (y < ny - 1) flux += face(i, i + nx);
          if (this.is3D) {
            flux += face(i, z === 0 ? i + nx * ny * (nz - 1) : i - nx * ny);
            flux += face(i, z === nz - 1 ? i - nx * ny * (nz - 1) : i + nx * ny);
          }
          rhs[i] = rhs[i] - (flux * invDx2 - b * u[i]);
        }
  }

  /**
   * Quasi-static charge conservation ∇·(σ∇φ) = nFc_s ξ̇ in the electrolyte, φ = 0 at the counter
   * electrode. The Butler–Volmer source is linearised in φ (one Newton step, warm-started): at high
   * currents the ohmic feedback is stiff and a lagged source would oscillate.
   */
  private solvePotential(dlCurrent: number): number {
    const p = this.params;
    const { n, xi, phi, coefA, coefB, rhs, rate, wa, wc, nx, nz } = this;
    const sig = p[L.P_SIGMA_L], floor = p[L.P_SIGMA_FLOOR], fcs = p[L.P_FCS], dx = p[L.P_DX];
    const f = p[L.P_FRT], alpha = p[L.P_ALPHA];
    const ea = Math.exp((1 - alpha) * f * this.phiS), ec = Math.exp(-alpha * f * this.phiS);
    for (let i = 0; i < n; i++) {
      const v = Math.min(1, Math.max(0, xi[i]));
      const h = v * v * v * (6 * v * v - 15 * v + 10);
      coefA[i] = sig * ((1 - h) + floor * h);
      const beta = fcs * f * ((1 - alpha) * wa[i] * ea + alpha * wc[i] * ec); // fcs·∂ξ̇/∂φ ≥ 0
      coefB[i] = beta;
      rhs[i] = fcs * rate[i] - beta * phi[i];
    }
    const nn = nx * nz;
    const cellVol = dx * dx * dx;
    let free = 0;
    for (let k = 0; k < nn; k++) if (xi[this.collectorCell(k)] < 0.5) free++;
    const cosT = p[L.P_NUC_COS_THETA], ell = p[L.P_ELL], leta = p[L.P_LETA], solid = p[L.P_SOLID] === 1;
    for (let k = 0; k < nn; k++) {
      const cell = this.collectorCell(k);
      const vol = this.nucleusVolume[k];
      if (vol > 0) {
        const r = capRadius(vol, cosT, dx, this.is3D);
        const eta = this.phiS - phi[cell] + this.nucleusGT(r);
        const cint = solid ? 1 : Math.max(this.c[cell], 0);
        const dRate = this.nucleusArea(r, cosT, dx) * 6 * ell * leta * f
          * (alpha * cint * Math.exp(-alpha * f * eta) + (1 - alpha) * Math.exp((1 - alpha) * f * eta));
        const beta = (fcs * dRate) / cellVol;
        coefB[cell] += beta;
        rhs[cell] += (fcs * this.nucleusRate[k]) / cellVol - beta * phi[cell];
      }
      if (dlCurrent !== 0 && free > 0 && xi[cell] < 0.5) rhs[cell] += (dlCurrent * (nn / free) * 1e-6) / dx;
    }
    this.mgPhi.setOperator(coefA, coefB, false, true);
    const res = this.mgPhi.solve(phi, rhs, 0, 0, p[L.P_MG_TOL], 60);
    this.st[L.S_MG_CYCLES] += res.cycles;
    for (let i = 0; i < n; i++) if (!Number.isFinite(phi[i])) return this.fail(L.F_NAN_PHI, i, phi[i]);
    return 0;
  }

  private counterOverpotential(): number {
    const p = this.params;
    const i0 = p[L.P_I0_CE];
    const i = this.st[L.S_SHORTED] === 1 ? 0 : p[L.P_MODE] === 1 ? this.st[L.S_CURRENT] : p[L.P_CURRENT];
    if (i0 <= 0 || i === 0) return 0;
    // anodic Butler–Volmer at the counter electrode: i = i0 (e^{(1−α)fη} − e^{−αfη}), Newton from the α = ½ solution
    const f = p[L.P_FRT], a = p[L.P_ALPHA];
    let eta = (2 / f) * Math.asinh(i / (2 * i0));
    for (let it = 0; it < 50; it++) {
      const g = i0 * (Math.exp((1 - a) * f * eta) - Math.exp(-a * f * eta)) - i;
      const dg = i0 * f * ((1 - a) * Math.exp((1 - a) * f * eta) + a * Math.exp(-a * f * eta));
      const d = g / dg;
      if (!Number.isFinite(d)) break; // astronomic currents: keep the asinh estimate
      eta -= d;
      if (Math.abs(d) < 1e-14) break;
    }
    return eta;
  }

  // ---------------------------------------------------------------- measurements
  /** plated Li: ∫ξ dV / collector area (µm), plus sub-grid nuclei */
  metalUm(): number {
    const { xi, n } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += xi[i] + this.xiCarry[i];
    const dx = this.params[L.P_DX];
    let sub = 0;
    for (let k = 0; k < this.nucleusVolume.length; k++) sub += this.nucleusVolume[k];
    return (sum * dx) / (this.nx * this.nz) + sub / (this.nx * this.nz * dx * dx) + this.st[L.S_SUBGRID_UM];
  }

  /** Li⁺ in the electrolyte, Σψ(c + carry), expressed as µm of dense Li per collector area */
  ionsUm(): number {
    if (this.params[L.P_SOLID] === 1) return 0;
    const { c, n, xi } = this;
    const eps = this.params[L.P_DS] / this.params[L.P_DL];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += electrolyteFraction(xi[i], eps) * (c[i] + this.cCarry[i]);
    return (sum * this.params[L.P_DX]) / (this.nx * this.nz) / this.params[L.P_CS_C0];
  }

  private updateLedger(): void {
    const s = this.st, p = this.params;
    const toUm = 1e6 / (p[L.P_FCS] * 1e12);
    const metal = this.metalUm();
    const ions = this.ionsUm();
    const dl = s[L.S_DL_CHARGE] * toUm;
    const charge = s[L.S_CHARGE] * toUm;
    s[L.S_METAL_UM] = metal;
    s[L.S_IONS] = ions;
    const err = metal + ions + s[L.S_DISPLACED_UM] + dl - s[L.S_INITIAL_UM] - charge;
    // relative to the Li inventory the run has moved: initial Li + the charge passed either way. The net
    // charge alone tends to 0 when strips return what plating brought (cycling a cell with no mobile-ion
    // inventory): LPSCl Zn at the end of a cycle read 2e-4 for an error of ~1e-10 µm. A state saved before
    // S_CHARGE_GROSS has 0 there, hence the max with the net charge.
    const passed = Math.max(Math.abs(charge), s[L.S_CHARGE_GROSS] * toUm);
    s[L.S_LEDGER_ERR] = Math.abs(err) / Math.max(s[L.S_INITIAL_UM] + passed, 1e-30);
  }

  private updateTopology(): void {
    const s = this.st;
    const dx = this.params[L.P_DX];
    const topo = this.topology.analyse(this.xi, dx);
    s[L.S_MAX_HEIGHT_UM] = topo.maxHeight;
    if (topo.shortCell >= 0 && s[L.S_SHORTED] !== 1) {
      s[L.S_SHORTED] = 1;
      s[L.S_SHORT_T] = s[L.S_TIME];
      const x = topo.shortCell % this.nx;
      const z = Math.floor(topo.shortCell / (this.nx * this.ny));
      s[L.S_SHORT_X] = (x + 0.5) * dx;
      s[L.S_SHORT_Z] = (z + 0.5) * dx;
      this.shortPath_ = this.topology.pathFrom(topo.shortCell);
    }
  }

  stats(): Float64Array { return this.st; }
  // the TS twin has no mechanics: its stress outputs are zero, as the WASM kernel's without a solid electrolyte
  view(name: KernelField): Float32Array {
    return name === 'xi' || name === 'c' || name === 'phi' ? this[name] : new Float32Array(this.n);
  }

  setMaterials(): void {
    throw new Error("the TS oracle models the foundation only (no solid-electrolyte microstructure or mechanics); use backend 'wasm-simd' or 'wasm-scalar'");
  }
  shortPath(): Uint32Array { return this.shortPath_; }
  setParam(slot: number, value: number): void { this.params[slot] = value; }
  snapshot(): KernelSnapshot {
    return {
      xi: this.xi.slice(), c: this.c.slice(), phi: this.phi.slice(), stats: this.st.slice(),
      nuclei: this.nucleusVolume.slice(), scalars: Float64Array.of(this.phiS, this.dtPrev, this.maxRatePrev, this.shortPath_.length, this.dlFractionPrev),
      xiCarry: this.xiCarry.slice(), cCarry: this.cCarry.slice(), dc: this.dc.slice(), shortPath: this.shortPath_.slice(), mech: new Uint32Array(0),
    };
  }
  restore(snap: KernelSnapshot): void {
    this.xi.set(snap.xi); this.c.set(snap.c); this.phi.set(snap.phi); this.st.set(snap.stats);
    this.nucleusVolume.set(snap.nuclei);
    this.xiCarry.set(snap.xiCarry); this.cCarry.set(snap.cCarry); this.dc.set(snap.dc);
    this.shortPath_ = snap.shortPath.slice();
    this.phiS = snap.scalars[0]; this.dtPrev = snap.scalars[1]; this.maxRatePrev = snap.scalars[2]; this.dlFractionPrev = snap.scalars[4];
  }
  dispose(): void { /* garbage collected */ }
}

