// The Movie folder: size, fps, steps per frame, duration ⇄ frame count, restart, inset; Export movie,
// PNG at the chosen size, and a progress bar with Cancel.
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { framesFor, MOVIE_DEFAULTS, normalizeMovieOptions, type MovieOptions } from './export-options';
import type { MovieStatus } from './movie-export';

export interface MovieFolderHooks {
  onExport(o: MovieOptions): void;
  onCancel(): void;
  onPNG(o: MovieOptions): void;
}

export class MovieFolder {
  private readonly s = { ...MOVIE_DEFAULTS, duration_s: MOVIE_DEFAULTS.frames / MOVIE_DEFAULTS.fps };
  private readonly controllers: Controller[] = [];
  private readonly exportButton: Controller;
  private readonly bar: HTMLProgressElement;
  private readonly label: HTMLSpanElement;
  private readonly box: HTMLDivElement;

  constructor(folder: GUI, hooks: MovieFolderHooks) {
    const s = this.s;
    folder.domElement.dataset.testid = 'movie-folder';
    const add = (key: keyof typeof s, name: string, title: string, min?: number, step?: number) => {
      const c = folder.add(s, key).name(name);
      if (min !== undefined) c.min(min);
      if (step !== undefined) c.step(step);
      c.domElement.dataset.param = `movie.${key}`;
      c.domElement.title = title;
      this.controllers.push(c);
      return c;
    };
    const formats = { 'auto (MP4 if possible)': 'auto', 'MP4 (H.264)': 'mp4', 'WebM (VP9)': 'webm' };
    const fmt = folder.add(s, 'container', formats).name('format');
    fmt.domElement.dataset.param = 'movie.container';
    fmt.domElement.title = 'MP4 (H.264) plays everywhere; WebM (VP9, else VP8) is the fallback';
    this.controllers.push(fmt);
    add('width', 'width (px)', 'Frame width in pixels (even)', 32, 2).onFinishChange(() => this.tidy());
    add('height', 'height (px)', 'Frame height in pixels (even)', 32, 2).onFinishChange(() => this.tidy());
    add('fps', 'frames per second', 'Video frame rate', 1, 1).onFinishChange(() => this.setFrames(framesFor(s.duration_s, s.fps)));
    add('stepsPerFrame', 'steps per frame', 'Kernel steps between consecutive video frames', 1, 1).onFinishChange(() => this.tidy());
    add('duration_s', 'duration (s)', 'Movie length; sets the frame count', 0.05).onFinishChange(() => this.setFrames(framesFor(s.duration_s, s.fps)));
    add('frames', 'frames', 'Number of video frames; sets the duration', 1, 1).onFinishChange(() => this.tidy());
    add('restart', 'restart from t = 0', 'Reset the run (same seed and parameters) before recording, so the movie is reproducible');
    add('inset', 'current/voltage inset', 'Draw current density, voltage and the voltage trace under the view');
    this.exportButton = folder.add({ run: () => hooks.onExport(this.options()) }, 'run').name('Export movie');
    this.exportButton.domElement.dataset.param = 'movie.export';
    const png = folder.add({ png: () => hooks.onPNG(this.options()) }, 'png').name('save PNG at width × height');
    png.domElement.dataset.param = 'movie.png';
    this.controllers.push(png);

    this.box = document.createElement('div');
    this.box.className = 'movie-progress';
    this.box.dataset.testid = 'movie-progress';
    this.box.hidden = true;
    this.bar = document.createElement('progress');
    this.bar.max = 1;
    this.bar.value = 0;
    this.label = document.createElement('span');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'small';
    cancel.textContent = 'Cancel';
    cancel.dataset.testid = 'movie-cancel';
    cancel.addEventListener('click', () => hooks.onCancel());
    this.box.append(this.bar, this.label, cancel);
    folder.$children.append(this.box);
  }

  options(): MovieOptions {
    return normalizeMovieOptions(this.s);
  }

  show(st: MovieStatus): void {
    const running = st.state === 'running';
    this.box.hidden = !running;
    this.exportButton.disable(running);
    this.controllers.forEach((c) => c.disable(running));
    this.bar.value = st.total > 0 ? st.done / st.total : 0;
    this.label.textContent = `${st.done} / ${st.total} frames`;
  }

  private setFrames(n: number): void {
    this.s.frames = n;
    this.tidy();
  }

  /** Show the normalised values; duration follows frames / fps. */
  private tidy(): void {
    const o = normalizeMovieOptions(this.s);
    Object.assign(this.s, o, { duration_s: +(o.frames / o.fps).toFixed(3) });
    this.controllers.forEach((c) => c.updateDisplay());
  }
}
