// The 3D view of a 3D run: the ξ = ½ surface ray-marched from a 3D texture, coloured by height,
// with the collector plate, the cell box, an optional axis-aligned slice (ξ, c/c₀ or φ) that can
// cut the surface away beyond it, the short-circuit path and, when given, the electrolyte
// microstructure as translucent context. Orbit camera; HUD with time, box size and colorbars.
// Draws with a renderer it is lent (the 2D view's), so the page keeps one WebGL context.
import {
  BoxGeometry, Mesh, PerspectiveCamera, PlaneGeometry, Scene, Spherical, Vector3, Vector4, type Data3DTexture,
  type RawShaderMaterial, type ShaderMaterial, type WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { isMechanicsField } from '../engine/types';
import { CellFrame } from './cell-frame';
import { Colorbar, type ColorbarSpec } from './colorbar';
import type { ColormapName } from './colormaps';
import { FIELD_STYLES, type ScalarField } from './field-styles';
import type { GridDims } from './field-view';
import { formatLength } from './format';
import { Hud, HUD_MARGIN } from './hud';
import { lutTexture } from './lut-texture';
import { ResolutionGovernor } from './resolution-governor';
import { ScaledPass } from './scaled-pass';
import { ShortPath3D } from './short-path-3d';
import { createSliceMaterial } from './slice-material';
import { TextLabel } from './text-label';
import { createVolumeMaterial, MATERIAL_COLORS } from './volume-material';
import { byteVolume, electrolyteRange, packScaled, packXi, type CellBounds } from './volume-textures';

export type SliceAxis = 'none' | 'x' | 'y' | 'z';
export type SliceField = 'xi' | ScalarField;
export interface SliceSettings {
  axis: SliceAxis;
  /** along the axis, µm from the cell's origin (snapped to the nearest cell centre) */
  position_um: number;
  field: SliceField;
  /** cut the surface away beyond the slice (coordinates above the position) */
  clip: boolean;
}

/** Names of the material ids of a microstructure volume (index = id, as src/model/microstructure.ts). */
export const MATERIAL_NAMES = ['liquid / none', 'LPSCl grain', 'grain boundary', 'LiF', 'LSPS', 'LSPS grain boundary'];

const HEIGHT_MAP: ColormapName = 'viridis';
const FIELD_MAPS: Record<SliceField, { map: ColormapName; title: string }> = {
  xi: { map: 'viridis', title: 'ξ (Li)' },
  ...FIELD_STYLES,
};
const AXES: Record<Exclude<SliceAxis, 'none'>, number> = { x: 0, y: 1, z: 2 };

/** Smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k not below x (stable colorbar ends). */
function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 1.5, 2, 3, 4, 5, 6, 8, 10]) if (m * p >= x * (1 - 1e-9)) return m * p;
  return 10 * p;
}

export class VolumeView {
  /** frames actually drawn */
  frames = 0;
  // three passes: the cell's solid parts at full resolution, the volume and slice at the
  // governor's scale (composited with depth), then translucent and always-on-top parts
  private readonly solidScene = new Scene();
  private readonly volumeScene = new Scene();
  private readonly overlayScene = new Scene();
  private readonly volumePass = new ScaledPass();
  private readonly governor = new ResolutionGovernor();
  private readonly camera = new PerspectiveCamera(35, 1, 0.01, 1000);
  private readonly controls: OrbitControls;
  private readonly hud = new Hud();
  private readonly sliceBar = new Colorbar();
  private readonly axisLabels = [0, 1, 2].map(() => new TextLabel({ px: 11, color: '#d6dbe2', align: 'center' }));
  private readonly legend = MATERIAL_NAMES.slice(1).map((_, i) => {
    const [r, g, b] = MATERIAL_COLORS[i + 1];
    return new TextLabel({ px: 11, color: `rgb(${Math.round(r * 255)},${Math.round(g * 255)},${Math.round(b * 255)})`, align: 'left' });
  });
  private readonly frame = new CellFrame();
  private readonly path = new ShortPath3D();
  private readonly volume: Mesh<BoxGeometry, RawShaderMaterial>;
  private readonly slice: Mesh<PlaneGeometry, ShaderMaterial>;
  private xiTex: Data3DTexture;
  private fieldTex: Data3DTexture;
  private matTex: Data3DTexture;
  private dims: GridDims = { nx: 1, ny: 1, nz: 1, dx_um: 1 };
  private sliceSettings: SliceSettings = { axis: 'none', position_um: 0, field: 'xi', clip: false };
  private fieldName: SliceField | null = null;
  private fieldRange: [number, number] = [0, 1];
  private heightTop = 1;
  private materials = false;
  /** largest 3D texture edge the GPU takes; a bigger grid is not drawn (the note says so) */
  private readonly max3d: number;
  private tooLarge = false;
  /** fixed resolution scale of the volume pass, or null for the governor's */
  private fixedScale: number | null = null;
  private width = 1;
  private height = 1;
  private dpr = 1;
  private dirty = true;
  private interactive = false;
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly renderer: WebGLRenderer, private readonly canvas: HTMLCanvasElement) {
    const shape = { nx: 1, ny: 1, nz: 1 };
    this.xiTex = byteVolume(shape, true);
    this.fieldTex = byteVolume(shape, true);
    this.matTex = byteVolume(shape, false);
    this.volume = new Mesh(new BoxGeometry(1, 1, 1), createVolumeMaterial(this.xiTex, this.matTex, lutTexture(HEIGHT_MAP)));
    this.volume.renderOrder = 10; // after the opaque plate and slice, before the translucent counter plate
    this.volume.frustumCulled = false;
    this.slice = new Mesh(new PlaneGeometry(1, 1), createSliceMaterial(this.xiTex, this.fieldTex, lutTexture('viridis')));
    this.slice.visible = false;
    this.solidScene.add(this.frame.solid);
    this.volumeScene.add(this.slice, this.volume);
    this.overlayScene.add(this.frame.overlay, this.path.object);
    this.hud.showScale(false);
    this.hud.scene.add(...this.sliceBar.objects, ...this.axisLabels.map((l) => l.mesh), ...this.legend.map((l) => l.mesh));
    this.legend.forEach((l, i) => l.set(`${i === 0 ? 'electrolyte: ' : ''}${MATERIAL_NAMES[i + 1]}`));
    const gl = renderer.getContext();
    this.max3d = Number(gl.getParameter((gl as WebGL2RenderingContext).MAX_3D_TEXTURE_SIZE)) || 256;
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enabled = false;
    this.controls.addEventListener('change', () => (this.dirty = true));
    const reset = () => this.interactive && this.resetView();
    canvas.addEventListener('dblclick', reset);
    this.cleanup.push(() => canvas.removeEventListener('dblclick', reset));
    this.updateHud();
  }

  /** Call when the grid changes (new run). Clears the surface, slice field, materials and path. */
  setGrid(dims: GridDims): void {
    const same = dims.nx === this.dims.nx && dims.ny === this.dims.ny && dims.nz === this.dims.nz && dims.dx_um === this.dims.dx_um;
    this.dims = { ...dims };
    if (!same) {
      this.tooLarge = Math.max(dims.nx, dims.ny, dims.nz) > this.max3d;
      const shape = this.tooLarge ? { nx: 1, ny: 1, nz: 1 } : dims;
      this.volume.visible = this.slice.visible = !this.tooLarge;
      [this.xiTex, this.fieldTex, this.matTex].forEach((t) => t.dispose());
      this.xiTex = byteVolume(shape, true);
      this.fieldTex = byteVolume(shape, true);
      this.matTex = byteVolume(shape, false);
      const u = this.volume.material.uniforms;
      u.xiTex.value = this.xiTex;
      u.matTex.value = this.matTex;
      this.slice.material.uniforms.xiTex.value = this.xiTex;
      this.slice.material.uniforms.fieldTex.value = this.fieldTex;
      const { nx, ny, nz, dx_um: dx } = dims;
      const box = new Vector3(nx * dx, ny * dx, nz * dx);
      u.gridSize.value.set(nx, ny, nz);
      u.boxUm.value.copy(box);
      // one sample per cell crossed: enough for a ξ profile 3–4 cells wide, and cheap in software GL
      u.stepsPerCell.value = 1;
      this.slice.material.uniforms.boxUm.value.copy(box);
      this.volume.scale.copy(box);
      this.volume.position.copy(box).multiplyScalar(0.5);
      this.frame.layout({ width: box.x, height: box.y, depth: box.z, dx });
      this.resetView();
    }
    this.setBounds(null);
    this.fieldName = null;
    this.setMaterials(null);
    this.setShortPath(null);
    this.setSlice(this.sliceSettings);
    this.updateHud();
    this.dirty = true;
  }

  /** ξ for the whole grid (index x + nx*(y + ny*z)); shorter arrays are ignored. */
  setXi(data: Float32Array): void {
    const out = this.xiTex.image.data as Uint8Array;
    if (this.tooLarge || data.length < out.length) return;
    this.setBounds(packXi(data, out, this.dims));
    this.xiTex.needsUpdate = true;
    this.dirty = true;
  }

  /**
   * c (by c₀), φ (V) or a mechanics field for the slice. The colour range follows the electrolyte's values for
   * c and φ, every cell's for the stresses (they matter in the Li too), and is 0–1 for LSPS r (a fraction).
   */
  setScalarField(name: ScalarField, data: Float32Array): void {
    const out = this.fieldTex.image.data as Uint8Array;
    if (this.tooLarge || data.length < out.length) return;
    this.fieldRange = name === 'lspsDecomposition' ? [0, 1]
      : electrolyteRange(data, isMechanicsField(name) ? null : this.xiTex.image.data as Uint8Array);
    packScaled(data, out, this.fieldRange[0], this.fieldRange[1]);
    this.fieldTex.needsUpdate = true;
    this.fieldName = name;
    this.updateHud();
    this.dirty = true;
  }

  /** the field the slice needs from the run, if any besides ξ */
  get wantedField(): ScalarField | null {
    const f = this.sliceSettings.field;
    return this.sliceSettings.axis !== 'none' && f !== 'xi' ? f : null;
  }

  setSlice(settings: SliceSettings): void {
    const s = { ...settings };
    this.sliceSettings = s;
    const u = this.volume.material.uniforms;
    const show = s.axis !== 'none' && !this.tooLarge;
    this.slice.visible = show;
    (u.clipPlane.value as Vector4).set(0, 0, 0, 0);
    if (show) {
      const { nx, ny, nz, dx_um: dx } = this.dims;
      const a = AXES[s.axis as Exclude<SliceAxis, 'none'>];
      const n = [nx, ny, nz][a];
      const k = Math.min(n - 1, Math.max(0, Math.floor((Number.isFinite(s.position_um) ? s.position_um : 0) / dx + 1e-9)));
      const pos = (k + 0.5) * dx;
      const [w, h, d] = [nx * dx, ny * dx, nz * dx];
      this.slice.rotation.set(0, 0, 0);
      if (a === 0) { this.slice.rotation.y = Math.PI / 2; this.slice.scale.set(d, h, 1); this.slice.position.set(pos, h / 2, d / 2); }
      if (a === 1) { this.slice.rotation.x = -Math.PI / 2; this.slice.scale.set(w, d, 1); this.slice.position.set(w / 2, pos, d / 2); }
      if (a === 2) { this.slice.scale.set(w, h, 1); this.slice.position.set(w / 2, h / 2, pos); }
      if (s.clip) (u.clipPlane.value as Vector4).setComponent(a, 1).setW((k + 0.5) / n);
      const m = this.slice.material.uniforms;
      m.showXi.value = s.field === 'xi' ? 1 : 0;
      m.lutTex.value = lutTexture(FIELD_MAPS[s.field].map);
    }
    this.updateHud();
    this.dirty = true;
  }

  /** Index of the slice's cell layer along its axis (for a 2D view of the same slice), or null. */
  get sliceIndex(): { axis: SliceAxis; index: number } | null {
    const s = this.sliceSettings;
    if (s.axis === 'none') return null;
    const a = AXES[s.axis];
    const n = [this.dims.nx, this.dims.ny, this.dims.nz][a];
    return { axis: s.axis, index: Math.min(n - 1, Math.max(0, Math.floor(s.position_um / this.dims.dx_um + 1e-9) || 0)) };
  }

  /**
   * Electrolyte microstructure as material ids per cell (0 liquid/none, 1 LPSCl grain, 2 grain
   * boundary, 3 LiF, 4 LSPS, 5 LSPS grain boundary), drawn as translucent context; null removes it.
   * Returns false (and changes nothing) when the array does not fit the grid. Unknown ids draw as 0.
   */
  setMaterials(ids: Uint8Array | null): boolean {
    const out = this.matTex.image.data as Uint8Array;
    if (ids && (this.tooLarge || ids.length !== out.length)) return false;
    if (ids) out.set(ids);
    this.materials = ids !== null;
    this.matTex.needsUpdate = ids !== null;
    this.volume.material.uniforms.hasMaterials.value = this.materials ? 1 : 0;
    this.updateHud();
    this.dirty = true;
    return true;
  }

  get hasMaterials(): boolean {
    return this.materials;
  }

  /** Cells of the short-circuit path, or null to clear. */
  setShortPath(cells: Uint32Array | null): void {
    this.path.set(cells, this.dims);
    this.dirty = true;
  }

  get shortPathCells(): number {
    return this.path.count;
  }

  setTime(t_s: number): void {
    this.hud.setTime(t_s);
    this.dirty = true;
  }

  /** Whether the canvas' mouse input drives this view's camera. */
  setInteractive(on: boolean): void {
    this.interactive = on;
    this.controls.enabled = on;
    this.dirty = true;
  }

  /** Resolution of the volume pass: a fixed fraction (0.25–1) of the canvas', or null: adaptive. */
  setResolution(scale: number | null): void {
    this.fixedScale = scale === null || !Number.isFinite(scale) ? null : Math.min(1, Math.max(0.25, scale));
    this.dirty = true;
  }

  setAutoRotate(on: boolean): void {
    this.controls.autoRotate = on;
    this.dirty = true;
  }

  /** CSS size of the canvas (the renderer is sized by its owner). */
  resize(width: number, height: number, dpr = globalThis.devicePixelRatio || 1): void {
    this.width = Math.max(1, Math.floor(width));
    this.height = Math.max(1, Math.floor(height));
    this.dpr = dpr;
    this.camera.aspect = this.width / this.height;
    this.camera.updateProjectionMatrix();
    this.hud.resize(this.width, this.height, dpr);
    this.updateHud();
    this.dirty = true;
  }

  /** Three-quarter view from above the front, the whole cell in view. */
  resetView(): void {
    const { nx, ny, nz, dx_um: dx } = this.dims;
    const centre = new Vector3(nx * dx, ny * dx, nz * dx).multiplyScalar(0.5);
    const radius = centre.length() + this.frame.plate;
    const fov = (this.camera.fov * Math.PI) / 180;
    const fit = Math.min(fov, 2 * Math.atan(Math.tan(fov / 2) * this.camera.aspect));
    const distance = (1.08 * radius) / Math.sin(fit / 2);
    const dir = new Vector3().setFromSpherical(new Spherical(1, (62 * Math.PI) / 180, (35 * Math.PI) / 180));
    this.camera.position.copy(centre).addScaledVector(dir, distance);
    this.camera.near = distance / 100;
    this.camera.far = distance * 10;
    this.camera.updateProjectionMatrix();
    this.controls.target.copy(centre);
    this.controls.minDistance = radius * 0.05;
    this.controls.maxDistance = distance * 4;
    this.controls.update();
    this.dirty = true;
  }

  /**
   * Draw if anything changed (or when forced); returns whether a frame was drawn. Call on every
   * animation tick: the resolution governor learns from the idle ticks too. fullScale: draw the
   * volume at the canvas' resolution whatever the governor says (images for saving).
   */
  render(force = false, fullScale = false): boolean {
    if (this.controls.autoRotate) this.controls.update();
    const governed = this.governor.tick(performance.now(), this.dirty || force);
    if (governed === null) return false;
    const scale = fullScale ? 1 : this.fixedScale ?? governed;
    this.dirty = false;
    this.volume.updateMatrixWorld();
    const camTex = this.volume.worldToLocal(this.camera.position.clone()).addScalar(0.5);
    this.volume.material.uniforms.cameraTex.value.copy(camTex);
    this.placeAxisLabels();
    const r = this.renderer;
    this.volumePass.render(r, this.volumeScene, this.camera, scale);
    r.clear();
    r.render(this.solidScene, this.camera);
    this.volumePass.composite(r);
    r.render(this.overlayScene, this.camera);
    r.clearDepth();
    r.render(this.hud.scene, this.hud.camera);
    this.frames++;
    this.lastScale = scale;
    return true;
  }

  /** resolution scale of the last volume pass (1 = the canvas' resolution) */
  lastScale = 1;

  /** PNG of the current view, annotations included. */
  toPNG(): string {
    this.render(true, true);
    return this.canvas.toDataURL('image/png');
  }

  dispose(): void {
    this.cleanup.forEach((f) => f());
    this.controls.dispose();
    this.hud.dispose();
    this.sliceBar.dispose();
    [...this.axisLabels, ...this.legend].forEach((l) => l.dispose());
    [this.xiTex, this.fieldTex, this.matTex].forEach((t) => t.dispose());
    this.volume.geometry.dispose();
    this.volume.material.dispose();
    this.slice.geometry.dispose();
    this.slice.material.dispose();
    this.frame.dispose();
    this.path.dispose();
    this.volumePass.dispose();
  }

  /** March box (texture space) from the metal's cell bounds, and the height colorbar's top. */
  private setBounds(b: CellBounds | null): void {
    const u = this.volume.material.uniforms;
    const { nx, ny, nz, dx_um: dx } = this.dims;
    const n = [nx, ny, nz];
    if (!b) {
      u.marchMin.value.set(1, 1, 1);
      u.marchMax.value.set(0, 0, 0);
    } else {
      // half a cell beyond the outermost metal centres and one more for interpolation: outside
      // this box every sample mixes only electrolyte cells, so no surface can be missed
      const lo = b.min.map((i, a) => Math.max(0, (i - 0.5 - 0.01) / n[a]));
      const hi = b.max.map((i, a) => Math.min(1, (i + 1.5 + 0.01) / n[a]));
      u.marchMin.value.fromArray(lo);
      u.marchMax.value.fromArray(hi);
    }
    // a rounded top keeps the colorbar steady while the deposit grows; never above the cell
    const top = Math.min(niceCeil(b ? (b.max[1] + 1) * dx : dx), ny * dx);
    if (top !== this.heightTop) {
      this.heightTop = top;
      u.heightRange.value.set(0, top);
      this.updateHud();
    }
  }

  private updateHud(): void {
    const { nx, ny, nz, dx_um: dx } = this.dims;
    const f = (n: number) => formatLength(n * dx);
    this.hud.setNote(this.tooLarge
      ? `3D · grid ${nx} × ${ny} × ${nz} exceeds this GPU's 3D textures (${this.max3d} cells per axis): use the slice view`
      : `3D · ${f(nx)} × ${f(ny)} × ${f(nz)} (x × y × z) · drag: orbit, wheel: zoom, right-drag: pan`);
    this.hud.setColorbar({ colormap: HEIGHT_MAP, min: 0, max: this.heightTop, title: 'height (µm)' });
    const s = this.sliceSettings;
    let spec: ColorbarSpec | null = null;
    if (s.axis !== 'none') {
      const { map, title } = FIELD_MAPS[s.field];
      const [lo, hi] = s.field === 'xi' ? [0, 1] : this.fieldName === s.field ? this.fieldRange : [0, 1];
      spec = { colormap: map, min: lo, max: hi, title: `slice: ${title}` };
    }
    this.sliceBar.set(spec);
    // left of the height colorbar, its title kept clear of the height bar's title
    this.sliceBar.layout(this.width - 122, HUD_MARGIN.bottom + 8, this.height - HUD_MARGIN.top - 14, this.width - 84, this.dpr);
    this.legend.forEach((l, i) => {
      l.mesh.visible = this.materials;
      l.set(`${i === 0 ? 'electrolyte: ' : ''}${MATERIAL_NAMES[i + 1]}`, this.dpr);
    });
    let x = HUD_MARGIN.left;
    for (const l of this.legend) {
      l.place(x, 16);
      x += l.width + 6;
    }
    this.dirty = true;
  }

  /** Box lengths at the middle of a bottom x edge, a bottom z edge and a vertical edge. */
  private placeAxisLabels(): void {
    const { nx, ny, nz, dx_um: dx } = this.dims;
    const [w, h, d] = [nx * dx, ny * dx, nz * dx];
    const cam = this.camera.position;
    const near = (a: Vector3, b: Vector3) => (a.distanceToSquared(cam) <= b.distanceToSquared(cam) ? a : b);
    const t = this.frame.plate;
    const xEdge = near(new Vector3(w / 2, -t, 0), new Vector3(w / 2, -t, d));
    const zEdge = near(new Vector3(0, -t, d / 2), new Vector3(w, -t, d / 2));
    const corners = [[0, 0], [w, 0], [0, d], [w, d]].map(([x, z]) => new Vector3(x, h / 2, z));
    const yEdge = corners.map((p) => [p, p.clone().project(this.camera).x] as const).sort((a, b) => a[1] - b[1])[0][0];
    const texts = [`x ${formatLength(w)}`, `y ${formatLength(h)} (growth)`, `z ${formatLength(d)}`];
    [xEdge, yEdge, zEdge].forEach((p, i) => {
      const label = this.axisLabels[i];
      const ndc = p.clone().project(this.camera);
      label.mesh.visible = ndc.z < 1 && Math.abs(ndc.x) < 1.2 && Math.abs(ndc.y) < 1.2;
      label.set(texts[i], this.dpr);
      const px = ((ndc.x + 1) / 2) * this.width;
      const py = ((ndc.y + 1) / 2) * this.height;
      label.place(i === 1 ? px - label.width / 2 - 6 : px, i === 1 ? py : py - 10);
    });
  }
}
