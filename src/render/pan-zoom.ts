// Zoom (wheel, about the cursor) and pan (drag) of an orthographic camera over a µm-sized box.
import type { OrthographicCamera } from 'three';
import { HUD_MARGIN } from './hud';

export interface Box { x0: number; y0: number; x1: number; y1: number }

export class PanZoom {
  /** world (µm) at the viewport centre, and zoom */
  cx = 0;
  cy = 0;
  pxPerUm = 1;
  /** false: mouse and wheel input are left alone (another view owns the canvas) */
  enabled = true;
  private fitPxPerUm = 1;
  private box: Box = { x0: 0, y0: 0, x1: 1, y1: 1 };
  private w = 1;
  private h = 1;
  private drag: { id: number; x: number; y: number } | null = null;
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly canvas: HTMLCanvasElement, private readonly camera: OrthographicCamera,
    private readonly onChange: () => void) {
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      canvas.addEventListener(type, fn as EventListener, opts);
      this.cleanup.push(() => canvas.removeEventListener(type, fn as EventListener, opts));
    };
    on('wheel', (e) => this.enabled && this.onWheel(e), { passive: false });
    on('pointerdown', (e) => this.enabled && this.onDown(e));
    on('pointermove', (e) => this.onMove(e));
    on('pointerup', (e) => this.onUp(e));
    on('pointercancel', (e) => this.onUp(e));
    on('dblclick', () => this.enabled && this.fit());
  }

  setBox(box: Box): void {
    this.box = box;
    this.fit();
  }

  setViewport(w: number, h: number): void {
    const refit = Math.abs(this.pxPerUm - this.fitPxPerUm) < 1e-9 * this.fitPxPerUm;
    this.w = w;
    this.h = h;
    this.computeFit();
    if (refit) this.fit();
    else this.apply();
  }

  /** Show the whole box inside the margins left by the HUD. */
  fit(): void {
    this.computeFit();
    const m = HUD_MARGIN;
    this.pxPerUm = this.fitPxPerUm;
    // centre of the free area, converted to world
    const freeCx = (m.left + this.w - m.right) / 2;
    const freeCy = (m.bottom + this.h - m.top) / 2;
    this.cx = (this.box.x0 + this.box.x1) / 2 - (freeCx - this.w / 2) / this.pxPerUm;
    this.cy = (this.box.y0 + this.box.y1) / 2 - (freeCy - this.h / 2) / this.pxPerUm;
    this.apply();
  }

  private computeFit(): void {
    const m = HUD_MARGIN;
    const bw = this.box.x1 - this.box.x0;
    const bh = this.box.y1 - this.box.y0;
    const fw = Math.max(10, this.w - m.left - m.right);
    const fh = Math.max(10, this.h - m.top - m.bottom);
    this.fitPxPerUm = Math.min(fw / bw, fh / bh);
  }

  private apply(): void {
    const hw = this.w / 2 / this.pxPerUm;
    const hh = this.h / 2 / this.pxPerUm;
    this.camera.left = this.cx - hw;
    this.camera.right = this.cx + hw;
    this.camera.bottom = this.cy - hh;
    this.camera.top = this.cy + hh;
    this.camera.updateProjectionMatrix();
    this.onChange();
  }

  private toWorld(clientX: number, clientY: number): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    const px = clientX - r.left - this.w / 2;
    const py = this.h / 2 - (clientY - r.top);
    return [this.cx + px / this.pxPerUm, this.cy + py / this.pxPerUm];
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const [wx, wy] = this.toWorld(e.clientX, e.clientY);
    const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
    const next = Math.min(this.fitPxPerUm * 64, Math.max(this.fitPxPerUm / 4, this.pxPerUm * factor));
    // keep the world point under the cursor fixed
    this.cx = wx - (wx - this.cx) * (this.pxPerUm / next);
    this.cy = wy - (wy - this.cy) * (this.pxPerUm / next);
    this.pxPerUm = next;
    this.apply();
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
    this.canvas.setPointerCapture(e.pointerId);
  }

  private onMove(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.cx -= (e.clientX - this.drag.x) / this.pxPerUm;
    this.cy += (e.clientY - this.drag.y) / this.pxPerUm;
    this.drag.x = e.clientX;
    this.drag.y = e.clientY;
    this.apply();
  }

  private onUp(e: PointerEvent): void {
    if (this.drag && e.pointerId === this.drag.id) {
      this.canvas.releasePointerCapture(e.pointerId);
      this.drag = null;
    }
  }

  dispose(): void {
    this.cleanup.forEach((f) => f());
  }
}
