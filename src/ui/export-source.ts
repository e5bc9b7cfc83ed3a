// Reads what an export frame needs from the worker: status, fields (recycled buffers, as in
// frame-sync.ts), the time series so far (for the voltage inset) and the short-circuit path.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../engine/worker-host';
import type { FieldName, RunStatus } from '../engine/types';
import type { OverlayKind } from '../render/field-view';
import type { FrameData } from './export-frame';

export class RunReader {
  private readonly buffers = new Map<FieldName, Float32Array>();
  private readonly t: number[] = [];
  private readonly v: number[] = [];
  private current = NaN;
  private shortPath: Uint32Array | null = null;

  constructor(private readonly api: Comlink.Remote<WorkerApi>) {}

  async read(overlay: OverlayKind): Promise<{ status: RunStatus; data: FrameData }> {
    const names: FieldName[] = overlay === 'none' ? ['xi'] : ['xi', overlay];
    const wanted = names.map((name) => {
      const buffer = this.buffers.get(name) ?? new Float32Array(0);
      this.buffers.delete(name);
      return { name, buffer };
    });
    const request = Comlink.transfer({ fields: wanted, samplesFrom: this.t.length }, wanted.map((f) => f.buffer.buffer as ArrayBuffer));
    const reply = await this.api.frame(request);
    for (const f of reply.fields) this.buffers.set(f.name, f.buffer);
    for (const s of reply.samples) {
      this.t.push(s.t_s);
      this.v.push(s.voltage_V);
      this.current = s.current_mA_cm2;
    }
    const status = reply.status;
    if (status.short.occurred && !this.shortPath) this.shortPath = await this.api.shortPath();
    const data: FrameData = {
      grid: status.grid,
      dx_um: status.dx_um,
      t_s: status.t_s,
      overlay,
      fields: new Map(reply.fields.map((f) => [f.name, f.buffer])),
      shortPath: this.shortPath,
      short_t_s: status.short.occurred ? status.short.t_s ?? status.t_s : null,
      inset: { t: this.t, v: this.v, n: this.t.length, current_mA_cm2: this.current, voltage_V: status.voltage_V },
    };
    return { status, data };
  }
}
