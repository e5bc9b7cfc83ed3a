/// <reference types="vitest/config" />
// Vite (app build, dev and preview servers) and vitest configuration.
import { availableParallelism } from 'node:os';
import { defineConfig, type UserConfig } from 'vite';
import type { BaseSequencer, TestSpecification } from 'vitest/node';

// Cross-origin isolation: SharedArrayBuffer and wasm threads need these on every response.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The longest test files, longest first (fresh-clone wall on one worker, 2026-12-07). Without a results
// cache (a fresh clone) vitest keeps the include order, which ran these last, one after another.
const HEAVY_TEST_FILES = [
  'test/physics/ccd.test.ts',          // ~40 min: 15 CCD staircases (calibration, prediction)
  'test/physics/ccd-ablation.test.ts', // ~20 min: 9 CCD staircases (ablation)
  'test/physics/cycling-120b.test.ts', // ~14 min: In, Mg, Sn, Zn over 120 cycles
  'test/physics/cycling-120.test.ts',  // ~10 min: Cu, Ag, Al over 120 cycles
];

/** vitest's sequencer with HEAVY_TEST_FILES moved to the front (the rest keeps its order) */
function heavyFirst(Base: typeof BaseSequencer): typeof BaseSequencer {
  return class HeavyFirstSequencer extends Base {
    async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const rank = (f: TestSpecification): number => {
        const i = HEAVY_TEST_FILES.findIndex((h) => f.moduleId.replace(/\\/g, '/').endsWith(h));
        return i < 0 ? HEAVY_TEST_FILES.length : i;
      };
      return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // stable: the rest keeps its order
    }
  };
}

export default defineConfig(async (): Promise<UserConfig> => ({
  base: './',
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/physics/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    pool: 'forks',
    // one worker per core: vitest's default (cores − 1) runs CI's two cores one file at a time (~70 min)
    maxWorkers: Math.max(2, availableParallelism()),
    // the longest files first (only under vitest: the app's dev server and build do not load vitest)
    sequence: process.env.VITEST ? { sequencer: heavyFirst((await import('vitest/node')).BaseSequencer) } : undefined,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
}));
