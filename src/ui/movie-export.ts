// Movie and high-resolution PNG export: runs the recorder for the Movie folder, downloads the
// result and keeps a status (with the frame hashes) for the test hook.
import { downloadBlob } from './download';
import { frameComposer } from './export-frame';
import { movieFilename, type MovieOptions } from './export-options';
import { RunReader } from './export-source';
import { CancelledError, recordMovie, sha256Hex, type RecorderHost } from './recorder';

export interface MovieHost extends RecorderHost {
  preset(): string;
  seed(): number;
  /** halt the live loop and lock the run controls; restart the run when asked. False: do not record. */
  begin(restart: boolean): Promise<boolean>;
  end(): void;
  notice(text: string, kind: 'info' | 'error', ms?: number): void;
}

export interface MovieStatus {
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  width: number;
  height: number;
  fps: number;
  codec: string | null;
  container: string | null;
  filename: string | null;
  bytes: number;
  /** SHA-256 of each frame's RGBA pixels, in order */
  hashes: string[];
  heldFrom: number | null;
  ms: number;
  error: string | null;
  /** last PNG saved at a chosen size */
  png: { filename: string; width: number; height: number; hash: string } | null;
}

export class MovieExport {
  readonly status: MovieStatus = {
    state: 'idle', done: 0, total: 0, width: 0, height: 0, fps: 0, codec: null, container: null, filename: null,
    bytes: 0, hashes: [], heldFrom: null, ms: 0, error: null, png: null,
  };
  private cancelRequested = false;

  constructor(private readonly host: MovieHost, private readonly onChange: (s: MovieStatus) => void) {}

  get running(): boolean {
    return this.status.state === 'running';
  }

  cancel(): void {
    if (this.running) this.cancelRequested = true;
  }

  async exportMovie(o: MovieOptions): Promise<void> {
    if (this.running) return;
    Object.assign(this.status, {
      state: 'running', done: 0, total: o.frames, width: o.width, height: o.height, fps: o.fps, codec: null,
      container: null, filename: null, bytes: 0, hashes: [], heldFrom: null, ms: 0, error: null,
    } satisfies Partial<MovieStatus>);
    this.cancelRequested = false;
    this.onChange(this.status);
    let began = false;
    try {
      began = await this.host.begin(o.restart);
      if (!began) throw new Error('the run could not be started');
      const r = await recordMovie(this.host, o, (done) => {
        this.status.done = done;
        this.onChange(this.status);
      }, () => this.cancelRequested);
      const filename = movieFilename(this.host.preset(), this.host.seed(), o, r.ext);
      Object.assign(this.status, {
        state: 'done', codec: r.codec, container: r.container, filename, bytes: r.blob.size, hashes: r.hashes,
        heldFrom: r.heldFrom, ms: Math.round(r.ms),
      } satisfies Partial<MovieStatus>);
      downloadBlob(r.blob, filename);
      const held = r.heldFrom !== null ? ` (the run stopped at frame ${r.heldFrom}; later frames hold that state)` : '';
      this.host.notice(`Movie saved: ${filename}, ${r.frames} frames, ${(r.blob.size / 1e6).toFixed(2)} MB, ${r.codec}${held}`, 'info', 10000);
    } catch (e) {
      const cancelled = e instanceof CancelledError;
      this.status.state = cancelled ? 'cancelled' : 'error';
      this.status.error = cancelled ? null : e instanceof Error ? e.message : String(e);
      this.host.notice(cancelled ? 'Movie export cancelled' : `Movie export failed: ${this.status.error}`, cancelled ? 'info' : 'error', 10000);
    } finally {
      if (began) this.host.end();
      this.onChange(this.status);
    }
  }

  /** The current state as a PNG of width × height (same layout as a movie frame). */
  async savePNG(width: number, height: number, inset: boolean): Promise<void> {
    if (this.running) return this.host.notice('A movie export is running; wait or cancel it first', 'info');
    try {
      const { data, status } = await new RunReader(this.host.api).read(this.host.overlay());
      const composer = frameComposer();
      const image = composer.compose(data, width, height, inset);
      const hash = await sha256Hex(image.data);
      const blob = await composer.toPNG();
      const filename = `dendritelab-${this.host.preset()}-t${Math.round(status.t_s)}s-${width}x${height}.png`;
      downloadBlob(blob, filename);
      this.status.png = { filename, width, height, hash };
      this.onChange(this.status);
    } catch (e) {
      this.host.notice(`PNG export failed: ${e instanceof Error ? e.message : String(e)}`, 'error', 10000);
    }
  }
}
