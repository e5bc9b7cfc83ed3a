// Worker-side wrapper around a RunApi: the RunApi calls as they are, plus buffer-recycling field
// transfers for the UI. Field protocol: the main thread sends a Float32Array it owns (transferred);
// the worker fills it with the field and transfers it back, so the main thread never allocates per frame.
import * as Comlink from 'comlink';
import type { RunApi } from './run-api';
import type { FieldName, RunStatus, Sample } from './types';

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
}

export interface WorkerApi extends RunApi {
  /** status, new samples and the requested fields in one round trip */
  frame(request: FrameRequest): Promise<FrameReply>;
}

/** Optional extension a Run may offer: write a field into a caller's array (no allocation). */
export interface FieldInto { fieldInto(name: FieldName, out: Float32Array): void | Promise<void> }

export function hostRun(run: RunApi): WorkerApi {
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
      if (into) await into.call(run, name, out);   // optional copy-free path
      else out.set(await run.field(name));
      fields.push({ name, buffer: out });
      transfers.push(out.buffer as ArrayBuffer);
    }
    return Comlink.transfer({ status, fields, samples }, transfers);
  };
  return {
    init: (c) => run.init(c),
    advance: (o) => run.advance(o),
    status: () => run.status(),
    samples: (from) => run.samples(from),
    field: (name) => run.field(name),
    params: () => run.params(),
    setParam: (n, v) => run.setParam(n, v),
    reset: (seed) => run.reset(seed),
    shortPath: () => run.shortPath(),
    frame,
  };
}
