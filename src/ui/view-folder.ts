// The View folder: overlay choice, microstructure on/off, pause-on-short, fit, PNG of the field view; plus the run's
// dimensionality (a restart setting) in the Cell folder.
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { OverlayKind } from '../render/field-view';

export interface ViewSettings {
  overlay: OverlayKind;
  /** tint the solid electrolyte's grain boundaries, LiF and LSPS into the ξ view */
  microstructure: boolean;
  pauseOnShort: boolean;
  dims: '2D' | '3D';
}

const OVERLAYS: Record<string, OverlayKind> = {
  'ξ (Li phase)': 'none', 'c / c₀ (salt)': 'c', 'φ (potential, V)': 'phi',
  'p (hydrostatic stress, MPa; solid electrolyte)': 'stress',
  'σ_vM (von Mises stress, MPa; solid electrolyte)': 'vonMises',
  'r (LSPS decomposed, screw effect; dual layer)': 'lspsDecomposition',
};

export interface ViewFolderHooks {
  onOverlay(kind: OverlayKind): void;
  onFit(): void;
  onSaveImage(): void;
  onDims(dims: 2 | 3): void;
  onPauseOnShort(): void;
  onMicrostructure(on: boolean): void;
}

export class ViewFolder {
  readonly settings: ViewSettings = { overlay: 'none', microstructure: true, pauseOnShort: true, dims: '2D' };
  private readonly dimsNote: HTMLElement;
  private readonly dimsController: Controller;

  constructor(view: GUI, cell: GUI, hooks: ViewFolderHooks) {
    const proxy = { overlay: 'none' as OverlayKind };
    view.add(proxy, 'overlay', OVERLAYS).name('field shown').onChange((k: OverlayKind) => {
      this.settings.overlay = k;
      hooks.onOverlay(k);
    }).domElement.dataset.param = 'overlay';
    const micro = view.add(this.settings, 'microstructure').name('microstructure (solid)').onChange((on: boolean) => hooks.onMicrostructure(on));
    micro.domElement.dataset.param = 'microstructure';
    micro.domElement.title = 'Solid electrolyte, ξ view: grain boundaries (orange), LiF particles (green) and the LSPS interlayer (violet) drawn in the electrolyte.';
    view.add(this.settings, 'pauseOnShort').name('pause on short circuit').onChange(() => hooks.onPauseOnShort())
      .domElement.dataset.param = 'pauseOnShort';
    view.add({ fit: hooks.onFit }, 'fit').name('fit view (double-click)');
    view.add({ save: hooks.onSaveImage }, 'save').name('save view as PNG');
    this.dimsController = cell.add(this.settings, 'dims', ['2D', '3D']).name('dimensions');
    this.dimsController.domElement.dataset.param = 'dims';
    this.dimsController.domElement.title = 'dims: 2D (nz = 1) or 3D (a 3D volume view, or a 2D z slice: View → 3D view). Applies on reset.';
    this.dimsNote = document.createElement('div');
    this.dimsNote.className = 'param-msg note';
    this.dimsNote.hidden = true;
    this.dimsNote.textContent = 'applies on reset';
    this.dimsController.domElement.after(this.dimsNote);
    // first in the Cell folder
    const parent = this.dimsController.domElement.parentElement;
    parent?.prepend(this.dimsController.domElement, this.dimsNote);
    this.dimsController.onChange((d: '2D' | '3D') => hooks.onDims(d === '3D' ? 3 : 2));
  }

  /** Show the dims that the next reset will use; note when they differ from the running ones. */
  setDims(dims: 2 | 3, note: string | null): void {
    this.settings.dims = dims === 3 ? '3D' : '2D';
    this.dimsController.updateDisplay();
    this.dimsNote.hidden = note === null;
    this.dimsNote.textContent = note ?? '';
    this.dimsNote.className = `param-msg ${note?.startsWith('applies') ? 'note' : 'error'}`;
  }
}
