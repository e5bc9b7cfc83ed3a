// Display labels for schema parameters: the name without its unit suffix, plus the unit.
import type { ParamSpec } from '../model/schema';
import { describeDomain } from '../model/schema';

// name suffixes that spell the unit (shown from spec.unit instead)
const UNIT_TOKENS = new Set([
  'um', 'um2', 'nm', 'mA', 'mAh', 'uA', 'uF', 'cm2', 'm2', 'm3', 's', 'S', 'm', 'K', 'J', 'mol', 'V', 'V2', 'deg', 'per',
  'MPa', 'GPa', 'meV', 'A2', 'ohm', 'pct',
]);

// words of a name as a reader writes them: chemical formulas, abbreviations, symbols
const WORDS: Record<string, string> = {
  li: 'Li', lif: 'LiF', lsps: 'LSPS', lpscl: 'LPSCl', gb: 'GB', se: 'SE', sei: 'SEI', ccd: 'CCD', bv: 'BV',
  youngs: 'Young’s modulus', poisson: 'Poisson ratio', gamma: 'γ', alpha: 'α', dxi: 'Δξ', tol: 'tolerance',
};

// names whose words alone do not say what they are
const LABELS: Record<string, string> = {
  gamma_lpscl_meV_A2: 'γ Li | LPSCl',
  gamma_lif_meV_A2: 'γ Li | LiF',
  gamma_J_m2: 'γ Li | electrolyte',
  lif_wt_pct: 'LiF content',
  alpha: 'α (charge transfer)',
  dx_um: 'grid spacing dx',
  gb_fracture_MPa: 'GB fracture pressure',
  lif_particle_um: 'LiF particle size',
  nucleation_attempt_per_s: 'nucleation attempt rate',
};

/** "current_mA_cm2" → "current (mA/cm²)"; "se_youngs_GPa" → "SE Young’s modulus (GPa)" */
export function paramLabel(spec: ParamSpec): string {
  let base = LABELS[spec.name];
  if (base === undefined) {
    const words = spec.name.split('_');
    while (words.length > 1 && UNIT_TOKENS.has(words[words.length - 1])) words.pop();
    base = words.map((w) => WORDS[w] ?? w).join(' ');
  }
  return spec.unit ? `${base} (${spec.unit})` : base;
}

/** Tooltip: name, description, domain, restart behaviour. */
export function paramTooltip(spec: ParamSpec): string {
  const when = spec.restart ? 'Applies on reset.' : 'Applies immediately.';
  return `${spec.name}: ${spec.description}\nRange: ${describeDomain(spec)}. ${when}`;
}

/** Sliders only where a linear range makes sense (at most ~4 decades). */
export function wantsSlider(spec: ParamSpec): boolean {
  if (spec.kind !== 'number' && spec.kind !== 'integer') return false;
  if (spec.min > 0) return spec.max / spec.min <= 1e4;
  return spec.max - spec.min <= 1e5 && spec.max - spec.min >= 1e-3;
}
