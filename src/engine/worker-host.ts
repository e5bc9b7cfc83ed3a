// Worker-side wrapper around a RunApi: the RunApi calls as they are, plus
// - a play loop inside the worker: RunApi.advance in WALL_MS chunks back to back, yielding to the
//   worker's event loop between chunks so frame/setParam/pause messages are served within one chunk;
//   no main-thread round trip per chunk, so the kernel never waits on rendering;
// - frame(): status, new samples and fields in one reply. Field buffers are recycled by transfer:
//   the main thread sends Float32Arrays it owns, the worker fills and transfers them back, so the
//   main thread allocates nothing per frame (a Run with fieldInto() avoids the worker-side copy too).
import * as Comlink from 'comlink';
import type { RunApi } from './run-api';
import type { FieldName, RunStatus, Sample, StopCondition } from './types';

export interface FrameRequest {
  /** fields wanted this frame, each with a recycled buffer (length nx*ny*nz; empty to allocate) */
  fields: { name: FieldName; buffer: Float32Array }[];
  /** first sample index not yet received */
  samplesFrom: number;
}

export interface FrameReply {
  status: RunStatus;
  fields: { name: FieldName; buffer: Float32Array }[];
  samples: Sample[];
  /** whether the play loop is running, as of the play/pause command numbered `command` */
  playing: boolean;
  command: number;
  /** message of an exception thrown by advance() in the play loop */
  error: string | null;
}

export interface PlayOptions {
  /** numbers play/pause commands so the caller can ignore replies that predate its latest one */
  command: number;
  wallMs: number;
  stop?: StopCondition;
  pauseOnShort: boolean;
}

export interface WorkerApi extends RunApi {
  /** start (or update the options of) the play loop */
  play(options: PlayOptions): void;
  /** stop the play loop after the current chunk; the status, or null before the first init */
  pause(command: number): Promise<RunStatus | null>;
  frame(request: FrameRequest): Promise<FrameReply>;
}

/** Optional extension a Run may offer: write a field into a caller's array (no allocation). */
export interface FieldInto { fieldInto(name: FieldName, out: Float32Array): unknown }

/** A macrotask yield that, unlike nested setTimeout(0), is not clamped to 4 ms. */
function yielder(): (fn: () => void) => void {
  const channel = new MessageChannel();
  let pending: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const fn = pending;
    pending = null;
    fn?.();
  };
  return (fn) => {
    pending = fn;
    channel.port2.postMessage(null);
  };
}

export function hostRun(run: RunApi): WorkerApi {
  let playing = false;
  let looping = false;
  let options: PlayOptions = { command: 0, wallMs: 12, pauseOnShort: true };
  let command = 0;
  let error: string | null = null;
  const later = yielder();

  const chunk = async (): Promise<void> => {
    if (!playing) {
      looping = false;
      return;
    }
    try {
      const s = await run.advance({ maxSteps: 1_000_000, maxWallMs: options.wallMs, stop: options.stop, pauseOnShort: options.pauseOnShort });
      if (s.finished || s.failure || (options.pauseOnShort && s.short.occurred)) playing = false;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      playing = false;
    }
    later(() => void chunk());
  };

  const frame = async (request: FrameRequest): Promise<FrameReply> => {
    const status = await run.status();
    const samples = await run.samples(request.samplesFrom);
    const fields: FrameReply['fields'] = [];
    const transfers: ArrayBuffer[] = [];
    const cells = status.grid[0] * status.grid[1] * status.grid[2];
    for (const { name, buffer } of request.fields) {
      // reuse the caller's buffer when it fits; otherwise allocate once (first frame, new grid).
      // Only buffers owned by this wrapper are transferred, never one the Run might keep.
      const out = buffer.length === cells ? buffer : new Float32Array(cells);
      const into = (run as Partial<FieldInto>).fieldInto;
      if (into) await into.call(run, name, out);
      else out.set(await run.field(name));
      fields.push({ name, buffer: out });
      transfers.push(out.buffer as ArrayBuffer);
    }
    const reply: FrameReply = { status, fields, samples, playing, command, error };
    error = null;
    return Comlink.transfer(reply, transfers);
  };

  const stopLoop = () => {
    playing = false;
  };

  return {
    init: (c) => (stopLoop(), run.init(c)),
    advance: (o) => run.advance(o),
    status: () => run.status(),
    samples: (from) => run.samples(from),
    field: (name) => run.field(name),
    params: () => run.params(),
    setParam: (n, v) => run.setParam(n, v),
    reset: (seed) => (stopLoop(), run.reset(seed)),
    shortPath: () => run.shortPath(),
    protocolReport: () => run.protocolReport(),
    materials: () => run.materials(),
    async saveState() {
      const bytes = await run.saveState();
      return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer]);
    },
    loadState: (bytes) => (stopLoop(), run.loadState(bytes)),
    play(o) {
      options = o;
      command = o.command;
      playing = true;
      if (!looping) {
        looping = true;
        later(() => void chunk());
      }
    },
    async pause(c) {
      command = c;
      playing = false;
      try {
        return await run.status();
      } catch {
        return null; // not initialised yet
      }
    },
    frame,
  };
}
