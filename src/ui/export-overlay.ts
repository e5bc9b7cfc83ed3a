// 2D overlays drawn into exported frames: a strip with current density, voltage and the voltage
// trace so far, and the short-circuit banner. Pure canvas drawing: same inputs → same pixels.
import { formatTime } from '../render/format';

export interface Rect { x: number; y: number; w: number; h: number }

export interface InsetData {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
  n: number;
  current_mA_cm2: number;
  voltage_V: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const num = (x: number, d = 3) => (Number.isFinite(x) ? x.toPrecision(d) : '—');

/** Height of the strip for a frame height and text scale. */
export function insetHeight(frameH: number, scale: number): number {
  return Math.max(24, Math.min(Math.round(56 * scale), Math.round(frameH * 0.2)));
}

export function drawInset(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, r: Rect, d: InsetData, scale: number): void {
  ctx.save();
  ctx.fillStyle = '#1b1e24';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.fillStyle = '#2b3038';
  ctx.fillRect(r.x, r.y, r.w, Math.max(1, Math.round(r.h / 40)));
  const fs = Math.max(8, Math.round(Math.min(r.h * 0.27, 15 * scale)));
  const pad = Math.round(fs * 0.6);
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${fs}px ${FONT}`;
  ctx.fillStyle = '#f2f2f2';
  const lines = [`j = ${num(d.current_mA_cm2)} mA/cm²`, `V = ${num(d.voltage_V, 4)} V`];
  const textW = Math.ceil(Math.max(...lines.map((l) => ctx.measureText(l).width)));
  lines.forEach((l, i) => ctx.fillText(l, r.x + pad, r.y + r.h * (i === 0 ? 0.32 : 0.7)));
  // voltage trace over [t_first, t_now]
  const px = r.x + 2 * pad + textW;
  const plot: Rect = { x: px, y: r.y + pad * 0.8, w: r.x + r.w - pad - px, h: r.h - 1.6 * pad };
  if (plot.w > 2 * fs && plot.h > 8 && d.n > 0) drawTrace(ctx, plot, d, Math.max(9, Math.round(fs * 0.75)));
  ctx.restore();
}

function drawTrace(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, box: Rect, d: InsetData, fs: number): void {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < d.n; i++) {
    const v = d.v[i];
    if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (!(hi >= lo)) return;
  if (hi - lo < 1e-6) { lo -= 5e-4; hi += 5e-4; }
  // y range labels in a column left of the plot
  ctx.font = `${fs}px ${FONT}`;
  ctx.fillStyle = '#9aa3ad';
  const labels = [`${num(hi)} V`, `${num(lo)} V`];
  const lw = Math.ceil(Math.max(...labels.map((l) => ctx.measureText(l).width))) + 4;
  const r: Rect = { x: box.x + lw, y: box.y, w: box.w - lw, h: box.h };
  if (r.w < 2 * fs) return;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(labels[0], r.x - 3, r.y);
  ctx.textBaseline = 'bottom';
  ctx.fillText(labels[1], r.x - 3, r.y + r.h);
  ctx.textAlign = 'left';
  ctx.strokeStyle = 'rgba(255,255,255,0.15)';
  ctx.lineWidth = 1;
  ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
  const t0 = d.t[0];
  const t1 = Math.max(d.t[d.n - 1], t0 + 1e-12);
  ctx.strokeStyle = '#7cc4ff';
  ctx.lineWidth = Math.max(1, r.h / 40);
  ctx.beginPath();
  for (let i = 0; i < d.n; i++) {
    const x = r.x + 1 + ((d.t[i] - t0) / (t1 - t0)) * (r.w - 2);
    const y = r.y + r.h - 1 - ((d.v[i] - lo) / (hi - lo)) * (r.h - 2);
    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  }
  ctx.stroke();
}

/** Red banner at the top right of the view area; below the time label when they would overlap. */
export function drawShortBanner(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, view: Rect, t_short_s: number,
  t_now_s: number, scale: number): void {
  const fs = Math.round(13 * scale);
  const text = `Short circuit at t = ${formatTime(t_short_s)}`;
  ctx.save();
  // the HUD's time label: 600 15px at x = 12 (see src/render/hud.ts)
  ctx.font = `600 ${Math.round(15 * scale)}px ${FONT}`;
  const timeRight = view.x + Math.round(18 * scale) + ctx.measureText(`t = ${formatTime(t_now_s)}`).width;
  ctx.font = `600 ${fs}px ${FONT}`;
  const w = Math.ceil(ctx.measureText(text).width) + Math.round(16 * scale);
  const h = Math.round(fs * 1.6);
  const m = Math.round(4 * scale);
  const right = view.x + view.w - w - m;
  const x = right >= timeRight + m ? right : Math.max(view.x + m, Math.round(view.x + (view.w - w) / 2));
  const y = right >= timeRight + m ? view.y + m : view.y + Math.round(30 * scale);
  ctx.fillStyle = 'rgba(120, 10, 30, 0.92)';
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = '#ff2952';
  ctx.lineWidth = Math.max(1, Math.round(scale));
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + Math.round(8 * scale), y + h / 2);
  ctx.restore();
}
