// 3D view options from the query string: ?view=volume|slice, &slice=x|y|z, &slicepos=<µm>,
// &slicefield=xi|c|phi|stress|vonMises|lspsDecomposition, &clip=1, &spin=1 (auto-rotate), &res3d=0.25…1 (fixed resolution of the
// ray-marched volume instead of the adaptive one), &materials=demo (a synthetic electrolyte
// microstructure for runs without one, e.g. liquid electrolyte). Unknown values are ignored.
import type { SliceAxis, SliceField } from '../render/volume-view';

export interface View3dUrlOptions {
  mode: 'volume' | 'slice' | null;
  axis: SliceAxis | null;
  position_um: number | null;
  field: SliceField | null;
  clip: boolean | null;
  autoRotate: boolean;
  /** fixed volume resolution scale, or null: adaptive */
  resolution: number | null;
  materials: 'demo' | null;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  allowed.includes(value as T) ? (value as T) : null;

export function readView3dOptions(search = globalThis.location?.search ?? ''): View3dUrlOptions {
  const q = new URLSearchParams(search);
  const pos = Number(q.get('slicepos') ?? NaN);
  const clip = q.get('clip');
  const res = Number(q.get('res3d') ?? NaN);
  return {
    mode: pick(q.get('view'), ['volume', 'slice'] as const),
    axis: pick(q.get('slice'), ['none', 'x', 'y', 'z'] as const),
    position_um: q.has('slicepos') && Number.isFinite(pos) && pos >= 0 ? pos : null,
    field: pick(q.get('slicefield'), ['xi', 'c', 'phi', 'stress', 'vonMises', 'lspsDecomposition'] as const),
    clip: clip === '1' ? true : clip === '0' ? false : null,
    autoRotate: q.get('spin') === '1',
    resolution: Number.isFinite(res) && res >= 0.25 && res <= 1 ? res : null,
    materials: q.get('materials') === 'demo' ? 'demo' : null,
  };
}
