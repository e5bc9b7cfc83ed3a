// --frames N: when to capture ξ frames, and how many steps the next advance() may take so a
// frame is not overshot by much.
//  - stops with a horizon (time, capacity, steps): N frames at fractions k/(N−1) of it, k = 0…N−1
//    (frame 0 = initial state, last = the stop; N = 1: the stop only);
//  - --until short (no horizon): a frame every N steps from step 0, plus the final state.
import type { RunStatus, StopCondition } from '../engine/types';
import { stopFraction } from './progress';

export const MAX_STEPS_PER_ADVANCE = 200;

export class FrameSchedule {
  private next = 0;                      // index of the next frame
  private lastF = 0;
  private lastSteps = 0;
  private ratePerStep = 0;               // observed Δfraction per step
  readonly byHorizon: boolean;

  constructor(private readonly stop: StopCondition, private readonly n: number) {
    this.byHorizon = stop.kind !== 'short';
  }

  private target(k: number): number {
    return this.n === 1 ? 1 : k / (this.n - 1);
  }

  get remaining(): boolean { return this.byHorizon ? this.next < this.n : true; }

  /** true when the frame at this status should be written (advances the schedule) */
  due(s: RunStatus): boolean {
    if (!this.byHorizon) {
      if (s.steps >= this.next * this.n) { this.next = Math.floor(s.steps / this.n) + 1; return true; }
      return false;
    }
    if (this.next >= this.n) return false;
    const f = stopFraction(this.stop, s)!;
    if (f < this.target(this.next) - 1e-9 && !(s.finished && this.next === this.n - 1)) return false;
    while (this.next < this.n && this.target(this.next) <= f + 1e-9) this.next++;
    if (s.finished) this.next = this.n;
    return true;
  }

  /** steps for the next advance(): up to the next frame (estimated from the observed rate) */
  maxSteps(s: RunStatus): number {
    if (!this.byHorizon) return Math.max(1, Math.min(MAX_STEPS_PER_ADVANCE, this.next * this.n - s.steps));
    if (this.next >= this.n) return MAX_STEPS_PER_ADVANCE;
    const f = stopFraction(this.stop, s)!;
    if (s.steps > this.lastSteps && f > this.lastF) this.ratePerStep = (f - this.lastF) / (s.steps - this.lastSteps);
    this.lastF = f;
    this.lastSteps = s.steps;
    if (this.ratePerStep <= 0) return 1;   // probe until the rate is known
    const n = Math.ceil((this.target(this.next) - f) / this.ratePerStep);
    return Math.max(1, Math.min(MAX_STEPS_PER_ADVANCE, n));
  }
}
