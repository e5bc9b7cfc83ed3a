// Wires the page: engine worker, simulation loop, frame sync, field view, parameter panel, plots.
import type { FrameReply } from '../engine/worker-host';
import type { FieldName, ParamValues, RunStatus, Sample, StopCondition } from '../engine/types';
import { PRESETS } from '../model/presets';
import { validateParams } from '../model/validate';
import type { ColormapName } from '../render/colormaps';
import { FieldView, type GridDims } from '../render/field-view';
import { VolumeView } from '../render/volume-view';
import { formatTime } from '../render/format';
import { startEngine, type EngineClient } from './engine-client';
import { DEFAULT_PRESET } from './defaults';
import { downloadURL } from './download';
import { FrameSync } from './frame-sync';
import { Banner, Notice } from './messages';
import { RateMeter } from './metrics';
import { MovieExport, type MovieHost } from './movie-export';
import { MovieFolder } from './movie-folder';
import { ParamPanel } from './param-panel';
import { Plots } from './plots';
import { DataFolder } from './data-folder';
import { demoMicrostructure } from './demo-microstructure';
import { MeshExportControl } from './mesh-export';
import { PresetPicker } from './preset-picker';
import { ProtocolReadout, describeProtocol, type ProtocolKind } from './protocol-readout';
import type { ProtocolReport } from '../engine/protocol';
import { SampleStore } from './sample-store';
import { SimLoop } from './sim-loop';
import { installTestHook } from './test-hook';
import type { UrlOptions } from './url-state';
import { ViewFolder } from './view-folder';
import { View3dFolder, type View3dSettings } from './view3d-folder';


const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Observer of the run (classroom mode). */
export interface AppListener { status?(s: RunStatus): void; playing?(playing: boolean): void; samples?(rows: Sample[]): void }

export class App {
  private readonly engine: EngineClient;
  private readonly loop: SimLoop;
  private readonly sync: FrameSync;
  private readonly view: FieldView;
  /** the 3D view of 3D runs, made on first use; shares the 2D view's renderer */
  private volume: VolumeView | null = null;
  private readonly view3d: View3dFolder;
  private readonly meshExport: MeshExportControl;
  private grid: GridDims = { nx: 1, ny: 1, nz: 1, dx_um: 1 };
  private shortCells: Uint32Array | null = null;
  /** electrolyte microstructure of the current grid (material ids), when there is one */
  private materialVolume: Uint8Array | null = null;
  /** the run's own solid-electrolyte material map (none for a liquid), for the 2D view */
  private materialMap: Uint8Array | null = null;
  private forceRender = false;
  private readonly panel: ParamPanel;
  private readonly viewFolder: ViewFolder;
  private readonly plots: Plots;
  private readonly picker: PresetPicker;
  private readonly movie: MovieExport;
  private readonly movieFolder: MovieFolder;
  private readonly store = new SampleStore();
  private readonly banner = new Banner($('banner'));
  private readonly notice = new Notice($('notice'));
  private readonly stepMeter = new RateMeter();
  private readonly fpsMeter = new RateMeter();
  private readonly playButton = $<HTMLButtonElement>('play');
  private readonly seedInput = $<HTMLInputElement>('seed');
  private preset = DEFAULT_PRESET;
  private dims: 2 | 3 = 2;
  private nextDims: 2 | 3 = 2;
  private status: RunStatus | null = null;
  private ready = false;
  private busy = true;          // init/reset in progress: no frame requests
  private exporting = false;    // a movie export owns the run: play/step/reset/preset/live changes locked
  private needSync = false;
  private shortSeen = false;
  private finishedSeen = false;
  private lastPlot = 0;
  private lastTick = 0;
  private frameBudget = 0;
  private lastStatusLine = 0;
  private readonly listeners: AppListener[] = [];
  /** the running protocol's state (CCD step, cycle) for the Protocol folder's read-out */
  private readonly protocolReadout: ProtocolReadout;
  private protocolKind: ProtocolKind = 'constant';
  private protocolParams = { current_mA_cm2: 1, cycles: 1 };
  private protocolReport: ProtocolReport | null = null;
  private protocolPolledSteps = -1;
  private protocolPolling = false;

  constructor(private readonly options: UrlOptions) {
    this.engine = startEngine(options.engine);
    const api = this.engine.api;
    this.view = new FieldView($<HTMLCanvasElement>('view'));
    this.loop = new SimLoop(api, {
      stop: () => this.stopCondition(),
      pauseOnShort: () => this.viewFolder.settings.pauseOnShort && !this.shortSeen,
      onStatus: (s) => this.onStatus(s),
      onPlaying: (p) => this.onPlaying(p),
      onError: (e) => this.fail(e),
    });
    this.sync = new FrameSync(api, (r) => this.onFrame(r), (e) => this.fail(e));
    this.panel = new ParamPanel($('panel'), {
      applyLive: (name, value) => this.exporting
        ? Promise.resolve({ ok: false, issues: [{ param: name, message: 'not applied: a movie export is running' }], needsRestart: false })
        : api.setParam(name, value),
      dims: () => this.nextDims,
    });
    this.protocolReadout = new ProtocolReadout(this.panel.folder('Protocol').$children);
    this.viewFolder = new ViewFolder(this.panel.folder('View'), this.panel.folder('Cell'), {
      onOverlay: (k) => { this.view.setOverlay(k); this.needSync = true; },
      onFit: () => this.view.resetView(),
      onSaveImage: () => this.saveImage(),
      onDims: (d) => this.setNextDims(d),
      onPauseOnShort: () => this.loop.update(),
      onMicrostructure: (on) => this.view.setMaterials(on ? this.materialMap : null),
    });
    this.view3d = new View3dFolder(this.panel.folder('View').addFolder('3D view'), options.view3d, {
      onChange: (s) => this.apply3dSettings(s),
      onResetCamera: () => this.volume?.resetView(),
    });
    this.view3d.show(false);
    this.movie = new MovieExport(this.movieHost(), (s) => this.movieFolder.show(s));
    this.movieFolder = new MovieFolder(this.panel.gui.addFolder('Movie').close(), {
      onExport: (o) => void this.movie.exportMovie(o),
      onCancel: () => this.movie.cancel(),
      onPNG: (o) => void this.movie.savePNG(o.width, o.height, o.inset),
    });
    this.plots = new Plots($('plots'), this.store);
    const data = this.panel.gui.addFolder('Data').close();
    new DataFolder(data, {
      api, store: this.store, preset: () => this.preset, seed: () => this.seed(), dims: () => this.dims,
      loadState: (bytes) => this.loadSaved(bytes),
    });
    this.meshExport = new MeshExportControl(data, { api, preset: () => this.preset, seed: () => this.seed() });
    this.picker = new PresetPicker($<HTMLSelectElement>('preset-select'), $('preset-description'),
      (id) => (this.locked() ? this.picker.show(this.preset) : void this.load(id)));
    this.bindControls();
    new ResizeObserver(() => this.resizeView()).observe($('view').parentElement as HTMLElement);
    this.resizeView();
    installTestHook(() => ({
      ready: this.ready && !this.busy, engine: this.options.engine, preset: this.preset, playing: this.loop.playing,
      steps: this.status?.steps ?? 0, t_s: this.status?.t_s ?? 0, samples: this.store.length,
      voltagePoints: this.plots.voltagePoints, frames: this.framesDrawn(), fps: this.fpsMeter.rate,
      stepsPerSec: this.stepMeter.rate, threads: this.status?.threads ?? 0, isolated: crossOriginIsolated(), shorted: this.shortSeen, finished: this.status?.finished ?? false,
      failure: this.status?.failure ?? null, grid: this.status?.grid ?? [0, 0, 0], movie: this.movie.status,
      view3d: {
        active: this.volumeActive, frames: this.volume?.frames ?? 0, materials: this.volume?.hasMaterials ?? false,
        shortPathCells: this.volume?.shortPathCells ?? 0, slice: this.view3d.settings.axis, scale: this.volume?.lastScale ?? 1,
      },
      meshExport: this.meshExport.status,
    }));
    requestAnimationFrame((t) => this.tick(t));
  }

  /** ?threads=N when the page can run threads (else the worker's default: 1 thread). */
  private threadsOption(): { threads?: number } {
    const t = this.options.threads;
    return t !== null && (t === 1 || crossOriginIsolated()) ? { threads: t } : {};
  }

  /** First run: URL options, then the default preset. */
  async start(): Promise<void> {
    const o = this.options;
    if (o.seed !== null) this.seedInput.value = String(o.seed);
    const id = o.preset && PRESETS[o.preset] ? o.preset : DEFAULT_PRESET in PRESETS ? DEFAULT_PRESET : Object.keys(PRESETS)[0];
    const issues = [...o.issues];
    if (o.preset && !PRESETS[o.preset]) issues.push(`unknown preset '${o.preset}'; showing ${id}`);
    if (o.threads !== null && o.threads > 1 && !crossOriginIsolated()) {
      issues.push(`threads=${o.threads}: this page is not cross-origin isolated, so the kernel runs on 1 thread`);
    }
    const ok = await this.load(id, o.overrides, o.dims ?? undefined);
    // after load(), which clears the notice line
    if (ok && issues.length) this.notice.show(`Ignored URL settings: ${issues.join('; ')}`, 'error', 20000);
    if (ok && o.autoplay) this.loop.play();
  }

  // Hooks for classroom mode (src/ui/classroom.ts).
  /** Load a preset with overrides and a seed (shown in the seed box). */
  loadWithSeed(id: string, overrides: ParamValues, seed: number): Promise<boolean> {
    this.seedInput.value = String(seed >>> 0);
    return this.load(id, overrides);
  }

  play(): void {
    if (!this.loop.playing) this.togglePlay();
  }

  pause(): void {
    this.loop.pause();
  }

  listen(listener: AppListener): void {
    this.listeners.push(listener);
  }

  setFieldColormap(name: ColormapName): void {
    this.view.setXiColormap(name);
  }

  private bindControls(): void {
    this.playButton.addEventListener('click', () => this.togglePlay());
    $('step').addEventListener('click', () => this.locked() || void this.loop.step().then(() => (this.needSync = true)));
    $('reset').addEventListener('click', () => this.locked() || void this.reset());
    window.addEventListener('keydown', (e) => {
      const t = e.target as HTMLElement;
      if (e.code === 'Space' && !['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(t.tagName)) {
        e.preventDefault();
        this.togglePlay();
      }
    });
  }

  private togglePlay(): void {
    if (!this.ready || this.busy || this.locked()) return;
    if (this.loop.playing) return this.loop.pause();
    if (this.status?.failure) return this.notice.show(`Run stopped: ${this.status.failure}. Reset to start again.`, 'error', 8000);
    if (this.status?.finished) return this.notice.show('Finished: the stop condition was reached. Reset to run again.', 'info', 6000);
    this.loop.play();
  }

  /** true (with a notice) while a movie export owns the run */
  private locked(): boolean {
    if (this.exporting) this.notice.show('A movie export is running: cancel it (Movie folder) to use the run controls', 'info', 5000);
    return this.exporting;
  }

  private movieHost(): MovieHost {
    return {
      api: this.engine.api,
      overlay: () => this.viewFolder.settings.overlay,
      stop: () => this.stopCondition(),
      pauseOnShort: () => this.viewFolder.settings.pauseOnShort && !this.shortSeen,
      frameDone: () => (this.needSync = true),
      preset: () => this.preset,
      seed: () => this.seed(),
      begin: async (restart) => {
        if (!this.ready || this.busy) return false;
        this.exporting = true;
        await this.loop.halt();
        return restart ? this.reset() : true;
      },
      end: () => {
        this.exporting = false;
        this.needSync = true;
      },
      notice: (text, kind, ms) => this.notice.show(text, kind, ms),
    };
  }

  private seed(): number {
    const v = Number(this.seedInput.value);
    return Number.isFinite(v) && v >= 0 ? Math.floor(v) >>> 0 : 1;
  }

  private stopCondition(): StopCondition | undefined {
    return PRESETS[this.preset]?.stop;
  }

  /** (Re)initialise the run from a preset. Returns false when the run rejected the set. */
  async load(id: string, overrides = {}, dims?: 2 | 3): Promise<boolean> {
    const preset = PRESETS[id];
    const d = dims && preset.dims.includes(dims) ? dims : preset.dims[0];
    this.busy = true;
    await this.loop.halt();
    this.sync.invalidate();
    try {
      const res = await this.engine.api.init({ preset: id, overrides, seed: this.seed(), dims: d, ...this.threadsOption() });
      if (!res.ok) {
        this.panel.showIssues(res.issues);
        this.notice.show(`Could not start '${id}': ${res.issues.map((i) => i.message).join('; ')}`, 'error', 12000);
        this.picker.show(this.preset);
        return false;
      }
      this.preset = id;
      this.dims = this.nextDims = d;
      this.picker.show(id);
      await this.restarted(res.status);
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Reset: restart at t = 0; pending restart changes (and dims) re-initialise the run. */
  private async reset(): Promise<boolean> {
    if (this.busy) return false;
    if (this.panel.hasPending() || this.nextDims !== this.dims) {
      const next = this.panel.nextValues();
      const check = validateParams(next, this.nextDims);
      if (!check.ok) {
        this.panel.showIssues(check.issues);
        this.notice.show(`Not reset: ${check.issues.map((i) => i.message).join('; ')}`, 'error', 12000);
        return false;
      }
      return this.load(this.preset, next, this.nextDims);
    }
    this.busy = true;
    await this.loop.halt();
    this.sync.invalidate();
    try {
      await this.restarted(await this.engine.api.reset(this.seed()));
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Replace the run by a saved state (Data folder). A rejected file keeps the current run (paused). */
  private async loadSaved(bytes: Uint8Array): Promise<string | null> {
    if (this.busy || this.locked()) return 'busy: try again when the current operation has finished';
    this.busy = true;
    await this.loop.halt();
    try {
      const res = await this.engine.api.loadState(bytes);
      if (!res.ok) return res.issues.map((i) => i.message).join('; ');
      this.preset = res.preset;
      this.dims = this.nextDims = res.dims;
      this.seedInput.value = String(res.seed);
      this.picker.show(res.preset);
      await this.restarted(res.status);
      return null;
    } catch (e) {
      this.fail(e);
      return e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  private async restarted(status: RunStatus): Promise<void> {
    this.sync.invalidate();
    this.status = status;
    this.store.clear();
    this.shortSeen = this.finishedSeen = false;
    this.banner.hide();
    this.notice.hide();
    this.plots.markShort(null);
    this.plots.update(true);
    const [nx, ny, nz] = status.grid;
    this.grid = { nx, ny, nz, dx_um: status.dx_um };
    this.shortCells = null;
    this.view.setGrid(this.grid);
    this.view.setTime(status.t_s);
    await this.restarted3d(status.t_s);
    const params = await this.engine.api.params();
    this.panel.setValues(params);
    this.protocolKind = String(params.protocol ?? 'constant') as ProtocolKind;
    this.protocolParams = { current_mA_cm2: Number(params.current_mA_cm2), cycles: Number(params.cycles) };
    this.protocolReport = null;
    this.protocolPolledSteps = -1;
    await this.pollProtocol();
    this.viewFolder.setDims(this.dims, null);
    this.stepMeter.reset();
    this.needSync = true;
    this.ready = true;
  }

  private setNextDims(d: 2 | 3): void {
    const allowed = PRESETS[this.preset].dims;
    if (!allowed.includes(d)) {
      this.viewFolder.setDims(this.nextDims, `preset ${this.preset} runs in ${allowed.map((x) => `${x}D`).join(' or ')} only`);
      return;
    }
    this.nextDims = d;
    this.viewFolder.setDims(d, d !== this.dims ? 'applies on reset' : null);
  }

  private onPlaying(playing: boolean): void {
    this.playButton.textContent = playing ? '❚❚ Pause' : '▶ Play';
    this.playButton.classList.toggle('playing', playing);
    if (playing) this.stepMeter.reset();
    this.needSync = true;
    for (const l of this.listeners) l.playing?.(playing);
  }

  private onStatus(s: RunStatus): void {
    this.status = s;
    if (s.short.occurred && !this.shortSeen) void this.onShort(s);
    if (s.failure) {
      this.loop.pause();
      this.notice.show(`Run stopped: ${s.failure}`, 'error', 0);
    } else if (s.finished) {
      this.loop.pause();
      if (!this.finishedSeen) this.notice.show(`Finished: the preset's stop condition was reached at t = ${formatTime(s.t_s)}. Reset to run again.`, 'info', 10000);
      this.finishedSeen = true;
    }
    for (const l of this.listeners) l.status?.(s);
  }

  private async onShort(s: RunStatus): Promise<void> {
    this.shortSeen = true;
    const paused = this.viewFolder.settings.pauseOnShort;
    if (paused) this.loop.pause();
    const t = s.short.t_s ?? s.t_s;
    const last = this.store.length ? this.store.column('t_s')[this.store.length - 1] : -Infinity;
    const q = last >= t ? this.store.at('charge_mAh_cm2', t) : s.charge_mAh_cm2;
    this.banner.showShort(t, q, paused);
    this.plots.markShort(t);
    this.shortCells = await this.engine.api.shortPath();
    this.view.setShortPath(this.shortCells);
    this.volume?.setShortPath(this.shortCells);
    this.needSync = true;
  }

  private onFrame(r: FrameReply): void {
    if (this.busy) return;
    this.loop.sync(r);
    const volume = this.volumeActive ? this.volume : null;
    for (const f of r.fields) {
      if (volume) {
        if (f.name === 'xi') volume.setXi(f.buffer);
        else volume.setScalarField(f.name, f.buffer);
      } else if (f.name === 'xi') this.view.setXi(f.buffer);
      else this.view.setOverlayField(f.buffer);
    }
    this.store.append(r.samples);
    for (const l of this.listeners) l.samples?.(r.samples);
    this.view.setTime(r.status.t_s);
    this.volume?.setTime(r.status.t_s);
    this.onStatus(r.status);
  }

  private tick(now: number): void {
    requestAnimationFrame((t) => this.tick(t));
    // token bucket: about maxFps field refreshes per second, independent of the display's rate
    this.frameBudget = Math.min(2, this.frameBudget + ((now - this.lastTick) * this.options.maxFps) / 1000);
    this.lastTick = now;
    const due = this.frameBudget >= 1;
    if (this.ready && !this.busy && (this.needSync || (this.loop.playing && due))) {
      const fields: FieldName[] = ['xi'];
      const o = this.viewFolder.settings.overlay;
      const extra = this.volumeActive ? this.volume?.wantedField ?? null : o !== 'none' ? o : null;
      if (extra) fields.push(extra);
      if (this.sync.request(fields, this.store.length)) {
        this.needSync = false;
        this.frameBudget = Math.max(0, this.frameBudget - 1);
      }
    }
    if (this.volumeActive && this.volume) this.volume.render(this.forceRender);
    else this.view.render(this.forceRender);
    this.forceRender = false;
    this.fpsMeter.sample(this.framesDrawn(), now);
    if (this.loop.playing && this.status) this.stepMeter.sample(this.status.steps, now);
    if (now - this.lastPlot > 200) {
      this.lastPlot = now;
      this.plots.update();
    }
    if (now - this.lastStatusLine > 250) {
      this.lastStatusLine = now;
      this.updateStatusLine();
    }
  }

  /** Fetch the protocol's report (CCD step, cycle, phase) when the run has stepped since the last one. */
  private async pollProtocol(): Promise<void> {
    const steps = this.status?.steps ?? 0;
    if (this.protocolKind === 'constant' || this.protocolPolling || steps === this.protocolPolledSteps) return this.showProtocol();
    this.protocolPolling = true;
    try {
      this.protocolReport = await this.engine.api.protocolReport();
      this.protocolPolledSteps = steps;
    } catch {
      // a reset in flight: the next poll asks again
    } finally {
      this.protocolPolling = false;
    }
    this.showProtocol();
  }

  /** The Protocol folder's read-out: the current the protocol applies and its step / cycle. */
  private showProtocol(): void {
    const report = this.protocolKind === 'constant' ? null : this.protocolReport;
    this.protocolReadout.show(report ? describeProtocol(report, this.protocolParams) : null);
  }

  private updateStatusLine(): void {
    const s = this.status;
    if (!s) return;
    if (this.ready && !this.busy) void this.pollProtocol();
    const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toPrecision(d) : '—');
    $('status').textContent = [
      `t ${formatTime(s.t_s)}`, `steps ${s.steps}`, `dt ${f(s.dt_s, 2)} s`, `V ${f(s.voltage_V, 4)} V`,
      `Q ${f(s.charge_mAh_cm2)} mAh/cm²`, `h̄ ${f(s.mean_thickness_um)} µm`, `h_max ${f(s.max_height_um)} µm`,
      `grid ${s.grid.join('×')}`, `${Math.round(this.stepMeter.rate)} steps/s`, `${Math.round(this.fpsMeter.rate)} fps`,
      // the single-thread fallback says why (the server must send COOP/COEP for SharedArrayBuffer)
      s.threads > 1 ? `${s.threads} threads` : crossOriginIsolated() ? '1 thread' : '1 thread (page not cross-origin isolated)',
      this.options.engine === 'mock' ? 'MOCK ENGINE' : '',
    ].filter(Boolean).join(' · ');
  }

  private resizeView(): void {
    const host = $('view').parentElement as HTMLElement;
    this.view.resize(host.clientWidth, host.clientHeight);
    this.volume?.resize(host.clientWidth, host.clientHeight);
  }

  private saveImage(): void {
    const png = this.volumeActive && this.volume ? this.volume.toPNG() : this.view.toPNG();
    downloadURL(png, `dendritelab-${this.preset}-t${Math.round(this.status?.t_s ?? 0)}s${this.volumeActive ? '-3d' : ''}.png`);
  }

  // ---- 3D view (3D runs): the volume view or the 2D slice view, chosen in the "3D view" folder

  private get volumeActive(): boolean {
    return this.dims === 3 && this.view3d.settings.mode === 'volume';
  }

  private framesDrawn(): number {
    return this.view.frames + (this.volume?.frames ?? 0);
  }

  /** The volume view, made on first use with the current grid, slice, materials and path. */
  private ensureVolume(): VolumeView {
    if (this.volume) return this.volume;
    const v = new VolumeView(this.view.renderer, $<HTMLCanvasElement>('view'));
    this.volume = v;
    const host = $('view').parentElement as HTMLElement;
    v.resize(host.clientWidth, host.clientHeight);
    this.gridVolume(this.status?.t_s ?? 0);
    return v;
  }

  /** Give the volume view the run's grid (which clears it) and what goes with it. */
  private gridVolume(t_s: number): void {
    const v = this.volume;
    if (!v) return;
    v.setGrid(this.grid);
    v.setTime(t_s);
    v.setSlice(this.view3d.settings);
    v.setAutoRotate(this.view3d.settings.autoRotate);
    v.setResolution(this.options.view3d.resolution);
    v.setShortPath(this.shortCells);
    v.setMaterials(this.view3d.settings.materials ? this.materialVolume : null);
  }

  private async restarted3d(t_s: number): Promise<void> {
    this.view3d.show(this.dims === 3);
    this.materialMap = await this.runMaterials();
    this.view.setMaterials(this.viewFolder.settings.microstructure ? this.materialMap : null);
    this.materialVolume = this.dims === 3 ? this.materialMap ?? this.demoMaterials() : null;
    this.view3d.setMaterialsAvailable(this.materialVolume !== null);
    if (this.dims === 3) {
      if (this.volume) this.gridVolume(t_s);
      else if (this.volumeActive) this.ensureVolume();
      this.view3d.setGrid(this.grid);
    }
    this.updateActiveView();
  }

  /** The run's solid-electrolyte material map (null for a liquid electrolyte). */
  private async runMaterials(): Promise<Uint8Array | null> {
    const { nx, ny, nz } = this.grid;
    const fromRun = await this.engine.api.materials().catch(() => null);
    return fromRun && fromRun.length === nx * ny * nz ? fromRun : null;
  }

  /** With ?materials=demo, a synthetic microstructure as 3D context for runs without one. */
  private demoMaterials(): Uint8Array | null {
    const { nx, ny, nz } = this.grid;
    return this.options.view3d.materials === 'demo' ? demoMicrostructure(nx, ny, nz) : null;
  }

  private apply3dSettings(s: Readonly<View3dSettings>): void {
    if (this.volumeActive) this.ensureVolume();
    this.volume?.setSlice(s);
    this.volume?.setAutoRotate(s.autoRotate);
    if (this.volume && this.volume.hasMaterials !== (s.materials && this.materialVolume !== null)) {
      this.volume.setMaterials(s.materials ? this.materialVolume : null);
    }
    // the 2D slice view of a 3D run follows a z slice plane
    this.view.setSliceZ(s.axis === 'z' ? Math.floor(s.position_um / this.grid.dx_um + 1e-9) : null);
    this.updateActiveView();
  }

  /** Hand the canvas' input to the active view and refresh its fields. */
  private updateActiveView(): void {
    const on3d = this.volumeActive;
    this.view.setInteractive(!on3d);
    this.volume?.setInteractive(on3d);
    this.needSync = true;
    this.forceRender = true;
  }

  private fail(e: unknown): void {
    this.loop.pause();
    this.notice.show(`Engine error: ${e instanceof Error ? e.message : String(e)}`, 'error', 0);
  }
}

/** Whether this page may use SharedArrayBuffer (threads): served with COOP/COEP. */
function crossOriginIsolated(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}
