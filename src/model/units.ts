// The one place where physical parameters become kernel model units (µm, s, V; concentrations
// normalised by c0) and back. Slot meanings are documented in assembly/layout.ts.
import * as K from '../../assembly/layout';
import type { ParamValues } from '../engine/types';
import {
  A_M2_PER_MA_CM2, C_M2_PER_MAH_CM2, FARADAY_C_MOL, F_M2_PER_UF_CM2, GAS_CONSTANT_J_MOL_K,
  J_M2_PER_MEV_A2, LI_SITE_DENSITY_MOL_M3, M_PER_UM,
} from './constants';
import type { ModelParams } from './schema';
import { gridDims, resolveParams } from './validate';
import { MAT_GB, MAT_GRAIN, MAT_LIF, MAT_LSPS, MAT_LSPS_GB, type Microstructure } from './microstructure';

// ---- plain conversions ----
export const mAcm2ToAm2 = (mA_cm2: number): number => mA_cm2 * A_M2_PER_MA_CM2;
export const am2ToMAcm2 = (A_m2: number): number => A_m2 / A_M2_PER_MA_CM2;
export const uFcm2ToFm2 = (uF_cm2: number): number => uF_cm2 * F_M2_PER_UF_CM2;
export const meVA2ToJm2 = (meV_A2: number): number => meV_A2 * J_M2_PER_MEV_A2;
export const mAhCm2ToCm2 = (mAh_cm2: number): number => mAh_cm2 * C_M2_PER_MAH_CM2;
/** Charge per area (C/m²) → areal capacity (mAh/cm²). */
export const chargeCm2ToMAh = (C_m2: number): number => C_m2 / C_M2_PER_MAH_CM2;
/** f = F/(RT) (1/V). */
export const thermalFactorPerV = (temperature_K: number): number =>
  FARADAY_C_MOL / (GAS_CONSTANT_J_MOL_K * temperature_K);

/** µm of dense Li per mAh/cm² at site density c_s (mol/m³); ≈ 4.85 for pure Li. */
export function umPerMAhCm2(c_s: number = LI_SITE_DENSITY_MOL_M3): number {
  return C_M2_PER_MAH_CM2 / (FARADAY_C_MOL * c_s) / M_PER_UM;
}

/** Faradaic front velocity (µm/s) of a flat front carrying current density i (A/m²). */
export function faradayVelocityUmPerS(current_A_m2: number, c_s: number = LI_SITE_DENSITY_MOL_M3): number {
  return current_A_m2 / (FARADAY_C_MOL * c_s) / M_PER_UM;
}

/** Interface half-width ℓ = δ/4 (µm). */
export const halfWidthUm = (p: Pick<ModelParams, 'interface_width_um'>): number => p.interface_width_um / 4;

/** Current density (A/m²) the interface is expected to carry; sets the automatic L_σW. */
export function referenceCurrentAm2(p: ModelParams): number {
  if (p.mode === 'galvanostatic') return mAcm2ToAm2(Math.abs(p.current_mA_cm2)); // stripping relaxes the profile too
  const i0 = mAcm2ToAm2(p.exchange_current_mA_cm2);
  const f = thermalFactorPerV(p.temperature_K);
  // Symmetric BV at the full applied potential, floored at the 5 mV linear-regime current.
  return Math.max(i0 * 2 * Math.sinh((f * Math.abs(p.electrode_potential_V)) / 2), i0 * f * 0.005);
}

/** L_σW (1/s): explicit, or mobility_factor × v_ref / (6ℓ) so the profile relaxes faster than it moves. */
export function relaxationRatePerS(p: ModelParams): number {
  if (p.relaxation_rate_per_s > 0) return p.relaxation_rate_per_s;
  const vRef = faradayVelocityUmPerS(referenceCurrentAm2(p), p.li_site_density_mol_m3);
  return Math.max(1e-3, (p.mobility_factor * vRef) / (6 * halfWidthUm(p)));
}

export interface KernelParams {
  params: Float64Array;             // length P_COUNT, slots from assembly/layout.ts
  grid: [number, number, number];   // [nx, ny, nz]
  dx: number;                       // µm
}

/** Validate (throws listing the issues), fill defaults, and fill the kernel parameter slots. */
export function toKernelParams(values: ParamValues, dims: 2 | 3): KernelParams {
  const p = resolveParams(values, dims);
  const out = new Float64Array(K.P_COUNT);
  const ell = halfWidthUm(p);
  const c_s = p.li_site_density_mol_m3;
  const omega = 1 / c_s;
  const f = thermalFactorPerV(p.temperature_K);
  const i0 = mAcm2ToAm2(p.exchange_current_mA_cm2);
  const dl = p.diffusivity_m2_s / (M_PER_UM * M_PER_UM);
  const lsigW = relaxationRatePerS(p);
  const angle = (p.anisotropy_angle_deg * Math.PI) / 180;
  const gibbsThomson = ((p.gamma_J_m2 * omega) / FARADAY_C_MOL) / M_PER_UM; // V·µm

  out[K.P_DX] = p.dx_um;
  out[K.P_ELL] = ell;
  out[K.P_LSIG_W] = lsigW;
  out[K.P_LSIG_KAPPA] = lsigW * 2 * ell * ell; // κ = 2Wℓ²
  out[K.P_CURV_FLOW] = p.curvature_flow ? 1 : 0;
  out[K.P_LETA] = i0 / (6 * ell * M_PER_UM * FARADAY_C_MOL * c_s); // flat-front exchange current = i0
  out[K.P_ALPHA] = p.alpha;
  out[K.P_FRT] = f;
  out[K.P_BV_FORM] = p.bv_form === 'hong' ? 1 : 0;
  out[K.P_GT] = gibbsThomson;
  out[K.P_ANISO] = p.anisotropy;
  out[K.P_ANISO_COS] = Math.cos(angle);
  out[K.P_ANISO_SIN] = Math.sin(angle);
  out[K.P_NOISE] = p.noise_per_s;
  out[K.P_SOLID] = p.electrolyte === 'solid' ? 1 : 0;
  out[K.P_DL] = dl;
  out[K.P_DS] = dl * 1e-2; // ε = D_s/D_l: floor of the electrolyte fraction ψ = (1−ξ) + εξ inside the metal; 1e-2 keeps the multigrid contrast moderate
  out[K.P_TPLUS] = p.transference;
  out[K.P_SIGMA_L] = p.conductivity_S_m;
  out[K.P_SIGMA_FLOOR] = 1e-3;
  out[K.P_CS_C0] = c_s / p.salt_mol_m3;
  out[K.P_FCS] = FARADAY_C_MOL * c_s * 1e-12;
  out[K.P_MODE] = p.mode === 'potentiostatic' ? 1 : 0;
  out[K.P_CURRENT] = mAcm2ToAm2(p.current_mA_cm2);
  out[K.P_PHI_APPLIED] = p.electrode_potential_V;
  out[K.P_I0_CE] = mAcm2ToAm2(p.counter_exchange_current_mA_cm2);
  out[K.P_DT_MAX] = p.dt_max_s;
  out[K.P_DT_MIN] = p.dt_min_s;
  out[K.P_DXI_MAX] = p.dxi_max;
  out[K.P_MG_TOL] = p.solver_tol;
  out[K.P_NUC_ON] = p.collector === 'bare' ? 1 : 0;
  out[K.P_NUC_DENSITY] = p.nucleation_sites_per_um2;
  out[K.P_NUC_NU0] = p.nucleation_attempt_per_s;
  out[K.P_NUC_BARRIER] = p.nucleation_barrier_V2;
  out[K.P_CDL] = uFcm2ToFm2(p.double_layer_uF_cm2);
  out[K.P_NUC_COS_THETA] = Math.cos((p.contact_angle_deg * Math.PI) / 180);
  out[K.P_NUC_R_CRIT_COEF] = 2 * gibbsThomson;
  out[K.P_TEMPERATURE] = p.temperature_K;
  // SEI: a flat interface loses i_sei/(nF c_s) of Li thickness per second (same h' normalisation as i0)
  out[K.P_SEI_RATE] = p.electrolyte === 'liquid' ? mAcm2ToAm2(p.sei_current_uA_cm2 * 1e-3) / (6 * ell * M_PER_UM * FARADAY_C_MOL * c_s) : 0;
  out[K.P_OXIDE_R] = p.oxide_resistance_ohm_cm2 * 1e-4; // Ω·cm² → Ω·m²
  out[K.P_ALLOY_CAP] = p.alloy_capacity_mAh_cm2 * umPerMAhCm2(c_s);
  out[K.P_ALLOY_TYPE] = p.alloy_type === 'intermetallic' ? 1 : 0;
  out[K.P_ALLOY_E0] = p.alloy_potential_V;
  const solid = p.electrolyte === 'solid';
  out[K.P_MATERIALS] = solid ? 1 : 0;
  out[K.P_MECH_ON] = solid ? 1 : 0;
  out[K.P_STACK_MPA] = p.stack_pressure_MPa;
  out[K.P_OMEGA_F] = (omega * 1e6) / FARADAY_C_MOL; // V per MPa
  out[K.P_GB_FRACTURE] = p.gb_fracture_MPa;
  out[K.P_LSPS_K] = p.lsps_decomposition_per_s;
  out[K.P_LSPS_BETA] = p.lsps_expansion;
  out[K.P_LI_E] = p.li_youngs_GPa * 1e3;
  out[K.P_LI_NU] = p.li_poisson;
  out[K.P_MECH_RESOLVE] = p.mechanics_resolve_dxi;
  out[K.P_DEAD_LI] = 1;

  const { grid } = gridDims(p, dims);
  return { params: out, grid, dx: p.dx_um };
}

// ---- Hong & Viswanathan 2018, released normalised set (µm, s, RT, V) ----

export interface Hong2018Released {
  kappa: number;     // gradient coefficient κ
  L: number;         // Allen–Cahn mobility L_σ
  Ls: number;        // reaction coefficient L_η (1/s)
  B: number;         // double-well height (W in the kernel's notation)
  W?: number;        // DerivativeTwoPhaseMaterial W (= B as released)
  M0: number;        // D_l × 1e12 (µm²/s)
  S1?: number;       // electrode conductivity (S/m); the kernel treats the metal as equipotential
  S2: number;        // electrolyte conductivity (S/m)
  AA: number;        // nF/RT (1/V)
  es?: number;       // ε_s
  el?: number;       // ε_l
  dv: number;        // site ratio C_m^s / C_m^l
  ft2: number;       // nF·c_s × 1e-12
  inv_c0: number;    // 1/c0 in C_m^l units (14.89)
  noise: number;     // Langevin amplitude on ξ
  applied: number;   // electrode potential (V)
  domain_um: number; // length in the growth direction
  ic_x0_um: number;  // initial front position
}

/**
 * Schema values that reproduce the released Hong 2018 set. γ is not mapped: in curvature-flow
 * mode the interface energy enters only through L_σκ and L_σW, which are set here directly.
 */
export function fromHong2018(r: Hong2018Released): Partial<ModelParams> {
  const ellUm = Math.sqrt(r.kappa / (2 * r.B));
  const c_s = (r.ft2 * 1e12) / FARADAY_C_MOL; // so that F·c_s·1e-12 = ft2 exactly
  const i0 = 6 * ellUm * M_PER_UM * r.Ls * FARADAY_C_MOL * c_s; // A/m², inverse of L_η
  return {
    interface_width_um: 4 * ellUm,
    relaxation_rate_per_s: r.L * r.B,
    curvature_flow: true,
    bv_form: 'hong',
    alpha: 0.5,
    li_site_density_mol_m3: c_s,
    exchange_current_mA_cm2: i0 / A_M2_PER_MA_CM2,
    diffusivity_m2_s: r.M0 * 1e-12,
    conductivity_S_m: r.S2,
    salt_mol_m3: c_s / (r.dv * r.inv_c0),
    temperature_K: FARADAY_C_MOL / (GAS_CONSTANT_J_MOL_K * r.AA),
    electrolyte: 'liquid',
    collector: 'film',
    mode: 'potentiostatic',
    electrode_potential_V: r.applied,
    counter_exchange_current_mA_cm2: 0, // φ = 0 Dirichlet on the counter side: ideal
    noise_per_s: r.noise,
    height_um: r.domain_um,
    li_film_um: r.ic_x0_um,
  };
}

// ---- solid electrolyte: per-cell material fields for the kernel ----

/** Young's modulus of LiF (GPa), an outside value (single crystal ≈ 65 GPa). */
export const LIF_YOUNGS_GPA = 65;

export interface MaterialFields {
  material: Float32Array;     // MAT_* ids
  conductivity: Float32Array; // S/m
  youngsMPa: Float32Array;
  poisson: Float32Array;
  wettingShiftV: Float32Array; // Ω·2γ_wall/(w F) for Li in a grain-boundary channel (V)
}

/**
 * Wetting of a grain-boundary channel of width w by Li, as the Laplace pressure 2γ_wall/w of its two
 * walls, turned into Li's chemical-potential shift Ω·p/F (V). γ < 0 (LPSCl) pulls Li in, γ > 0 (LiF) resists.
 */
export function wettingShiftV(gamma_meV_A2: number, gbWidthNm: number, c_s: number = LI_SITE_DENSITY_MOL_M3): number {
  const pressurePa = (2 * meVA2ToJm2(gamma_meV_A2)) / (gbWidthNm * 1e-9);
  return (pressurePa / c_s) / FARADAY_C_MOL;
}

export function toMaterialFields(p: ModelParams, m: Microstructure): MaterialFields {
  const n = m.material.length;
  const out: MaterialFields = {
    material: new Float32Array(n), conductivity: new Float32Array(n), youngsMPa: new Float32Array(n),
    poisson: new Float32Array(n), wettingShiftV: new Float32Array(n),
  };
  const se = p.se_youngs_GPa * 1e3, lsps = p.lsps_youngs_GPa * 1e3;
  const shiftLpscl = wettingShiftV(p.gamma_lpscl_meV_A2, p.gb_width_nm, p.li_site_density_mol_m3);
  const shiftLif = wettingShiftV(p.gamma_lif_meV_A2, p.gb_width_nm, p.li_site_density_mol_m3);
  for (let i = 0; i < n; i++) {
    const mat = m.material[i];
    out.material[i] = mat;
    out.poisson[i] = p.se_poisson;
    switch (mat) {
      case MAT_GRAIN: out.conductivity[i] = p.conductivity_S_m; out.youngsMPa[i] = se; break;
      case MAT_GB: out.conductivity[i] = p.conductivity_S_m * p.gb_conductivity_ratio; out.youngsMPa[i] = se * p.gb_youngs_ratio; break;
      case MAT_LIF: out.conductivity[i] = p.lif_conductivity_S_m; out.youngsMPa[i] = LIF_YOUNGS_GPA * 1e3; break;
      case MAT_LSPS: out.conductivity[i] = p.lsps_conductivity_S_m; out.youngsMPa[i] = lsps; break;
      case MAT_LSPS_GB: out.conductivity[i] = p.lsps_conductivity_S_m * p.gb_conductivity_ratio; out.youngsMPa[i] = lsps * p.gb_youngs_ratio; break;
      default: out.conductivity[i] = p.conductivity_S_m; out.youngsMPa[i] = p.li_youngs_GPa * 1e3; out.poisson[i] = p.li_poisson;
    }
    if (mat === MAT_GB || mat === MAT_LSPS_GB) out.wettingShiftV[i] = m.lifLined[i] ? shiftLif : shiftLpscl;
  }
  return out;
}
