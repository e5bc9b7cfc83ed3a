// Movie export options: normalisation and the duration ⇄ frame-count rule.
import { describe, expect, test } from 'vitest';
import { framesFor, MOVIE_DEFAULTS, movieFilename, normalizeMovieOptions } from '../../src/ui/export-options';

describe('movie options', () => {
  test('defaults pass through unchanged', () => {
    expect(normalizeMovieOptions({})).toEqual(MOVIE_DEFAULTS);
    expect(normalizeMovieOptions(MOVIE_DEFAULTS)).toEqual(MOVIE_DEFAULTS);
  });

  test('sizes become even and bounded; counts become integers in range', () => {
    const o = normalizeMovieOptions({ width: 321, height: 10, fps: 0, stepsPerFrame: 2.6, frames: 1e9 });
    expect(o.width % 2).toBe(0);
    expect(o.width).toBeGreaterThanOrEqual(320);
    expect(o.height).toBe(32);
    expect(o.fps).toBe(1);
    expect(o.stepsPerFrame).toBe(3);
    expect(o.frames).toBe(36_000);
    expect(normalizeMovieOptions({ width: 1e6 }).width).toBe(3840);
  });

  test('non-finite values fall back to the defaults; unknown containers to auto', () => {
    const o = normalizeMovieOptions({ width: NaN, fps: Infinity, container: 'avi' as never });
    expect(o.width).toBe(MOVIE_DEFAULTS.width);
    expect(o.fps).toBe(MOVIE_DEFAULTS.fps);
    expect(o.container).toBe('auto');
  });

  test('frames from duration and fps', () => {
    expect(framesFor(2, 30)).toBe(60);
    expect(framesFor(0, 30)).toBe(1);
    expect(framesFor(1 / 3, 30)).toBe(10);
  });

  test('file name carries preset, seed, size and rate', () => {
    expect(movieFilename('short-demo', 7, normalizeMovieOptions({ width: 320, height: 240, fps: 30 }), 'mp4'))
      .toBe('dendritelab-short-demo-seed7-320x240-30fps.mp4');
  });
});
