// Frame-exact movie export with WebCodecs through mediabunny. With the live loop halted, frame i
// shows the run after exactly i × stepsPerFrame kernel steps (frame 0: the starting state); each
// frame is composed off screen, hashed (SHA-256 of its RGBA pixels) and encoded with timestamp i/fps
// and duration 1/fps, awaiting the encoder (backpressure). The result does not depend on speed.
import type { Remote } from 'comlink';
import { BufferTarget, Output, QUALITY_HIGH, VideoSample, VideoSampleSource } from 'mediabunny';
import type { WorkerApi } from '../engine/worker-host';
import type { RunStatus, StopCondition } from '../engine/types';
import type { OverlayKind } from '../render/field-view';
import { chooseMovieFormat } from './export-codec';
import { frameComposer } from './export-frame';
import type { MovieOptions } from './export-options';
import { RunReader } from './export-source';

export interface RecorderHost {
  api: Remote<WorkerApi>;
  overlay(): OverlayKind;
  stop(): StopCondition | undefined;
  pauseOnShort(): boolean;
  /** after each frame (lets the live view follow) */
  frameDone(): void;
}

export interface MovieResult {
  blob: Blob;
  ext: string;
  codec: string;
  container: string;
  frames: number;
  hashes: string[];
  /** frame index from which the run had stopped (short, stop condition, failure), or null */
  heldFrom: number | null;
  ms: number;
}

export class CancelledError extends Error {
  constructor() { super('export cancelled'); }
}

const ADVANCE_WALL_MS = 5000;

export async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Advance { api: Remote<WorkerApi>; stop: StopCondition | undefined; pauseOnShort: boolean }

/** Advance to exactly `target` steps unless the run stops first (finished, failed, paused on a short). */
async function advanceTo({ api, stop, pauseOnShort }: Advance, s: RunStatus, target: number): Promise<RunStatus> {
  for (let guard = 0; guard < 100_000 && s.steps < target; guard++) {
    if (s.finished || s.failure || (pauseOnShort && s.short.occurred)) break;
    s = await api.advance({ maxSteps: target - s.steps, maxWallMs: ADVANCE_WALL_MS, stop, pauseOnShort });
  }
  return s;
}

export async function recordMovie(host: RecorderHost, o: MovieOptions, onProgress: (done: number, total: number) => void,
  cancelled: () => boolean): Promise<MovieResult> {
  const t0 = performance.now();
  const fmt = await chooseMovieFormat(o.width, o.height, o.fps, o.container);
  const target = new BufferTarget();
  const output = new Output({ format: fmt.format, target });
  const source = new VideoSampleSource({ codec: fmt.codec, quality: QUALITY_HIGH, latencyMode: 'quality', sizeChangeBehavior: 'deny' });
  output.addVideoTrack(source, { frameRate: o.fps });
  await output.start();
  const reader = new RunReader(host.api);
  const composer = frameComposer();
  const overlay = host.overlay();
  // read once: the live app may change these while recording (e.g. after it sees the short)
  const run: Advance = { api: host.api, stop: host.stop(), pauseOnShort: host.pauseOnShort() };
  const hashes: string[] = [];
  let heldFrom: number | null = null;
  try {
    let status = (await reader.read(overlay)).status;
    const steps0 = status.steps;
    for (let i = 0; i < o.frames; i++) {
      if (cancelled()) throw new CancelledError();
      if (i > 0) status = await advanceTo(run, status, steps0 + i * o.stepsPerFrame);
      if (heldFrom === null && status.steps < steps0 + i * o.stepsPerFrame) heldFrom = i;
      const { data } = await reader.read(overlay);
      const image = composer.compose(data, o.width, o.height, o.inset);
      hashes.push(await sha256Hex(image.data));
      const sample = new VideoSample(image.data, {
        format: 'RGBA', codedWidth: o.width, codedHeight: o.height, timestamp: i / o.fps, duration: 1 / o.fps,
      });
      try {
        await source.add(sample);
      } finally {
        sample.close();
      }
      onProgress(i + 1, o.frames);
      host.frameDone();
    }
    source.close();
    await output.finalize();
  } catch (e) {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => undefined);
    throw e;
  }
  const buffer = target.buffer;
  if (!buffer) throw new Error('the muxer produced no file');
  return {
    blob: new Blob([buffer], { type: fmt.mime }), ext: fmt.ext, codec: fmt.codec, container: fmt.container,
    frames: o.frames, hashes, heldFrom, ms: performance.now() - t0,
  };
}
