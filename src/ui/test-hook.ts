// Read-only counters on window.__dendritelab for end-to-end tests and the browser benchmark.
export interface TestHookSource {
  ready: boolean;
  engine: string;
  preset: string;
  playing: boolean;
  steps: number;
  t_s: number;
  samples: number;
  voltagePoints: number;
  frames: number;
  fps: number;
  stepsPerSec: number;
  shorted: boolean;
  finished: boolean;
  failure: string | null;
  grid: [number, number, number];
}

declare global {
  interface Window { __dendritelab?: Readonly<TestHookSource> }
}

export function installTestHook(read: () => TestHookSource): void {
  const hook = {} as TestHookSource;
  const keys: (keyof TestHookSource)[] = ['ready', 'engine', 'preset', 'playing', 'steps', 't_s', 'samples',
    'voltagePoints', 'frames', 'fps', 'stepsPerSec', 'shorted', 'finished', 'failure', 'grid'];
  for (const k of keys) Object.defineProperty(hook, k, { get: () => read()[k], enumerable: true });
  Object.defineProperty(window, '__dendritelab', { value: Object.freeze(hook), configurable: false, writable: false });
}
