// Every user-facing parameter: name (snake_case with unit suffix, used by `--set name=value` and
// URLs), unit, default, bounds, and whether changing it needs a reset. Physical units only; the
// conversion to kernel model units lives in units.ts.
import { LI_SITE_DENSITY_MOL_M3 } from './constants';
import type { ParamValues } from '../engine/types';

export type ParamGroup = 'Cell' | 'Electrolyte' | 'Solid electrolyte' | 'Mechanics' | 'Interface' | 'Collector' | 'Protocol' | 'Numerics';
export const PARAM_GROUPS: readonly ParamGroup[] = [
  'Cell', 'Electrolyte', 'Solid electrolyte', 'Mechanics', 'Interface', 'Collector', 'Protocol', 'Numerics',
];

interface SpecBase<N extends string> {
  name: N;
  group: ParamGroup;
  unit: string;
  description: string;
  /** true: a change needs a reset; false: it can be applied to a running simulation. */
  restart: boolean;
}
export interface NumberSpec<N extends string = string> extends SpecBase<N> {
  kind: 'number' | 'integer';
  default: number;
  min: number;
  max: number;
}
export interface EnumSpec<N extends string = string, O extends string = string> extends SpecBase<N> {
  kind: 'enum';
  default: O;
  options: readonly O[];
}
export interface BooleanSpec<N extends string = string> extends SpecBase<N> {
  kind: 'boolean';
  default: boolean;
}
export type ParamSpec = NumberSpec | EnumSpec | BooleanSpec;

// Helpers keep the parameter names as literal types, so ModelParams below is checked by tsc.
const num = <N extends string>(s: Omit<NumberSpec<N>, 'kind'>): NumberSpec<N> => ({ kind: 'number', ...s });
const choice = <N extends string, const O extends string>(s: Omit<EnumSpec<N, O>, 'kind'>): EnumSpec<N, O> =>
  ({ kind: 'enum', ...s });
const flag = <N extends string>(s: Omit<BooleanSpec<N>, 'kind'>): BooleanSpec<N> => ({ kind: 'boolean', ...s });

const SPECS = [
  // ---- Cell ----
  num({ name: 'width_um', group: 'Cell', unit: 'µm', default: 64, min: 4, max: 2000, restart: true,
    description: 'Lateral width of the cell section (x, periodic).' }),
  num({ name: 'height_um', group: 'Cell', unit: 'µm', default: 32, min: 4, max: 2000, restart: true,
    description: 'Gap from the current collector to the counter electrode (growth direction y).' }),
  num({ name: 'depth_um', group: 'Cell', unit: 'µm', default: 32, min: 4, max: 1000, restart: true,
    description: 'Second lateral extent (z, periodic); used in 3D only.' }),
  num({ name: 'dx_um', group: 'Cell', unit: 'µm', default: 0.5, min: 0.05, max: 5, restart: true,
    description: 'Grid spacing; cell counts are rounded to multiples of 8.' }),
  num({ name: 'li_film_um', group: 'Cell', unit: 'µm', default: 2, min: 0, max: 1000, restart: true,
    description: "Initial dense Li film on the collector (collector 'film' only; 0 for 'bare')." }),
  num({ name: 'temperature_K', group: 'Cell', unit: 'K', default: 298.15, min: 233, max: 373, restart: true,
    description: 'Cell temperature; sets f = F/RT in the Butler–Volmer and migration terms.' }),
  // ---- Electrolyte ----
  choice({ name: 'electrolyte', group: 'Electrolyte', unit: '', default: 'liquid', options: ['liquid', 'solid'],
    restart: true, description: 'liquid: salt transport is solved; solid: single-ion conductor (c ≡ c0).' }),
  num({ name: 'diffusivity_m2_s', group: 'Electrolyte', unit: 'm²/s', default: 3e-10, min: 1e-14, max: 1e-8,
    restart: true, description: 'Salt diffusivity in the electrolyte.' }),
  num({ name: 'conductivity_S_m', group: 'Electrolyte', unit: 'S/m', default: 1.0, min: 1e-4, max: 100,
    restart: true, description: 'Ionic conductivity of the electrolyte.' }),
  num({ name: 'salt_mol_m3', group: 'Electrolyte', unit: 'mol/m³', default: 3000, min: 10, max: 10000,
    restart: true, description: 'Bulk Li⁺ concentration c0.' }),
  num({ name: 'transference', group: 'Electrolyte', unit: '', default: 0.4, min: 0, max: 0.99, restart: true,
    description: 'Li⁺ transference number t+.' }),
  num({ name: 'sei_current_uA_cm2', group: 'Electrolyte', unit: 'µA/cm²', default: 0, min: 0, max: 1000,
    restart: false, description: 'Liquid only: Li lost to SEI growth per area of Li | electrolyte interface (chemical corrosion).' }),
  // ---- Solid electrolyte (electrolyte = 'solid'; conductivity_S_m is the LPSCl grain value) ----
  num({ name: 'grain_size_um', group: 'Solid electrolyte', unit: 'µm', default: 4, min: 0.5, max: 200, restart: true,
    description: 'Mean LPSCl grain size of the seeded Voronoi map (grain boundaries are one cell wide).' }),
  num({ name: 'gb_width_nm', group: 'Solid electrolyte', unit: 'nm', default: 10, min: 0.5, max: 500, restart: true,
    description: 'Physical width of a grain-boundary channel (sub-grid): sets its wetting (Laplace) pressure 2γ/w. The CCD presets use 0.9 nm, the one calibrated parameter of the CCD (fitted to ccd-lpscl = 0.9 mA/cm², docs/model.md §8).' }),
  num({ name: 'gb_conductivity_ratio', group: 'Solid electrolyte', unit: '', default: 2, min: 0.01, max: 100, restart: true,
    description: 'Li⁺ conductivity of grain-boundary cells relative to the grain interior.' }),
  num({ name: 'gamma_lpscl_meV_A2', group: 'Solid electrolyte', unit: 'meV/Å²', default: -33, min: -200, max: 200, restart: true,
    description: 'Li | LPSCl interfacial energy (DFT, Oh et al. 2025: −33 meV/Å²); negative: Li wets grain boundaries.' }),
  flag({ name: 'lif_particles', group: 'Solid electrolyte', unit: '', default: false, restart: true,
    description: 'LiF-LPSCl composite: LiF particles in the LPSCl (lithiophobic grain-boundary walls).' }),
  num({ name: 'lif_wt_pct', group: 'Solid electrolyte', unit: 'wt%', default: 5, min: 0, max: 30, restart: true,
    description: 'LiF loading of the composite (the paper’s optimum: 5 wt% ≈ 3 vol%).' }),
  num({ name: 'lif_particle_um', group: 'Solid electrolyte', unit: 'µm', default: 1, min: 0.1, max: 20, restart: true,
    description: 'LiF particle diameter (particles are placed on grain boundaries first).' }),
  num({ name: 'gamma_lif_meV_A2', group: 'Solid electrolyte', unit: 'meV/Å²', default: 44, min: -200, max: 200, restart: true,
    description: 'Li | LiF interfacial energy (DFT, Oh et al. 2025: +44 meV/Å²); positive: lithiophobic.' }),
  num({ name: 'lif_conductivity_S_m', group: 'Solid electrolyte', unit: 'S/m', default: 1e-4, min: 1e-7, max: 1, restart: true,
    description: 'Ionic conductivity inside LiF particles (LiF is a poor Li⁺ conductor).' }),
  flag({ name: 'lsps_interlayer', group: 'Solid electrolyte', unit: '', default: false, restart: true,
    description: 'Dual layer: an LSPS band in the middle of the LPSCl (40 : 20 : 40 mg by mass).' }),
  num({ name: 'lsps_conductivity_S_m', group: 'Solid electrolyte', unit: 'S/m', default: 0.5, min: 1e-4, max: 100, restart: true,
    description: 'Ionic conductivity of the LSPS interlayer.' }),
  num({ name: 'lsps_decomposition_per_s', group: 'Solid electrolyte', unit: '1/s', default: 0.05, min: 0, max: 100, restart: true,
    description: 'LSPS decomposition rate where Li touches it: ∂r/∂t = k h(ξ)(1 − r).' }),
  num({ name: 'lsps_expansion', group: 'Solid electrolyte', unit: '', default: 0.1, min: 0, max: 1, restart: true,
    description: 'Volumetric expansion β of decomposed LSPS (eigenstrain rβ/3): the screw effect.' }),
  // ---- Mechanics (solid electrolyte only) ----
  num({ name: 'stack_pressure_MPa', group: 'Mechanics', unit: 'MPa', default: 20, min: 0, max: 500, restart: false,
    description: 'Stack pressure: a compressive traction on the counter-electrode side.' }),
  num({ name: 'se_youngs_GPa', group: 'Mechanics', unit: 'GPa', default: 24, min: 1, max: 300, restart: true,
    description: 'Young’s modulus of the LPSCl grains.' }),
  num({ name: 'se_poisson', group: 'Mechanics', unit: '', default: 0.3, min: 0, max: 0.49, restart: true,
    description: 'Poisson ratio of the solid electrolyte.' }),
  num({ name: 'gb_youngs_ratio', group: 'Mechanics', unit: '', default: 0.3, min: 0.001, max: 1, restart: true,
    description: 'Young’s modulus of grain-boundary cells relative to the grains (the weak path).' }),
  num({ name: 'lsps_youngs_GPa', group: 'Mechanics', unit: 'GPa', default: 20, min: 1, max: 300, restart: true,
    description: 'Young’s modulus of the LSPS interlayer.' }),
  num({ name: 'li_youngs_GPa', group: 'Mechanics', unit: 'GPa', default: 7.8, min: 0.1, max: 50, restart: true,
    description: 'Young’s modulus of Li metal.' }),
  num({ name: 'li_poisson', group: 'Mechanics', unit: '', default: 0.42, min: 0, max: 0.49, restart: true,
    description: 'Poisson ratio of Li metal.' }),
  num({ name: 'gb_fracture_MPa', group: 'Mechanics', unit: 'MPa', default: 150, min: 1, max: 5000, restart: true,
    description: 'Li pressure that opens a grain boundary ahead of a Li filament (an estimate of sulfide fracture strength at flaws; not calibrated, see docs/model.md).' }),
  // ---- Interface ----
  num({ name: 'interface_width_um', group: 'Interface', unit: 'µm', default: 2.0, min: 0.05, max: 40,
    restart: true, description: 'Diffuse-interface width δ = 4ℓ (2 to 16 grid cells).' }),
  num({ name: 'gamma_J_m2', group: 'Interface', unit: 'J/m²', default: 0.5, min: 0.01, max: 5, restart: true,
    description: 'Li | electrolyte interfacial energy γ (Gibbs–Thomson, nucleation radius).' }),
  num({ name: 'exchange_current_mA_cm2', group: 'Interface', unit: 'mA/cm²', default: 1.0, min: 1e-4, max: 1000,
    restart: true, description: 'Exchange current density i0 of the Li plating reaction.' }),
  num({ name: 'alpha', group: 'Interface', unit: '', default: 0.5, min: 0.1, max: 0.9, restart: true,
    description: 'Charge-transfer coefficient α.' }),
  num({ name: 'li_site_density_mol_m3', group: 'Interface', unit: 'mol/m³', default: LI_SITE_DENSITY_MOL_M3,
    min: 5e4, max: 1e5, restart: true, description: 'Li site density of the metal c_s = ρ/M (sets Ω = 1/c_s).' }),
  num({ name: 'anisotropy', group: 'Interface', unit: '', default: 0, min: 0, max: 0.5, restart: true,
    description: 'Kinetic anisotropy strength ε_k (4-fold in 2D, cubic in 3D).' }),
  num({ name: 'anisotropy_angle_deg', group: 'Interface', unit: '°', default: 0, min: -45, max: 45,
    restart: true, description: 'Crystal rotation of the anisotropy about the depth axis.' }),
  flag({ name: 'curvature_flow', group: 'Interface', unit: '', default: false, restart: true,
    description: 'true: standard Allen–Cahn curvature flow (e.g. hong2018); false: curvature-free + Gibbs–Thomson.' }),
  num({ name: 'relaxation_rate_per_s', group: 'Interface', unit: '1/s', default: 0, min: 0, max: 1e5,
    restart: true, description: 'Profile relaxation rate L_σW; 0 = automatic from mobility_factor.' }),
  num({ name: 'mobility_factor', group: 'Interface', unit: '', default: 200, min: 10, max: 1e5, restart: true,
    description: 'Automatic L_σW = factor × v_ref / 6ℓ (v_ref: Faradaic front velocity).' }),
  num({ name: 'noise_per_s', group: 'Interface', unit: '1/s', default: 0, min: 0, max: 100, restart: false,
    description: 'Interface noise amplitude (seeded; acts only inside the diffuse interface).' }),
  choice({ name: 'bv_form', group: 'Interface', unit: '', default: 'chen', options: ['chen', 'hong'],
    restart: true, description: 'Butler–Volmer form: chen (c at the interface) or hong (released 2018 form).' }),
  // ---- Collector ----
  choice({ name: 'collector', group: 'Collector', unit: '', default: 'film', options: ['film', 'bare'],
    restart: true, description: 'film: start from a dense Li film; bare: Cu with stochastic nucleation.' }),
  num({ name: 'nucleation_sites_per_um2', group: 'Collector', unit: '1/µm²', default: 0.5, min: 1e-6, max: 100,
    restart: true, description: 'Heterogeneous nucleation site density on a bare collector.' }),
  num({ name: 'nucleation_attempt_per_s', group: 'Collector', unit: '1/s', default: 1000, min: 1e-3, max: 1e12,
    restart: true, description: 'Attempt frequency per nucleation site.' }),
  num({ name: 'nucleation_barrier_V2', group: 'Collector', unit: 'V²', default: 0.05, min: 0, max: 1,
    restart: true, description: 'B in ΔG*/kT = B/η² (calibrated, includes f(θ)).' }),
  num({ name: 'contact_angle_deg', group: 'Collector', unit: '°', default: 90, min: 5, max: 175, restart: true,
    description: 'Li contact angle on the collector (Young’s law; nucleus cap shape).' }),
  num({ name: 'oxide_resistance_ohm_cm2', group: 'Collector', unit: 'Ω·cm²', default: 0, min: 0, max: 1000,
    restart: true, description: 'Native-oxide resistance of the seed (Mg, Al) in series while the collector is bare; protocol cycle: broken up by cycle 1’s plating.' }),
  num({ name: 'alloy_capacity_mAh_cm2', group: 'Collector', unit: 'mAh/cm²', default: 0, min: 0, max: 1,
    restart: true, description: 'Li the seed layer alloys with before Li metal nucleates (100 nm of seed metal).' }),
  choice({ name: 'alloy_type', group: 'Collector', unit: '', default: 'solid-solution',
    options: ['solid-solution', 'intermetallic'], restart: true,
    description: 'solid-solution (Mg, Ag): lithiation potential falls as it fills; intermetallic (Al, In, Sn, Zn): a plateau.' }),
  num({ name: 'alloy_potential_V', group: 'Collector', unit: 'V', default: 0.1, min: 0, max: 1, restart: true,
    description: 'Lithiation potential of the empty seed vs Li/Li⁺.' }),
  { kind: 'integer', name: 'lithiophilic_cycles', group: 'Collector', unit: '', default: 0, min: 0, max: 1000, restart: true,
    description: 'cycle: later cycles (after the first) in which the lithiated seed is lithiophilic: no nucleation barrier, and wetted by Li, so its sites carry the plating current from the first cathodic step (no nucleation dip; docs/model.md §9).' } as NumberSpec<'lithiophilic_cycles'>,
  num({ name: 'double_layer_uF_cm2', group: 'Collector', unit: 'µF/cm²', default: 20, min: 0.1, max: 500,
    restart: true, description: 'Double-layer capacitance of the bare collector.' }),
  // ---- Protocol ----
  choice({ name: 'mode', group: 'Protocol', unit: '', default: 'galvanostatic',
    options: ['galvanostatic', 'potentiostatic'], restart: false,
    description: 'galvanostatic: set current; potentiostatic: set electrode potential.' }),
  num({ name: 'current_mA_cm2', group: 'Protocol', unit: 'mA/cm²', default: 1.0, min: -100, max: 100,
    restart: false, description: 'Current density (galvanostatic): > 0 plates Li on the collector, < 0 strips it.' }),
  num({ name: 'electrode_potential_V', group: 'Protocol', unit: 'V', default: -0.1, min: -2, max: 1,
    restart: false, description: 'Working-electrode potential vs the counter electrode (potentiostatic).' }),
  num({ name: 'counter_exchange_current_mA_cm2', group: 'Protocol', unit: 'mA/cm²', default: 10, min: 0,
    max: 1e4, restart: false, description: 'Counter-electrode exchange current; 0 = ideal (no overpotential).' }),
  choice({ name: 'protocol', group: 'Protocol', unit: '', default: 'constant', options: ['constant', 'cycle', 'ccd'],
    restart: true, description: 'constant: one current; cycle: plate a capacity, strip to the cut-off; ccd: current staircase until a short.' }),
  num({ name: 'capacity_mAh_cm2', group: 'Protocol', unit: 'mAh/cm²', default: 1, min: 0.001, max: 100, restart: true,
    description: 'cycle: capacity plated in each cycle.' }),
  num({ name: 'strip_cutoff_V', group: 'Protocol', unit: 'V', default: 1, min: 0.01, max: 5, restart: true,
    description: 'cycle: stripping stops when the working electrode rises to this voltage.' }),
  { kind: 'integer', name: 'cycles', group: 'Protocol', unit: '', default: 1, min: 1, max: 1000, restart: true,
    description: 'cycle: number of plate/strip cycles.' } as NumberSpec<'cycles'>,
  num({ name: 'ccd_start_mA_cm2', group: 'Protocol', unit: 'mA/cm²', default: 0.1, min: 0.01, max: 50, restart: true,
    description: 'ccd: current of the first step.' }),
  num({ name: 'ccd_step_mA_cm2', group: 'Protocol', unit: 'mA/cm²', default: 0.1, min: 0.01, max: 10, restart: true,
    description: 'ccd: current increment per step.' }),
  num({ name: 'ccd_step_time_s', group: 'Protocol', unit: 's', default: 3600, min: 1, max: 1e5, restart: true,
    description: 'ccd: duration of each step, one symmetric-cell cycle: plate half of it, strip the other half (the paper: 1 h).' }),
  // ---- Numerics ----
  num({ name: 'dt_max_s', group: 'Numerics', unit: 's', default: 10, min: 1e-6, max: 1e4, restart: false,
    description: 'Largest time step.' }),
  num({ name: 'dt_min_s', group: 'Numerics', unit: 's', default: 1e-9, min: 1e-15, max: 1, restart: false,
    description: 'Smallest time step before the run reports failure.' }),
  num({ name: 'dxi_max', group: 'Numerics', unit: '', default: 0.05, min: 0.001, max: 0.3, restart: false,
    description: 'Largest change of the phase field in any cell per step (adaptive dt bound).' }),
  num({ name: 'mechanics_resolve_dxi', group: 'Numerics', unit: '', default: 0.02, min: 1e-4, max: 0.5, restart: false,
    description: 'The stress is re-solved when ξ or r changed by more than this in any cell since the last solve.' }),
  num({ name: 'solver_tol', group: 'Numerics', unit: '', default: 1e-7, min: 1e-12, max: 1e-2, restart: false,
    description: 'Relative residual tolerance of the elliptic solves.' }),
] as const;

type Spec = (typeof SPECS)[number];
/** A complete, typed parameter set (what validateParams resolves to). */
export type ModelParams = {
  [S in Spec as S['name']]: S extends EnumSpec<string, infer O> ? O : S extends BooleanSpec ? boolean : number;
};
export type ParamName = keyof ModelParams;

export const PARAM_SPECS: readonly ParamSpec[] = SPECS;
export const PARAM_BY_NAME: Readonly<Record<string, ParamSpec>> = Object.fromEntries(
  SPECS.map((s) => [s.name, s]),
);

export function defaultParams(): ModelParams {
  return Object.fromEntries(SPECS.map((s) => [s.name, s.default])) as ModelParams;
}

/** Short, exact number formatting for messages and docs (1e-14, 0.5, 2000, 1e12). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential().replace('e+', 'e');
  return String(x);
}

/** "[0, 100] mA/cm²", "one of 'chen', 'hong'", "true or false". */
export function describeDomain(spec: ParamSpec): string {
  if (spec.kind === 'enum') return `one of ${spec.options.map((o) => `'${o}'`).join(', ')}`;
  if (spec.kind === 'boolean') return 'true or false';
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return `[${formatNumber(spec.min)}, ${formatNumber(spec.max)}]${unit}`;
}

/** Read a number from a partial value set, falling back to the schema default. */
export function numberParam(values: ParamValues, name: ParamName): number {
  const v = values[name] ?? PARAM_BY_NAME[name].default;
  if (typeof v !== 'number') throw new Error(`${name} must be a number, got ${typeof v}`);
  return v;
}
