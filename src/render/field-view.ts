// The 2D field view: ξ (or an overlay of c / φ) on the grid, the solid electrolyte's microstructure,
// the collector and counter electrode, short-circuit path, HUD (time, scale bar, colorbar). Takes Float32Arrays + dims; owns only its canvas.
import {
  DataTexture, FloatType, LinearFilter, Mesh, MeshBasicMaterial, NearestFilter, OrthographicCamera,
  PlaneGeometry, RedFormat, Scene, UnsignedByteType, WebGLRenderer, type ShaderMaterial,
} from 'three';
import { isMechanicsField } from '../engine/types';
import { MAT_GB, MAT_LIF, MAT_LSPS, MAT_LSPS_GB } from '../model/microstructure';
import { createFieldMaterial } from './field-material';
import { lutTexture } from './lut-texture';
import type { ColormapName } from './colormaps';
import { FIELD_STYLES, type ScalarField } from './field-styles';
import { Hud, type ColorbarSpec } from './hud';
import { PanZoom } from './pan-zoom';
import { TextLabel } from './text-label';

export interface GridDims { nx: number; ny: number; nz: number; dx_um: number }
export type OverlayKind = 'none' | ScalarField;


// materials → their colour in the ξ view (field-material.ts)
const LEGEND: [number[], string][] = [
  [[MAT_GB], 'grain boundaries: orange'], [[MAT_LIF], 'LiF: green'], [[MAT_LSPS, MAT_LSPS_GB], 'LSPS: violet'],
];

const COLLECTOR_COLOR = 0xb87333; // copper
const COUNTER_COLOR = 0x9aa3ad;   // Li metal / steel

export class FieldView {
  readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new OrthographicCamera(0, 1, 1, 0, -10, 10);
  private readonly hud = new Hud();
  private readonly panZoom: PanZoom;
  private readonly plane: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly collector = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial({ color: COLLECTOR_COLOR }));
  private readonly counter = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial({ color: COUNTER_COLOR }));
  private readonly collectorLabel = new TextLabel({ px: 11, color: '#ffffff', align: 'left' });
  private readonly counterLabel = new TextLabel({ px: 11, color: '#ffffff', align: 'left' });
  private xiTex = this.floatTexture(1, 1);
  private ovTex = this.floatTexture(1, 1);
  private maskTex = this.maskTexture(1, 1);
  private matTex = this.maskTexture(1, 1);
  /** the solid electrolyte's material map (whole grid), or null: none, or not shown */
  private materials: Uint8Array | null = null;
  private materialLegend = '';
  private dims: GridDims = { nx: 1, ny: 1, nz: 1, dx_um: 1 };
  private overlay: OverlayKind = 'none';
  private xiMap: ColormapName = 'viridis';
  private ovRange: [number, number] = [0, 1];
  private electrodeUm = 1;
  /** z layer shown for 3D runs (null: the middle one) */
  private sliceZ: number | null = null;
  private width = 1;
  private height = 1;
  private dpr = 1;
  private dirty = true;
  /** frames actually drawn */
  frames = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: false, alpha: false, powerPreference: 'high-performance' });
    this.renderer.setClearColor(0x14161b, 1);
    this.renderer.autoClear = false;
    const linear = this.renderer.extensions.has('OES_texture_float_linear');
    this.xiTex.magFilter = linear ? LinearFilter : NearestFilter;
    const material = createFieldMaterial(this.xiTex, this.ovTex, this.maskTex, this.matTex, lutTexture('viridis'), lutTexture('magma'));
    this.plane = new Mesh(new PlaneGeometry(1, 1), material);
    this.scene.add(this.plane, this.collector, this.counter);
    this.hud.scene.add(this.collectorLabel.mesh, this.counterLabel.mesh);
    this.panZoom = new PanZoom(canvas, this.camera, () => this.onCamera());
    this.setOverlay('none');
  }

  /** Call when the grid changes (new run). */
  setGrid(dims: GridDims): void {
    const same = dims.nx === this.dims.nx && dims.ny === this.dims.ny && dims.nz === this.dims.nz && dims.dx_um === this.dims.dx_um;
    this.dims = { ...dims };
    if (!same) {
      const { nx, ny } = dims;
      const linear = this.xiTex.magFilter === LinearFilter;
      [this.xiTex, this.ovTex, this.maskTex, this.matTex].forEach((t) => t.dispose());
      this.xiTex = this.floatTexture(nx, ny);
      this.xiTex.magFilter = linear ? LinearFilter : NearestFilter;
      this.ovTex = this.floatTexture(nx, ny);
      this.ovTex.magFilter = this.xiTex.magFilter;
      this.maskTex = this.maskTexture(nx, ny);
      this.matTex = this.maskTexture(nx, ny);
      const u = this.plane.material.uniforms;
      u.xiTex.value = this.xiTex;
      u.ovTex.value = this.ovTex;
      u.maskTex.value = this.maskTex;
      u.matTex.value = this.matTex;
      this.layoutWorld();
    }
    this.setShortPath(null);
    this.setMaterials(null);
    this.updateNote();
  }

  /** Which z layer of a 3D run to show (null: the middle one); takes effect with the next field. */
  setSliceZ(z: number | null): void {
    this.sliceZ = z;
    this.updateMaterials();
    this.updateNote();
  }

  /**
   * The solid electrolyte's microstructure (material ids of src/model/microstructure.ts, whole grid) tinted into
   * the electrolyte of the ξ view: grain boundaries, LiF particles and the LSPS band. null: not shown.
   */
  setMaterials(map: Uint8Array | null): void {
    const { nx, ny, nz } = this.dims;
    this.materials = map && map.length === nx * ny * nz ? map : null;
    const present = new Set(this.materials ?? []);
    this.materialLegend = LEGEND.filter(([ids]) => ids.some((id) => present.has(id))).map(([, text]) => text).join(' · ');
    this.updateMaterials();
  }

  private updateMaterials(): void {
    const on = this.materials !== null;
    if (on) {
      this.copySlice(this.materials!, this.matTex.image.data as Uint8Array);
      this.matTex.needsUpdate = true;
    }
    this.plane.material.uniforms.matOn.value = on ? 1 : 0;
    this.updateNote();
  }

  /** Whether mouse input (pan, zoom) drives this view; off while another view owns the canvas. */
  setInteractive(on: boolean): void {
    this.panZoom.enabled = on;
    this.dirty = true;
  }

  private get shownZ(): number {
    const nz = this.dims.nz;
    return this.sliceZ === null || !Number.isFinite(this.sliceZ) ? Math.floor(nz / 2) : Math.min(nz - 1, Math.max(0, Math.floor(this.sliceZ)));
  }

  private updateNote(): void {
    const { nz, dx_um } = this.dims;
    this.hud.setNote(nz > 1 ? `3D: slice z = ${+((this.shownZ + 0.5) * dx_um).toPrecision(3)} µm of ${+(nz * dx_um).toPrecision(3)} µm` : '');
    // the legend of the microstructure tint, for the materials the map holds (ξ view only; an overlay replaces it)
    this.hud.setLegend(this.materials && this.overlay === 'none' ? this.materialLegend : '');
    this.dirty = true;
  }

  /** ξ for the whole grid (index x + nx*(y + ny*z)); shows one z slice (setSliceZ) in 3D. */
  setXi(data: Float32Array): void {
    this.copySlice(data, this.xiTex.image.data as Float32Array);
    this.xiTex.needsUpdate = true;
    this.dirty = true;
  }

  /** the overlay's field: c/c₀, φ (V) or a mechanics field; its colour range follows the values shown (below). */
  setOverlayField(data: Float32Array): void {
    const dst = this.ovTex.image.data as Float32Array;
    this.copySlice(data, dst);
    this.ovTex.needsUpdate = true;
    const xi = this.xiTex.image.data as Float32Array;
    let lo = Infinity;
    let hi = -Infinity;
    // c and φ are read in the electrolyte; the mechanics fields in the Li too (its pressure slows growth;
    // LSPS decomposes where Li is)
    const everywhere = isMechanicsField(this.overlay);
    for (let i = 0; i < dst.length; i++) {
      if (!everywhere && xi[i] > 0.5) continue;
      const v = dst[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi > lo)) { lo = Number.isFinite(lo) ? lo - 0.5 : 0; hi = lo + 1; }
    if (this.overlay === 'lspsDecomposition') { lo = 0; hi = 1; } // a fraction: one fixed scale over the run
    this.setOverlayRange(lo, hi);
    this.dirty = true;
  }

  setOverlay(kind: OverlayKind): void {
    this.overlay = kind;
    this.plane.material.uniforms.overlayOn.value = kind === 'none' ? 0 : 1;
    // LSPS decomposes only where Li has entered it: the metal is drawn translucent so r shows through
    this.plane.material.uniforms.metalCover.value = kind === 'lspsDecomposition' ? 0.4 : 1;
    this.plane.material.uniforms.lutOv.value = lutTexture(kind === 'none' ? 'magma' : FIELD_STYLES[kind].map);
    this.updateColorbar();
    this.updateNote();
  }

  /** Colormap of ξ (e.g. 'projector' in classroom mode). */
  setXiColormap(name: ColormapName): void {
    this.xiMap = name;
    this.plane.material.uniforms.lutXi.value = lutTexture(name);
    this.updateColorbar();
    this.dirty = true;
  }

  /** Cells of the short-circuit path (projected onto the view plane), or null to clear. */
  setShortPath(cells: Uint32Array | null): void {
    const mask = this.maskTex.image.data as Uint8Array;
    mask.fill(0);
    const { nx, ny } = this.dims;
    const plane = nx * ny;
    if (cells) for (let i = 0; i < cells.length; i++) mask[cells[i] % plane] = 255;
    this.maskTex.needsUpdate = true;
    this.plane.material.uniforms.maskOn.value = cells && cells.length > 0 ? 1 : 0;
    this.dirty = true;
  }

  setTime(t_s: number): void {
    this.hud.setTime(t_s);
    this.dirty = true;
  }

  /** CSS size of the canvas; call on layout changes. */
  resize(width: number, height: number, dpr = globalThis.devicePixelRatio || 1): void {
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    this.width = Math.max(1, Math.floor(width));
    this.height = Math.max(1, Math.floor(height));
    this.dpr = dpr;
    this.renderer.setPixelRatio(dpr);
    this.renderer.setSize(this.width, this.height, false);
    this.hud.resize(this.width, this.height, dpr);
    this.updateColorbar();
    this.panZoom.setViewport(this.width, this.height);
    this.dirty = true;
  }

  resetView(): void {
    this.panZoom.fit();
  }

  /** Draw if anything changed (or when forced); returns whether a frame was drawn. */
  render(force = false): boolean {
    if (!this.dirty && !force) return false;
    this.dirty = false;
    this.renderer.clear();
    this.renderer.render(this.scene, this.camera);
    this.renderer.clearDepth();
    this.renderer.render(this.hud.scene, this.hud.camera);
    this.frames++;
    return true;
  }

  /** PNG of the current view, annotations included. */
  toPNG(): string {
    this.render(true);
    return this.canvas.toDataURL('image/png');
  }

  dispose(): void {
    this.panZoom.dispose();
    this.hud.dispose();
    [this.xiTex, this.ovTex, this.maskTex].forEach((t) => t.dispose());
    this.plane.geometry.dispose();
    this.plane.material.dispose();
    this.collectorLabel.dispose();
    this.counterLabel.dispose();
    this.renderer.dispose();
  }

  private setOverlayRange(lo: number, hi: number): void {
    this.ovRange = [lo, hi];
    this.plane.material.uniforms.ovRange.value = this.ovRange;
    this.updateColorbar();
  }

  private updateColorbar(): void {
    const o = this.overlay;
    const [min, max] = o === 'lspsDecomposition' ? [0, 1] : this.ovRange;
    const spec: ColorbarSpec = o === 'none'
      ? { colormap: this.xiMap, min: 0, max: 1, title: 'ξ (Li)' }
      : { colormap: FIELD_STYLES[o].map, min, max, title: FIELD_STYLES[o].title };
    this.hud.setColorbar(spec);
  }

  private layoutWorld(): void {
    const { nx, ny, dx_um } = this.dims;
    const w = nx * dx_um;
    const h = ny * dx_um;
    const t = Math.max(1.5 * dx_um, 0.05 * Math.min(w, h));
    this.electrodeUm = t;
    this.plane.scale.set(w, h, 1);
    this.plane.position.set(w / 2, h / 2, 0);
    this.collector.scale.set(w, t, 1);
    this.collector.position.set(w / 2, -t / 2, 0);
    this.counter.scale.set(w, t, 1);
    this.counter.position.set(w / 2, h + t / 2, 0);
    this.panZoom.setBox({ x0: 0, y0: -t, x1: w, y1: h + t });
  }

  private onCamera(): void {
    this.hud.setScale(this.panZoom.pxPerUm);
    // electrode names, inside their bars when the bars are tall enough
    const s = this.panZoom.pxPerUm;
    const toPx = (x: number, y: number): [number, number] =>
      [(x - this.panZoom.cx) * s + this.width / 2, (y - this.panZoom.cy) * s + this.height / 2];
    const show = this.electrodeUm * s >= 13;
    const h = this.dims.ny * this.dims.dx_um;
    this.collectorLabel.set('Cu current collector', this.dpr);
    this.counterLabel.set('counter electrode', this.dpr);
    const [cx, cy] = toPx(0, -this.electrodeUm / 2);
    const [kx, ky] = toPx(0, h + this.electrodeUm / 2);
    this.collectorLabel.place(Math.max(cx + 4, 4), cy);
    this.counterLabel.place(Math.max(kx + 4, 4), ky);
    this.collectorLabel.mesh.visible = this.counterLabel.mesh.visible = show;
    this.dirty = true;
  }

  private copySlice<T extends Float32Array | Uint8Array>(src: T, dst: T): void {
    const plane = this.dims.nx * this.dims.ny;
    const off = (this.dims.nz > 1 ? this.shownZ : 0) * plane;
    if (src.length >= off + plane) dst.set(off === 0 && src.length === plane ? src : src.subarray(off, off + plane));
  }

  private floatTexture(nx: number, ny: number): DataTexture {
    const t = new DataTexture(new Float32Array(nx * ny), nx, ny, RedFormat, FloatType);
    t.minFilter = NearestFilter;
    t.magFilter = NearestFilter;
    t.generateMipmaps = false;
    t.needsUpdate = true;
    return t;
  }

  private maskTexture(nx: number, ny: number): DataTexture {
    const t = new DataTexture(new Uint8Array(nx * ny), nx, ny, RedFormat, UnsignedByteType);
    t.unpackAlignment = 1;
    t.minFilter = NearestFilter;
    t.magFilter = NearestFilter;
    t.generateMipmaps = false;
    t.needsUpdate = true;
    return t;
  }
}
