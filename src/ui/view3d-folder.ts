// The "3D view" folder (3D runs only): 3D volume or 2D slice view, the slice plane (axis, position
// in µm, field shown, cut-away), auto-rotation and camera reset.
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { GridDims } from '../render/field-view';
import type { SliceAxis, SliceField } from '../render/volume-view';
import type { View3dUrlOptions } from './view3d-url';

export type View3dMode = 'volume' | 'slice';

export interface View3dSettings {
  mode: View3dMode;
  axis: SliceAxis;
  position_um: number;
  field: SliceField;
  clip: boolean;
  autoRotate: boolean;
  /** draw the electrolyte microstructure, when the run has one */
  materials: boolean;
}

export interface View3dHooks {
  onChange(settings: Readonly<View3dSettings>): void;
  onResetCamera(): void;
}

const MODES: Record<string, View3dMode> = { '3D volume': 'volume', 'slice (2D)': 'slice' };
const AXES: Record<string, SliceAxis> = { none: 'none', 'x (across)': 'x', 'y (height)': 'y', 'z (depth)': 'z' };
const FIELDS: Record<string, SliceField> = {
  'ξ (Li phase)': 'xi', 'c / c₀ (salt)': 'c', 'φ (potential, V)': 'phi',
  'p (hydrostatic stress, MPa; solid electrolyte)': 'stress',
  'σ_vM (von Mises stress, MPa; solid electrolyte)': 'vonMises',
  'r (LSPS decomposed; dual layer)': 'lspsDecomposition',
};

export class View3dFolder {
  readonly settings: View3dSettings;
  private readonly position: Controller;
  private readonly materials: Controller;
  private dims: GridDims = { nx: 1, ny: 1, nz: 1, dx_um: 1 };
  private positionSet: boolean;

  constructor(private readonly folder: GUI, url: View3dUrlOptions, private readonly hooks: View3dHooks) {
    folder.domElement.dataset.testid = 'view3d-folder';
    this.settings = {
      mode: url.mode ?? 'volume', axis: url.axis ?? 'none', position_um: url.position_um ?? 0,
      field: url.field ?? 'xi', clip: url.clip ?? false, autoRotate: url.autoRotate, materials: true,
    };
    this.positionSet = url.position_um !== null;
    const changed = () => hooks.onChange(this.settings);
    const tag = (c: Controller, param: string) => ((c.domElement.dataset.param = param), c);
    tag(folder.add(this.settings, 'mode', MODES).name('show'), 'view3dMode').onChange(changed);
    tag(folder.add(this.settings, 'axis', AXES).name('slice plane'), 'sliceAxis').onChange(() => {
      this.fitPosition(true);
      changed();
    });
    this.position = tag(folder.add(this.settings, 'position_um', 0, 1, 0.5).name('slice at (µm)'), 'slicePosition').onChange(changed);
    tag(folder.add(this.settings, 'field', FIELDS).name('slice shows'), 'sliceField').onChange(changed);
    tag(folder.add(this.settings, 'clip').name('cut away beyond slice'), 'sliceClip').onChange(changed);
    this.materials = tag(folder.add(this.settings, 'materials').name('show microstructure'), 'showMaterials').onChange(changed);
    this.materials.domElement.title = 'Electrolyte grains, grain boundaries, LiF and LSPS as translucent context';
    this.materials.show(false);
    tag(folder.add(this.settings, 'autoRotate').name('auto-rotate'), 'autoRotate').onChange(changed);
    folder.add({ reset: () => hooks.onResetCamera() }, 'reset').name('reset camera (double-click)');
    this.position.domElement.title = 'The slice snaps to the nearest cell centre. In the 2D slice view a z plane sets the z layer shown.';
  }

  show(visible: boolean): void {
    this.folder.show(visible);
  }

  /** Offer the microstructure toggle only when there is a microstructure. */
  setMaterialsAvailable(available: boolean): void {
    this.materials.show(available);
  }

  /** New grid: slider range and step follow the slice axis and the cell size. */
  setGrid(dims: GridDims): void {
    this.dims = { ...dims };
    this.fitPosition(false);
  }

  private fitPosition(axisChanged: boolean): void {
    const { nx, ny, nz, dx_um: dx } = this.dims;
    const s = this.settings;
    const n = s.axis === 'x' ? nx : s.axis === 'y' ? ny : nz;
    const max = n * dx;
    this.position.min(0).max(max).step(dx / 2);
    // a new axis (or a position from nowhere) starts in the middle
    if (axisChanged || !this.positionSet || !(s.position_um >= 0 && s.position_um <= max)) s.position_um = (Math.floor(n / 2) + 0.5) * dx;
    this.positionSet = true;
    this.position.updateDisplay();
    this.hooks.onChange(this.settings);
  }
}
