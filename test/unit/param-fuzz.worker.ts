// Worker for param-fuzz.test.ts: validates and steps one parameter set per message, so the test can
// detect a hang (no reply) and terminate this thread instead of blocking the suite.
import { parentPort } from 'node:worker_threads';
import { Run } from '../../src/engine/run';
import type { ParamValues, RunStatus, ValidationIssue } from '../../src/engine/types';

export interface FuzzJob { n: number; set: ParamValues; dims: 2 | 3; steps: number; maxCells: number }
export type FuzzReply =
  | { n: number; kind: 'rejected'; issues: ValidationIssue[] }
  | { n: number; kind: 'too-large'; grid: number[] }
  | { n: number; kind: 'stepped'; status: RunStatus; finite: Record<string, boolean>; ms: number }
  | { n: number; kind: 'threw'; where: 'init' | 'advance'; message: string };

const allFinite = (a: Float32Array) => { for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false; return true; };

async function handle({ n, set, dims, steps, maxCells }: FuzzJob): Promise<FuzzReply> {
  const run = new Run();
  const t0 = performance.now();
  let init;
  try {
    init = await run.init({ preset: 'planar-1mA', overrides: set, dims, seed: n, backend: 'wasm-simd' });
  } catch (e) {
    return { n, kind: 'threw', where: 'init', message: (e as Error).message };
  }
  if (!init.ok) return { n, kind: 'rejected', issues: init.issues };
  const [nx, ny, nz] = init.status.grid;
  if (nx * ny * nz > maxCells) return { n, kind: 'too-large', grid: init.status.grid };
  // advance() counts a guard retry (rewind to the last snapshot) as an iteration: call again until
  // `steps` are done or the run stops; 10 calls cover 6 retries × ≤ 25 rewound steps
  let status = init.status;
  const done = () => status.steps >= steps || status.failure !== null || status.finished || status.short.occurred;
  try {
    for (let call = 0; call < 10 && !done(); call++) status = run.advance({ maxSteps: steps - status.steps, maxWallMs: 1e9 });
  } catch (e) {
    return { n, kind: 'threw', where: 'advance', message: (e as Error).message };
  }
  const finite = Object.fromEntries((['xi', 'c', 'phi'] as const).map((f) => [f, allFinite(run.field(f))]));
  return { n, kind: 'stepped', status, finite, ms: performance.now() - t0 };
}

parentPort!.on('message', (job: FuzzJob) => void handle(job).then((r) => parentPort!.postMessage(r)));
