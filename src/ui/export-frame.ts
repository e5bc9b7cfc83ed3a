// Renders one export frame at a chosen size, off screen: a hidden FieldView (field, electrodes, time,
// µm scale bar, colorbar) fitted to the whole cell, composited into a 2D canvas with the short banner
// and the current/voltage strip. One WebGL context, created on first use and kept.
import type { FieldName } from '../engine/types';
import { FieldView, type OverlayKind } from '../render/field-view';
import { drawInset, drawShortBanner, insetHeight, type InsetData, type Rect } from './export-overlay';

export interface FrameData {
  grid: [number, number, number];
  dx_um: number;
  t_s: number;
  overlay: OverlayKind;
  fields: Map<FieldName, Float32Array>;
  shortPath: Uint32Array | null;
  short_t_s: number | null;
  inset: InsetData | null;
}

export class FrameComposer {
  private readonly glCanvas = document.createElement('canvas');
  private readonly view = new FieldView(this.glCanvas);
  private readonly canvas = new OffscreenCanvas(2, 2);
  private readonly ctx: OffscreenCanvasRenderingContext2D;

  constructor() {
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true, alpha: false });
    if (!ctx) throw new Error('2D canvas context unavailable');
    this.ctx = ctx;
  }

  /** Draw a frame of width × height and return its RGBA pixels. */
  compose(d: FrameData, width: number, height: number, inset: boolean): ImageData {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    // text scale: 1 up to 640×480, larger for bigger frames
    const k = Math.max(1, Math.min(width / 640, height / 480));
    const stripH = inset ? insetHeight(height, k) : 0;
    const area: Rect = { x: 0, y: 0, w: width, h: height - stripH };
    const v = this.view;
    v.resize(Math.floor(area.w / k), Math.floor(area.h / k), k);
    const [nx, ny, nz] = d.grid;
    v.setGrid({ nx, ny, nz, dx_um: d.dx_um });
    v.setOverlay(d.overlay);
    const xi = d.fields.get('xi');
    if (xi) v.setXi(xi);
    const ov = d.overlay === 'none' ? undefined : d.fields.get(d.overlay);
    if (ov) v.setOverlayField(ov);
    v.setShortPath(d.shortPath);
    v.setTime(d.t_s);
    v.resetView();
    v.render(true);
    const ctx = this.ctx;
    ctx.fillStyle = '#14161b';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.glCanvas, 0, 0, this.glCanvas.width, this.glCanvas.height, area.x, area.y, area.w, area.h);
    if (d.short_t_s !== null) drawShortBanner(ctx, area, d.short_t_s, d.t_s, k);
    if (stripH > 0 && d.inset) drawInset(ctx, { x: 0, y: area.h, w: width, h: stripH }, d.inset, k);
    return ctx.getImageData(0, 0, width, height);
  }

  /** PNG of the last composed frame. */
  toPNG(): Promise<Blob> {
    return this.canvas.convertToBlob({ type: 'image/png' });
  }
}

let shared: FrameComposer | null = null;

export function frameComposer(): FrameComposer {
  shared ??= new FrameComposer();
  return shared;
}
