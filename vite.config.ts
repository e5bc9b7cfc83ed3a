/// <reference types="vitest/config" />
// Vite (app build, dev and preview servers) and vitest configuration.
import { defineConfig } from 'vite';

// Cross-origin isolation: SharedArrayBuffer and wasm threads need these on every response.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/physics/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
