// The Data folder: saved state (.dlab) save/load, series CSV/JSON, raw fields (.bin + .json in a
// zip) and the share link. Messages (a rejected file, the copied link) show beside the controls.
import { zipSync } from 'fflate';
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import type { WorkerApi } from '../engine/worker-host';
import type { FieldName, ParamValues } from '../engine/types';
import { PRESETS } from '../model/presets';
import { rawFieldNames, rawFields } from '../model/raw-fields';
import { STATE_EXTENSION } from '../model/state';
import { validateParams } from '../model/validate';
import { downloadText, downloadURL } from './download';
import { COLUMNS, type SampleStore } from './sample-store';
import { shareLink } from './share-url';

type Api = Pick<WorkerApi, 'saveState' | 'status' | 'params' | 'field'>;

export interface DataHost {
  api: Api;
  store: SampleStore;
  preset(): string;
  seed(): number;
  dims(): 2 | 3;
  /** replace the run by a saved state; null on success, else why it was rejected */
  loadState(bytes: Uint8Array): Promise<string | null>;
}

function downloadBytes(bytes: Uint8Array, filename: string, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  downloadURL(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function note(after: Controller): HTMLElement {
  const el = document.createElement('div');
  el.className = 'param-msg';
  el.hidden = true;
  after.domElement.after(el);
  return el;
}

function show(el: HTMLElement, text: string | null, kind: 'error' | 'note' = 'note'): void {
  el.hidden = text === null;
  el.textContent = text ?? '';
  el.className = `param-msg ${kind}`;
}

/** Parameters that differ from the preset's resolved values (what a share link needs). */
export function changedParams(preset: string, dims: 2 | 3, values: ParamValues): ParamValues {
  const base = validateParams(PRESETS[preset]?.params ?? {}, dims).values as unknown as ParamValues;
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => base[k] !== v));
}

export class DataFolder {
  private readonly loadMsg: HTMLElement;
  private readonly shareMsg: HTMLElement;
  private readonly file: HTMLInputElement;

  constructor(folder: GUI, private readonly host: DataHost) {
    folder.domElement.dataset.testid = 'data-folder';
    const add = (label: string, param: string, fn: () => void) => {
      const c = folder.add({ fn }, 'fn').name(label);
      c.domElement.dataset.param = param;
      return c;
    };
    add('save state (.dlab)', 'saveState', () => void this.guard(() => this.saveState()));
    const load = add('load state…', 'loadState', () => this.file.click());
    this.loadMsg = note(load);
    this.loadMsg.dataset.testid = 'load-state-msg';
    add('export series CSV', 'seriesCsv', () => this.seriesCsv());
    add('export series JSON', 'seriesJson', () => void this.guard(() => this.seriesJson()));
    add('export fields (.bin + .json)', 'fieldsRaw', () => void this.guard(() => this.fieldsRaw()));
    const share = add('copy share link', 'shareLink', () => void this.guard(() => this.share()));
    this.shareMsg = note(share);
    this.shareMsg.dataset.testid = 'share-msg';
    this.file = document.createElement('input');
    this.file.type = 'file';
    this.file.accept = `${STATE_EXTENSION},application/octet-stream`;
    this.file.hidden = true;
    this.file.dataset.testid = 'load-state-file';
    this.file.addEventListener('change', () => void this.loadFile());
    folder.domElement.append(this.file);
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      show(this.shareMsg, `Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  }

  private stem(steps: number): string {
    return `dendritelab-${this.host.preset()}-seed${this.host.seed()}-step${steps}`;
  }

  private async saveState(): Promise<void> {
    const bytes = await this.host.api.saveState();
    const s = await this.host.api.status();
    downloadBytes(bytes, `${this.stem(s.steps)}${STATE_EXTENSION}`);
  }

  private async loadFile(): Promise<void> {
    const f = this.file.files?.[0];
    this.file.value = '';
    if (!f) return;
    show(this.loadMsg, `Loading ${f.name}…`);
    const error = await this.host.loadState(new Uint8Array(await f.arrayBuffer()));
    show(this.loadMsg, error === null ? `Loaded ${f.name}` : `Not loaded: ${error}`, error === null ? 'note' : 'error');
  }

  private seriesCsv(): void {
    downloadText(this.host.store.toCSV(COLUMNS), `dendritelab-${this.host.preset()}-series.csv`);
  }

  private async seriesJson(): Promise<void> {
    const store = this.host.store;
    const json = {
      format: 'dendritelab-series', preset: this.host.preset(), seed: this.host.seed(), dims: this.host.dims(),
      params: await this.host.api.params(), rows: store.length,
      columns: Object.fromEntries(COLUMNS.map((c) => [c, Array.from(store.column(c))])),
    };
    downloadText(JSON.stringify(json), `dendritelab-${this.host.preset()}-series.json`, 'application/json');
  }

  private async fieldsRaw(): Promise<void> {
    const { api } = this.host;
    const status = await api.status();
    const params = await api.params();
    const fields: Partial<Record<FieldName, Float32Array>> = {};
    for (const name of rawFieldNames(params)) fields[name] = await api.field(name);
    const stem = this.stem(status.steps);
    const { header, bin } = rawFields({
      preset: this.host.preset(), seed: this.host.seed(), dims: this.host.dims(), params, status, data: `${stem}.bin`,
    }, fields);
    const zip = zipSync({ [`${stem}.json`]: new TextEncoder().encode(`${JSON.stringify(header, null, 2)}\n`), [`${stem}.bin`]: bin }, { level: 1 });
    downloadBytes(zip, `${stem}-fields.zip`, 'application/zip');
  }

  private async share(): Promise<void> {
    const preset = this.host.preset();
    const dims = this.host.dims();
    const overrides = changedParams(preset, dims, await this.host.api.params());
    const link = shareLink({ preset, overrides, seed: this.host.seed(), dims }, `${location.origin}${location.pathname}`);
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
      show(this.shareMsg, `Link copied (${link.length} characters); it is also in the address bar.`);
    } catch {
      show(this.shareMsg, 'Clipboard not available: copy the link from the address bar.');
    }
  }
}
