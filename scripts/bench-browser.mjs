#!/usr/bin/env node
// Browser benchmark: builds the app, serves it with `vite preview`, runs a preset in headless
// Debian Chromium and prints JSON lines: kernel steps/s and rendered frames/s (from the page's
// window.__dendritelab hook), then the headless Node runner on the same preset and step count.
// The same three rows follow for a 3D run (default the liquid-mg-3d preset on its own 48³ grid,
// drawn by the ray-marched 3D view): simulation steps/s and frames/s while playing. `dims` tells
// the rows apart. With the default 10 s the liquid-mg-3d window is its Mg alloy stage (t ≲ 230 s,
// no Li nuclei yet); steps after nucleation cost several times more (--seconds 60, or --preset3d).
//
//   node scripts/bench-browser.mjs [--preset id] [--seconds 10] [--set name=value ...] [--viewport 1400x900] [--maxfps 40] [--no-node]
//                                  [--preset3d id] [--no-3d]   (--set applies to the 2D run only)
import { spawnSync } from 'node:child_process';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH, ROOT, serveBuiltApp } from './browser-bench-server.mjs';
import { chromium } from 'playwright-core';


function parseArgs(argv) {
  const o = { preset: null, seconds: 10, set: [], node: true, viewport: [1400, 900], maxfps: null, preset3d: 'liquid-mg-3d', run3d: true, threads: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--preset') o.preset = argv[++i];
    else if (a === '--seconds') o.seconds = Number(argv[++i]);
    else if (a === '--set') o.set.push(argv[++i]);
    else if (a === '--no-node') o.node = false;
    else if (a === '--preset3d') o.preset3d = argv[++i];
    else if (a === '--no-3d') o.run3d = false;
    else if (a === '--maxfps') o.maxfps = argv[++i];
    else if (a === '--threads') o.threads = argv[++i]; // kernel threads in the page (?threads=N); default: the app's
    else if (a === '--viewport') o.viewport = argv[++i].split('x').map(Number);
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const emit = (obj) => console.log(JSON.stringify(obj));

async function benchBrowser(url, seconds, [width, height]) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(url);
    await page.waitForFunction(() => window.__dendritelab?.ready === true, null, { timeout: 60_000 });
    const read = () => page.evaluate(() => ({ ...window.__dendritelab, now: performance.now() }));
    await page.click('[data-testid=play]');
    await page.waitForTimeout(500); // warm-up: first frames, JIT
    const first = await read();
    let last = first;
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      await page.waitForTimeout(250);
      last = await read();
      if (!last.playing) break;
    }
    const wall = (last.now - first.now) / 1000;
    return {
      preset: last.preset, dims: last.grid[2] > 1 ? 3 : 2, grid: last.grid, wall_s: wall,
      steps: last.steps - first.steps, start_steps: first.steps,
      steps_per_s: (last.steps - first.steps) / wall,
      frames_per_s: (last.frames - first.frames) / wall,
      threads: last.threads, sim_time_s: last.t_s, stopped_early: !last.playing, failure: last.failure, shorted: last.shorted, finished: last.finished,
      // 3D runs: the frames the ray-marched 3D view drew (part of frames_per_s)
      ...(last.grid[2] > 1 ? { view3d_active: last.view3d.active, view3d_frames_per_s: (last.view3d.frames - first.view3d.frames) / wall } : {}),
    };
  } finally {
    await browser.close();
  }
}

/** The headless runner (src/engine/run.ts under Node via tsx) for the same steps. */
function benchNode(preset, dims, overrides, startSteps, steps) {
  const code = `
    import { Run } from './src/engine/run.ts';
    const run = new Run();
    const init = await run.init({ preset: ${JSON.stringify(preset)}, overrides: ${JSON.stringify(overrides)}, seed: 1, dims: ${dims} });
    if (!init.ok) { console.log(JSON.stringify({ error: init.issues })); process.exit(0); }
    const opts = (n) => ({ maxSteps: n, maxWallMs: 1e9 });
    if (${startSteps} > 0) run.advance(opts(${startSteps}));
    const s0 = run.status().steps;
    const t0 = performance.now();
    let s = run.status();
    while (s.steps - s0 < ${steps} && !s.finished && !s.failure && !(s.short.occurred)) s = run.advance({ maxSteps: ${steps} - (s.steps - s0), maxWallMs: 12 });
    const wall = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ steps: s.steps - s0, wall_s: wall, steps_per_s: (s.steps - s0) / wall, grid: s.grid }));
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: (r.stderr || r.stdout).slice(0, 2000) };
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const app = await serveBuiltApp('dendritelab-bench-');
  try {
    const q = new URLSearchParams();
    if (o.preset) q.set('preset', o.preset);
    if (o.maxfps) q.set('maxfps', o.maxfps);
    if (o.threads) q.set('threads', o.threads);
    const overrides = {};
    for (const kv of o.set) {
      const [k, v] = kv.split('=');
      q.set(`set.${k}`, v);
      overrides[k] = v === 'true' ? true : v === 'false' ? false : Number.isNaN(Number(v)) ? v : Number(v);
    }
    const rows = async (query, nodeOverrides) => {
      const b = await benchBrowser(`${app.url}?${query}`, o.seconds, o.viewport);
      emit({ bench: 'browser', engine: 'chromium-swiftshader', ...b });
      if (o.node && b.steps > 0) {
        const n = benchNode(b.preset, b.dims, nodeOverrides, b.start_steps, b.steps);
        emit({ bench: 'node', preset: b.preset, dims: b.dims, ...n });
        if (n.steps_per_s > 0) emit({ bench: 'ratio', dims: b.dims, browser_over_node: b.steps_per_s / n.steps_per_s, frames_per_s: b.frames_per_s });
      }
    };
    await rows(q, overrides);
    if (o.run3d) {
      // a 3D preset at its own grid (its first dims is 3); the page opens it in the 3D volume view
      const q3 = new URLSearchParams({ preset: o.preset3d, dims: '3' });
      if (o.maxfps) q3.set('maxfps', o.maxfps);
      if (o.threads) q3.set('threads', o.threads);
      await rows(q3, {});
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
