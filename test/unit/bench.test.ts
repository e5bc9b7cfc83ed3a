// Smoke test of the benchmark's measuring function (npm run bench): runs, returns sane numbers.
// Speed is not asserted; the numbers are reported by `npm run bench`.
import { describe, expect, it } from 'vitest';
import { measureStep } from '../../src/cli/bench';

describe('bench: measureStep', () => {
  it('times 2 coupled steps of the TS oracle on a tiny grid', async () => {
    const row = await measureStep('ts', [16, 32, 1], { warmup: 0, minSeconds: 0, minSteps: 2 });
    expect(row).toMatchObject({ name: 'coupled-step', grid: '16x32x1', backend: 'ts', steps: 2 });
    for (const v of [row.mcells_per_s, row.steps_per_s, row.wall_s]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
    }
  });
});
