// Counter-based RNG: a pure function of (seed, stream, step, cell), so results do not depend on
// traversal order, thread count or backend. Twin: src/kernel-ts/rng.ts (must stay bit-identical).

// @ts-ignore: decorator
@inline
export function mix32(x: u32): u32 {
  x ^= x >>> 16;
  x *= 0x7feb352d;
  x ^= x >>> 15;
  x *= 0x846ca68b;
  x ^= x >>> 16;
  return x;
}

export function hash4(seed: u32, stream: u32, step: u32, cell: u32): u32 {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ stream);
  h = mix32(h ^ step);
  return mix32(h ^ cell);
}

/** Uniform in [0, 1) with 24 random bits (exactly representable in f32 too). */
export function uniform01(seed: u32, stream: u32, step: u32, cell: u32): f64 {
  return <f64>(hash4(seed, stream, step, cell) >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** Uniform in [-1, 1). */
export function uniformSym(seed: u32, stream: u32, step: u32, cell: u32): f64 {
  return 2.0 * uniform01(seed, stream, step, cell) - 1.0;
}
