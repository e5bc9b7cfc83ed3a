// A finished run continues when advance() is given a later stop condition.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';

describe('Run: stop conditions', () => {
  it('finishes at a stop time and continues to a later one', async () => {
    const run = new Run();
    expect((await run.init({ preset: 'planar-1mA' })).ok).toBe(true);
    const first = run.advance({ maxSteps: 100_000, maxWallMs: 60_000, stop: { kind: 'time', t_s: 10 } });
    const again = run.advance({ maxSteps: 100_000, maxWallMs: 60_000, stop: { kind: 'time', t_s: 10 } });
    expect(first.t_s).toBeCloseTo(10, 6);
    expect(again.finished).toBe(true);
    expect(again.steps).toBe(first.steps); // same stop: nothing more to do
    const later = run.advance({ maxSteps: 100_000, maxWallMs: 60_000, stop: { kind: 'time', t_s: 20 } });
    expect(later.t_s).toBeCloseTo(20, 6);
    expect(later.finished).toBe(true);
    expect(later.steps).toBeGreaterThan(first.steps);
  });
});
