// Classroom scenarios as data (no DOM): a preset, a seed, a few sentences for students, what to
// watch for and the key moment at which the run pauses. Scenarios whose physics is not in the model
// yet carry `requires` and are shown as "coming soon"; they are never run with stand-in physics.
import type { ParamValues } from '../engine/types';

export type KeyMoment =
  | { kind: 'short' }
  | { kind: 'time'; t_s: number }
  | { kind: 'capacity'; mAh_cm2: number }
  /** the nucleation dip in the voltage series has passed: see KeyMomentWatch */
  | { kind: 'nucleation-dip' };

export interface Scenario {
  id: string;
  title: string;
  /** preset id; for a `requires` scenario, the preset planned in that issue */
  preset: string;
  overrides?: ParamValues;
  /** why the overrides do not change the lesson (required with overrides) */
  overridesWhy?: string;
  seed: number;
  /** 3–5 short sentences for students */
  sentences: string[];
  /** 1–3 bullet points */
  watchFor: string[];
  keyMoment: KeyMoment;
  /** what the key moment means, shown in the callout */
  keyText: string;
  pauseAtKeyMoment: true;
  /** a caveat about the model that a teacher should know */
  note?: string;
  /** a feature the model does not have yet: the scenario is "coming soon" and cannot start */
  requires?: string;
  /** for a `requires` scenario: what it will show */
  preview?: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'faraday-flat-film',
    title: "Faraday's law: plating a flat film",
    preset: 'planar-1mA',
    seed: 1,
    sentences: [
      'When the cell charges, lithium ions from the electrolyte take up electrons at the negative electrode and become lithium metal.',
      "Faraday's law counts them: one electron passed plates one lithium atom, so the charge passed fixes how much lithium is plated.",
      '1 mA on every cm² for one hour is 1 mAh/cm²; as dense lithium that is a layer 4.85 µm thick.',
      'Here the surface starts flat (a 4 µm lithium film) and the current is the same everywhere, so the film just gets thicker.',
    ],
    watchFor: [
      'The lithium layer (light) rising towards the counter electrode and staying flat.',
      'The mean thickness growing in step with the charge passed.',
      'The voltage staying almost constant, near −30 mV.',
    ],
    keyMoment: { kind: 'capacity', mAh_cm2: 1 },
    keyText: "1 mAh/cm² has passed: the film is 4.85 µm thicker, exactly as Faraday's law predicts.",
    pauseAtKeyMoment: true,
  },
  {
    id: 'nucleation-bare-cu',
    title: 'Nucleation on bare copper',
    preset: 'liquid-cu-1mA',
    seed: 1,
    sentences: [
      'An anode-less cell starts with bare copper: there is no lithium on it, so the first lithium must form new crystals, called nuclei.',
      'Forming a nucleus costs extra energy, so at first the cell needs a larger voltage: the voltage dips (the nucleation overpotential).',
      'Once nuclei exist, adding lithium to them is easier, and the voltage relaxes towards a steady plating value.',
      'The nuclei grow into separate islands, so the deposit starts rough instead of as a flat film.',
    ],
    watchFor: [
      'The voltage plot: a sharp dip to about −170 mV in the first seconds, then a slow relaxation.',
      'Islands of lithium appearing on the copper later in the run, then growing.',
    ],
    keyMoment: { kind: 'nucleation-dip' },
    keyText: 'The voltage dip has passed: the first nuclei have formed and the voltage relaxes as they grow. They are still too small to be drawn on the grid; continue to watch them become islands.',
    note: 'If the voltage jumps briefly when the first islands appear on the grid, that comes from how the model hands its nuclei over to the grid, not from the lesson.',
    pauseAtKeyMoment: true,
  },
  {
    id: 'short-circuit',
    title: 'How a short circuit happens',
    preset: 'short-demo',
    seed: 1,
    sentences: [
      'On bare copper, lithium grows from a few nuclei into columns instead of a flat film.',
      'The columns grow across the electrolyte towards the counter electrode; the current here is high (10 mA/cm²) and the gap small (16 µm), so it takes minutes.',
      'When one column touches the counter electrode, electrons flow straight through the metal instead of ions through the electrolyte: a short circuit.',
      'The cell voltage collapses to zero; in a real battery a short can heat the cell, which is why dendrites are a safety problem.',
    ],
    watchFor: [
      'Which column gets ahead of its neighbours.',
      'The red path marking the metal bridge at the moment of the short.',
      'The voltage jumping to 0 V at the short (the dashed line in the plots).',
    ],
    keyMoment: { kind: 'short' },
    keyText: 'A lithium column has bridged the gap to the counter electrode: the cell is short-circuited and its voltage is 0 V.',
    pauseAtKeyMoment: true,
  },
  // The paper's scenarios (Oh et al., Adv. Energy Mater. 2025); they need physics still to come.
  {
    id: 'liquid-loses-lithium',
    title: 'Why liquid electrolytes lose lithium',
    preset: 'liquid-mg-1mA',
    seed: 1,
    sentences: [
      'A liquid electrolyte touches the whole surface of the plated lithium, so every cycle some lithium reacts with it (forming the SEI) or is cut off as "dead" lithium.',
      'In the paper, all six seed metals lost lithium this way: for most, the Coulombic efficiency settled near 99 % per cycle.',
      '99 % sounds good, but 0.99¹²⁰ ≈ 0.30: after 120 cycles only about a third of the lithium is left.',
    ],
    watchFor: [
      'Lithium islands that lose contact with the collector when the cell discharges.',
      'The cumulative efficiency falling cycle after cycle.',
    ],
    keyMoment: { kind: 'capacity', mAh_cm2: 1 },
    keyText: 'The first cycle is complete: the lithium that did not come back is lost for good.',
    pauseAtKeyMoment: true,
    requires: 'SEI and dead-Li cycling (issue 5)',
    preview: 'It will plate and strip lithium over several cycles and count the lithium lost to the SEI and to dead lithium in each one.',
  },
  {
    id: 'seeds-mg-vs-ag',
    title: 'Seeds: Mg vs Ag',
    preset: 'liquid-mg-1mA',
    seed: 1,
    sentences: [
      'A 100 nm layer of a "lithiophilic" metal on the copper helps lithium nucleate and spread.',
      'In the paper, silver gave the finest lithium grains, while magnesium gave coarse but the most uniform deposits.',
      'Magnesium dissolves into the growing lithium, silver stays at the collector; in a solid electrolyte, magnesium kept its voltage smooth for many cycles.',
    ],
    watchFor: [
      'The size of the nucleation dip on each seed.',
      'How far the lithium spreads sideways before growing up.',
    ],
    keyMoment: { kind: 'nucleation-dip' },
    keyText: 'The nucleation dip has passed: compare its depth on the two seeds.',
    pauseAtKeyMoment: true,
    requires: 'seed metals (issue 5)',
    preview: 'It will grow lithium on Mg and on Ag side by side, comparing the nucleation dip and the deposit they give.',
  },
  {
    id: 'solid-electrolyte-short',
    title: 'How a solid electrolyte shorts',
    preset: 'lpscl-cu-20MPa',
    seed: 1,
    sentences: [
      'A solid electrolyte (here LPSCl) touches lithium only on a flat interface, so far less lithium is lost to side reactions than in a liquid.',
      'But the solid is made of grains, and where lithium plates unevenly it can creep along the grain boundaries.',
      'In the paper, most seed metals in the solid cell failed by a short circuit through the electrolyte, not by losing lithium.',
    ],
    watchFor: [
      'Lithium entering the grain boundaries of the electrolyte.',
      'The voltage collapsing when the lithium reaches the other side.',
    ],
    keyMoment: { kind: 'short' },
    keyText: 'Lithium has crossed the solid electrolyte along its grain boundaries: the cell is short-circuited.',
    pauseAtKeyMoment: true,
    requires: 'solid-electrolyte mechanics (issue 4)',
    preview: 'It will show lithium penetrating a grainy LPSCl electrolyte under stack pressure until the cell shorts.',
  },
  {
    id: 'screw-effect-lif',
    title: 'Engineering the electrolyte: screw effect + LiF',
    preset: 'ccd-dual-lif',
    seed: 1,
    sentences: [
      'The paper stopped the shorts with two tricks: a second electrolyte layer (LSPS) and LiF particles mixed into the LPSCl.',
      'Where lithium reaches the LSPS layer, the LSPS decomposes and expands; the stress squeezes the lithium tip and stops it (the "screw effect").',
      'LiF has a high interfacial energy with lithium: it repels lithium, which is then less able to push into the electrolyte.',
      'Together they raised the highest current the cell survives from 0.9 to 2.9 mA/cm².',
    ],
    watchFor: [
      'The stress around a lithium tip that enters the LSPS layer.',
      'The current at which each electrolyte design shorts.',
    ],
    keyMoment: { kind: 'short' },
    keyText: 'The engineered electrolyte has finally shorted: compare the current it reached with the 0.9 mA/cm² of plain LPSCl.',
    pauseAtKeyMoment: true,
    requires: 'solid-electrolyte mechanics, the screw effect and LiF (issue 4)',
    preview: 'It will raise the current step by step on plain LPSCl and on the dual layer with LiF, and show where each one shorts.',
  },
];

export const SCENARIO_BY_ID: Readonly<Record<string, Scenario>> = Object.fromEntries(SCENARIOS.map((s) => [s.id, s]));

export const isAvailable = (s: Scenario): boolean => s.requires === undefined;

/** The part of a run status the key moments look at. */
export interface MomentStatus { t_s: number; charge_mAh_cm2: number; short: { occurred: boolean } }

/** Minimum depth of a nucleation dip (V) and the fraction of it the voltage must have recovered. */
export const DIP_MIN_DEPTH_V = 0.01;
export const DIP_RECOVERY = 0.5;

/**
 * Follows a run and reports when its key moment is reached (once per run). The nucleation dip is
 * read from the recorded time series (samples, as plotted), not from statuses: the per-step voltage
 * has a sub-second transient that the plot never shows. Plating voltages are negative; the dip is
 * the most negative sample, passed once the voltage has come back by DIP_RECOVERY of its depth
 * below the first sample (the dip is then visible on the plot as a drop and a relaxation).
 */
export class KeyMomentWatch {
  private v0 = NaN;
  private vMin = Infinity;
  private dipPassed = false;
  private done = false;

  constructor(readonly moment: KeyMoment) {}

  /** Feed one time-series sample, in order. */
  sample(row: { voltage_V: number }): void {
    const v = row.voltage_V;
    if (this.dipPassed || !Number.isFinite(v)) return;
    if (Number.isNaN(this.v0)) this.v0 = v;
    this.vMin = Math.min(this.vMin, v);
    const depth = this.v0 - this.vMin;
    this.dipPassed = depth >= DIP_MIN_DEPTH_V && v - this.vMin >= DIP_RECOVERY * depth;
  }

  /** True exactly once: at the first status at or past the key moment. */
  update(s: MomentStatus): boolean {
    if (this.done) return false;
    this.done = this.test(s);
    return this.done;
  }

  private test(s: MomentStatus): boolean {
    const m = this.moment;
    switch (m.kind) {
      case 'short': return s.short.occurred;
      case 'time': return s.t_s >= m.t_s * (1 - 1e-9);
      case 'capacity': return s.charge_mAh_cm2 >= m.mAh_cm2 * (1 - 1e-6);
      case 'nucleation-dip': return this.dipPassed;
    }
  }
}
