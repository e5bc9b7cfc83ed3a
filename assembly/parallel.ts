// Fork–join over shared memory (the threaded build, ASC_FEATURE_THREADS; the other builds run every
// task inline on the calling thread).
//
// The leader (the thread that calls the kernel) posts a task — a function of an item range and its
// arguments — in a control block in static memory; the workers (other instances of this module on
// the same shared memory, parked in workerLoop) each run a contiguous share of the items. Shares
// depend on the thread count, so a task must be elementwise: each item's result may not depend on
// which thread computed it. Reductions go through fixed chunks (chunksFor: a function of the item
// count only) whose partials the leader combines in order — so the bytes of a run are the same for
// any thread count, and the same as the single-threaded builds.
//
// Instances do not share globals: everything a task reads comes from the argument slots below or
// from objects in shared memory. Workers never allocate.

const CTRL: usize = memory.data(256, 64);
const GEN: usize = 0;      // task generation: bumped once per posted task (workers wait on it)
const DONE: usize = 4;     // workers finished with the current task
const THREADS: usize = 8;  // threads taking part (leader included), 1 = inline
const QUIT: usize = 12;
const FN: usize = 16;      // table index of the task
const COUNT: usize = 20;   // items of the task
const ARG_I: usize = 64;   // 16 × i32/usize
const ARG_F: usize = 128;  // 16 × f64

export const MAX_CHUNKS: i32 = 1024;
const PARTIALS: usize = memory.data(MAX_CHUNKS * 8 * 4, 16); // 4 f64 per chunk
// Spin before sleeping (futex wake-ups cost 50–100 µs, as long as a fine-grid task): a worker keeps
// spinning through the leader's serial stretches of a step (coarse multigrid levels, nuclei) and
// sleeps only when the kernel is idle (~ms).
const SPIN: i32 = 1 << 20;
/** Cells per reduction chunk (at least): a function of the grid only (src/kernel-ts/multigrid.ts DOT_CHUNK mirrors it). */
export const REDUCTION_CHUNK: i32 = 16384;
/** Cells per item of the elementwise tasks. */
export const BLOCK: i32 = 4096;
/** Work (cells) below which a task runs inline: posting costs a few µs. */
export const PAR_MIN_CELLS: i32 = 16384;

export type Task = (lo: i32, hi: i32) => void;

// @ts-ignore: decorator
@inline export function setArgP(k: i32, v: usize): void { store<usize>(CTRL + ARG_I + (<usize>k << 2), v); }
// @ts-ignore: decorator
@inline export function argP(k: i32): usize { return load<usize>(CTRL + ARG_I + (<usize>k << 2)); }
// @ts-ignore: decorator
@inline export function setArgF(k: i32, v: f64): void { store<f64>(CTRL + ARG_F + (<usize>k << 3), v); }
// @ts-ignore: decorator
@inline export function argF(k: i32): f64 { return load<f64>(CTRL + ARG_F + (<usize>k << 3)); }

/** Partial j (0..3) of reduction chunk c. */
// @ts-ignore: decorator
@inline export function setPartial(c: i32, j: i32, v: f64): void { store<f64>(PARTIALS + ((<usize>(c * 4 + j)) << 3), v); }
// @ts-ignore: decorator
@inline export function partial(c: i32, j: i32): f64 { return load<f64>(PARTIALS + ((<usize>(c * 4 + j)) << 3)); }

/** Reduction chunks for n items: a function of n only (never of the thread count). */
export function chunksFor(n: i32, minItems: i32): i32 {
  if (n <= minItems) return 1;
  const c = (n + minItems - 1) / minItems;
  return c < MAX_CHUNKS ? c : MAX_CHUNKS;
}

/** Item range [lo, hi) of chunk c out of `chunks` over n items. */
// @ts-ignore: decorator
@inline export function chunkLo(c: i32, chunks: i32, n: i32): i32 {
  // multiple of 4 so the SIMD lanes of a chunk see the same i & 3 as one long loop would
  return <i32>(((<i64>n * <i64>c) / <i64>chunks) & ~3);
}
// @ts-ignore: decorator
@inline export function chunkHi(c: i32, chunks: i32, n: i32): i32 {
  return c == chunks - 1 ? n : chunkLo(c + 1, chunks, n);
}

export function threadCount(): i32 {
  const t = load<i32>(CTRL + THREADS);
  return t > 1 ? t : 1;
}

/** Set by the host before any task: 1 (inline) or the number of threads (workers + leader). */
export function setThreadCount(t: i32): void {
  store<i32>(CTRL + THREADS, ASC_FEATURE_THREADS && t > 1 ? t : 1);
}

/** Runs task(lo, hi) over [0, count), split over the threads when `cells` of work make it worth it. */
export function parallelFor(task: Task, count: i32, cells: i32): void {
  const t = threadCount();
  if (!ASC_FEATURE_THREADS || t == 1 || cells < PAR_MIN_CELLS || count < 2) {
    task(0, count);
    return;
  }
  if (ASC_FEATURE_THREADS) {
    store<u32>(CTRL + FN, task.index);
    store<i32>(CTRL + COUNT, count);
    atomic.store<i32>(CTRL + DONE, 0);
    atomic.add<i32>(CTRL + GEN, 1); // seq-cst: publishes the slots above
    // always notify: a version that skipped it when no worker had announced sleep lost wake-ups (hangs; cause not found)
    atomic.notify(CTRL + GEN, t - 1);
    task(0, <i32>((<i64>count) / <i64>t));
    let spins = 0;
    for (;;) {
      const d = atomic.load<i32>(CTRL + DONE);
      if (d >= t - 1) break;
      if (++spins > SPIN) memory.atomic.wait32(CTRL + DONE, d, 1000000); // 1 ms, then look again
    }
  }
}

/** A worker's life: run its share of every posted task until quit. Workers start before the first task
 *  is posted, so generation 0 is "no task yet" — a worker entering late still sees the first task. */
export function workerLoop(index: i32): void {
  if (!ASC_FEATURE_THREADS) return;
  if (ASC_FEATURE_THREADS) {
    let seen = 0;
    for (;;) {
      let g = atomic.load<i32>(CTRL + GEN);
      let spins = 0;
      while (g == seen) {
        if (++spins > SPIN) {
          // woken by the leader's notify; the timeout only bounds a lost wake-up (polls at 50 Hz when idle)
          memory.atomic.wait32(CTRL + GEN, seen, 20000000);
          spins = 0;
        }
        g = atomic.load<i32>(CTRL + GEN);
      }
      seen = g;
      if (atomic.load<i32>(CTRL + QUIT) != 0) return;
      const t = load<i32>(CTRL + THREADS);
      if (index < t) {
        const count = <i64>load<i32>(CTRL + COUNT);
        call_indirect<void>(load<u32>(CTRL + FN), <i32>((count * index) / t), <i32>((count * (index + 1)) / t));
        atomic.add<i32>(CTRL + DONE, 1);
        atomic.notify(CTRL + DONE, 1);
      }
    }
  }
}

/** Releases every worker from workerLoop (they return to the host). */
export function parallelQuit(): void {
  if (ASC_FEATURE_THREADS) {
    atomic.store<i32>(CTRL + QUIT, 1);
    atomic.add<i32>(CTRL + GEN, 1);
    atomic.notify(CTRL + GEN, 1 << 30);
  }
}
