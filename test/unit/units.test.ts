import { describe, expect, it } from 'vitest';
import * as K from '../../assembly/layout';
import {
  A_M2_PER_MA_CM2, C_M2_PER_MAH_CM2, FARADAY_C_MOL, F_M2_PER_UF_CM2, LI_MOLAR_VOLUME_M3_MOL,
  LI_SITE_DENSITY_MOL_M3, UM_LI_PER_MAH_CM2,
} from '../../src/model/constants';
import {
  chargeCm2ToMAh, faradayVelocityUmPerS, fromHong2018, mAcm2ToAm2, mAhCm2ToCm2, meVA2ToJm2,
  relaxationRatePerS, thermalFactorPerV, toKernelParams, uFcm2ToFm2, umPerMAhCm2,
} from '../../src/model/units';
import { defaultParams } from '../../src/model/schema';
import { PRESETS } from '../../src/model/presets';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('constants and conversions', () => {
  it('dense Li: Ω = M/ρ ≈ 1.30e-5 m³/mol and c_s ≈ 7.69e4 mol/m³', () => {
    expect(rel(LI_MOLAR_VOLUME_M3_MOL, 1.2998e-5)).toBeLessThan(1e-3);
    expect(rel(LI_SITE_DENSITY_MOL_M3, 7.693e4)).toBeLessThan(1e-3);
  });

  it('1 mAh/cm² of dense Li is 4.85 µm thick (±0.5 %)', () => {
    expect(rel(umPerMAhCm2(), 4.85)).toBeLessThan(0.005);
    expect(UM_LI_PER_MAH_CM2).toBeCloseTo(umPerMAhCm2(), 12);
  });

  it('current, capacitance and capacity units', () => {
    expect(A_M2_PER_MA_CM2).toBeCloseTo(10, 12);
    expect(mAcm2ToAm2(2.5)).toBeCloseTo(25, 12);
    expect(F_M2_PER_UF_CM2).toBeCloseTo(1e-2, 15);
    expect(uFcm2ToFm2(20)).toBeCloseTo(0.2, 12);
    expect(C_M2_PER_MAH_CM2).toBeCloseTo(3.6e4, 8);
    expect(mAhCm2ToCm2(1)).toBeCloseTo(3.6e4, 8);
    expect(chargeCm2ToMAh(mAhCm2ToCm2(0.37))).toBeCloseTo(0.37, 12);
  });

  it('interfacial energies in meV/Å²: LiF +44 → 0.705 J/m², LPSCl −33 → −0.529 J/m²', () => {
    expect(meVA2ToJm2(1)).toBeCloseTo(0.016022, 6);
    expect(meVA2ToJm2(44)).toBeCloseTo(0.705, 3);
    expect(meVA2ToJm2(-33)).toBeCloseTo(-0.529, 3);
  });

  it('Faraday velocity at 1 mA/cm² is 1.347e-3 µm/s', () => {
    expect(rel(faradayVelocityUmPerS(10), 1.347e-3)).toBeLessThan(5e-4);
    // one hour at that velocity plates exactly one mAh/cm² worth of Li
    expect(faradayVelocityUmPerS(10) * 3600).toBeCloseTo(umPerMAhCm2(), 10);
  });

  it('f = F/RT ≈ 38.92 /V at 298.15 K', () => {
    expect(thermalFactorPerV(298.15)).toBeCloseTo(38.922, 3);
  });
});

describe('toKernelParams', () => {
  it('fills every documented slot with finite numbers and a multiple-of-8 grid', () => {
    const { params, grid, dx } = toKernelParams({}, 2);
    expect(params.length).toBe(K.P_COUNT);
    expect(grid).toEqual([128, 64, 1]);
    expect(dx).toBe(0.5);
    for (let i = 0; i < K.P_T_END; i++) expect(Number.isFinite(params[i])).toBe(true);
    expect(toKernelParams({}, 3).grid).toEqual([128, 64, 64]);
  });

  it('L_η round trip: the flat-front exchange current 6ℓ·L_η·F·c_s equals i0', () => {
    for (const [i0, width, cs] of [[1, 2, LI_SITE_DENSITY_MOL_M3], [0.013, 0.8, 6e4], [250, 8, 9.5e4]]) {
      const dx = width / 4;
      const { params } = toKernelParams({
        exchange_current_mA_cm2: i0, interface_width_um: width, dx_um: dx, li_film_um: width,
        li_site_density_mol_m3: cs,
      }, 2);
      const ellM = params[K.P_ELL] * 1e-6;
      expect(params[K.P_ELL]).toBeCloseTo(width / 4, 14);
      expect(rel(6 * ellM * params[K.P_LETA] * FARADAY_C_MOL * cs, i0 * 10)).toBeLessThan(1e-12);
      expect(rel(params[K.P_FCS], FARADAY_C_MOL * cs * 1e-12)).toBeLessThan(1e-14);
    }
  });

  it('maps physical values to model units (µm, s, V)', () => {
    const { params } = toKernelParams({
      diffusivity_m2_s: 3e-10, salt_mol_m3: 1000, current_mA_cm2: 2, counter_exchange_current_mA_cm2: 5,
      double_layer_uF_cm2: 20, contact_angle_deg: 60, anisotropy_angle_deg: 30, gamma_J_m2: 0.5,
      electrolyte: 'solid', collector: 'bare', li_film_um: 0, mode: 'potentiostatic', bv_form: 'hong',
      curvature_flow: true,
    }, 2);
    expect(params[K.P_DL]).toBeCloseTo(300, 10);
    expect(params[K.P_DS]).toBeCloseTo(3, 10); // 1e-2 of D_l: a numerical floor inside the metal
    expect(params[K.P_CS_C0]).toBeCloseTo(LI_SITE_DENSITY_MOL_M3 / 1000, 10);
    expect(params[K.P_CURRENT]).toBeCloseTo(20, 12);
    expect(params[K.P_I0_CE]).toBeCloseTo(50, 12);
    expect(params[K.P_CDL]).toBeCloseTo(0.2, 12);
    expect(params[K.P_NUC_COS_THETA]).toBeCloseTo(0.5, 12);
    expect(params[K.P_ANISO_COS]).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect(params[K.P_ANISO_SIN]).toBeCloseTo(0.5, 12);
    // γΩ/F for γ = 0.5 J/m²: 6.7e-11 V·m = 6.7e-5 V·µm (0.067 mV at 1 µm radius)
    expect(rel(params[K.P_GT], 0.5 * LI_MOLAR_VOLUME_M3_MOL / FARADAY_C_MOL * 1e6)).toBeLessThan(1e-12);
    expect(params[K.P_NUC_R_CRIT_COEF]).toBeCloseTo(2 * params[K.P_GT], 15);
    expect([params[K.P_SOLID], params[K.P_NUC_ON], params[K.P_MODE], params[K.P_BV_FORM], params[K.P_CURV_FLOW]])
      .toEqual([1, 1, 1, 1, 1]);
    expect(params[K.P_SIGMA_FLOOR]).toBe(1e-3);
  });

  it('automatic L_σW keeps the profile relaxing mobility_factor× faster than the front moves', () => {
    const p = defaultParams(); // galvanostatic 1 mA/cm², δ = 2 µm
    const vRef = faradayVelocityUmPerS(10);
    expect(relaxationRatePerS(p)).toBeCloseTo(200 * vRef / (6 * 0.5), 12);
    const { params } = toKernelParams({}, 2);
    expect(params[K.P_LSIG_KAPPA]).toBeCloseTo(params[K.P_LSIG_W] * 2 * 0.5 ** 2, 14);
    // potentiostatic: symmetric BV current at |E|, floored by the 5 mV linear current
    const pot = { ...p, mode: 'potentiostatic' as const, electrode_potential_V: -0.2 };
    const f = thermalFactorPerV(p.temperature_K);
    expect(relaxationRatePerS(pot)).toBeCloseTo(200 * faradayVelocityUmPerS(10 * 2 * Math.sinh(f * 0.1)) / 3, 10);
    const zero = { ...pot, electrode_potential_V: 0 };
    expect(relaxationRatePerS(zero)).toBeCloseTo(200 * faradayVelocityUmPerS(10 * f * 0.005) / 3, 12);
    expect(relaxationRatePerS({ ...p, current_mA_cm2: 0 })).toBe(1e-3);
    expect(relaxationRatePerS({ ...p, relaxation_rate_per_s: 42 })).toBe(42);
  });

  it('throws with the validation issues for an invalid set', () => {
    expect(() => toKernelParams({ current_mA_cm2: -1000 }, 2)).toThrow(/current_mA_cm2 = -1000 is out of range \[-100, 100\]/);
  });
});

describe('Hong & Viswanathan 2018 mapping', () => {
  const released = PRESETS.hong2018.released as unknown as Parameters<typeof fromHong2018>[0];

  it('recovers the released model coefficients from physical parameters', () => {
    const mapped = fromHong2018(released);
    expect(mapped.interface_width_um).toBeCloseTo(1, 14);
    expect(mapped.relaxation_rate_per_s).toBeCloseTo(15, 14);
    const { params } = toKernelParams({ ...mapped, width_um: 100 }, 2);
    expect(rel(params[K.P_LETA], 0.001)).toBeLessThan(1e-9);
    expect(params[K.P_LSIG_W]).toBeCloseTo(15, 12);
    expect(params[K.P_LSIG_KAPPA]).toBeCloseTo(1.875, 12);
    expect(params[K.P_ELL]).toBeCloseTo(0.25, 14);
    // κ and W recovered with the released L: γ_model = √(2κW)/6 = 0.2
    const kappa = params[K.P_LSIG_KAPPA] / released.L;
    const W = params[K.P_LSIG_W] / released.L;
    expect(kappa).toBeCloseTo(0.3, 12);
    expect(W).toBeCloseTo(2.4, 12);
    expect(Math.sqrt(2 * kappa * W) / 6).toBeCloseTo(0.2, 12);
    expect(rel(params[K.P_FCS], 0.0074)).toBeLessThan(1e-12);
    expect(rel(params[K.P_FRT], 38.69)).toBeLessThan(1e-12);
    expect(rel(params[K.P_DL], 317.9)).toBeLessThan(1e-12);
    expect(rel(params[K.P_CS_C0], 5.5 * 14.89)).toBeLessThan(1e-12);
    expect(params[K.P_SIGMA_L]).toBe(1.19);
    expect(params[K.P_PHI_APPLIED]).toBe(-0.45);
    expect(params[K.P_NOISE]).toBe(0.04);
    expect([params[K.P_CURV_FLOW], params[K.P_BV_FORM], params[K.P_MODE], params[K.P_I0_CE]]).toEqual([1, 1, 1, 0]);
  });
});
