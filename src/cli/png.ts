// Field → PNG (Node only). The image shows y up: the collector (y = 0) is the bottom row. In 3D
// the mid-slice z = floor(nz/2) is drawn. Small grids are upscaled with nearest neighbour.
import { PNG } from 'pngjs';
import { colormapLUT } from '../render/colormaps';

export const MIN_LONG_SIDE_PX = 512;

export interface PngOptions {
  min?: number;        // value mapped to the first colour (default 0, right for ξ)
  max?: number;        // value mapped to the last colour (default 1)
  minLongSide?: number;
}

/** Integer upscale so the longer side reaches at least minLongSide pixels (1 for large grids). */
export function upscaleFactor(nx: number, ny: number, minLongSide = MIN_LONG_SIDE_PX): number {
  return Math.max(1, Math.ceil(minLongSide / Math.max(nx, ny)));
}

export function fieldToPng(
  field: Float32Array, grid: readonly [number, number, number], options: PngOptions = {},
): Buffer {
  const [nx, ny, nz] = grid;
  if (field.length !== nx * ny * nz) throw new Error(`field has ${field.length} values, grid needs ${nx * ny * nz}`);
  const lo = options.min ?? 0;
  const hi = options.max ?? 1;
  const span = hi > lo ? hi - lo : 1;
  const s = upscaleFactor(nx, ny, options.minLongSide);
  const lut = colormapLUT('viridis');
  const z = Math.floor(nz / 2);
  const png = new PNG({ width: nx * s, height: ny * s, colorType: 6 });
  const data = png.data;
  const w = nx * s;
  for (let y = 0; y < ny; y++) {
    const rowBase = nx * (y + ny * z);
    const top = (ny - 1 - y) * s;           // flip: y up
    for (let x = 0; x < nx; x++) {
      const v = field[rowBase + x];
      const t = Number.isFinite(v) ? Math.min(1, Math.max(0, (v - lo) / span)) : 0;
      const li = 4 * Math.round(t * 255);
      for (let py = 0; py < s; py++) {
        let o = 4 * ((top + py) * w + x * s);
        for (let px = 0; px < s; px++, o += 4) {
          data[o] = lut[li]; data[o + 1] = lut[li + 1]; data[o + 2] = lut[li + 2]; data[o + 3] = 255;
        }
      }
    }
  }
  return PNG.sync.write(png);
}
