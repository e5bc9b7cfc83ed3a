// The Protocol folder's read-out (src/ui/protocol-readout.ts): the current a protocol applies, the CCD
// step or cycle number, and which controls the protocol overrides; on a real run, the current shown is the
// one the kernel applies.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';
import type { ProtocolReport } from '../../src/engine/protocol';
import { describeProtocol, formatCurrent, protocolCurrent, protocolOverrides } from '../../src/ui/protocol-readout';

const constant: ProtocolReport = { kind: 'constant', phase: 'constant', cycles: [], cumulative_ce: null, ccd: null };

describe('protocol read-out text', () => {
  it('formats a signed current density with a true minus sign', () => {
    expect(formatCurrent(0.30000000000000004)).toBe('0.3');
    expect(formatCurrent(-1.25)).toBe('−1.25');
    expect(formatCurrent(NaN)).toBe('—');
  });

  it('the constant protocol has no read-out and overrides nothing', () => {
    expect(describeProtocol(constant, { current_mA_cm2: 1, cycles: 1 })).toBeNull();
    expect(protocolCurrent(constant, 1)).toBeNull();
    expect(protocolOverrides('constant')).toEqual({ disabled: {}, onReset: {} });
  });

  it('CCD: the staircase current and step, not the schema current', () => {
    const report: ProtocolReport = {
      kind: 'ccd', phase: 'strip', cycles: [], cumulative_ce: null,
      ccd: {
        ccd_mA_cm2: null, failed_at_step: null, short_circuit_t_s: null,
        ended_by: null, strip_limit_mA_cm2: null, strip_limit_t_s: null,
        steps: [
          { index: 1, current_mA_cm2: 0.1, t_start_s: 0, t_end_s: 3600, shorted: false },
          { index: 2, current_mA_cm2: 0.2, t_start_s: 3600, t_end_s: 5000, shorted: false },
        ],
      },
    };
    expect(protocolCurrent(report, 1)).toBe(-0.2);
    expect(describeProtocol(report, { current_mA_cm2: 1, cycles: 1 }))
      .toEqual({ current: '−0.2', step: 'CCD step 2 (0.2 mA/cm²) · stripping, half 2 of 2' });
    const shorted: ProtocolReport = { ...report, phase: 'plate', ccd: { ...report.ccd!, ccd_mA_cm2: 0.2, failed_at_step: 2 } };
    expect(describeProtocol(shorted, { current_mA_cm2: 1, cycles: 1 })?.step).toBe('CCD step 2 (0.2 mA/cm²) · shorted');
    const limited: ProtocolReport = { ...report, phase: 'done', ccd: { ...report.ccd!, ended_by: 'strip_limit', strip_limit_mA_cm2: 0.2, strip_limit_t_s: 5000 } };
    expect(describeProtocol(limited, { current_mA_cm2: 1, cycles: 1 })?.step)
      .toBe('CCD step 2 (0.2 mA/cm²) · no short: the strip half ran out of connected Li');
    expect(Object.keys(protocolOverrides('ccd').disabled).sort()).toEqual(['current_mA_cm2', 'mode']);
  });

  it('cycling: ±|j| and the cycle number of the total', () => {
    const report: ProtocolReport = {
      kind: 'cycle', phase: 'plate', cumulative_ce: 0.99, ccd: null,
      cycles: [{ index: 1 } as ProtocolReport['cycles'][number]],
    } as unknown as ProtocolReport;
    expect(describeProtocol(report, { current_mA_cm2: 2, cycles: 3 })).toEqual({ current: '2', step: 'cycle 2 of 3 · plating' });
    expect(describeProtocol({ ...report, phase: 'strip' }, { current_mA_cm2: 2, cycles: 3 })?.current).toBe('−2');
    expect(describeProtocol({ ...report, phase: 'done' }, { current_mA_cm2: 2, cycles: 3 })).toEqual({ current: '0', step: 'cycle 1 of 3 · finished' });
    expect(protocolOverrides('cycle').onReset).toHaveProperty('current_mA_cm2');
    expect(protocolOverrides('cycle').disabled).toHaveProperty('mode');
  });

  it('a real CCD run: the read-out follows the engine through step 1 into step 2 and shows the current the kernel applies', async () => {
    const run = new Run();
    // a short staircase on a small 2D grid: 20 s steps
    const init = await run.init({
      preset: 'ccd-lpscl', seed: 1, backend: 'wasm-simd',
      overrides: { width_um: 16, height_um: 32, ccd_step_time_s: 20, ccd_start_mA_cm2: 0.5, ccd_step_mA_cm2: 0.25 },
    });
    expect(init.ok).toBe(true);
    const params = { current_mA_cm2: 1, cycles: 1 };
    const seen: string[] = [];
    const currents = new Set<string>();
    let compared = 0;
    for (let i = 0; i < 400 && run.status().t_s < 30; i++) {
      const before = describeProtocol(run.protocolReport(), params)!;
      run.advance({ maxSteps: 1, maxWallMs: 10_000 });
      const after = describeProtocol(run.protocolReport(), params)!;
      if (seen.at(-1) !== after.step) seen.push(after.step);
      currents.add(after.current);
      // within a phase, the read-out is the current the kernel applied in that step
      if (before.step === after.step) {
        expect(after.current).toBe(formatCurrent(run.samples(0).at(-1)!.current_mA_cm2));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    expect(seen.slice(0, 3)).toEqual([
      'CCD step 1 (0.5 mA/cm²) · plating, half 1 of 2',
      'CCD step 1 (0.5 mA/cm²) · stripping, half 2 of 2',
      'CCD step 2 (0.75 mA/cm²) · plating, half 1 of 2',
    ]);
    // the schema's constant 1 mA/cm² is never what the read-out shows
    expect(currents.has('1')).toBe(false);
    expect([...currents]).toEqual(expect.arrayContaining(['0.5', '−0.5', '0.75']));
  }, 120_000);
});
