// Screen-space annotations drawn by three.js: simulated time, µm scale bar, colorbar with units.
import { Mesh, MeshBasicMaterial, OrthographicCamera, PlaneGeometry, Scene } from 'three';
import { TextLabel } from './text-label';
import { Colorbar, type ColorbarSpec } from './colorbar';
import { formatLength, formatTime, niceFloor } from './format';

export type { ColorbarSpec } from './colorbar';

export const HUD_MARGIN = { left: 12, right: 92, top: 34, bottom: 44 }; // px kept free around the field

export class Hud {
  readonly scene = new Scene();
  readonly camera = new OrthographicCamera(0, 1, 1, 0, -1, 1);
  private readonly time = new TextLabel({ px: 15, color: '#f2f2f2', align: 'left', bold: true });
  private readonly note = new TextLabel({ px: 12, color: '#c9ced6', align: 'left' });
  private readonly legend = new TextLabel({ px: 12, color: '#c9ced6', align: 'left' });
  private readonly scaleText = new TextLabel({ px: 12, color: '#f2f2f2', align: 'center' });
  private readonly scaleBar = new Mesh(new PlaneGeometry(1, 1), new MeshBasicMaterial({ color: 0xf2f2f2, depthTest: false }));
  private readonly colorbarView = new Colorbar();
  private w = 1;
  private h = 1;
  private dpr = 1;
  private t_s = 0;
  private noteText = '';
  private legendText = '';

  constructor() {
    this.scene.add(this.time.mesh, this.note.mesh, this.legend.mesh, this.scaleText.mesh, this.scaleBar, ...this.colorbarView.objects);
  }

  /** Pixel size of the HUD (CSS px) and device-pixel ratio, for views that add their own labels. */
  get size(): { width: number; height: number; dpr: number } {
    return { width: this.w, height: this.h, dpr: this.dpr };
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
    this.setLegend(this.legendText);
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

  /** A line beside the scale bar, in the bottom margin (e.g. what the colours of a material map mean); empty hides it. */
  setLegend(text: string): void {
    this.legendText = text;
    this.legend.mesh.visible = text !== '';
    if (text) this.legend.set(text, this.dpr);
    this.legend.place(HUD_MARGIN.left + 170, 16); // right of the widest scale bar (150 px)
  }

  /** The µm scale bar (hidden in perspective views, where no single scale holds). */
  showScale(visible: boolean): void {
    this.scaleBar.visible = this.scaleText.mesh.visible = visible;
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

  setColorbar(spec: ColorbarSpec | null): void {
    this.colorbarView.set(spec);
    this.layoutColorbar();
  }

  private layoutColorbar(): void {
    this.colorbarView.layout(this.w - 22, HUD_MARGIN.bottom + 8, this.h - HUD_MARGIN.top - 14, this.w, this.dpr);
  }

  dispose(): void {
    [this.time, this.note, this.scaleText].forEach((t) => t.dispose());
    this.colorbarView.dispose();
    this.scaleBar.geometry.dispose();
    (this.scaleBar.material as MeshBasicMaterial).dispose();
  }
}
