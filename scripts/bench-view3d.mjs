#!/usr/bin/env node
// 3D view benchmark: builds the app, serves it with `vite preview`, opens 3D runs of n³ cells in
// headless Debian Chromium (SwiftShader, no GPU) and prints JSON lines with the frames/s of the 3D
// volume view while its camera auto-rotates (every frame redrawn), paused and while playing, with
// the resolution scale its governor settled on (1 = full canvas resolution) and the machine's load.
//
//   node scripts/bench-view3d.mjs [--sizes 32,64] [--res auto,1,0.5] [--seconds 5] [--viewport 1400x900] [--preset planar-1mA] [--query extra]
import os from 'node:os';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH, serveBuiltApp } from './browser-bench-server.mjs';
import { chromium } from 'playwright-core';


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
  const app = await serveBuiltApp('dendritelab-bench3d-');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  try {
    for (const n of o.sizes) for (const res of o.res) {
      const um = n * 0.5;
      const fixed = res === 'auto' ? '' : `&res3d=${res}`;
      const q = `?preset=${o.preset}&dims=3&seed=1&spin=1&set.dx_um=0.5&set.width_um=${um}&set.height_um=${um}&set.depth_um=${um}${fixed}${o.query}`;
      const page = await browser.newPage({ viewport: { width: o.viewport[0], height: o.viewport[1] } });
      await page.goto(`${app.url}${q}`);
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
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
