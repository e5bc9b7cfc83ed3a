// Entry points of the elasticity solver (tests, benchmarks). Handles are object addresses, valid
// until the next resetHeap (kernelCreate resets the heap), like the mg* entry points in index.ts.
import { Elastic } from './elastic';

export function elasticCreate(nx: i32, ny: i32, nz: i32, dx: f64): usize {
  return changetype<usize>(new Elastic(nx, ny, nz, dx));
}
// @ts-ignore: decorator
@inline function el(h: usize): Elastic { return changetype<Elastic>(h); }

/** f32 per-cell inputs: Young's modulus (MPa), Poisson ratio, volumetric eigenstrain β. */
export function elasticYoungs(h: usize): usize { return el(h).youngs; }
export function elasticPoisson(h: usize): usize { return el(h).poisson; }
export function elasticEigen(h: usize): usize { return el(h).eigen; }
/** f32 per-cell eigenstrain tensor components added to β/3·I: 0 xx, 1 yy, 2 zz, 3 xy, 4 yz, 5 xz
 *  (tensor components: ε*_xy, not the engineering shear 2ε*_xy). */
export function elasticEigenTensor(h: usize, component: i32): usize {
  const e = el(h);
  return component == 0 ? e.eigXX : component == 1 ? e.eigYY : component == 2 ? e.eigZZ
    : component == 3 ? e.eigXY : component == 4 ? e.eigYZ : e.eigXZ;
}
/** f32 per-cell outputs: pressure −tr σ/3 (MPa, > 0 compressive), von Mises (MPa), σ_yy (MPa). */
export function elasticPressure(h: usize): usize { return el(h).pressure; }
export function elasticVonMises(h: usize): usize { return el(h).vonMises; }
export function elasticSigmaYY(h: usize): usize { return el(h).sigmaYY; }
/** f64 displacement in units of dx, [ux | uy | uz] (2 or 3 × n); the warm start of the next solve. */
export function elasticDisplacement(h: usize): usize { return el(h).disp; }
export function elasticSetStack(h: usize, pMPa: f64): void { el(h).stackPressure = pMPa; }
/** Iterations used, negative if tol was not met within maxIter. */
export function elasticSolve(h: usize, tol: f64, maxIter: i32): i32 { return el(h).solve(tol, maxIter); }
export function elasticResidual(h: usize): f64 { return el(h).lastResidual; }
export function elasticReset(h: usize): void { el(h).reset(); }
export function elasticLevels(h: usize): i32 { return el(h).levels; }
/** Test hook: out = A u on level `level` (0 = finest), or one V-cycle applied to u when precond ≠ 0. */
export function elasticApply(h: usize, u: usize, out: usize, level: i32, precond: i32): void {
  el(h).applyOperator(u, out, level, precond != 0);
}
