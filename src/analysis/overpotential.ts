// Overpotentials read from a galvanostatic plating voltage trace (pure functions, no DOM).
//
// Convention of the runner: plating gives a negative cell voltage (working vs counter), so the
// "most negative" voltage is the largest overpotential. The nucleation overpotential is the standard
// one of the Li-nucleation literature (Pei, Zheng, Shi, Li & Cui, Nano Lett. 17, 1132 (2017)): the
// difference between the voltage at the nucleation dip ("tip") and the following flat growth
// plateau ("mass-transfer-controlled overpotential"). Here:
// - plating segment: the samples from the first one with current > 0 to the last one before the
//   current changes sign (the first plating of a cycling run);
// - tip: the most negative voltage in the first `dipWindow` fraction of the plating time (default
//   ¼); a seed's alloying stage (positive voltage) comes before it and does not count;
// - plateau: the mean voltage over the last half of the plating time (time-weighted);
// - η_nuc = |V_tip| − |V_plateau| (≥ 0), η_plating = |V_plateau|.

export interface VoltagePoint {
  t_s: number;
  voltage_V: number;
  current_mA_cm2: number;
}

export interface PlatingOverpotentials {
  eta_nuc_mV: number;
  eta_plating_mV: number;
  tip_V: number;
  tip_t_s: number;
  plateau_V: number;
  plating_s: number;      // duration of the plating segment
}

export interface OverpotentialOptions {
  /** fraction of the plating time searched for the dip (default 0.25) */
  dipWindow?: number;
  /** fraction of the plating time (from the end) averaged for the plateau (default 0.5) */
  plateauWindow?: number;
}

/** The first plating segment (current > 0), sorted by time; empty if there is none. */
export function platingSegment(trace: readonly VoltagePoint[]): VoltagePoint[] {
  const sorted = [...trace].filter((p) => Number.isFinite(p.t_s) && Number.isFinite(p.voltage_V))
    .sort((a, b) => a.t_s - b.t_s);
  const start = sorted.findIndex((p) => p.current_mA_cm2 > 0);
  if (start < 0) return [];
  let end = start;
  while (end + 1 < sorted.length && sorted[end + 1].current_mA_cm2 > 0) end++;
  // the sample at t = 0 is the state before any current (current 0): keep it out
  return sorted.slice(start, end + 1);
}

/** Time-weighted mean of the voltage over [t0, t1] (trapezoids on the samples inside). */
function meanVoltage(seg: readonly VoltagePoint[], t0: number, t1: number): number {
  const inside = seg.filter((p) => p.t_s >= t0 && p.t_s <= t1);
  if (inside.length === 0) return NaN;
  if (inside.length === 1) return inside[0].voltage_V;
  let area = 0;
  for (let i = 1; i < inside.length; i++) {
    area += 0.5 * (inside[i].voltage_V + inside[i - 1].voltage_V) * (inside[i].t_s - inside[i - 1].t_s);
  }
  const span = inside[inside.length - 1].t_s - inside[0].t_s;
  return span > 0 ? area / span : inside[0].voltage_V;
}

/** η_nuc and η_plating (mV, positive) of the first plating; null when there is no plating. */
export function platingOverpotentials(
  trace: readonly VoltagePoint[], options: OverpotentialOptions = {},
): PlatingOverpotentials | null {
  const dipWindow = options.dipWindow ?? 0.25;
  const plateauWindow = options.plateauWindow ?? 0.5;
  const seg = platingSegment(trace);
  if (seg.length < 2) return null;
  const tStart = seg[0].t_s, tEnd = seg[seg.length - 1].t_s;
  const duration = tEnd - tStart;
  if (!(duration > 0)) return null;
  let tip = seg[0];
  for (const p of seg) {
    if (p.t_s > tStart + dipWindow * duration) break;
    if (p.voltage_V < tip.voltage_V) tip = p;
  }
  const plateau = meanVoltage(seg, tEnd - plateauWindow * duration, tEnd);
  const etaPlating = Math.abs(plateau) * 1000;
  const etaTip = Math.max(0, -tip.voltage_V) * 1000;
  return {
    eta_nuc_mV: Math.max(0, etaTip - etaPlating),
    eta_plating_mV: etaPlating,
    tip_V: tip.voltage_V,
    tip_t_s: tip.t_s,
    plateau_V: plateau,
    plating_s: duration,
  };
}
