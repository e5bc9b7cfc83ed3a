// Read-only counters on window.__dendritelab for end-to-end tests and the browser benchmark.
import type { MeshExportStatus } from './mesh-export';
import type { MovieStatus } from './movie-export';

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
  /** threads the kernel steps on (RunStatus.threads), and whether the page is cross-origin isolated */
  threads: number;
  isolated: boolean;
  shorted: boolean;
  finished: boolean;
  failure: string | null;
  grid: [number, number, number];
  /** movie/PNG export status, with the SHA-256 of each exported frame */
  movie: MovieStatus;
  /** the 3D view (3D runs): shown or not, frames it drew, material volume and short path shown,
   *  resolution scale of its last volume pass */
  view3d: { active: boolean; frames: number; materials: boolean; shortPathCells: number; slice: string; scale: number };
  /** the last deposit mesh export, or null */
  meshExport: MeshExportStatus | null;
}

declare global {
  interface Window { __dendritelab?: Readonly<TestHookSource> }
}

export function installTestHook(read: () => TestHookSource): void {
  const hook = {} as TestHookSource;
  const keys: (keyof TestHookSource)[] = ['ready', 'engine', 'preset', 'playing', 'steps', 't_s', 'samples',
    'voltagePoints', 'frames', 'fps', 'stepsPerSec', 'threads', 'isolated', 'shorted', 'finished', 'failure', 'grid', 'movie', 'view3d', 'meshExport'];
  for (const k of keys) Object.defineProperty(hook, k, { get: () => read()[k], enumerable: true });
  Object.defineProperty(window, '__dendritelab', { value: Object.freeze(hook), configurable: false, writable: false });
}

/** Classroom mode state on window.__dendritelabClassroom (src/ui/classroom.ts). */
export interface ClassroomHookSource {
  active: boolean;
  scenario: string | null;
  /** false for a "coming soon" scenario */
  startable: boolean;
  pausedAtKeyMoment: boolean;
  /** run status when the key moment was reached */
  keyMoment: { t_s: number; charge_mAh_cm2: number; mean_thickness_um: number; voltage_V: number; shorted: boolean } | null;
}

declare global {
  interface Window { __dendritelabClassroom?: Readonly<ClassroomHookSource> }
}

export function installClassroomHook(read: () => ClassroomHookSource): void {
  const hook = {} as ClassroomHookSource;
  const keys: (keyof ClassroomHookSource)[] = ['active', 'scenario', 'startable', 'pausedAtKeyMoment', 'keyMoment'];
  for (const k of keys) Object.defineProperty(hook, k, { get: () => read()[k], enumerable: true });
  Object.defineProperty(window, '__dendritelabClassroom', { value: Object.freeze(hook), configurable: false, writable: false });
}
