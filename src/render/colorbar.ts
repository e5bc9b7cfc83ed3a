// A vertical colorbar for an orthographic pixel-space HUD: gradient, title (with units) above, and
// tick labels to its left. Layout is by its centre line x and its vertical extent.
import { Mesh, PlaneGeometry, ShaderMaterial, type DataTexture, type Object3D } from 'three';
import { lutTexture, LUT_GLSL } from './lut-texture';
import type { ColormapName } from './colormaps';
import { formatTicks } from './format';
import { TextLabel } from './text-label';

export interface ColorbarSpec { colormap: ColormapName; min: number; max: number; title: string }

const TICKS = 5;
const BAR_PX = 14;

export class Colorbar {
  private readonly title = new TextLabel({ px: 12, color: '#f2f2f2', align: 'center' });
  private readonly ticks = Array.from({ length: TICKS }, () => new TextLabel({ px: 11, color: '#e0e0e0', align: 'right' }));
  private readonly material: ShaderMaterial;
  private readonly bar: Mesh;
  private spec: ColorbarSpec | null = null;

  constructor() {
    this.material = new ShaderMaterial({
      uniforms: { lutTex: { value: lutTexture('viridis') as DataTexture } },
      vertexShader: 'varying vec2 vUv; void main() { vUv = uv; gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
      fragmentShader: `uniform sampler2D lutTex; varying vec2 vUv; ${LUT_GLSL}
        void main() { gl_FragColor = vec4(lut(lutTex, vUv.y), 1.0); }`,
      depthTest: false,
    });
    this.bar = new Mesh(new PlaneGeometry(1, 1), this.material);
  }

  /** Scene objects to add to the HUD scene. */
  get objects(): Object3D[] {
    return [this.bar, this.title.mesh, ...this.ticks.map((t) => t.mesh)];
  }

  /** null hides the bar */
  set(spec: ColorbarSpec | null): void {
    this.spec = spec;
    if (spec) this.material.uniforms.lutTex.value = lutTexture(spec.colormap);
  }

  /** x: centre of the bar; y0…y1: the gradient (px, y up); maxX: right edge of the screen */
  layout(x: number, y0: number, y1: number, maxX: number, dpr: number): void {
    const spec = this.spec;
    for (const o of this.objects) o.visible = spec !== null;
    if (!spec) return;
    const len = Math.max(20, y1 - y0);
    this.bar.scale.set(BAR_PX, len, 1);
    this.bar.position.set(x, y0 + len / 2, 0);
    this.title.set(spec.title, dpr);
    this.title.place(Math.min(x, maxX - this.title.width / 2 - 2), y0 + len + 12);
    const labels = formatTicks(spec.min, spec.max, TICKS);
    this.ticks.forEach((t, i) => {
      t.set(labels[i], dpr);
      t.place(x - 10, y0 + (i / (TICKS - 1)) * len);
    });
  }

  dispose(): void {
    [this.title, ...this.ticks].forEach((t) => t.dispose());
    this.material.dispose();
    this.bar.geometry.dispose();
  }
}
