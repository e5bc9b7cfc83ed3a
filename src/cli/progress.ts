// Terminal progress bar on stderr; silent when stderr is not a TTY (CI logs stay clean).
import type { RunStatus, StopCondition } from '../engine/types';

/** Fraction of the stop horizon reached, or null when the stop has no horizon ('short'). */
export function stopFraction(stop: StopCondition, s: RunStatus): number | null {
  switch (stop.kind) {
    case 'time': return Math.min(1, s.t_s / stop.t_s);
    case 'capacity': return Math.min(1, s.charge_mAh_cm2 / stop.mAh_cm2);
    case 'steps': return Math.min(1, s.steps / stop.steps);
    case 'short': return null;
  }
}

const fmt = (x: number, digits = 4): string => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : String(x));

export function progressLine(stop: StopCondition, s: RunStatus, width = 24): string {
  const f = stopFraction(stop, s);
  const bar = f === null ? '' : `[${'#'.repeat(Math.round(f * width)).padEnd(width, '.')}] ${(f * 100).toFixed(1)}%  `;
  let target = '';
  if (stop.kind === 'time') target = ` / ${fmt(stop.t_s)}`;
  let extra = '';
  if (stop.kind === 'capacity') extra = `  Q ${fmt(s.charge_mAh_cm2)} / ${fmt(stop.mAh_cm2)} mAh/cm²`;
  if (stop.kind === 'short') extra = `  front ${fmt(s.max_height_um)} µm`;
  return `${bar}t ${fmt(s.t_s)}${target} s  steps ${s.steps}${stop.kind === 'steps' ? ` / ${stop.steps}` : ''}` +
    `  V ${fmt(s.voltage_V)} V${extra}`;
}

export interface ProgressStream { isTTY?: boolean; write(text: string): unknown }

export class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly stream: ProgressStream, private readonly stop: StopCondition,
    private readonly minIntervalMs = 100) {}

  get enabled(): boolean { return this.stream.isTTY === true; }

  update(s: RunStatus, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < this.minIntervalMs) return;
    this.last = now;
    this.shown = true;
    this.stream.write(`\r${progressLine(this.stop, s)}\x1b[K`);
  }

  /** final state of the bar, then a newline so later output starts on its own line */
  done(s: RunStatus): void {
    if (!this.enabled) return;
    this.update(s, true);
    if (this.shown) this.stream.write('\n');
  }
}
