// The screen figure (Node only): a row of labelled ξ snapshots, one per metal, above two bar charts
// (η_nuc and the surface-area ratio), drawn into an RGBA buffer and encoded with pngjs. A 5×7 bitmap
// font for the labels keeps it dependency-free.
import { PNG } from 'pngjs';
import { colormapLUT } from '../render/colormaps';

// ---------------------------------------------------------------- canvas

export class Canvas {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number, background: Rgb = [255, 255, 255]) {
    this.data = new Uint8Array(width * height * 4);
    this.fill(0, 0, width, height, background);
  }

  pixel(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = 4 * (y * this.width + x);
    this.data[o] = c[0]; this.data[o + 1] = c[1]; this.data[o + 2] = c[2]; this.data[o + 3] = 255;
  }

  fill(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    const xa = Math.max(0, Math.round(x0)), ya = Math.max(0, Math.round(y0));
    const xb = Math.min(this.width, Math.round(x0 + w)), yb = Math.min(this.height, Math.round(y0 + h));
    for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) this.pixel(x, y, c);
  }

  hline(x0: number, x1: number, y: number, c: Rgb): void { this.fill(x0, y, x1 - x0 + 1, 1, c); }
  vline(x: number, y0: number, y1: number, c: Rgb): void { this.fill(x, y0, 1, y1 - y0 + 1, c); }

  rect(x0: number, y0: number, w: number, h: number, c: Rgb): void {
    this.hline(x0, x0 + w - 1, y0, c); this.hline(x0, x0 + w - 1, y0 + h - 1, c);
    this.vline(x0, y0, y0 + h - 1, c); this.vline(x0 + w - 1, y0, y0 + h - 1, c);
  }

  /** text at (x, y) = top-left, scale = pixel size of one font dot */
  text(s: string, x: number, y: number, c: Rgb, scale = 2): void {
    let cx = Math.round(x);
    for (const ch of s) {
      const glyph = FONT[ch] ?? FONT[ch.toUpperCase()] ?? FONT['?'];
      for (let row = 0; row < 7; row++) {
        for (let col = 0; col < 5; col++) {
          if (glyph[row] & (1 << (4 - col))) this.fill(cx + col * scale, y + row * scale, scale, scale, c);
        }
      }
      cx += 6 * scale;
    }
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height, colorType: 6 });
    png.data.set(this.data);
    return PNG.sync.write(png);
  }
}

export type Rgb = readonly [number, number, number];

export const textWidth = (s: string, scale = 2): number => [...s].length * 6 * scale - scale;

// 5×7 glyphs, one row per entry, bit 4 = leftmost column. Lower case is drawn as upper case.
const FONT: Record<string, number[]> = {
  ' ': [0, 0, 0, 0, 0, 0, 0],
  A: [14, 17, 17, 31, 17, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14],
  D: [30, 17, 17, 17, 17, 17, 30], E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17], I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16], Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4], U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 10, 4, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31],
  '0': [14, 17, 19, 21, 25, 17, 14], '1': [4, 12, 4, 4, 4, 4, 14], '2': [14, 17, 1, 2, 4, 8, 31],
  '3': [31, 2, 4, 2, 1, 17, 14], '4': [2, 6, 10, 18, 31, 2, 2], '5': [31, 16, 30, 1, 1, 17, 14],
  '6': [6, 8, 16, 30, 17, 17, 14], '7': [31, 1, 2, 4, 8, 8, 8], '8': [14, 17, 17, 14, 17, 17, 14],
  '9': [14, 17, 17, 15, 1, 2, 12],
  '.': [0, 0, 0, 0, 0, 12, 12], ',': [0, 0, 0, 0, 12, 4, 8], ':': [0, 12, 12, 0, 12, 12, 0],
  '-': [0, 0, 0, 31, 0, 0, 0], '+': [0, 4, 4, 31, 4, 4, 0], '/': [1, 1, 2, 4, 8, 16, 16],
  '(': [2, 4, 8, 8, 8, 4, 2], ')': [8, 4, 2, 2, 2, 4, 8], '%': [24, 25, 2, 4, 8, 19, 3],
  '=': [0, 0, 31, 0, 31, 0, 0], '_': [0, 0, 0, 0, 0, 0, 31], '<': [2, 4, 8, 16, 8, 4, 2],
  '>': [8, 4, 2, 1, 2, 4, 8], '*': [0, 4, 21, 14, 21, 4, 0], '?': [14, 17, 1, 2, 4, 0, 4],
  'µ': [0, 17, 17, 17, 19, 29, 16], 'η': [0, 22, 25, 17, 17, 17, 1], '²': [12, 2, 4, 8, 14, 0, 0],
  '·': [0, 0, 0, 4, 0, 0, 0],
};

// ---------------------------------------------------------------- the figure

export interface FigurePanel {
  label: string;                 // metal name, e.g. 'Ag'
  sublabel: string;              // e.g. 'SA 1.42'
  sublabel2?: string;            // a second line
  xi: Float32Array | null;       // null: no field (run failed before it)
  grid: readonly [number, number, number];
  eta_nuc_mV: number | null;
  surface_area_ratio: number | null;
  flag?: string;                 // e.g. 'SHORT', 'FAILED'
}

const INK: Rgb = [20, 20, 20];
const GREY: Rgb = [150, 150, 150];
const LIGHT: Rgb = [225, 225, 225];
const BAR: Rgb = [68, 114, 196];
const BAR_REF: Rgb = [120, 120, 120];
const RED: Rgb = [200, 40, 40];

/** the rows [0, rows) of a field slice drawn into a w × h box, y up, nearest neighbour */
function drawField(c: Canvas, xi: Float32Array, grid: readonly [number, number, number], rows: number,
  x0: number, y0: number, w: number, h: number): void {
  const [nx, ny, nz] = grid;
  const z = Math.floor(nz / 2);
  const lut = colormapLUT('viridis');
  for (let py = 0; py < h; py++) {
    const y = Math.min(ny - 1, Math.floor(((h - 1 - py) / h) * rows));
    for (let px = 0; px < w; px++) {
      const x = Math.min(nx - 1, Math.floor((px / w) * nx));
      const v = xi[x + nx * (y + ny * z)];
      const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
      const li = 4 * Math.round(t * 255);
      c.pixel(x0 + px, y0 + py, [lut[li], lut[li + 1], lut[li + 2]]);
    }
  }
}

function niceStep(max: number): number {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function barChart(c: Canvas, title: string, values: (number | null)[], labels: string[], fmt: (v: number) => string,
  x0: number, y0: number, w: number, h: number, refIndex: number, floor = 0): void {
  c.text(title, x0, y0, INK, 2);
  const top = y0 + 28, bottom = y0 + h - 24, left = x0 + 56, right = x0 + w - 8;
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const vmax = Math.max(floor + 1e-9, ...finite);
  const step = niceStep(vmax - floor);
  const axisMax = floor + Math.ceil((vmax - floor) / step) * step;
  const yOf = (v: number): number => bottom - ((v - floor) / (axisMax - floor)) * (bottom - top);
  for (let v = floor; v <= axisMax + step * 1e-6; v += step) {
    const y = Math.round(yOf(v));
    c.hline(left, right, y, LIGHT);
    const s = fmt(v);
    c.text(s, left - 6 - textWidth(s, 1), y - 3, GREY, 1);
  }
  c.vline(left, top, bottom, INK);
  c.hline(left, right, bottom, INK);
  const n = values.length;
  const slot = (right - left) / n;
  for (let i = 0; i < n; i++) {
    const cx = left + slot * (i + 0.5);
    const bw = Math.max(4, slot * 0.6);
    const v = values[i];
    c.text(labels[i], Math.round(cx - textWidth(labels[i], 2) / 2), bottom + 6, INK, 2);
    if (v === null || !Number.isFinite(v)) { c.text('N/A', Math.round(cx - textWidth('N/A', 1) / 2), bottom - 12, RED, 1); continue; }
    const y = Math.round(yOf(Math.max(floor, v)));
    c.fill(cx - bw / 2, y, bw, bottom - y, i === refIndex ? BAR_REF : BAR);
    const s = fmt(v);
    c.text(s, Math.round(cx - textWidth(s, 1) / 2), y - 10, INK, 1);
  }
}

export interface FigureOptions {
  title: string;
  panelWidth?: number;           // px per snapshot (default 200)
  refIndex?: number;             // bar drawn grey (bare Cu)
}

/** The screen figure as PNG bytes. */
export function screenFigure(panels: readonly FigurePanel[], options: FigureOptions): Buffer {
  const pw = options.panelWidth ?? 200, gap = 12, margin = 16;
  const n = Math.max(1, panels.length);
  const width = margin * 2 + n * pw + (n - 1) * gap;
  // the deposit region: up to the tallest deposit + 30 %, at least 16 rows, at most the grid
  let rows = 16;
  for (const p of panels) {
    if (!p.xi) continue;
    const [nx, ny, nz] = p.grid;
    const z = Math.floor(nz / 2);
    let top = 0;
    for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) if (p.xi[x + nx * (y + ny * z)] > 0.5) top = Math.max(top, y + 1);
    rows = Math.max(rows, Math.min(ny, Math.ceil(top * 1.3) + 2));
  }
  const aspect = panels.find((p) => p.xi)?.grid[0] ?? 1;
  const ph = Math.max(60, Math.round((pw * rows) / aspect));
  const titleH = 30, labelH = 48, chartH = 260;
  const height = margin + titleH + labelH + ph + 16 + chartH + margin;
  const c = new Canvas(width, height);
  c.text(options.title, margin, margin, INK, 2);
  const yPanel = margin + titleH + labelH;
  panels.forEach((p, i) => {
    const x = margin + i * (pw + gap);
    c.text(p.label, x, margin + titleH, INK, 3);
    c.text(p.sublabel, x, margin + titleH + 24, GREY, 1);
    if (p.sublabel2) c.text(p.sublabel2, x, margin + titleH + 34, GREY, 1);
    if (p.xi) drawField(c, p.xi, p.grid, Math.min(rows, p.grid[1]), x, yPanel, pw, ph);
    else c.fill(x, yPanel, pw, ph, LIGHT);
    c.rect(x - 1, yPanel - 1, pw + 2, ph + 2, GREY);
    if (p.flag) c.text(p.flag, x + 4, yPanel + 4, RED, 2);
  });
  const yChart = yPanel + ph + 16;
  const half = (width - 2 * margin - gap) / 2;
  const labels = panels.map((p) => p.label);
  barChart(c, 'NUCLEATION OVERPOTENTIAL ηNUC (MV)', panels.map((p) => p.eta_nuc_mV), labels, (v) => v.toFixed(0),
    margin, yChart, half, chartH, options.refIndex ?? -1);
  barChart(c, 'DEPOSIT SURFACE AREA / COLLECTOR AREA', panels.map((p) => p.surface_area_ratio), labels, (v) => v.toFixed(2),
    margin + half + gap, yChart, half, chartH, options.refIndex ?? -1, 1);
  return c.toPng();
}
