// Seed metals (physics.md §5, §8 check 10): the liquid screen reproduces the orderings Oh et al. 2025
// report (A:L66, A:L79–81); the LPSCl block at the end checks the LPSCl η_nuc ordering (A:L90). It runs the presets' own 64 × 48 µm section, one
// seed (as `npm run screen` does; ~80 s for the seven runs): on a reduced 40 × 24 µm section the Zn run
// stalls in the kernel once its intermetallic seed is full (dt ≈ 2e-4 s, an open kernel issue). The
// table values are the production ones (src/model/seeds.ts), not tuned here.
import { beforeAll, describe, expect, it } from 'vitest';
import { runScreen, type MetalResult } from '../../src/cli/screen';
import { SEED_METALS, SEED_TABLE, type SeedMetal } from '../../src/model/seeds';

const SEEDS = [1];
const OVERRIDES = {};
/**
 * 0.8 of the paper's 1 mAh/cm²: the nuclei are written into ξ by ~0.3, so the plateau (last half of the
 * plating) is already the growth of the resolved deposit, with no native-oxide drop left in it
 */
const CAPACITY = 0.8;
const results = {} as Record<SeedMetal, MetalResult[]>;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

type Metric = 'eta_nuc_mV' | 'surface_area_ratio' | 'mean_island_um' | 'roughness_um';
const med = (metal: SeedMetal, metric: Metric): number => median(results[metal].map((r) => r[metric] ?? NaN));
const table = (metric: Metric): string => SEED_METALS.map((m) => `${m} ${med(m, metric).toFixed(3)}`).join(', ');
const SEED_ONLY = SEED_METALS.filter((m) => m !== 'cu');

/** a reduced-grid run takes a few seconds; one still going after this is stuck, and the rest are skipped */
const MAX_WALL_S = 90;

describe('liquid seed screen (64 × 48 µm, 1 mA/cm² to 0.8 mAh/cm², seed 1)', () => {
  beforeAll(async () => {
    for (const m of SEED_METALS) results[m] = [];
    outer: for (const seed of SEEDS) {
      for (const metal of SEED_METALS) {
        const { screen } = await runScreen({
          electrolyte: 'liquid', seed, cycles: null, metals: [metal], overrides: OVERRIDES,
          maxWallSPerMetal: MAX_WALL_S, capacity_mAh_cm2: CAPACITY,
        });
        results[metal].push(screen.metals[0]);
        if (screen.metals[0].failure) break outer;
      }
    }
  }, 900_000);

  it('every run reaches its capacity without failure or short', () => {
    const failures = SEED_METALS.flatMap((m) => results[m].filter((r) => r.failure).map((r) => `${m}: ${r.failure}`));
    expect(failures).toEqual([]);
    for (const m of SEED_METALS) {
      expect(results[m].length, `${m}: runs done`).toBe(SEEDS.length);
      for (const r of results[m]) {
        expect(r.short_circuit, m).toBe(false);
        expect(r.eta_nuc_mV, m).not.toBeNull();
      }
    }
  });

  it('η_nuc: Ag, In, Sn, Zn below bare Cu; Al and Mg above; Mg the highest (A:L66, A:L90)', () => {
    const eta = (m: SeedMetal) => med(m, 'eta_nuc_mV');
    const msg = `η_nuc medians (mV): ${table('eta_nuc_mV')}`;
    for (const m of ['ag', 'in', 'sn', 'zn'] as const) expect(eta(m), `${m} < cu; ${msg}`).toBeLessThan(eta('cu'));
    for (const m of ['al', 'mg'] as const) expect(eta(m), `${m} > cu; ${msg}`).toBeGreaterThan(eta('cu'));
    for (const m of SEED_METALS.filter((x) => x !== 'mg')) expect(eta('mg'), `mg > ${m}; ${msg}`).toBeGreaterThan(eta(m));
  });

  it('Ag: the largest surface-area ratio of the six seeds (finest grains, A:L79)', () => {
    const msg = `surface-area medians: ${table('surface_area_ratio')}`;
    for (const m of SEED_ONLY.filter((x) => x !== 'ag')) {
      expect(med('ag', 'surface_area_ratio'), `ag > ${m}; ${msg}`).toBeGreaterThan(med(m, 'surface_area_ratio'));
    }
  });

  it('Mg and Sn: the coarsest deposits (largest mean island size, A:L79–81)', () => {
    const msg = `mean island medians (µm): ${table('mean_island_um')}`;
    const coarse = Math.min(med('mg', 'mean_island_um'), med('sn', 'mean_island_um'));
    for (const m of SEED_METALS.filter((x) => x !== 'mg' && x !== 'sn')) {
      expect(coarse, `mg, sn > ${m}; ${msg}`).toBeGreaterThan(med(m, 'mean_island_um'));
    }
  });

  it('Mg: the most uniform deposit (lowest roughness, A:L81)', () => {
    const msg = `roughness medians (µm): ${table('roughness_um')}`;
    for (const m of SEED_METALS.filter((x) => x !== 'mg')) {
      expect(med('mg', 'roughness_um'), `mg < ${m}; ${msg}`).toBeLessThan(med(m, 'roughness_um'));
    }
  });
});

// LPSCl (A:L90): η_nuc Al > Sn > Mg > In > Zn > Ag. The LPSCl contact angles of Al, Sn, In, Zn and Ag
// are calibrated to this ordering (src/model/seeds.ts, "calibrated to: LPSCl η_nuc …"), and Mg is placed
// by the one share of its native oxide that the 390 MPa assembly leaves (FRACTURED_OXIDE_SHARE; Mg keeps
// its liquid 20°, so it nucleates during its solid-solution alloy stage and would come out lowest without
// it). So this check guards the calibration on a reduced section — 64 µm wide as the presets (the site
// count and so the plateau depend on the width), 24 µm of electrolyte, to 0.6 mAh/cm² (the dip window,
// the first quarter, then holds 0.15 mAh/cm², more than the largest alloy capacity, Ag's 0.104) — and
// fails if the table, the alloy stage, the oxide rule or the kernel's nucleation change the order. Not
// checked: the paper's "significantly small" spread between metals; the model's LPSCl spread is not
// smaller than its liquid one (docs/model.md §9).
const LPSCL_ORDER = ['al', 'sn', 'mg', 'in', 'zn', 'ag'] as const satisfies readonly SeedMetal[];
const LPSCL_CELL = { height_um: 24 };
const LPSCL_CAPACITY = 0.6;

describe('LPSCl seed screen (64 × 24 µm, 1 mA/cm² to 0.6 mAh/cm², seed 1)', () => {
  const lpscl = {} as Record<SeedMetal, MetalResult>;
  beforeAll(async () => {
    for (const metal of LPSCL_ORDER) {
      const { screen } = await runScreen({
        electrolyte: 'lpscl', seed: 1, cycles: null, metals: [metal], overrides: LPSCL_CELL,
        maxWallSPerMetal: MAX_WALL_S, capacity_mAh_cm2: LPSCL_CAPACITY,
      });
      lpscl[metal] = screen.metals[0];
      if (screen.metals[0].failure) break;
    }
  }, 600_000);

  it('every run reaches its capacity on the calibrated LPSCl angle, without failure or short', () => {
    for (const m of LPSCL_ORDER) {
      expect(lpscl[m]?.preset, m).toBe(`lpscl-${m}-20MPa`);
      expect(lpscl[m].failure, m).toBeNull();
      expect(lpscl[m].short_circuit, m).toBe(false);
      if (m !== 'mg') expect(SEED_TABLE[m].lpscl.contact_angle_deg.source, m).toMatch(/^calibrated to: LPSCl η_nuc/);
    }
  });

  it('η_nuc: Al > Sn > Mg > In > Zn > Ag (A:L90)', () => {
    const eta = LPSCL_ORDER.map((m) => lpscl[m].eta_nuc_mV ?? NaN);
    const msg = `η_nuc (mV): ${LPSCL_ORDER.map((m, i) => `${m} ${eta[i]}`).join(', ')}`;
    for (let i = 0; i + 1 < eta.length; i++) {
      expect(eta[i], `${LPSCL_ORDER[i]} > ${LPSCL_ORDER[i + 1]}; ${msg}`).toBeGreaterThan(eta[i + 1]);
    }
  });
});
