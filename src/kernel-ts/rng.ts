// Counter-based RNG, bit-identical twin of assembly/rng.ts: a pure function of
// (seed, stream, step, cell). Arguments are taken modulo 2^32.

export function mix32(x: number): number {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function hash4(seed: number, stream: number, step: number, cell: number): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ stream);
  h = mix32(h ^ step);
  return mix32(h ^ cell);
}

/** Uniform in [0, 1) with 24 random bits. */
export function uniform01(seed: number, stream: number, step: number, cell: number): number {
  return (hash4(seed, stream, step, cell) >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** Uniform in [-1, 1). */
export function uniformSym(seed: number, stream: number, step: number, cell: number): number {
  return 2 * uniform01(seed, stream, step, cell) - 1;
}
