// Multigrid: accuracy (manufactured solutions), convergence, and bit-identity across the three
// implementations (wasm SIMD, wasm scalar, TypeScript) and between the 2D and 3D stencils.
import { readFileSync } from 'node:fs';
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

function bitsEqual(p: Float32Array, q: Float32Array): boolean {
  const a = new Uint32Array(p.buffer, p.byteOffset, p.length), b = new Uint32Array(q.buffer, q.byteOffset, q.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

describe('multigrid: manufactured solutions', () => {
  it('2D: second-order error; tol 1e-6 in ≤ 8 iterations', () => {
    const errs: number[] = [];
    for (const N of [32, 64, 128]) {
      const p = manufactured(N, 1);
      const r = run('simd', p, 1e-6, 40);
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThanOrEqual(1e-6);
      expect(r.cycles).toBeLessThanOrEqual(8); // 7 measured at every N
      errs.push(maxErr(r.u, p.exact!));
    }
    for (const k of [0, 1]) {
      expect(errs[k] / errs[k + 1]).toBeGreaterThan(3.5);
      expect(errs[k] / errs[k + 1]).toBeLessThan(4.5);
    }
  });

  it('3D: second-order error; tol 1e-6 in ≤ 10 iterations', () => {
    const errs: number[] = [];
    for (const N of [16, 32, 64]) {
      const p = manufactured(N, N);
      const r = run('simd', p, 1e-6, 40);
      expect(r.converged).toBe(true);
      expect(r.residual).toBeLessThanOrEqual(1e-6);
      expect(r.cycles).toBeLessThanOrEqual(10);
      errs.push(maxErr(r.u, p.exact!));
    }
    expect(errs[0] / errs[1]).toBeGreaterThan(3.5);
    expect(errs[1] / errs[2]).toBeGreaterThan(3.5);
    expect(errs[1] / errs[2]).toBeLessThan(4.5);
  });

  it('tol below the f32 floor: stops there, flagged converged, well before maxCycles', () => {
    // 1e-8 is below what any f32 u can reach here; the solve must notice the floor
    for (const [N, nz] of [[128, 1], [32, 32]]) {
      const p = manufactured(N, nz);
      const r = run('simd', p, 1e-8, 100);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(15);
      expect(r.residual).toBeLessThan(1e-5);
    }
    // implicit-diffusion-like operator (b dominant): reaches 1e-6 in very few iterations
    const r = run('ts', manufactured(64, 1, 1e5), 1e-6, 30);
    expect(r.residual).toBeLessThanOrEqual(1e-6);
    expect(r.cycles).toBeLessThanOrEqual(3);
  });

  it('warm start from the solution costs no cycle', () => {
    const p = manufactured(64, 1);
    const s = solver('simd', p.nx, p.ny, p.nz, p.dx);
    s.setOperator(p.a, p.b, p.bd, p.td);
    const u = new Float32Array(p.nx * p.ny);
    expect(s.solve(u, p.f, p.gb, p.gt, 1e-5, 30).converged).toBe(true);
    const again = s.solve(u, p.f, p.gb, p.gt, 1e-5, 30);
    expect(again.cycles).toBe(0);
    expect(again.converged).toBe(true);
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

  it('converges with coefficient jumps of 1e3 (step) and 1e±3, 1e±6 (needle deposit)', () => {
    const N = 128, n = N * N;
    const noise = new Float32Array(n), b = new Float32Array(n);
    for (let i = 0; i < n; i++) noise[i] = Math.sin(0.37 * i) + 0.2;
    const step = new Float32Array(n);
    for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) step[x + N * y] = x < N / 2 ? 1 : 1e3;
    for (const bd of [true, false]) {
      const r = run('simd', { nx: N, ny: N, nz: 1, dx: 0.5, a: step, b, f: noise, bd, td: true, gb: 0, gt: 0.1 }, 1e-6, 40);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(10);
    }
    // a deposit (film + two needles + a ball) with a reaction source on its electrolyte side
    const inDep = (x: number, y: number) => y < 4 || (Math.abs(x - 30) < 2 && y < 90) ||
      (Math.abs(x - 85) < 3 && y < 60) || (x - 85) ** 2 + (y - 60) ** 2 < 50;
    const f = new Float32Array(n);
    for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
      const iface = !inDep(x, y) && (inDep((x + 1) % N, y) || inDep((x + N - 1) % N, y) || inDep(x, y - 1) || inDep(x, y + 1));
      f[x + N * y] = iface ? 1 + 0.3 * Math.sin(x) : 0;
    }
    for (const [aIn, bd, maxIt] of [[1e-3, false, 20], [1e-6, false, 20], [1e3, true, 20], [1e3, false, 20], [1e6, true, 25]] as const) {
      const a = new Float32Array(n);
      for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) a[x + N * y] = inDep(x, y) ? aIn : 1;
      const r = run('simd', { nx: N, ny: N, nz: 1, dx: 0.5, a, b, f, bd, td: true, gb: 0, gt: 0.1 }, 1e-5, 60);
      expect(r.converged, `a_in ${aIn} bottom ${bd ? 'D' : 'N'}`).toBe(true);
      expect(r.cycles, `a_in ${aIn} bottom ${bd ? 'D' : 'N'}`).toBeLessThanOrEqual(maxIt);
    }
  });

  it('warm-started Neumann–Neumann solve captured from a kernel run converges (regression)', () => {
    const fx = JSON.parse(readFileSync(new URL('./fixtures/mg-warm-neumann.json', import.meta.url), 'utf8'));
    const dec = (s: string) => new Float32Array(new Uint8Array(Buffer.from(s, 'base64')).buffer);
    const n = fx.nx * fx.ny;
    const p: Problem = { nx: fx.nx, ny: fx.ny, nz: 1, dx: fx.dx, a: dec(fx.a), b: new Float32Array(n).fill(fx.b),
      f: dec(fx.f), bd: false, td: false, gb: 0, gt: 0 };
    for (const be of ['simd', 'scalar', 'ts'] as const) {
      const s = solver(be, p.nx, p.ny, 1, p.dx);
      s.setOperator(p.a, p.b, false, false);
      const u = dec(fx.u0);
      const r = s.solve(u, p.f, 0, 0, fx.tol, 60);
      expect(r.converged).toBe(true);
      expect(r.cycles).toBeLessThanOrEqual(10);
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
