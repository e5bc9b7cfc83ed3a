// Loads build/kernel-{simd,scalar,threads}.wasm in Node (file: URLs are read with fs) and in the
// browser (fetch, or bytes passed in). The threads build imports a shared memory (created here) that
// the worker threads of src/engine/thread-pool.ts instantiate the same module on. Memory may grow during any export call (stub runtime bump allocator),
// which detaches every existing typed-array view: always take views from views()/f32()/f64() after
// a call that may allocate, never cache them across such calls.

export type WasmFlavor = 'simd' | 'scalar' | 'threads';
/** What to instantiate: a URL (file:, http:, or a Vite `new URL(..., import.meta.url)`), raw bytes, a Response or a compiled module. */
export type WasmBytesSource = URL | string | ArrayBuffer | ArrayBufferView<ArrayBuffer> | Response;
export type WasmSource = WasmBytesSource | WebAssembly.Module;

/** Exports provided by assembly/index.ts so far (pointers are byte offsets; u32 results come back signed). */
export interface KernelExports {
  memory: WebAssembly.Memory;
  allocF32(n: number): number;
  allocF64(n: number): number;
  resetHeap(): void;
  simdEnabled(): number;
  rngHash4(seed: number, stream: number, step: number, cell: number): number;
  rngUniform01(seed: number, stream: number, step: number, cell: number): number;
  rngUniformSym(seed: number, stream: number, step: number, cell: number): number;
  rngFillUniform(out: number, n: number, seed: number, stream: number, step: number, cell0: number): void;
  mgCreate(nx: number, ny: number, nz: number, dx: number, force3D: number): number;
  mgLevels(h: number): number;
  mgSetOperator(h: number, a: number, b: number, bottomDirichlet: number, topDirichlet: number): void;
  mgSolve(h: number, u: number, f: number, bottomValue: number, topValue: number, tol: number, maxCycles: number): number;
  mgResidual(h: number): number;
  mgConverged(h: number): number;
}

export interface MemoryViews {
  buffer: ArrayBuffer;
  u8: Uint8Array;
  i32: Int32Array;
  u32: Uint32Array;
  f32: Float32Array;
  f64: Float64Array;
}

export interface LoadedKernel<E extends { memory: WebAssembly.Memory } = KernelExports> {
  flavor: WasmFlavor;
  exports: E;
  memory: WebAssembly.Memory;
  /** the compiled module (the thread pool instantiates it again on the same shared memory) */
  module: WebAssembly.Module;
  /** Whole-memory views, rebuilt whenever the buffer changed (memory.grow). */
  views(): MemoryViews;
  /** Fresh view of `len` f32 at byte pointer `ptr`. */
  f32(ptr: number, len: number): Float32Array;
  /** Fresh view of `len` f64 at byte pointer `ptr`. */
  f64(ptr: number, len: number): Float64Array;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Pages of the threads build's shared memory: asconfig.json's threads target says the same. */
export const THREADS_INITIAL_PAGES = 256;
export const THREADS_MAX_PAGES = 32768; // 2 GiB

/** True when this engine accepts WebAssembly fixed-width SIMD. */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Default location of a build, relative to this file (static literals so Vite emits both assets). */
export function defaultWasmUrl(flavor: WasmFlavor): URL {
  if (flavor === 'threads') return new URL('../../build/kernel-threads.wasm', import.meta.url);
  return flavor === 'simd'
    ? new URL('../../build/kernel-simd.wasm', import.meta.url)
    : new URL('../../build/kernel-scalar.wasm', import.meta.url);
}

async function readSource(src: WasmBytesSource): Promise<BufferSource> {
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) return src;
  if (typeof Response !== 'undefined' && src instanceof Response) return src.arrayBuffer();
  const url = src instanceof URL ? src : new URL(src as string, import.meta.url);
  if (url.protocol === 'file:') {
    // Hidden from bundlers: only Node reaches this branch.
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
    const urlName = 'node:url';
    const { fileURLToPath } = (await import(/* @vite-ignore */ urlName)) as typeof import('node:url');
    return fs.readFile(fileURLToPath(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`wasm-loader: ${url.href}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const len = new Uint32Array(memory.buffer, ptr - 4, 1)[0]; // AS object header: byte length
  // copied: TextDecoder refuses views of a shared memory
  return new TextDecoder('utf-16le').decode(new Uint8Array(memory.buffer, ptr, len).slice());
}

/** Compiles and instantiates a kernel build. flavor 'auto' (default) picks SIMD when supported. */
export async function loadKernel<E extends { memory: WebAssembly.Memory } = KernelExports>(
  opts: {
    flavor?: WasmFlavor | 'auto'; source?: WasmSource;
    /** threads build: runs with the compiled module and the shared memory before this instance exists */
    beforeInstantiate?: (module: WebAssembly.Module, memory: WebAssembly.Memory) => Promise<void>;
  } = {},
): Promise<LoadedKernel<E>> {
  const flavor: WasmFlavor = !opts.flavor || opts.flavor === 'auto' ? (simdSupported() ? 'simd' : 'scalar') : opts.flavor;
  const src = opts.source ?? defaultWasmUrl(flavor);
  const module = src instanceof WebAssembly.Module ? src : await WebAssembly.compile(await readSource(src as WasmBytesSource));
  // initial/maximum pages as in asconfig.json's threads target (the module declares its import so)
  let memory: WebAssembly.Memory | undefined =
    flavor === 'threads' ? new WebAssembly.Memory({ initial: THREADS_INITIAL_PAGES, maximum: THREADS_MAX_PAGES, shared: true }) : undefined;
  const env = {
    ...(memory ? { memory } : {}),
    abort(msg: number, file: number, line: number, col: number): never {
      const m = memory ? readAsString(memory, msg) : '';
      const f = memory ? readAsString(memory, file) : '';
      throw new Error(`wasm abort: ${m} at ${f}:${line}:${col}`);
    },
    trace(msg: number, n: number, ...args: number[]): void {
      console.log(`wasm trace: ${memory ? readAsString(memory, msg) : ''}`, ...args.slice(0, n));
    },
    seed(): number {
      return Date.now();
    },
  };
  if (memory && opts.beforeInstantiate) await opts.beforeInstantiate(module, memory);
  const instance = await WebAssembly.instantiate(module, { env });
  const exports = instance.exports as unknown as E;
  memory = exports.memory;
  const mem = memory;
  let cached: MemoryViews | null = null;
  const views = (): MemoryViews => {
    const buffer = mem.buffer as ArrayBuffer;
    if (!cached || cached.buffer !== buffer) {
      cached = {
        buffer,
        u8: new Uint8Array(buffer),
        i32: new Int32Array(buffer),
        u32: new Uint32Array(buffer),
        f32: new Float32Array(buffer),
        f64: new Float64Array(buffer),
      };
    }
    return cached;
  };
  return {
    flavor,
    exports,
    memory: mem,
    module,
    views,
    f32: (ptr, len) => new Float32Array(mem.buffer, ptr, len),
    f64: (ptr, len) => new Float64Array(mem.buffer, ptr, len),
  };
}
