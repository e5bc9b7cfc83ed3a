// Movie/PNG export options: defaults and normalisation (even sizes for 4:2:0 video, sane bounds).
export type MovieContainer = 'auto' | 'mp4' | 'webm';

export interface MovieOptions {
  /** auto: MP4 (H.264) when the browser can encode it, else WebM (VP9/VP8) */
  container: MovieContainer;
  width: number;
  height: number;
  fps: number;
  stepsPerFrame: number;
  frames: number;
  /** restart the run (same seed, current parameters) before recording */
  restart: boolean;
  /** draw the current density / voltage-trace strip under the view */
  inset: boolean;
}

export const MOVIE_DEFAULTS: MovieOptions = {
  container: 'auto', width: 1280, height: 720, fps: 30, stepsPerFrame: 20, frames: 300, restart: true, inset: true,
};

export const MIN_SIDE = 32;
export const MAX_SIDE = 3840;
export const MAX_FRAMES = 36_000;

const int = (v: number, lo: number, hi: number, fallback: number) =>
  Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback;
const even = (v: number, fallback: number) => 2 * int(v / 2, MIN_SIDE / 2, MAX_SIDE / 2, fallback / 2);

/** Clamp every option into range; width and height become even (H.264/VP9 need 4:2:0 blocks). */
export function normalizeMovieOptions(o: Partial<MovieOptions>): MovieOptions {
  const d = MOVIE_DEFAULTS;
  return {
    container: o.container === 'mp4' || o.container === 'webm' ? o.container : 'auto',
    width: even(o.width ?? d.width, d.width),
    height: even(o.height ?? d.height, d.height),
    fps: int(o.fps ?? d.fps, 1, 120, d.fps),
    stepsPerFrame: int(o.stepsPerFrame ?? d.stepsPerFrame, 1, 1_000_000, d.stepsPerFrame),
    frames: int(o.frames ?? d.frames, 1, MAX_FRAMES, d.frames),
    restart: o.restart ?? d.restart,
    inset: o.inset ?? d.inset,
  };
}

/** Frame count for a duration at a frame rate (at least one frame). */
export function framesFor(duration_s: number, fps: number): number {
  return Math.min(MAX_FRAMES, Math.max(1, Math.round(duration_s * fps)));
}

export function movieFilename(preset: string, seed: number, o: MovieOptions, ext: string): string {
  return `dendritelab-${preset}-seed${seed}-${o.width}x${o.height}-${o.fps}fps.${ext}`;
}
