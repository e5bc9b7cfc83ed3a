// Display labels for schema parameters: the name without its unit suffix, plus the unit.
import type { ParamSpec } from '../model/schema';
import { describeDomain } from '../model/schema';

const UNIT_TOKENS = new Set(['um', 'um2', 'mA', 'cm2', 'm2', 'm3', 's', 'S', 'm', 'K', 'J', 'mol', 'V', 'V2', 'uF', 'deg', 'per']);

/** "current_mA_cm2" → "current (mA/cm²)"; "alpha" → "alpha" */
export function paramLabel(spec: ParamSpec): string {
  const words = spec.name.split('_');
  while (words.length > 1 && UNIT_TOKENS.has(words[words.length - 1])) words.pop();
  const base = words.join(' ');
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
