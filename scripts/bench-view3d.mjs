#!/usr/bin/env node
// 3D view benchmark: builds the app, serves it with `vite preview`, opens 3D runs of n³ cells in
// headless Debian Chromium (SwiftShader, no GPU) and prints JSON lines with the frames/s of the 3D
// volume view while its camera auto-rotates (every frame redrawn), paused and while playing, with
// the resolution scale its governor settled on (1 = full canvas resolution) and the machine's load.
//
//   node scripts/bench-view3d.mjs [--sizes 32,64] [--res auto,1,0.5] [--seconds 5] [--viewport 1400x900] [--preset planar-1mA] [--query extra]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

function parseArgs(argv) {
  const o = { sizes: [32, 64], res: ['auto'], seconds: 5, viewport: [1400, 900], preset: 'planar-1mA', query: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--res') o.res = argv[++i].split(',');
    else if (a === '--seconds') o.seconds = Number(argv[++i]);
    else if (a === '--viewport') o.viewport = argv[++i].split('x').map(Number);
    else if (a === '--preset') o.preset = argv[++i];
    else if (a === '--query') o.query = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** frames/s of the view over `seconds`, from the page's test hook */
async function rate(page, seconds) {
  const read = () => page.evaluate(() => ({ frames: window.__dendritelab.view3d.frames, steps: window.__dendritelab.steps, scale: window.__dendritelab.view3d.scale, now: performance.now() }));
  await page.waitForTimeout(500); // warm-up
  const a = await read();
  await page.waitForTimeout(seconds * 1000);
  const b = await read();
  const wall = (b.now - a.now) / 1000;
  return { frames_per_s: (b.frames - a.frames) / wall, steps_per_s: (b.steps - a.steps) / wall, scale: b.scale };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const outDir = mkdtempSync(join(tmpdir(), 'dendritelab-bench3d-'));
  const configFile = join(ROOT, 'vite.config.ts');
  await build({ root: ROOT, configFile, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server = await preview({ root: ROOT, configFile, logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    for (const n of o.sizes) for (const res of o.res) {
      const um = n * 0.5;
      const fixed = res === 'auto' ? '' : `&res3d=${res}`;
      const q = `?preset=${o.preset}&dims=3&seed=1&spin=1&set.dx_um=0.5&set.width_um=${um}&set.height_um=${um}&set.depth_um=${um}${fixed}${o.query}`;
      const page = await browser.newPage({ viewport: { width: o.viewport[0], height: o.viewport[1] } });
      await page.goto(`http://127.0.0.1:${port}/${q}`);
      await page.waitForFunction(() => window.__dendritelab?.ready === true, null, { timeout: 120_000 });
      const canvas = await page.evaluate(() => {
        const c = document.querySelector('[data-testid=view]');
        return [c.width, c.height];
      });
      const paused = await rate(page, o.seconds);
      await page.click('[data-testid=play]');
      const playing = await rate(page, o.seconds);
      await page.click('[data-testid=play]');
      const h = await page.evaluate(() => ({ ...window.__dendritelab }));
      console.log(JSON.stringify({
        bench: 'view3d', engine: 'chromium-swiftshader', grid: h.grid, canvas_px: canvas, resolution: res, preset: o.preset, query: o.query,
        paused_frames_per_s: +paused.frames_per_s.toFixed(1), paused_resolution_scale: +paused.scale.toFixed(2),
        playing_frames_per_s: +playing.frames_per_s.toFixed(1), playing_resolution_scale: +playing.scale.toFixed(2),
        playing_steps_per_s: +playing.steps_per_s.toFixed(1), load_average: os.loadavg().map((x) => +x.toFixed(2)),
        failure: h.failure,
      }));
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.httpServer.close(() => r()));
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
