// The stability guard (src/engine/run.ts): a failed step is retried from the last snapshot with half the
// largest time step; once the run has passed the failure, dt_max and the retry budget come back. Before,
// both were kept for the rest of the run, so a long cycling run slowed 4× after two stiff moments and
// stopped at its sixth retry however far apart they were (liquid-ag-1mA, cycle 13 of 120).
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import { Run } from '../../src/engine/run';
import { decodeState } from '../../src/model/state';

const CONFIG = { preset: 'liquid-cu-1mA', overrides: { width_um: 16, height_um: 16 }, seed: 5, backend: 'wasm-simd' as const };

function guardRetries(run: Run): number {
  const decoded = decodeState(run.saveState());
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.state.run.guardRetries;
}

describe('stability guard', () => {
  it('each incident gets its own retries; dt_max is restored once the run is past the failure', async () => {
    const run = new Run();
    expect((await run.init(CONFIG)).ok).toBe(true);
    run.advance({ maxSteps: 60, maxWallMs: 1e9 });
    const dtMax = run.kernelForTests.params[L.P_DT_MAX];
    expect(dtMax).toBe(10);
    // more incidents than the per-incident budget (6), each a NaN in φ that fails the next step
    for (let incident = 0; incident < 8; incident++) {
      run.kernelForTests.view('phi')[7] = Number.NaN;
      run.advance({ maxSteps: 1, maxWallMs: 1e9 });
      expect(run.status().failure, `incident ${incident}`).toBeNull();
      expect(guardRetries(run), `incident ${incident}`).toBe(1);
      expect(run.kernelForTests.params[L.P_DT_MAX]).toBeLessThan(dtMax);
      run.advance({ maxSteps: 80, maxWallMs: 1e9 });
      expect(guardRetries(run), `incident ${incident}`).toBe(0);
      expect(run.kernelForTests.params[L.P_DT_MAX]).toBe(dtMax);
    }
    expect(run.status().failure).toBeNull();
  });

  it('a failure that persists still stops the run after 6 retries, with the message', async () => {
    const run = new Run();
    expect((await run.init(CONFIG)).ok).toBe(true);
    run.advance({ maxSteps: 30, maxWallMs: 1e9 });
    for (let i = 0; i < 10 && !run.status().failure; i++) {
      run.kernelForTests.view('phi')[7] = Number.NaN;
      run.advance({ maxSteps: 1, maxWallMs: 1e9 });
    }
    expect(run.status().failure).toMatch(/stopped after 6 retries/);
  });
});
