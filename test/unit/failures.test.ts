// Failure messages name the parameter and give its value in the unit the user set it in.
import { describe, expect, it } from 'vitest';
import * as L from '../../assembly/layout';
import type { Kernel } from '../../src/engine/kernel';
import { describeFailure } from '../../src/engine/failures';
import { mAcm2ToAm2 } from '../../src/model/units';

function kernelWith(value: number): Kernel {
  const st = new Float64Array(L.S_COUNT);
  st[L.S_FAIL_VALUE] = value;
  st[L.S_TIME] = 100690;
  const params = new Float64Array(L.P_COUNT);
  params[L.P_DX] = 0.5;
  return { stats: () => st, params, nx: 64, ny: 96, nz: 1 } as unknown as Kernel;
}

describe('describeFailure', () => {
  it('reports the current of a galvanostatic failure in mA/cm², as current_mA_cm2 is set', () => {
    const msg = describeFailure(L.F_GALVANO, kernelWith(mAcm2ToAm2(-2.8))); // the kernel holds A/m²
    expect(msg).toMatch(/current_mA_cm2/);
    expect(msg).toContain('value -2.800 mA/cm²');
    expect(msg).toContain('t = 100690 s');
  });

  it('reports a field value as it is, with the place in µm', () => {
    const msg = describeFailure(L.F_XI_BOUNDS, kernelWith(1.25));
    expect(msg).toContain('value 1.250,');
    expect(msg).toMatch(/at x = 0\.25 µm, y = 0\.25 µm/);
  });
});
