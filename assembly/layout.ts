// Shared memory layout between the AssemblyScript kernel and its TypeScript callers.
// Plain numeric constants only, so this file is valid AssemblyScript and valid TypeScript.
// Model units: length µm, time s, potential V, concentration normalised by the bulk salt c0.
// Axis convention: x lateral (periodic), y = growth direction (collector at y = 0, counter
// electrode at y = ny·dx), z second lateral (periodic, nz = 1 in 2D). Index = x + nx*(y + ny*z).

// ---- parameter slots (Float64 array of length P_COUNT) ----
export const P_DX = 0;             // grid spacing (µm)
export const P_ELL = 1;            // interface half-width ℓ = δ/4 (µm)
export const P_LSIG_W = 2;         // L_σ·W, profile relaxation rate (1/s)
export const P_LSIG_KAPPA = 3;     // L_σ·κ (µm²/s)
export const P_CURV_FLOW = 4;      // 1: standard Allen–Cahn (curvature flow); 0: curvature-free + Gibbs–Thomson
export const P_LETA = 5;           // L_η (1/s), = i0/(6ℓ nF c_s)
export const P_ALPHA = 6;          // charge-transfer coefficient α
export const P_FRT = 7;            // nF/RT (1/V)
export const P_BV_FORM = 8;        // 0: Chen (c at the interface), 1: Hong 2018 (cathodic × c(1−h), factor 1/(c0 ref))
export const P_GT = 9;             // Gibbs–Thomson coefficient γΩ/F (V·µm), curvature-free mode only
export const P_ANISO = 10;         // kinetic anisotropy strength ε_k (exchange current × (1 + ε_k a(n)))
export const P_ANISO_COS = 11;     // cos of the crystal rotation about the depth axis
export const P_ANISO_SIN = 12;     // sin of that rotation
export const P_NOISE = 13;         // interface noise amplitude (1/s), multiplies 16ξ²(1−ξ)²·U(−1,1)
export const P_SOLID = 14;         // 1: single-ion solid electrolyte (c ≡ 1, no transport solve)
export const P_DL = 15;            // salt diffusivity in the electrolyte (µm²/s)
export const P_DS = 16;            // D_s (µm²/s): ε = D_s/D_l is the floor of the electrolyte fraction ψ = (1−ξ) + εξ (salt equation)
export const P_TPLUS = 17;         // Li+ transference number t+
export const P_SIGMA_L = 18;       // electrolyte ionic conductivity (S/m)
export const P_SIGMA_FLOOR = 19;   // conductivity floor inside the metal, fraction of σ_l
export const P_CS_C0 = 20;         // c_s / c0 (Li metal site density over bulk salt concentration)
export const P_FCS = 21;           // n F c_s × 1e-12: A per (m·µm²) per unit ξ̇ (1/s); Hong's "ft2"
export const P_MODE = 22;          // 0: galvanostatic, 1: potentiostatic
export const P_CURRENT = 23;       // set plating current density (A/m², > 0 plates Li on the collector)
export const P_PHI_APPLIED = 24;   // potentiostatic electrode potential φ_s vs the counter electrode (V)
export const P_I0_CE = 25;         // counter-electrode exchange current density (A/m²), 0 = ideal
export const P_DT_MAX = 26;        // largest time step (s)
export const P_DT_MIN = 27;        // smallest time step before the run reports failure (s)
export const P_DXI_MAX = 28;       // largest change of ξ in any cell per step (adaptive dt bound)
export const P_MG_TOL = 29;        // relative residual tolerance for the elliptic solves
export const P_NUC_ON = 30;        // 1: bare collector with stochastic heterogeneous nucleation
export const P_NUC_DENSITY = 31;   // nucleation site density (sites per µm² of collector)
export const P_NUC_NU0 = 32;       // attempt frequency per site (1/s)
export const P_NUC_BARRIER = 33;   // B in ΔG*/kT = B / η² (V²), includes f(θ)
export const P_CDL = 34;           // double-layer capacitance of the bare collector (F/m²)
export const P_NUC_COS_THETA = 35; // cos of the Li contact angle on the collector (Young's law)
export const P_NUC_R_CRIT_COEF = 36; // critical radius r* = coef / |η| (µm·V), coef = 2γΩ/F
export const P_TEMPERATURE = 37;   // K (reporting)
export const P_SEI_RATE = 38;      // SEI corrosion of Li: ξ̇ = −P_SEI_RATE·h'(ξ) (1/s), = i_sei/(6ℓ nF c_s)
export const P_T_END = 39;         // the step is shortened to land on this time (s); 0 = no end
export const P_OXIDE_R = 40;       // native-oxide series resistance while the collector is bare (Ω·m²)
export const P_ALLOY_CAP = 41;     // Li the seed can alloy with (µm of dense Li equivalent); 0 = none
export const P_ALLOY_TYPE = 42;    // 0 solid solution (E = E0(1 − θ)), 1 intermetallic (E = E0 until full)
export const P_ALLOY_E0 = 43;      // lithiation potential of the empty seed vs Li (V)
export const P_MATERIALS = 44;     // 1: per-cell conductivity (solid electrolyte microstructure) is set
export const P_MECH_ON = 45;       // 1: solid-electrolyte mechanics (stress in the Butler–Volmer term)
export const P_STACK_MPA = 46;     // stack pressure (MPa), compressive traction on the top face
export const P_OMEGA_F = 47;       // Ω_Li/F (V per MPa): chemical-potential shift of Li per MPa
export const P_GB_FRACTURE = 48;   // Li pressure that opens a grain-boundary cell (MPa)
export const P_LSPS_K = 49;        // LSPS decomposition rate k_r (1/s)
export const P_LSPS_BETA = 50;     // volumetric expansion of decomposed LSPS
export const P_LI_E = 51;          // Young's modulus of Li (MPa)
export const P_LI_NU = 52;         // Poisson ratio of Li
export const P_MECH_RESOLVE = 53;  // re-solve the stress when ξ or r changed by more than this since the last solve

export const P_DEAD_LI = 55;       // 1: metal cut off from the collector stops reacting (0 only for analytic tests of isolated shapes)
export const P_SEED_WET = 56;      // 1: the collector is a lithiated seed wetted by Li (set by protocol 'cycle' in the lithiophilic cycles): a site
                                   // is born as soon as η < 0, from one monolayer, and its sub-grid nucleus is a flat patch over the site's share
export const P_COUNT = 64;

// ---- statistics slots (Float64 array of length S_COUNT), written by the kernel each step ----
export const S_TIME = 0;           // simulated time (s)
export const S_DT = 1;             // last accepted step (s)
export const S_STEPS = 2;          // accepted steps
export const S_PHI_S = 3;          // electrode (collector) potential vs counter-electrode electrolyte reference (V)
export const S_CURRENT = 4;        // Faradaic plating current density this step (A/m²)
export const S_CHARGE = 5;         // charge passed (C/m²)
export const S_METAL_UM = 6;       // plated Li: ∫ξ dV / collector area (µm), includes sub-grid nuclei
export const S_IONS = 7;           // Li⁺ in the electrolyte, ∫ψc dV / collector area × (c0/c_s) (µm of Li equivalent)
export const S_LEDGER_ERR = 8;     // ledger error |metal + ions + double layer − initial − charge/(nF c_s)| / (initial Li + charge passed either way)
export const S_MAX_HEIGHT_UM = 9;  // highest y (µm) of the ξ > ½ component attached to the collector
export const S_SHORTED = 10;       // 1 once the attached deposit touched the counter electrode
export const S_SHORT_T = 11;       // time of the short (s)
export const S_SHORT_X = 12;       // contact cell x (µm)
export const S_SHORT_Z = 13;       // contact cell z (µm)
export const S_VOLTAGE = 14;       // cell voltage: counter minus working electrode potential (V), ohmic + both overpotentials
export const S_ETA_CE = 15;        // counter-electrode overpotential (V)
export const S_MG_CYCLES = 16;     // V-cycles used in the last step (all its solves; reset at each step)
export const S_NUCLEI = 17;        // nuclei born so far
export const S_FAIL_CODE = 18;     // 0 ok; see F_* codes
export const S_FAIL_INDEX = 19;    // cell index of the failure
export const S_FAIL_VALUE = 20;    // offending value
export const S_MEAN_ETA = 21;      // current-weighted mean interface overpotential (V)
export const S_INITIAL_UM = 22;    // Li (metal + ions) at t = 0 in µm equivalent
export const S_DL_CHARGE = 23;     // charge held by the collector double layer (C/m²)
export const S_SUBGRID_UM = 24;    // Li held in sub-grid nuclei (µm equivalent)
export const S_SEI_UM = 25;        // Li lost to SEI so far (µm of dense Li)
export const S_DEAD_UM = 26;       // Li in components detached from the collector (µm), from the last topology pass
export const S_ALLOY_UM = 27;      // Li held in the seed alloy (µm of dense Li)
export const S_MAX_PRESSURE = 28;  // largest hydrostatic pressure in the solid electrolyte or Li (MPa)
export const S_CRACKED = 29;       // grain-boundary cells opened so far
export const S_MECH_SOLVES = 30;   // stress solves so far
export const S_MECH_ITERS = 31;    // iterations of the last stress solve
export const S_OXIDE_V = 32;       // ohmic drop over the native oxide this step (V)
export const S_DISPLACED_UM = 33;  // Li⁺ carried out of the cell by the electrolyte the metal displaced, net (µm of Li equivalent)
export const S_DEBT_UM = 34;       // Li written into ξ by nucleus insertion beyond the nuclei's volume, not yet paid by current (µm; part of S_SUBGRID_UM)
export const S_CHARGE_GROSS = 35;  // charge passed either way, ∫|i| dt (C/m²): the scale of S_LEDGER_ERR
export const S_COUNT = 40;

// ---- failure codes ----
export const F_OK = 0;
export const F_NAN_XI = 1;
export const F_NAN_C = 2;
export const F_NAN_PHI = 3;
export const F_XI_BOUNDS = 4;
export const F_C_NEGATIVE = 5;
export const F_DT_UNDERFLOW = 6;
export const F_NO_CONVERGENCE = 7;
export const F_GALVANO = 8;        // no electrode potential carries the set current
