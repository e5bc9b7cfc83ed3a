// Physical constants and unit-conversion factors (SI unless the name says otherwise).
// Derived values are computed here, never typed in, so they stay consistent with each other.

export const FARADAY_C_MOL = 96485.33212;
export const GAS_CONSTANT_J_MOL_K = 8.314462618;
export const ELEMENTARY_CHARGE_C = 1.602176634e-19;

export const LI_MOLAR_MASS_KG_MOL = 6.941e-3;
export const LI_DENSITY_KG_M3 = 534;
/** Ω_Li = M/ρ, molar volume of dense Li (m³/mol), ≈ 1.30e-5. */
export const LI_MOLAR_VOLUME_M3_MOL = LI_MOLAR_MASS_KG_MOL / LI_DENSITY_KG_M3;
/** c_s = 1/Ω_Li, Li site density of the metal (mol/m³), ≈ 7.69e4. */
export const LI_SITE_DENSITY_MOL_M3 = 1 / LI_MOLAR_VOLUME_M3_MOL;

export const M_PER_UM = 1e-6;
/** 1 mA/cm² = 1e-3 A / 1e-4 m² = 10 A/m². */
export const A_M2_PER_MA_CM2 = 1e-3 / 1e-4;
/** 1 µF/cm² = 1e-6 F / 1e-4 m² = 1e-2 F/m². */
export const F_M2_PER_UF_CM2 = 1e-6 / 1e-4;
/** 1 meV/Å² = 1e-3 e J / 1e-20 m² ≈ 0.016022 J/m². */
export const J_M2_PER_MEV_A2 = (1e-3 * ELEMENTARY_CHARGE_C) / 1e-20;
/** 1 mAh/cm² = 3.6 C/cm² = 3.6e4 C/m². */
export const C_M2_PER_MAH_CM2 = (1e-3 * 3600) / 1e-4;
/** Dense-Li thickness per areal capacity at the physical site density (µm per mAh/cm²), ≈ 4.85. */
export const UM_LI_PER_MAH_CM2 =
  (C_M2_PER_MAH_CM2 / FARADAY_C_MOL) * LI_MOLAR_VOLUME_M3_MOL / M_PER_UM;
