/// <reference types="vitest/config" />
// Vite (app build, dev and preview servers) and vitest configuration.
import { availableParallelism } from 'node:os';
import { defineConfig, type UserConfig } from 'vite';

// Cross-origin isolation: SharedArrayBuffer and wasm threads need these on every response.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

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
    // the longest files first (only under vitest: the app's dev server and build do not load test code)
    sequence: process.env.VITEST
      ? { sequencer: (await import('./test/support/heavy-first-sequencer')).HeavyFirstSequencer }
      : undefined,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
}));
