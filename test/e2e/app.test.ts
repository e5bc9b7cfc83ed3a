// The browser app end to end in Debian's Chromium: choose a preset and run it, the field is drawn
// and the voltage plotted, invalid input is explained beside its control, a short circuit pauses
// the run with a banner, and nothing is written to the console. Screenshots: artifacts/e2e/.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { appHook as hook, artifactPath, browserSession } from './harness';
import { meanAbsDiff, pixelStats } from './pixels';
import { PRESETS } from '../../src/model/presets';
import { DEFAULT_PRESET } from '../../src/ui/defaults';

// The default preset is chosen from the picker after opening the page on another one.
const RUN_PRESET = DEFAULT_PRESET;
const OTHER_PRESET = Object.keys(PRESETS).find((id) => id !== RUN_PRESET) ?? RUN_PRESET;
// A preset that runs until a short (stop.kind 'short') if there is one; otherwise a thin gap at a
// high current, where the planar film reaches the counter electrode within a few hundred seconds.
const SHORT_PRESET = Object.values(PRESETS).find((p) => p.stop.kind === 'short');
const SHORT_QUERY = SHORT_PRESET ? `?preset=${SHORT_PRESET.id}` : '?preset=planar-1mA&set.height_um=12&set.current_mA_cm2=20';

const session = browserSession({ endScreenshots: true });
const open = (query = '') => session.open(query);

async function play(page: Page): Promise<void> {
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => window.__dendritelab!.playing, null, { timeout: 10_000 });
}

describe('DendriteLab in Chromium', () => {
  test('a chosen preset runs: the field is drawn, changes, and the voltage is plotted', async () => {
    const page = await open(`?preset=${OTHER_PRESET}`);
    await page.selectOption('[data-testid=preset]', RUN_PRESET);
    await page.waitForFunction((id) => window.__dendritelab!.preset === id && window.__dendritelab!.ready, RUN_PRESET);
    await expect.poll(() => page.textContent('#preset-description')).toMatch(/\w+/);
    const canvas = page.locator('[data-testid=view]');
    const before = await canvas.screenshot();
    await play(page);
    // at least 4 s of play, then wait for the counts: with the suite's long simulations sharing the two
    // cores, 4 s may not hold 10 frames (the thresholds are the same; only the wait can be longer)
    await page.waitForTimeout(4000);
    await expect.poll(async () => {
      const h = await hook(page);
      return h.failure === null && h.steps > 10 && h.samples > 2 && h.voltagePoints > 2 && h.frames > 10;
    }, { timeout: 30_000 }).toBe(true);
    const h = await hook(page);
    expect(h.failure).toBeNull();
    expect(h.steps).toBeGreaterThan(10);
    expect(h.samples).toBeGreaterThan(2);
    expect(h.voltagePoints).toBeGreaterThan(2);
    expect(h.frames).toBeGreaterThan(10);
    const after = await canvas.screenshot({ path: artifactPath('preset-running-canvas.png') });
    const stats = pixelStats(after);
    expect(stats.stdLuma, 'canvas luminance spread').toBeGreaterThan(15);
    expect(stats.distinctColors, 'canvas colours').toBeGreaterThan(32);
    expect(meanAbsDiff(before, after), 'canvas changed while running').toBeGreaterThan(0.05);
    await page.screenshot({ path: artifactPath('preset-running.png') });
  });

  test('an invalid value shows its message beside the control and the run keeps going', async () => {
    const page = await open(`?preset=${RUN_PRESET}`);
    await play(page);
    const input = page.locator('[data-param="current_mA_cm2"] input');
    await input.fill('99999');
    await input.press('Enter');
    const msg = page.locator('[data-param-msg="current_mA_cm2"]');
    await expect.poll(() => msg.isVisible()).toBe(true);
    const text = (await msg.textContent()) ?? '';
    expect(text).toContain('current_mA_cm2');
    expect(text).toContain('[-100, 100]');
    expect(await input.inputValue()).toBe('1');
    const s0 = (await hook(page)).steps;
    await page.waitForTimeout(1500);
    const h = await hook(page);
    expect(h.playing).toBe(true);
    expect(h.steps).toBeGreaterThan(s0);
    await page.screenshot({ path: artifactPath('invalid-input.png') });
  });

  test('a restart parameter says it applies on reset', async () => {
    const page = await open(`?preset=${RUN_PRESET}`);
    const input = page.locator('[data-param="height_um"] input');
    await input.fill('40');
    await input.press('Enter');
    const msg = page.locator('[data-param-msg="height_um"]');
    await expect.poll(() => msg.textContent()).toContain('applies on reset');
    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => window.__dendritelab!.ready && window.__dendritelab!.grid[1] === 80);
    expect(await msg.isVisible()).toBe(false);
  });

  test('a CCD run: the Protocol folder shows the staircase current and step, not the schema\'s constant current', async () => {
    // 4 s steps (the preset's are 1 h): plate 0–2 s, strip 2–4 s, step 2 from 4 s; single kernel steps
    // land exactly on the phase changes, so the expected read-out follows from the run's time
    const page = await open('?preset=ccd-lpscl&set.ccd_step_time_s=4');
    const readout = page.locator('[data-testid=protocol-readout]');
    const current = page.locator('[data-testid=applied-current]');
    const step = page.locator('[data-testid=protocol-step]');
    await expect.poll(() => readout.isVisible()).toBe(true);
    await expect.poll(() => step.textContent()).toBe('CCD step 1 (0.1 mA/cm²) · plating, half 1 of 2');
    expect(await current.textContent()).toBe('0.1');
    // the schema's current control (1 mA/cm²) is disabled and says the staircase sets the current
    const control = page.locator('[data-param="current_mA_cm2"] input');
    expect(await control.inputValue()).toBe('1');
    expect(await control.isDisabled()).toBe(true);
    expect(await page.textContent('[data-param-msg="current_mA_cm2"]')).toMatch(/CCD staircase sets the current/);
    const expected = (t: number) => {
      const n = Math.floor(t / 4 + 1e-9) + 1;
      const strip = t - 4 * (n - 1) >= 2 - 1e-9;
      const j = Number((0.1 * n).toFixed(6));
      return { current: `${strip ? '−' : ''}${j}`, step: `CCD step ${n} (${j} mA/cm²) · ${strip ? 'stripping, half 2 of 2' : 'plating, half 1 of 2'}` };
    };
    const seen = new Set<string>();
    while ((await hook(page)).t_s < 9) {
      const steps = (await hook(page)).steps;
      await page.click('[data-testid=step]');
      await page.waitForFunction((n) => window.__dendritelab!.steps > n, steps);
      const want = expected((await hook(page)).t_s);
      await expect.poll(() => step.textContent(), { timeout: 5000 }).toBe(want.step);
      expect(await current.textContent()).toBe(want.current);
      seen.add(want.step);
    }
    // plating and stripping of steps 1 and 2, and step 3 at 0.3 mA/cm²
    expect(seen.size).toBeGreaterThanOrEqual(5);
    expect([...seen]).toContain('CCD step 3 (0.3 mA/cm²) · plating, half 1 of 2');
    expect((await hook(page)).failure).toBeNull();
    await page.locator('#panel').screenshot({ path: artifactPath('protocol-ccd-readout.png') });
  });

  test('a constant-current run shows no protocol read-out and keeps its current control live', async () => {
    const page = await open('?preset=planar-1mA');
    expect(await page.locator('[data-testid=protocol-readout]').isVisible()).toBe(false);
    expect(await page.locator('[data-param="current_mA_cm2"] input').isDisabled()).toBe(false);
  });

  test('a dual-layer run: the view shows the von Mises stress and where LSPS has decomposed (screw effect)', async () => {
    // a thin cell at 5 mA/cm² so the deposit nears the LSPS band within a few minutes simulated (that r is
    // right is solid.test.ts's job; here: the overlays are offered, drawn and differ from the plain view)
    const page = await open('?preset=ccd-dual&set.protocol=constant&set.current_mA_cm2=5&set.width_um=16&set.height_um=16&set.li_film_um=8');
    await play(page);
    // (it shorts near t = 410 s and pauses itself)
    await expect.poll(async () => { const h = await hook(page); return h.t_s > 300 || h.shorted; },
      { timeout: 60_000, message: 'simulated 300 s or shorted' }).toBe(true);
    if ((await hook(page)).playing) await page.click('[data-testid=play]'); // the three views show one state
    await page.waitForFunction(() => !window.__dendritelab!.playing);
    const canvas = page.locator('[data-testid=view]');
    await page.waitForTimeout(300);
    const plain = await canvas.screenshot();
    const overlays = [
      ['σ_vM (von Mises stress, MPa; solid electrolyte)', 'overlay-von-mises.png'],
      ['r (LSPS decomposed, screw effect; dual layer)', 'overlay-lsps-decomposition.png'],
    ] as const;
    for (const [label, file] of overlays) {
      await page.selectOption('[data-param=overlay] select', { label });
      await expect.poll(async () => meanAbsDiff(plain, await canvas.screenshot()), { timeout: 10_000, message: `${label} vs ξ` })
        .toBeGreaterThan(2);
      const shot = await canvas.screenshot({ path: artifactPath(file) });
      expect(pixelStats(shot).stdLuma, `${label}: luminance spread`).toBeGreaterThan(15);
    }
    expect((await hook(page)).failure).toBeNull();
  });

  test('the ξ view of a solid electrolyte shows its microstructure (boundaries, LiF, LSPS band); a liquid has none', async () => {
    const page = await open('?preset=ccd-dual-lif');
    const canvas = page.locator('[data-testid=view]');
    const toggle = page.locator('[data-param=microstructure] input');
    // drawn before any step: the map comes with the run
    await expect.poll(async () => pixelStats(await canvas.screenshot()).distinctColors, { timeout: 10_000 }).toBeGreaterThan(32);
    const withMap = await canvas.screenshot({ path: artifactPath('microstructure-2d.png') });
    await toggle.uncheck();
    await expect.poll(async () => meanAbsDiff(withMap, await canvas.screenshot()), { timeout: 10_000, message: 'map on vs off' })
      .toBeGreaterThan(2);
    await toggle.check();
    await expect.poll(async () => meanAbsDiff(withMap, await canvas.screenshot()), { timeout: 10_000, message: 'map back on' })
      .toBeLessThan(0.05);
    // a liquid electrolyte has no microstructure: the switch changes nothing
    const liquid = await open(`?preset=${RUN_PRESET}`);
    const liquidCanvas = liquid.locator('[data-testid=view]');
    await liquid.waitForTimeout(500);
    const on = await liquidCanvas.screenshot();
    await liquid.locator('[data-param=microstructure] input').uncheck();
    await liquid.waitForTimeout(500);
    expect(meanAbsDiff(on, await liquidCanvas.screenshot()), 'liquid: map off vs on').toBeLessThan(0.05);
    expect((await hook(page)).failure).toBeNull();
  });

  test('a short circuit pauses the run, shows the banner and marks the plots', async () => {
    const page = await open(SHORT_QUERY);
    await play(page);
    await page.waitForFunction(() => window.__dendritelab!.shorted || window.__dendritelab!.failure !== null, null, { timeout: 90_000 });
    expect((await hook(page)).failure, `run failed before shorting (${SHORT_QUERY})`).toBeNull();
    const banner = page.locator('[data-testid=banner]');
    await banner.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await banner.textContent()).toMatch(/Short circuit at t = .+ after .+ mAh\/cm²/);
    const h = await hook(page);
    expect(h.shorted).toBe(true);
    await expect.poll(async () => (await hook(page)).playing).toBe(false);
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('short-circuit.png') });
  });

  test('UI path of a short circuit with the development mock engine', async () => {
    const page = await open('?engine=mock');
    await play(page);
    await page.locator('[data-testid=banner]').waitFor({ state: 'visible', timeout: 30_000 });
    expect((await hook(page)).shorted).toBe(true);
  });

  test('the default preset grows a deposit over 10 s (acceptance screenshot)', async () => {
    const page = await open();
    const h0 = await hook(page);
    await play(page);
    await page.waitForTimeout(10_000);
    const h = await hook(page);
    await page.screenshot({ path: artifactPath('default-preset-10s.png') });
    expect(h.preset).toBe(h0.preset);
    expect(h.failure).toBeNull();
    expect(h.steps).toBeGreaterThan(0);
    expect(h.voltagePoints).toBeGreaterThan(2);
  });
});
