// "Export mesh (STL/PLY)" in the Data folder: the deposit's ξ = ½ surface by marching cubes, in µm,
// built in a module worker (src/mesh/mesh-worker.ts) so the page stays responsive, then downloaded.
import * as Comlink from 'comlink';
import type GUI from 'lil-gui';
import type { WorkerApi } from '../engine/worker-host';
import { MESH_FORMATS, type MeshFormat } from '../mesh/deposit-mesh';
import type { MeshWorkerApi } from '../mesh/mesh-worker';
import { formatTime } from '../render/format';
import { downloadBlob } from './download';

export interface MeshExportHost {
  api: Pick<WorkerApi, 'field' | 'status'>;
  preset(): string;
  seed(): number;
}

/** The last export, for the test hook. */
export interface MeshExportStatus { format: MeshFormat; filename: string; triangles: number; bytes: number; meshMs: number; totalMs: number }

export class MeshExportControl {
  status: MeshExportStatus | null = null;
  private readonly settings: { format: MeshFormat } = { format: 'stl' };
  private readonly msg: HTMLElement;
  private worker: Comlink.Remote<MeshWorkerApi> | null = null;
  private busy = false;

  constructor(folder: GUI, private readonly host: MeshExportHost) {
    const formats = Object.fromEntries(Object.entries(MESH_FORMATS).map(([k, v]) => [v.label, k]));
    folder.add(this.settings, 'format', formats).name('mesh format').domElement.dataset.param = 'meshFormat';
    const button = folder.add({ go: () => void this.export() }, 'go').name('Export mesh (STL/PLY)');
    button.domElement.dataset.param = 'exportMesh';
    button.domElement.title = 'The Li deposit (ξ = ½ surface, marching cubes) as a closed mesh in µm; y is the growth direction.';
    this.msg = document.createElement('div');
    this.msg.className = 'param-msg note';
    this.msg.hidden = true;
    this.msg.dataset.testid = 'mesh-msg';
    button.domElement.after(this.msg);
  }

  private show(text: string, kind: 'note' | 'error' = 'note'): void {
    this.msg.hidden = false;
    this.msg.textContent = text;
    this.msg.className = `param-msg ${kind}`;
  }

  private meshWorker(): Comlink.Remote<MeshWorkerApi> {
    this.worker ??= Comlink.wrap<MeshWorkerApi>(new Worker(new URL('../mesh/mesh-worker.ts', import.meta.url), { type: 'module', name: 'dendritelab-mesh' }));
    return this.worker;
  }

  private async export(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const t0 = performance.now();
    try {
      this.show('Building the mesh…');
      const status = await this.host.api.status();
      const xi = await this.host.api.field('xi');
      const format = this.settings.format;
      const note = `preset ${this.host.preset()}, seed ${this.host.seed()}, t = ${formatTime(status.t_s)}, step ${status.steps}`;
      const file = await this.meshWorker().build(Comlink.transfer({ xi, grid: status.grid, dx_um: status.dx_um, format, note }, [xi.buffer as ArrayBuffer]));
      const ext = MESH_FORMATS[format].extension;
      const filename = `dendritelab-${this.host.preset()}-seed${this.host.seed()}-step${status.steps}-deposit.${ext}`;
      downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: MESH_FORMATS[format].mime }), filename);
      const totalMs = performance.now() - t0;
      this.status = { format, filename, triangles: file.triangles, bytes: file.bytes.length, meshMs: file.meshMs, totalMs };
      const size = file.bytes.length >= 1e6 ? `${(file.bytes.length / 1e6).toFixed(1)} MB` : `${Math.ceil(file.bytes.length / 1e3)} kB`;
      this.show(file.triangles === 0
        ? 'No deposit (ξ > ½ nowhere): the file has no triangles.'
        : `${file.triangles.toLocaleString('en')} triangles, ${size}, units µm; marching cubes ${Math.round(file.meshMs)} ms, total ${Math.round(totalMs)} ms`
          + (status.grid[2] === 1 ? ' (2D run: a slab one cell thick)' : ''));
    } catch (e) {
      this.show(`Mesh export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      this.busy = false;
    }
  }
}
