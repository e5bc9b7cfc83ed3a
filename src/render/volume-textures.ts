// 3D textures of the run's fields for the volume view, one byte per cell (R8): ξ in [0, 1], a
// scalar field (c/c₀ or φ) scaled to its range, material ids. Bytes keep uploads and software
// (SwiftShader) sampling cheap; 1/255 steps are finer than a colormap resolves and move the ξ = ½
// surface by < 1 % of a cell. Layout as the fields: index x + nx*(y + ny*z), x → u, y → v, z → w.
import { ClampToEdgeWrapping, Data3DTexture, LinearFilter, NearestFilter, RedFormat, UnsignedByteType } from 'three';

export interface VolumeShape { nx: number; ny: number; nz: number }

/** Cells with ξ > ½: their index bounds (inclusive), or null when there is no metal. */
export interface CellBounds { min: [number, number, number]; max: [number, number, number] }

export function byteVolume(shape: VolumeShape, interpolate: boolean): Data3DTexture {
  const { nx, ny, nz } = shape;
  const t = new Data3DTexture(new Uint8Array(nx * ny * nz), nx, ny, nz);
  t.format = RedFormat;
  t.type = UnsignedByteType;
  t.unpackAlignment = 1; // rows of nx bytes
  t.minFilter = t.magFilter = interpolate ? LinearFilter : NearestFilter;
  t.wrapS = t.wrapT = t.wrapR = ClampToEdgeWrapping;
  t.generateMipmaps = false;
  t.needsUpdate = true;
  return t;
}

/** ξ → bytes (NaN → 0); returns the bounds of the metal (ξ > ½). */
export function packXi(xi: ArrayLike<number>, out: Uint8Array, shape: VolumeShape): CellBounds | null {
  const { nx, ny, nz } = shape;
  let x0 = nx, y0 = ny, z0 = nz, x1 = -1, y1 = -1, z1 = -1;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const v = xi[i];
        // v > 0.5 is false for NaN, so NaN cells are electrolyte
        out[i] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
        if (v > 0.5) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
          if (z < z0) z0 = z;
          if (z > z1) z1 = z;
        }
      }
    }
  }
  return x1 < 0 ? null : { min: [x0, y0, z0], max: [x1, y1, z1] };
}

/**
 * Range of a scalar field over the electrolyte (packed ξ ≤ ½), as the 2D overlay uses, or over all
 * cells when there is no electrolyte; a flat or empty field gets a unit-wide range around its value.
 */
export function electrolyteRange(values: ArrayLike<number>, xiBytes: Uint8Array | null): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const pass of [true, false]) {
    for (let i = 0; i < values.length; i++) {
      if (pass && xiBytes && xiBytes[i] > 127) continue;
      const v = values[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi >= lo) break;
  }
  if (!(hi > lo)) {
    lo = Number.isFinite(lo) ? lo - 0.5 : 0;
    hi = lo + 1;
  }
  return [lo, hi];
}

/** values → bytes over [lo, hi] (clamped; NaN → 0) */
export function packScaled(values: ArrayLike<number>, out: Uint8Array, lo: number, hi: number): void {
  const k = 255 / (hi - lo);
  for (let i = 0; i < out.length; i++) {
    const v = (values[i] - lo) * k;
    out[i] = v > 0 ? (v < 255 ? Math.round(v) : 255) : 0;
  }
}
