// Screen-space annotations drawn by three.js: simulated time, µm scale bar, colorbar with units.
import { Mesh, MeshBasicMaterial, OrthographicCamera, PlaneGeometry, Scene, ShaderMaterial, type DataTexture } from 'three';
import { TextLabel } from './text-label';
import { lutTexture, LUT_GLSL } from './lut-texture';
import type { ColormapName } from './colormaps';
import { formatLength, formatTicks, formatTime, niceFloor } from './format';

export interface ColorbarSpec { colormap: ColormapName; min: number; max: number; title: string }

const TICKS = 5;
export const HUD_MARGIN = { left: 12, right: 92, top: 34, bottom: 44 }; // px kept free around the field

export class Hud {
  readonly scene = new Scene();
  readonly camera = new OrthographicCamera(0, 1, 1, 0, -1, 1);
  private readonly time = new TextLabel({ px: 15, color: '#f2f2f2', align: 'left', bold: true });
  private readonly note = new TextLabel({ px: 12, color: '#c9ced6', align: 'left' });
  private readonly scaleText = new TextLabel({ px: 12, color: '#f2f2f2', align: 'center' });
  private readonly scaleBar = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial({ color: 0xf2f2f2, depthTest: false }));
  private readonly barTitle = new TextLabel({ px: 12, color: '#f2f2f2', align: 'center' });
  private readonly ticks = Array.from({ length: TICKS }, () => new TextLabel({ px: 11, color: '#e0e0e0', align: 'right' }));
  private readonly barMaterial: ShaderMaterial;
  private readonly bar: Mesh;
  private w = 1;
  private h = 1;
  private dpr = 1;
  private colorbar: ColorbarSpec | null = null;
  private t_s = 0;
  private noteText = '';

  constructor() {
    this.barMaterial = new ShaderMaterial({
      uniforms: { lutTex: { value: lutTexture('viridis') as DataTexture } },
      vertexShader: 'varying vec2 vUv; void main() { vUv = uv; gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
      fragmentShader: `uniform sampler2D lutTex; varying vec2 vUv; ${LUT_GLSL}
        void main() { gl_FragColor = vec4(lut(lutTex, vUv.y), 1.0); }`,
      depthTest: false,
    });
    this.bar = new Mesh(new PlaneGeometry(1, 1), this.barMaterial);
    this.scene.add(this.time.mesh, this.note.mesh, this.scaleText.mesh, this.scaleBar, this.bar, this.barTitle.mesh, ...this.ticks.map((t) => t.mesh));
  }

  resize(w: number, h: number, dpr: number): void {
    this.w = w;
    this.h = h;
    this.dpr = dpr;
    this.camera.right = w;
    this.camera.top = h;
    this.camera.updateProjectionMatrix();
    this.layoutColorbar();
    this.setTime(this.t_s);
    this.setNote(this.noteText);
  }

  setTime(t_s: number): void {
    this.t_s = t_s;
    this.time.set(`t = ${formatTime(t_s)}`, this.dpr);
    this.time.place(HUD_MARGIN.left, this.h - 16);
  }

  /** A second line under the time (e.g. which slice of a 3D run is shown); empty hides it. */
  setNote(text: string): void {
    this.noteText = text;
    this.note.mesh.visible = text !== '';
    if (text) this.note.set(text, this.dpr);
    this.note.place(HUD_MARGIN.left, this.h - 36);
  }

  /** pxPerUm: current zoom; chooses a 1-2-5 bar of 60–150 px. */
  setScale(pxPerUm: number): void {
    const um = niceFloor(150 / pxPerUm);
    const px = um * pxPerUm;
    const x0 = HUD_MARGIN.left + 4;
    this.scaleBar.scale.set(px, 4, 1);
    this.scaleBar.position.set(x0 + px / 2, 14, 0);
    this.scaleText.set(formatLength(um), this.dpr);
    this.scaleText.place(x0 + px / 2, 30);
  }

  setColorbar(spec: ColorbarSpec): void {
    this.colorbar = spec;
    this.barMaterial.uniforms.lutTex.value = lutTexture(spec.colormap);
    this.layoutColorbar();
  }

  private layoutColorbar(): void {
    const spec = this.colorbar;
    this.bar.visible = this.barTitle.mesh.visible = spec !== null;
    this.ticks.forEach((t) => (t.mesh.visible = spec !== null));
    if (!spec) return;
    const x = this.w - 22;
    const y0 = HUD_MARGIN.bottom + 8;
    const y1 = this.h - HUD_MARGIN.top - 14;
    const len = Math.max(20, y1 - y0);
    this.bar.scale.set(14, len, 1);
    this.bar.position.set(x, y0 + len / 2, 0);
    this.barTitle.set(spec.title, this.dpr);
    this.barTitle.place(Math.min(x, this.w - this.barTitle.width / 2 - 2), y0 + len + 12);
    const labels = formatTicks(spec.min, spec.max, TICKS);
    this.ticks.forEach((t, i) => {
      const f = i / (TICKS - 1);
      t.set(labels[i], this.dpr);
      t.place(x - 10, y0 + f * len);
    });
  }

  dispose(): void {
    [this.time, this.note, this.scaleText, this.barTitle, ...this.ticks].forEach((t) => t.dispose());
    this.barMaterial.dispose();
    this.bar.geometry.dispose();
    this.scaleBar.geometry.dispose();
    (this.scaleBar.material as MeshBasicMaterial).dispose();
  }
}
