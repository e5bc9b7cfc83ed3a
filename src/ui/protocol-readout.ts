// What a protocol is doing, shown at the top of the Protocol folder: while the CCD staircase or the
// plate/strip cycling drives the current (src/engine/protocol.ts), the schema's current_mA_cm2 is not
// what the cell sees, so the panel shows the current the protocol applies (live, read-only), with the
// CCD step or cycle number and phase from the same report, and marks the controls it overrides.
import type { ProtocolReport } from '../engine/protocol';

export type ProtocolKind = ProtocolReport['kind'];

export interface ProtocolReadoutText {
  /** signed current density applied now, mA/cm² (> 0 plates on the collector) */
  current: string;
  /** "CCD step 3 (0.3 mA/cm²) · plating, half 1 of 2" / "cycle 2 of 3 · stripping" */
  step: string;
}

const PHASE: Record<string, string> = { plate: 'plating', strip: 'stripping', done: 'finished' };

/** a current density as text: 4 significant digits, a true minus sign */
export function formatCurrent(mA_cm2: number): string {
  if (!Number.isFinite(mA_cm2)) return '—';
  const v = Number(mA_cm2.toPrecision(4));
  return `${v < 0 ? '−' : ''}${Math.abs(v)}`;
}

/**
 * The current the protocol sets in its present phase, mA/cm² (Protocol.applyControls writes the same
 * into the kernel: CCD, the current of the last step, cycling ±|current_mA_cm2|; 0 when done).
 */
export function protocolCurrent(report: ProtocolReport, current_mA_cm2: number): number | null {
  if (report.kind === 'constant') return null;
  if (report.phase === 'done') return 0;
  const magnitude = report.kind === 'ccd' ? report.ccd?.steps.at(-1)?.current_mA_cm2 ?? NaN : Math.abs(current_mA_cm2);
  return report.phase === 'strip' ? -magnitude : magnitude;
}

/** Read-out text of a protocol run; null for the constant protocol (the current control is the truth). */
export function describeProtocol(
  report: ProtocolReport, params: { current_mA_cm2: number; cycles: number },
): ProtocolReadoutText | null {
  if (report.kind === 'constant') return null;
  const current = formatCurrent(protocolCurrent(report, params.current_mA_cm2) ?? NaN);
  const phase = PHASE[report.phase] ?? report.phase;
  if (report.kind === 'ccd') {
    const steps = report.ccd?.steps ?? [];
    const last = steps.at(-1);
    if (!last) return { current, step: `CCD · ${phase}` };
    if (report.ccd?.failed_at_step) {
      return { current, step: `CCD step ${report.ccd.failed_at_step} (${formatCurrent(report.ccd.ccd_mA_cm2 ?? NaN)} mA/cm²) · shorted` };
    }
    if (report.ccd?.ended_by === 'strip_limit') {
      return { current, step: `CCD step ${last.index} (${formatCurrent(last.current_mA_cm2)} mA/cm²) · no short: the strip half ran out of connected Li` };
    }
    const half = report.phase === 'strip' ? ', half 2 of 2' : report.phase === 'plate' ? ', half 1 of 2' : '';
    return { current, step: `CCD step ${last.index} (${formatCurrent(last.current_mA_cm2)} mA/cm²) · ${phase}${half}` };
  }
  const done = report.cycles.length;
  const cycle = report.phase === 'done' ? done : Math.min(done + 1, params.cycles);
  return { current, step: `cycle ${cycle} of ${params.cycles} · ${phase}` };
}

/** Controls a protocol overrides, with the note shown beside each. */
export function protocolOverrides(kind: ProtocolKind): { disabled: Record<string, string>; onReset: Record<string, string> } {
  if (kind === 'ccd') {
    return {
      disabled: {
        current_mA_cm2: 'not used: the CCD staircase sets the current (applied current above)',
        mode: 'galvanostatic while the CCD staircase runs',
      },
      onReset: {},
    };
  }
  if (kind === 'cycle') {
    return {
      disabled: { mode: 'galvanostatic while cycling' },
      onReset: { current_mA_cm2: 'cycling plates at +|j| and strips at −|j| (applied current above); a change applies on reset' },
    };
  }
  return { disabled: {}, onReset: {} };
}

/** The read-out rows (DOM), placed first in the Protocol folder; hidden for the constant protocol. */
export class ProtocolReadout {
  readonly element: HTMLElement;
  private readonly currentValue: HTMLElement;
  private readonly stepValue: HTMLElement;

  constructor(container: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'protocol-readout';
    this.element.dataset.testid = 'protocol-readout';
    this.element.hidden = true;
    const row = (label: string, testid: string, title: string): HTMLElement => {
      const r = document.createElement('div');
      r.className = 'readout-row';
      r.title = title;
      const name = document.createElement('span');
      name.className = 'readout-name';
      name.textContent = label;
      const value = document.createElement('span');
      value.className = 'readout-value';
      value.dataset.testid = testid;
      r.append(name, value);
      this.element.append(r);
      return value;
    };
    this.currentValue = row('applied current (mA/cm²)', 'applied-current',
      'Current density the protocol applies now (read-only); > 0 plates Li on the collector, < 0 strips it.');
    this.stepValue = row('protocol step', 'protocol-step', 'CCD step (with its current) or cycle number, and the phase.');
    container.prepend(this.element);
  }

  show(text: ProtocolReadoutText | null): void {
    this.element.hidden = text === null;
    if (!text) return;
    if (this.currentValue.textContent !== text.current) this.currentValue.textContent = text.current;
    if (this.stepValue.textContent !== text.step) this.stepValue.textContent = text.step;
  }
}
