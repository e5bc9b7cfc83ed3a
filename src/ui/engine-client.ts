// Starts the simulation worker and returns its comlink proxy (the WorkerApi over RunApi).
import * as Comlink from 'comlink';
import type { WorkerApi } from '../engine/worker-host';

export type EngineKind = 'kernel' | 'mock';

export interface EngineClient {
  api: Comlink.Remote<WorkerApi>;
  worker: Worker;
  dispose(): void;
}

export function startEngine(kind: EngineKind): EngineClient {
  const worker = kind === 'mock'
    ? new Worker(new URL('./dev-mock-worker.ts', import.meta.url), { type: 'module', name: 'dendritelab-mock' })
    : new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'dendritelab-kernel' });
  const api = Comlink.wrap<WorkerApi>(worker);
  return {
    api,
    worker,
    dispose() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
