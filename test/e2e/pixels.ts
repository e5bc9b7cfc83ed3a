// Pixel statistics of PNG screenshots (pngjs).
import { PNG } from 'pngjs';

export interface PixelStats { width: number; height: number; meanLuma: number; stdLuma: number; distinctColors: number }

export function pixelStats(png: Buffer): PixelStats {
  const img = PNG.sync.read(png);
  const n = img.width * img.height;
  let sum = 0;
  let sum2 = 0;
  const colors = new Set<number>();
  for (let i = 0; i < n; i++) {
    const r = img.data[4 * i], g = img.data[4 * i + 1], b = img.data[4 * i + 2];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    sum += y;
    sum2 += y * y;
    if (colors.size < 4096) colors.add((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
  }
  const mean = sum / n;
  return { width: img.width, height: img.height, meanLuma: mean, stdLuma: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), distinctColors: colors.size };
}

/** Mean absolute per-channel difference (0–255) of two same-size PNGs. */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  if (x.width !== y.width || x.height !== y.height) throw new Error('size mismatch');
  let d = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    d += Math.abs(x.data[i] - y.data[i]) + Math.abs(x.data[i + 1] - y.data[i + 1]) + Math.abs(x.data[i + 2] - y.data[i + 2]);
  }
  return d / ((x.data.length / 4) * 3);
}
