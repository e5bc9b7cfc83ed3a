// Multigrid: accuracy (manufactured solutions), convergence, and bit-identity across the three
// implementations (wasm SIMD, wasm scalar, TypeScript) and between the 2D and 3D stencils.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadKernel, type LoadedKernel } from '../../src/engine/wasm-loader';
import { Multigrid, type SolveResult } from '../../src/kernel-ts/multigrid';

interface Solver {
  setOperator(a: Float32Array, b: Float32Array, bottomDirichlet: boolean, topDirichlet: boolean): void;
  solve(u: Float32Array, f: Float32Array, gb: number, gt: number, tol: number, maxCycles: number): SolveResult;
}

let simd: LoadedKernel;
let scalar: LoadedKernel;

beforeAll(async () => {
  simd = await loadKernel({ flavor: 'simd' });
  scalar = await loadKernel({ flavor: 'scalar' });
});
beforeEach(() => {
  simd.exports.resetHeap();
  scalar.exports.resetHeap();
});

/** The AS solver behind the TS-shaped interface (copies in and out of wasm memory). */
function asSolver(k: LoadedKernel, nx: number, ny: number, nz: number, dx: number, force3D = false): Solver {
  const e = k.exports;
  const n = nx * ny * nz;
  const h = e.mgCreate(nx, ny, nz, dx, force3D ? 1 : 0);
  const pa = e.allocF32(n), pb = e.allocF32(n), pu = e.allocF32(n), pf = e.allocF32(n);
  return {
    setOperator(a, b, bd, td) {
      k.f32(pa, n).set(a);
      k.f32(pb, n).set(b);
      e.mgSetOperator(h, pa, pb, bd ? 1 : 0, td ? 1 : 0);
    },
    solve(u, f, gb, gt, tol, maxCycles) {
      k.f32(pu, n).set(u);
      k.f32(pf, n).set(f);
      const cycles = e.mgSolve(h, pu, pf, gb, gt, tol, maxCycles);
      u.set(k.f32(pu, n));
      return { cycles, residual: e.mgResidual(h), converged: e.mgConverged(h) === 1 };
    },
  };
}

type Backend = 'simd' | 'scalar' | 'ts';
function solver(be: Backend, nx: number, ny: number, nz: number, dx: number, force3D = false): Solver {
  if (be === 'ts') return new Multigrid(nx, ny, nz, dx, force3D);
  return asSolver(be === 'simd' ? simd : scalar, nx, ny, nz, dx, force3D);
}

interface Problem {
  nx: number; ny: number; nz: number; dx: number;
  a: Float32Array; b: Float32Array; f: Float32Array;
  bd: boolean; td: boolean; gb: number; gt: number;
  exact?: Float32Array;
}

const PI = Math.PI;

/** Periodic x (and z), Dirichlet y = 0 and y = 1: u = sin2πx·sinπy·cos2πz + 0.5 + 0.3y, variable a, b. */
function manufactured(N: number, nz: number, b0 = 0): Problem {
  const nx = N, ny = N, dx = 1 / N, n = nx * ny * nz;
  const a = new Float32Array(n), b = new Float32Array(n), f = new Float32Array(n), exact = new Float32Array(n);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const i = x + nx * (y + ny * z);
    const X = (x + 0.5) * dx, Y = (y + 0.5) * dx, Z = (z + 0.5) * dx;
    const cz = nz > 1 ? Math.cos(2 * PI * Z) : 1;
    const S = Math.sin(2 * PI * X), T = Math.sin(PI * Y);
    const u = S * T * cz + 0.5 + 0.3 * Y;
    const A = 1 + 0.5 * S * Math.cos(PI * Y);
    const ax = PI * Math.cos(2 * PI * X) * Math.cos(PI * Y), ay = -0.5 * PI * S * T;
    const ux = 2 * PI * Math.cos(2 * PI * X) * T * cz, uy = PI * S * Math.cos(PI * Y) * cz + 0.3;
    const lap = -(4 * PI * PI + PI * PI + (nz > 1 ? 4 * PI * PI : 0)) * S * T * cz;
    a[i] = A; b[i] = b0; exact[i] = u;
    f[i] = A * lap + ax * ux + ay * uy - b0 * u;
  }
  return { nx, ny, nz, dx, a, b, f, bd: true, td: true, gb: 0.5, gt: 0.8, exact };
}

function maxErr(u: Float32Array, exact: Float32Array): number {
  let m = 0;
  for (let i = 0; i < u.length; i++) m = Math.max(m, Math.abs(u[i] - exact[i]));
  return m;
}

function run(be: Backend, p: Problem, tol: number, maxCycles: number, force3D = false) {
  const s = solver(be, p.nx, p.ny, p.nz, p.dx, force3D);
  s.setOperator(p.a, p.b, p.bd, p.td);
  const u = new Float32Array(p.nx * p.ny * p.nz);
  const r = s.solve(u, p.f, p.gb, p.gt, tol, maxCycles);
  return { u, ...r };
}

/** Residual after each of k single V-cycles (warm-started). */
function history(be: Backend, p: Problem, k: number): number[] {
  const s = solver(be, p.nx, p.ny, p.nz, p.dx);
  s.setOperator(p.a, p.b, p.bd, p.td);
  const u = new Float32Array(p.nx * p.ny * p.nz);
  const out: number[] = [];
  for (let c = 0; c < k; c++) out.push(s.solve(u, p.f, p.gb, p.gt, 0, 1).residual);
  return out;
}

function bitsEqual(p: Float32Array, q: Float32Array): boolean {
  const a = new Uint32Array(p.buffer, p.byteOffset, p.length), b = new Uint32Array(q.buffer, q.byteOffset, q.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

describe('multigrid: manufactured solutions', () => {
  it('2D: second-order error, fast V-cycle convergence', () => {
    const errs: number[] = [];
    for (const N of [32, 64, 128]) {
      const p = manufactured(N, 1);
      const r = run('simd', p, 1e-8, 40);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(15);
      errs.push(maxErr(r.u, p.exact!));
    }
    expect(errs[0] / errs[1]).toBeGreaterThan(3.3);
    expect(errs[0] / errs[1]).toBeLessThan(4.8);
    expect(errs[1] / errs[2]).toBeGreaterThan(3.3);
    expect(errs[1] / errs[2]).toBeLessThan(4.8);
    const h = history('simd', manufactured(128, 1), 4);
    for (let c = 1; c < 4; c++) expect(h[c] / h[c - 1]).toBeLessThan(0.2); // ≈ 0.16 measured
  });

  it('3D: second-order error, fast V-cycle convergence', () => {
    const errs: number[] = [];
    for (const N of [16, 32, 64]) {
      const p = manufactured(N, N);
      const r = run('simd', p, 1e-8, 40);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(20);
      errs.push(maxErr(r.u, p.exact!));
    }
    expect(errs[0] / errs[1]).toBeGreaterThan(3.3);
    expect(errs[1] / errs[2]).toBeGreaterThan(3.3);
    expect(errs[1] / errs[2]).toBeLessThan(4.8);
    const h = history('simd', manufactured(32, 32), 4);
    for (let c = 1; c < 4; c++) expect(h[c] / h[c - 1]).toBeLessThan(0.3); // ≈ 0.25 measured
  });

  it('reaches a tolerance above the f32 floor, and stops at the floor below it', () => {
    const p = manufactured(32, 1);
    const r = run('ts', p, 1e-5, 30);
    expect(r.residual).toBeLessThanOrEqual(1e-5);
    expect(r.converged).toBe(true);
    // implicit-diffusion-like operator (b dominant): floor ≈ 1e-7, reached in a few cycles
    const q = manufactured(64, 1, 1e5);
    const s = run('simd', q, 1e-6, 30);
    expect(s.residual).toBeLessThanOrEqual(1e-6);
    expect(s.cycles).toBeLessThanOrEqual(4);
    // unreachable tol: converged by the round-off floor rule, well before maxCycles
    const t = run('simd', manufactured(128, 1), 1e-12, 100);
    expect(t.converged).toBe(true);
    expect(t.cycles).toBeLessThan(15);
    expect(t.residual).toBeLessThan(1e-3);
  });
});

describe('multigrid: boundary conditions and coefficients', () => {
  it('Neumann bottom (with flux in f) + Dirichlet top, b > 0', () => {
    // u = cos(πy/2)(1 + 0.3 sin2πx) + 0.7y + 2, a = 1.5 + 0.5 cos2πx, b = 3; u_y(0) = 0.7, u(1) = 2.7
    const errs: number[] = [];
    for (const N of [32, 64]) {
      const nx = N, ny = N, dx = 1 / N, n = nx * ny;
      const a = new Float32Array(n), b = new Float32Array(n).fill(3), f = new Float32Array(n), ex = new Float32Array(n);
      for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
        const i = x + nx * y, X = (x + 0.5) * dx, Y = (y + 0.5) * dx;
        const g = 1 + 0.3 * Math.sin(2 * PI * X), C = Math.cos(PI * Y / 2);
        const u = C * g + 0.7 * Y + 2;
        const A = 1.5 + 0.5 * Math.cos(2 * PI * X), Ax = -PI * Math.sin(2 * PI * X);
        const ux = C * 0.6 * PI * Math.cos(2 * PI * X), uy = -(PI / 2) * Math.sin(PI * Y / 2) * g + 0.7;
        const lap = -C * 0.3 * 4 * PI * PI * Math.sin(2 * PI * X) - (PI * PI / 4) * C * g;
        a[i] = A; ex[i] = u;
        f[i] = A * lap + Ax * ux - 3 * u;
        if (y === 0) f[i] += (A * 0.7) / dx; // prescribed flux a·∂u/∂y at y = 0 moved into f
      }
      const p: Problem = { nx, ny, nz: 1, dx, a, b, f, bd: false, td: true, gb: 0, gt: 2.7 };
      const r = run('simd', p, 1e-6, 30);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(10);
      errs.push(maxErr(r.u, ex));
      const t = run('ts', p, 1e-6, 30);
      expect(bitsEqual(t.u, r.u)).toBe(true);
    }
    expect(errs[0] / errs[1]).toBeGreaterThan(3);
    expect(errs[1]).toBeLessThan(2e-3);
  });

  it('converges with a 1e3 coefficient step and a 1e3-contrast deposit', () => {
    const N = 128, n = N * N;
    const f = new Float32Array(n), b = new Float32Array(n);
    for (let i = 0; i < n; i++) f[i] = Math.sin(0.37 * i) + 0.2;
    const step = new Float32Array(n), dendrite = new Float32Array(n);
    for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
      const i = x + N * y;
      step[i] = x < N / 2 ? 1 : 1e3;
      // a low-conductivity deposit: a film plus two needles grown from the collector
      const inDeposit = y < 8 || (Math.abs(x - 30) < 3 && y < 90) || (Math.abs(x - 85) < 5 && y < 60);
      dendrite[i] = inDeposit ? 1e-3 : 1;
    }
    for (const [a, bd] of [[step, true], [dendrite, false]] as const) {
      const p: Problem = { nx: N, ny: N, nz: 1, dx: 0.5, a, b, f, bd, td: true, gb: 0, gt: 0.1 };
      const r = run('simd', p, 1e-6, 40);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(30);
      expect(Number.isFinite(r.residual)).toBe(true);
    }
  });

  it('handles odd and semi-coarsened sizes (coarsest solved by CG)', () => {
    for (const [nx, ny, nz] of [[37, 20, 1], [96, 200, 1], [24, 12, 6], [6, 50, 1]]) {
      const n = nx * ny * nz, dx = 0.25;
      const a = new Float32Array(n).fill(2), b = new Float32Array(n), f = new Float32Array(n);
      for (let i = 0; i < n; i++) f[i] = Math.cos(0.1 * i);
      const r = run('simd', { nx, ny, nz, dx, a, b, f, bd: true, td: true, gb: 1, gt: -1 }, 1e-5, 40);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(30);
    }
  });
});

describe('multigrid: implementations are bit-identical', () => {
  const cases: [string, () => Problem][] = [
    ['2D 64² variable a', () => manufactured(64, 1)],
    ['3D 16³ variable a', () => manufactured(16, 16)],
    ['2D 37×20 (x tails, odd y)', () => {
      const nx = 37, ny = 20, n = nx * ny;
      const a = new Float32Array(n), f = new Float32Array(n), b = new Float32Array(n);
      for (let i = 0; i < n; i++) { a[i] = 1 + ((i * 7919) % 13) * 10; f[i] = Math.sin(i); b[i] = (i % 3) * 0.1; }
      return { nx, ny, nz: 1, dx: 0.3, a, b, f, bd: false, td: true, gb: 0, gt: 0.25 };
    }],
    ['3D 24×16×8 contrast', () => {
      const nx = 24, ny = 16, nz = 8, n = nx * ny * nz;
      const a = new Float32Array(n), f = new Float32Array(n), b = new Float32Array(n);
      for (let i = 0; i < n; i++) { a[i] = i % 5 === 0 ? 1e3 : 1; f[i] = Math.cos(0.3 * i); }
      return { nx, ny, nz, dx: 1, a, b, f, bd: true, td: false, gb: 0.5, gt: 0 };
    }],
  ];
  for (const [name, make] of cases) {
    it(`SIMD = scalar = TS: ${name}`, () => {
      const p = make();
      const rs = run('simd', p, 1e-7, 6);
      const rc = run('scalar', p, 1e-7, 6);
      const rt = run('ts', p, 1e-7, 6);
      expect(bitsEqual(rs.u, rc.u)).toBe(true);
      expect(bitsEqual(rs.u, rt.u)).toBe(true); // stronger than the 1e-5 agreement required
      expect(rc.cycles).toBe(rs.cycles);
      expect(rt.cycles).toBe(rs.cycles);
      expect(rt.residual).toBe(rs.residual);
      expect(rc.residual).toBe(rs.residual);
    });
  }

  it('2D stencil = 3D stencil with nz = 1 (all backends)', () => {
    const p = manufactured(40, 1);
    for (const be of ['simd', 'scalar', 'ts'] as const) {
      const r2 = run(be, p, 1e-7, 5);
      const r3 = run(be, p, 1e-7, 5, true);
      expect(bitsEqual(r2.u, r3.u)).toBe(true);
      expect(r3.cycles).toBe(r2.cycles);
    }
  });

  it('heap reset gives a fresh, identical solver', () => {
    const p = manufactured(32, 1);
    const first = run('simd', p, 1e-6, 10);
    simd.exports.resetHeap();
    const again = run('simd', p, 1e-6, 10);
    expect(bitsEqual(first.u, again.u)).toBe(true);
  });
});
