// Electrochemical protocols on top of the kernel's galvanostat: plate/strip cycling (CE, dead Li, SEI,
// nucleation overpotential per cycle) and the critical-current-density staircase. A protocol only sets
// the current (and, for cycling, the collector's nucleation barrier and native oxide) between steps and
// reads the statistics after them; the kernel knows nothing of it.
import * as L from '../../assembly/layout';
import type { ModelParams } from '../model/schema';
import { chargeCm2ToMAh, mAcm2ToAm2 } from '../model/units';
import type { Kernel } from './kernel';

export interface CycleRecord {
  index: number;               // 1-based
  plated_mAh_cm2: number;
  stripped_mAh_cm2: number;
  ce: number;                  // stripped / plated
  eta_nuc_mV: number;          // nucleation dip below the plating plateau
  eta_plating_mV: number;      // mean |V| over the second half of plating
  dead_li_um: number;          // Li cut off from the collector at the end of the strip
  sei_um: number;              // Li lost to SEI during this cycle
}

export interface CcdStep { index: number; current_mA_cm2: number; t_start_s: number; t_end_s: number; shorted: boolean }

export interface CcdRecord {
  ccd_mA_cm2: number | null;   // current of the step in which the cell shorted (null: no short)
  failed_at_step: number | null; // 1-based
  short_circuit_t_s: number | null;
  /** why the staircase ended: a short; a strip half the working electrode could not carry (no potential
   *  within the galvanostat's range: its Li is used up or cut off); the last step; null while it runs */
  ended_by: 'short' | 'strip_limit' | 'last_step' | null;
  strip_limit_mA_cm2: number | null; // current of the step whose strip half could not be carried
  strip_limit_t_s: number | null;
  steps: CcdStep[];
}

export interface ProtocolReport {
  kind: ModelParams['protocol'];
  phase: string;
  cycles: CycleRecord[];
  cumulative_ce: number | null; // Π CE over completed cycles
  ccd: CcdRecord | null;
}

/** Plain-data protocol state (saved with the run, src/model/state.ts, so a reload continues exactly). */
export interface ProtocolState {
  phase: 'plate' | 'strip' | 'done';
  cycle: number;             // 1-based cycle or CCD step
  phaseStartT: number;
  phaseStartCharge: number;  // C/m²
  seiAtCycleStart: number;
  minVoltage: number;
  plateauSum: number;
  plateauTime: number;
  plated: number;            // mAh/cm² of the current cycle
  cycles: CycleRecord[];
  steps: CcdStep[];
  shortT: number | null;
  stripLimitT: number | null; // CCD: when a strip half could not be carried (the staircase ends there)
}

const MAX_CCD_STEPS = 200;

export class Protocol {
  state: ProtocolState;
  private readonly barrier: number;
  private readonly oxideResistance: number;

  /**
   * `builtParams`: the kernel parameters as built from `p` (toKernelParams), not the kernel's present
   * ones, which the protocol itself changes (a run loaded in a lithiated cycle has its barrier at 0).
   */
  constructor(private readonly p: ModelParams, kernel: Kernel, builtParams: Float64Array, saved?: ProtocolState) {
    this.barrier = builtParams[L.P_NUC_BARRIER];
    this.oxideResistance = builtParams[L.P_OXIDE_R];
    this.state = saved ?? {
      phase: 'plate', cycle: 1, phaseStartT: 0, phaseStartCharge: 0, seiAtCycleStart: 0, minVoltage: 0,
      plateauSum: 0, plateauTime: 0, plated: 0, cycles: [], steps: [], shortT: null, stripLimitT: null,
    };
    if (!saved) this.enterPhase(kernel, 'plate');
  }

  get done(): boolean { return this.state.phase === 'done'; }

  /** CCD: the current of step n (rounded to 1 nA/cm² so 0.1 + 8 × 0.1 reads 0.9) */
  private ccdCurrent(step: number): number {
    return Math.round((this.p.ccd_start_mA_cm2 + (step - 1) * this.p.ccd_step_mA_cm2) * 1e6) / 1e6;
  }

  private currentFor(): number {
    const s = this.state;
    const magnitude = this.p.protocol === 'ccd' ? this.ccdCurrent(s.cycle) : Math.abs(this.p.current_mA_cm2);
    return s.phase === 'strip' ? -magnitude : magnitude;
  }

  /** the kernel controls this state implies (also after the stability guard restored a snapshot) */
  applyControls(k: Kernel): void {
    const s = this.state;
    if (s.phase === 'done') { k.setParam(L.P_CURRENT, 0); return; }
    k.setParam(L.P_MODE, 0);
    k.setParam(L.P_CURRENT, mAcm2ToAm2(this.currentFor()));
    // a lithiated seed (solid solution left holding Li) nucleates without a barrier for a while
    const lithiated = this.p.protocol === 'cycle' && s.cycle >= 2 && s.cycle <= 1 + this.p.lithiophilic_cycles;
    k.setParam(L.P_NUC_BARRIER, lithiated ? 0 : this.barrier);
    // and is wetted by Li: its sites carry the plating current from the first cathodic step (no dip)
    k.setParam(L.P_SEED_WET, lithiated ? 1 : 0);
    // the native oxide (Mg, Al) is broken up by the first lithiation: its drop is gone once cycle 1's
    // plating is over (A:L66, A:L90: the oxide overpotentials are "diminished … postinitial cycle")
    const oxideBroken = this.p.protocol === 'cycle' && (s.cycle >= 2 || s.phase === 'strip');
    k.setParam(L.P_OXIDE_R, oxideBroken ? 0 : this.oxideResistance);
  }

  private enterPhase(k: Kernel, phase: ProtocolState['phase']): void {
    const st = k.stats();
    const s = this.state;
    s.phase = phase;
    s.phaseStartT = st[L.S_TIME];
    s.phaseStartCharge = st[L.S_CHARGE];
    this.applyControls(k);
    if (phase === 'done') return;
    if (phase === 'plate') {
      s.minVoltage = 0; s.plateauSum = 0; s.plateauTime = 0;
      if (this.p.protocol === 'cycle') s.seiAtCycleStart = st[L.S_SEI_UM];
      if (this.p.protocol === 'ccd') {
        s.steps.push({ index: s.cycle, current_mA_cm2: this.ccdCurrent(s.cycle), t_start_s: st[L.S_TIME], t_end_s: st[L.S_TIME], shorted: false });
      }
    }
  }

  /** time the next step should land on (0 = none) */
  eventTime(k: Kernel): number {
    const s = this.state;
    const st = k.stats();
    if (this.p.protocol === 'ccd') return s.phaseStartT + this.p.ccd_step_time_s / 2;
    if (s.phase === 'plate' && this.p.protocol === 'cycle') {
      const remaining = this.p.capacity_mAh_cm2 * 3.6e4 - (st[L.S_CHARGE] - s.phaseStartCharge);
      return remaining > 0 ? st[L.S_TIME] + remaining / mAcm2ToAm2(Math.abs(this.p.current_mA_cm2)) : 0;
    }
    return 0;
  }

  /** after an accepted step: record, and switch phase when due */
  afterStep(k: Kernel): void {
    const s = this.state;
    const st = k.stats();
    const t = st[L.S_TIME], dt = st[L.S_DT], v = st[L.S_VOLTAGE];
    if (s.phase === 'done') return;
    if (this.p.protocol === 'ccd') {
      const step = s.steps[s.steps.length - 1];
      step.t_end_s = t;
      if (st[L.S_SHORTED] === 1) {
        step.shorted = true; s.shortT = st[L.S_SHORT_T];
        this.enterPhase(k, 'done');
      } else if (t >= s.phaseStartT + this.p.ccd_step_time_s / 2 - 1e-9) {
        // each step is one symmetric-cell cycle: plate half the step time, strip the other half
        if (s.phase === 'plate') this.enterPhase(k, 'strip');
        else if (s.cycle >= MAX_CCD_STEPS) this.enterPhase(k, 'done');
        else { s.cycle++; this.enterPhase(k, 'plate'); }
      }
      return;
    }
    // cycling
    if (s.phase === 'plate') {
      if (v < s.minVoltage) s.minVoltage = v;
      const plated = chargeCm2ToMAh(st[L.S_CHARGE] - s.phaseStartCharge);
      if (plated >= this.p.capacity_mAh_cm2 / 2) { s.plateauSum += v * dt; s.plateauTime += dt; }
      if (plated >= this.p.capacity_mAh_cm2 - 1e-9) { s.plated = plated; this.enterPhase(k, 'strip'); }
    } else if (s.phase === 'strip' && v >= this.p.strip_cutoff_V) {
      this.endStrip(k);
    }
  }

  /**
   * The galvanostat found no potential carrying the stripping current: nothing left to strip. Cycling: the
   * end of this strip. CCD: the end of the staircase without a short (the working electrode's Li is used up
   * or cut off), recorded as such rather than as a failed run, once retries with smaller time steps have
   * failed too (`retriesLeft` false): ending the whole experiment on a transient would misreport it.
   */
  stripExhausted(k: Kernel, retriesLeft = false): boolean {
    if (this.state.phase !== 'strip') return false;
    if (this.p.protocol === 'cycle') { this.endStrip(k); return true; }
    if (this.p.protocol !== 'ccd' || retriesLeft) return false;
    const t = k.stats()[L.S_TIME];
    this.state.steps[this.state.steps.length - 1].t_end_s = t;
    this.state.stripLimitT = t;
    this.enterPhase(k, 'done');
    return true;
  }

  private endStrip(k: Kernel): void {
    const s = this.state;
    const st = k.stats();
    const stripped = -chargeCm2ToMAh(st[L.S_CHARGE] - s.phaseStartCharge);
    const plateau = s.plateauTime > 0 ? s.plateauSum / s.plateauTime : 0;
    s.cycles.push({
      index: s.cycle,
      plated_mAh_cm2: s.plated,
      stripped_mAh_cm2: stripped,
      ce: s.plated > 0 ? stripped / s.plated : 0,
      eta_nuc_mV: Math.max(0, (plateau - s.minVoltage) * 1e3),
      eta_plating_mV: Math.abs(plateau) * 1e3,
      dead_li_um: st[L.S_DEAD_UM],
      sei_um: st[L.S_SEI_UM] - s.seiAtCycleStart,
    });
    if (s.cycle >= this.p.cycles) { this.enterPhase(k, 'done'); return; }
    s.cycle++;
    this.enterPhase(k, 'plate');
  }

  report(): ProtocolReport {
    const s = this.state;
    const cumulative = s.cycles.length > 0 ? s.cycles.reduce((a, c) => a * c.ce, 1) : null;
    let ccd: CcdRecord | null = null;
    if (this.p.protocol === 'ccd') {
      const failed = s.steps.find((x) => x.shorted) ?? null;
      const limited = s.stripLimitT !== null ? s.steps[s.steps.length - 1] : null;
      ccd = {
        ccd_mA_cm2: failed ? failed.current_mA_cm2 : null,
        failed_at_step: failed ? failed.index : null,
        short_circuit_t_s: s.shortT,
        ended_by: s.phase !== 'done' ? null : failed ? 'short' : limited ? 'strip_limit' : 'last_step',
        strip_limit_mA_cm2: limited ? limited.current_mA_cm2 : null,
        strip_limit_t_s: s.stripLimitT,
        steps: s.steps.map((x) => ({ ...x })),
      };
    }
    return {
      kind: this.p.protocol, phase: s.phase, cycles: s.cycles.map((c) => ({ ...c })),
      cumulative_ce: cumulative, ccd,
    };
  }
}
