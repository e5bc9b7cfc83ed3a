// Human-readable stability-guard reports: which field, where (µm), what value.
import * as L from '../../assembly/layout';
import type { Kernel } from './kernel';
import { am2ToMAcm2 } from '../model/units';

const WHAT: Record<number, string> = {
  [L.F_NAN_XI]: 'phase field ξ became NaN/Inf',
  [L.F_NAN_C]: 'Li⁺ concentration c became NaN/Inf',
  [L.F_NAN_PHI]: 'electrolyte potential φ became NaN/Inf',
  [L.F_XI_BOUNDS]: 'phase field ξ left its bounds [−0.1, 1.1]',
  [L.F_C_NEGATIVE]: 'Li⁺ concentration c: the salt of a cell, (electrolyte fraction) × c, fell below −1 % of the bulk (electrolyte depleted at the interface: Sand\'s limit)',
  [L.F_DT_UNDERFLOW]: 'time step fell below dt_min_s',
  [L.F_NO_CONVERGENCE]: 'the elliptic solver did not converge',
  [L.F_GALVANO]: 'no electrode potential within ±8 V carries the set current (current_mA_cm2)',
};

export function describeFailure(code: number, k: Kernel): string {
  const st = k.stats();
  const i = st[L.S_FAIL_INDEX] | 0;
  const dx = k.params[L.P_DX];
  const x = i % k.nx, y = Math.floor(i / k.nx) % k.ny, z = Math.floor(i / (k.nx * k.ny));
  const where = code === L.F_GALVANO || code === L.F_DT_UNDERFLOW
    ? ''
    : ` at x = ${((x + 0.5) * dx).toFixed(2)} µm, y = ${((y + 0.5) * dx).toFixed(2)} µm${k.nz > 1 ? `, z = ${((z + 0.5) * dx).toFixed(2)} µm` : ''}`;
  // the galvanostatic failure reports the kernel's current (A/m²): the user set it in mA/cm²
  const raw = code === L.F_GALVANO ? am2ToMAcm2(st[L.S_FAIL_VALUE]) : st[L.S_FAIL_VALUE];
  const value = Number.isFinite(raw) ? `${raw.toPrecision(4)}${code === L.F_GALVANO ? ' mA/cm²' : ''}` : String(raw);
  return `${WHAT[code] ?? `kernel failure code ${code}`}${where} (value ${value}, t = ${st[L.S_TIME].toPrecision(6)} s)`;
}
