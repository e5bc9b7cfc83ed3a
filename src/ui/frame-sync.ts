// One request in flight at a time for status + new samples + fields. Field buffers cycle between
// the threads by transfer (see src/engine/worker-host.ts), so nothing is allocated per frame.
import * as Comlink from 'comlink';
import type { FrameReply, WorkerApi } from '../engine/worker-host';
import type { FieldName } from '../engine/types';

export class FrameSync {
  private inFlight = false;
  private epoch = 0;
  private readonly buffers = new Map<FieldName, Float32Array>();

  constructor(private readonly api: Comlink.Remote<WorkerApi>, private readonly onReply: (r: FrameReply) => void,
    private readonly onError: (e: unknown) => void) {}

  /** Drop replies to requests made before now (call on init/reset). */
  invalidate(): void {
    this.epoch++;
  }

  get busy(): boolean {
    return this.inFlight;
  }

  /** Returns false when a request is still in flight. */
  request(fields: readonly FieldName[], samplesFrom: number): boolean {
    if (this.inFlight) return false;
    this.inFlight = true;
    const epoch = this.epoch;
    const wanted = fields.map((name) => ({ name, buffer: this.take(name) }));
    const request = Comlink.transfer({ fields: wanted, samplesFrom }, wanted.map((f) => f.buffer.buffer as ArrayBuffer));
    this.api.frame(request).then((reply) => {
      for (const f of reply.fields) this.buffers.set(f.name, f.buffer);
      if (epoch === this.epoch) this.onReply(reply);
    }, this.onError).finally(() => (this.inFlight = false));
    return true;
  }

  private take(name: FieldName): Float32Array {
    const b = this.buffers.get(name);
    this.buffers.delete(name);
    return b ?? new Float32Array(0);
  }
}
