// Colormap and colorbar title of each scalar field the views draw over ξ (the 2D overlay and the 3D slice):
// one table, so both views show a field alike. Signed fields (φ, p) diverge around their middle.
import type { ColormapName } from './colormaps';

export type ScalarField = 'c' | 'phi' | 'stress' | 'vonMises' | 'lspsDecomposition';

export const FIELD_STYLES: Record<ScalarField, { map: ColormapName; title: string }> = {
  c: { map: 'magma', title: 'c / c₀' },
  phi: { map: 'coolwarm', title: 'φ (V)' },
  stress: { map: 'coolwarm', title: 'p (MPa)' },
  vonMises: { map: 'magma', title: 'σ_vM (MPa)' },
  lspsDecomposition: { map: 'magma', title: 'LSPS decomposed r' },
};
