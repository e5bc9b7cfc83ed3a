// A text quad drawn with a 2D OffscreenCanvas (no DOM); redraws only when the text changes.
import { CanvasTexture, LinearFilter, Mesh, MeshBasicMaterial, PlaneGeometry, SRGBColorSpace } from 'three';

export interface TextStyle { px: number; color: string; align: 'left' | 'right' | 'center'; bold?: boolean }

export class TextLabel {
  readonly mesh: Mesh<PlaneGeometry, MeshBasicMaterial>;
  private readonly canvas: OffscreenCanvas;
  private readonly ctx: OffscreenCanvasRenderingContext2D;
  private readonly texture: CanvasTexture<OffscreenCanvas>;
  private text = '\u0000';
  private scale = 1;
  /** size in CSS pixels of the last drawn text */
  width = 0;
  height = 0;

  constructor(private readonly style: TextStyle) {
    this.canvas = new OffscreenCanvas(4, 4);
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true }); // CPU-backed: no GPU readback on upload
    if (!ctx) throw new Error('2D canvas context unavailable');
    this.ctx = ctx;
    this.texture = new CanvasTexture(this.canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearFilter;
    this.texture.generateMipmaps = false;
    const material = new MeshBasicMaterial({ map: this.texture, transparent: true, depthTest: false, depthWrite: false });
    this.mesh = new Mesh(new PlaneGeometry(1, 1), material);
    this.mesh.renderOrder = 10;
  }

  /** Redraw if text or device-pixel scale changed. */
  set(text: string, scale = this.scale): void {
    if (text === this.text && scale === this.scale) return;
    this.text = text;
    this.scale = scale;
    const { px, color, bold } = this.style;
    const font = `${bold ? '600 ' : ''}${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;
    this.ctx.font = font;
    const w = Math.ceil(this.ctx.measureText(text).width) + 6;
    const h = Math.ceil(px * 1.4);
    const cw = Math.max(1, Math.ceil(w * scale));
    const ch = Math.max(1, Math.ceil(h * scale));
    if (this.canvas.width !== cw || this.canvas.height !== ch) {
      this.canvas.width = cw;
      this.canvas.height = ch;
      this.texture.dispose(); // size changed: reallocate on the GPU
    }
    const ctx = this.ctx;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(0,0,0,0.75)';
    ctx.strokeText(text, 3, h / 2);
    ctx.fillStyle = color;
    ctx.fillText(text, 3, h / 2);
    this.texture.needsUpdate = true;
    this.width = w;
    this.height = h;
    this.mesh.scale.set(w, h, 1);
  }

  /** Place by anchor (x, y in pixels, y up); align follows the style. */
  place(x: number, y: number): void {
    const dx = this.style.align === 'left' ? this.width / 2 : this.style.align === 'right' ? -this.width / 2 : 0;
    this.mesh.position.set(Math.round(x + dx), Math.round(y), 0);
  }

  dispose(): void {
    this.texture.dispose();
    this.mesh.geometry.dispose();
    this.mesh.material.dispose();
  }
}
