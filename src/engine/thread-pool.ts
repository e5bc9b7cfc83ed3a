// Worker threads for the threaded kernel build: each worker instantiates the same compiled module on
// the kernel's shared memory and parks in its `workerLoop(index)` export, where the kernel's
// parallelFor (assembly/parallel.ts) hands it a share of every task. Node uses worker_threads, the
// browser Web Workers; both run the one plain-JS body below (no bundling needed).

/** What a worker runs: instantiate, say ready, serve tasks until the kernel's parallelQuit(). */
const WORKER_BODY = `
function serve(data, post) {
  const { module, memory, index } = data;
  const env = {
    memory,
    abort() { post({ error: 'wasm abort in kernel thread ' + index }); throw new Error('wasm abort'); },
    trace() {},
    seed() { return 0; },
  };
  WebAssembly.instantiate(module, { env }).then((instance) => {
    post({ ready: index });
    try {
      instance.exports.workerLoop(index);
      post({ exit: index });
    } catch (e) {
      post({ error: String(e && e.message || e) });
    }
  }, (e) => post({ error: String(e && e.message || e) }));
}`;

const NODE_WORKER = `${WORKER_BODY}
const { parentPort, workerData } = require('node:worker_threads');
serve(workerData, (m) => parentPort.postMessage(m));`;

const WEB_WORKER = `${WORKER_BODY}
self.onmessage = (e) => serve(e.data, (m) => self.postMessage(m));`;

/** Most threads a kernel may use (the leader and up to 15 workers). */
export const MAX_THREADS = 16;

/** Why a thread count cannot run here (simd: the backend is wasm-simd), or null when it can. */
export function threadsProblem(threads: number, simd: boolean): string | null {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) return `threads must be an integer in [1, ${MAX_THREADS}] (got ${threads})`;
  if (!simd) return "threads need backend 'wasm-simd': the threaded kernel is a SIMD build";
  if (!threadsAvailable()) return 'threads need shared memory: the page must be cross-origin isolated (COOP/COEP headers)';
  return null;
}

interface Handle { terminate(): void }

export interface ThreadPool {
  /** worker threads (the calling thread is the leader: threads in all = size + 1) */
  readonly size: number;
  /** after the kernel's parallelQuit(): ends the workers */
  stop(): void;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof (globalThis as { window?: unknown }).window === 'undefined'
  && typeof (globalThis as { importScripts?: unknown }).importScripts === 'undefined';

/** True when shared-memory threads can run here (in a browser: only on a cross-origin isolated page). */
export function threadsAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (isNode) return true;
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Threads a browser run uses by default when isolated: the cores but one (the page's main thread and
 *  rendering need one), at most 4; else 1. Measured on 2 cores with CPU rendering (liquid-mg-3d, 48³):
 *  1 thread 33 steps/s and 17.7 frames/s, 2 threads 22 steps/s and 13.9 frames/s. */
export function defaultBrowserThreads(): number {
  if (!threadsAvailable()) return 1;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(4, cores - 1));
}

const TIMEOUT_MS = 30_000;

/** Starts `workers` threads on `memory` and resolves once every one has instantiated the module. */
export async function startPool(module: WebAssembly.Module, memory: WebAssembly.Memory, workers: number): Promise<ThreadPool> {
  const handles: Handle[] = [];
  const ready: Promise<void>[] = [];
  const stop = (): void => { for (const h of handles) h.terminate(); };
  const listen = (index: number, on: (cb: (m: { ready?: number; error?: string }) => void) => void, onError: (cb: (e: unknown) => void) => void): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`kernel thread ${index} did not start within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      on((m) => {
        if (m.ready === index) { clearTimeout(timer); resolve(); }
        else if (m.error) { clearTimeout(timer); reject(new Error(`kernel thread ${index}: ${m.error}`)); }
      });
      onError((e) => { clearTimeout(timer); reject(new Error(`kernel thread ${index}: ${(e as Error)?.message ?? String(e)}`)); });
    });
  if (isNode) {
    const wtName = 'node:worker_threads'; // hidden from bundlers: only Node reaches this branch
    const { Worker } = (await import(/* @vite-ignore */ wtName)) as typeof import('node:worker_threads');
    for (let i = 1; i <= workers; i++) {
      const w = new Worker(NODE_WORKER, { eval: true, workerData: { module, memory, index: i } });
      handles.push({ terminate: () => void w.terminate() });
      // referenced until it is ready (the start is awaited), then a parked worker never keeps the process alive
      ready.push(listen(i, (cb) => w.on('message', cb), (cb) => w.on('error', cb)).then(() => { w.unref(); }));
    }
  } else {
    const url = URL.createObjectURL(new Blob([WEB_WORKER], { type: 'text/javascript' }));
    try {
      for (let i = 1; i <= workers; i++) {
        const w = new Worker(url);
        handles.push({ terminate: () => w.terminate() });
        ready.push(listen(i, (cb) => w.addEventListener('message', (e) => cb(e.data)), (cb) => w.addEventListener('error', (e) => cb(e))));
        w.postMessage({ module, memory, index: i });
      }
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), TIMEOUT_MS);
    }
  }
  try {
    await Promise.all(ready);
  } catch (e) {
    stop();
    throw e;
  }
  return { size: workers, stop };
}
