// Counter-based RNG: TS twin = AS (both builds) bit for bit; basic statistical sanity.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKernel, type LoadedKernel } from '../../src/engine/wasm-loader';
import { hash4, mix32, uniform01, uniformSym } from '../../src/kernel-ts/rng';

let kernels: LoadedKernel[];
beforeAll(async () => {
  kernels = [await loadKernel({ flavor: 'simd' }), await loadKernel({ flavor: 'scalar' })];
});

/** Deterministic varied counters, including values ≥ 2^31 (u32 wrap-around in the wasm ABI). */
function counters(k: number): [number, number, number, number] {
  const m = (x: number) => mix32(x + 12345);
  return [m(4 * k), m(4 * k + 1) % 17, k % 3 === 0 ? m(4 * k + 2) : k, k % 5 === 0 ? m(4 * k + 3) : k * 7];
}

describe('rng', () => {
  it('reference values of mix32 / hash4 (pins the definition)', () => {
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).toBe(mix32(1) >>> 0);
    // spec: h = mix(seed ^ 0x9E3779B9); h = mix(h ^ stream); h = mix(h ^ step); h = mix(h ^ cell)
    const seed = 42, stream = 1, step = 7, cell = 1000;
    let h = mix32(seed ^ 0x9e3779b9);
    h = mix32(h ^ stream);
    h = mix32(h ^ step);
    h = mix32(h ^ cell);
    expect(hash4(seed, stream, step, cell)).toBe(h);
    expect(uniform01(seed, stream, step, cell)).toBe((h >>> 8) / 16777216);
  });

  it('TS and AS (SIMD and scalar builds) agree bit for bit', () => {
    for (const k of kernels) {
      const e = k.exports;
      for (let j = 0; j < 4000; j++) {
        const [s, st, t, c] = counters(j);
        expect(e.rngHash4(s, st, t, c) >>> 0).toBe(hash4(s, st, t, c));
        expect(e.rngUniform01(s, st, t, c)).toBe(uniform01(s, st, t, c));
        expect(e.rngUniformSym(s, st, t, c)).toBe(uniformSym(s, st, t, c));
      }
      const n = 5000, p = e.allocF64(n);
      e.rngFillUniform(p, n, 7, 2, 99, 0xfffff000); // cell index wraps past 2^32
      const v = k.f64(p, n);
      for (let i = 0; i < n; i++) expect(v[i]).toBe(uniform01(7, 2, 99, (0xfffff000 + i) >>> 0));
    }
  });

  it('uniform01 has the right mean, variance and range', () => {
    const n = 200000;
    let s = 0, s2 = 0, lo = 1, hi = 0;
    for (let i = 0; i < n; i++) {
      const v = uniform01(123, 0, 5, i);
      s += v; s2 += v * v; lo = Math.min(lo, v); hi = Math.max(hi, v);
    }
    const mean = s / n, variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    let m = 0;
    for (let i = 0; i < n; i++) m += uniformSym(123, 0, 5, i);
    expect(Math.abs(m / n)).toBeLessThan(4 * Math.sqrt(1 / 3 / n));
  });

  it('neighbouring cells, steps, streams and seeds are decorrelated', () => {
    const n = 100000;
    const corr = (f: (i: number) => [number, number]) => {
      let sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < n; i++) {
        const [a, b] = f(i);
        sa += a; sb += b; sab += a * b; saa += a * a; sbb += b * b;
      }
      const ca = sab / n - (sa / n) * (sb / n);
      return ca / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    };
    const bound = 5 / Math.sqrt(n); // ≈ 0.016
    const cases: ((i: number) => [number, number])[] = [
      (i) => [uniformSym(1, 0, 10, i), uniformSym(1, 0, 10, i + 1)], // adjacent cells
      (i) => [uniformSym(1, 0, 10, i), uniformSym(1, 0, 11, i)], // consecutive steps
      (i) => [uniformSym(1, 0, 10, i), uniformSym(1, 1, 10, i)], // streams
      (i) => [uniformSym(1, 0, 10, i), uniformSym(2, 0, 10, i)], // seeds
      (i) => [uniformSym(1, 0, i, 3), uniformSym(1, 0, i + 1, 3)], // one cell over time
    ];
    for (const c of cases) expect(Math.abs(corr(c))).toBeLessThan(bound);
  });
});
