// Thin export surface of the wasm kernel. Code lives in the modules below; the kernel exports are
// added here by the kernel module. u32 results arrive in JS as signed i32: use `>>> 0`.
import { allocF32, allocF64, resetHeap } from './memory';
import { hash4, uniform01, uniformSym } from './rng';
import { Multigrid } from './multigrid';

export { allocF32, allocF64, resetHeap };

/** 1 when compiled with SIMD (kernel-simd.wasm), 0 for kernel-scalar.wasm. */
export function simdEnabled(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}

// ---- RNG (test entry points) ----
export function rngHash4(seed: u32, stream: u32, step: u32, cell: u32): u32 {
  return hash4(seed, stream, step, cell);
}
export function rngUniform01(seed: u32, stream: u32, step: u32, cell: u32): f64 {
  return uniform01(seed, stream, step, cell);
}
export function rngUniformSym(seed: u32, stream: u32, step: u32, cell: u32): f64 {
  return uniformSym(seed, stream, step, cell);
}
/** out[i] = uniform01(seed, stream, step, cell0 + i), f64 array of n. */
export function rngFillUniform(out: usize, n: i32, seed: u32, stream: u32, step: u32, cell0: u32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), uniform01(seed, stream, step, cell0 + <u32>i));
}

// ---- multigrid (test entry points; handles are object addresses, valid until resetHeap) ----
export function mgCreate(nx: i32, ny: i32, nz: i32, dx: f64, force3D: i32): usize {
  return changetype<usize>(new Multigrid(nx, ny, nz, dx, force3D != 0));
}
export function mgLevels(h: usize): i32 {
  return changetype<Multigrid>(h).levels;
}
export function mgSetOperator(h: usize, a: usize, b: usize, bottomDirichlet: i32, topDirichlet: i32): void {
  changetype<Multigrid>(h).setOperator(a, b, bottomDirichlet != 0, topDirichlet != 0);
}
/** Returns V-cycles used; mgResidual gives the final relative (or absolute, if f_eff = 0) residual. */
export function mgSolve(h: usize, u: usize, f: usize, bottomValue: f64, topValue: f64, tol: f64, maxCycles: i32): i32 {
  return changetype<Multigrid>(h).solve(u, f, bottomValue, topValue, tol, maxCycles);
}
export function mgResidual(h: usize): f64 {
  return changetype<Multigrid>(h).lastResidual;
}
/** 1 if the last solve met tol or stalled at the f32 round-off floor. */
export function mgConverged(h: usize): i32 {
  return changetype<Multigrid>(h).lastConverged ? 1 : 0;
}
export * from './kernel-exports';
export * from './elastic-exports';

// ---- threads (assembly/parallel.ts): the host sets the count, parks workers in workerLoop, quits them
export { setThreadCount, threadCount, workerLoop, parallelQuit } from './parallel';
