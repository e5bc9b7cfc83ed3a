// One CCD staircase run to its end (short, strip limit, failure or the protocol's last step), headless: the loop
// shared by the ablation script, the CCD test and the CCD benchmark (`npm run bench -- --ccd`).
import type { CcdRecord, CcdStep } from '../engine/protocol';
import { Run } from '../engine/run';

export interface CcdRun {
  preset: string;
  label: string;
  ccd_mA_cm2: number | null;
  short_t_s: number | null;
  wall_s: number;
  steps: number;
  lastStep: CcdStep | undefined; // the staircase step the run ended in
  endedBy: CcdRecord['ended_by'];
}

export async function runCcd(preset: string, seed: number, overrides = {}): Promise<CcdRun> {
  const run = new Run();
  const t0 = performance.now();
  const init = await run.init({ preset, seed, overrides });
  if (!init.ok) throw new Error(init.issues.map((i) => i.message).join('; '));
  let status = init.status;
  while (!status.finished && !status.failure && !status.short.occurred) {
    status = run.advance({ maxSteps: 5000, maxWallMs: 1000, stop: { kind: 'short' } });
  }
  if (status.failure) throw new Error(`${preset}: ${status.failure}`);
  const ccd = run.protocolReport().ccd!;
  return {
    preset, label: preset, ccd_mA_cm2: ccd.ccd_mA_cm2, short_t_s: ccd.short_circuit_t_s,
    wall_s: (performance.now() - t0) / 1000, steps: status.steps, lastStep: ccd.steps[ccd.steps.length - 1],
    endedBy: ccd.ended_by,
  };
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
