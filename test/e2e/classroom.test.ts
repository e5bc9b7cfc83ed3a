// Classroom mode in Debian's Chromium: each available scenario opened by URL starts, pauses by itself
// at its key moment with the callout shown, and is saved as artifacts/e2e/classroom-<id>.png; a
// "coming soon" scenario states what it needs and cannot start. No console errors or warnings.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { appHook as app, artifactPath, browserSession, waitReady } from './harness';
import { pixelStats } from './pixels';
import { isAvailable, SCENARIOS } from '../../src/model/scenarios';
import { UM_LI_PER_MAH_CM2 } from '../../src/model/constants';

const session = browserSession();

const classroom = (page: Page) => page.evaluate(() => ({ ...window.__dendritelabClassroom! }));

// a coming-soon scenario loads no run, so waiting for the app to be ready is left to each test
const open = (query: string): Promise<Page> => session.open(query, { ready: false });

describe('classroom mode in Chromium', () => {
  for (const s of SCENARIOS.filter(isAvailable)) {
    test(`${s.id}: runs to its key moment and pauses there`, async () => {
      const t0 = Date.now();
      const page = await open(`?classroom=${s.id}`);
      await waitReady(page);
      await page.waitForFunction((id) => window.__dendritelabClassroom?.scenario === id && window.__dendritelabClassroom.startable, s.id);
      await expect.poll(() => page.textContent('.classroom-panel h2')).toBe(s.title);
      await page.click('[data-testid=classroom-start]');
      await page.waitForFunction(() => window.__dendritelabClassroom!.pausedAtKeyMoment || window.__dendritelab!.failure !== null,
        null, { timeout: 60_000 });
      const h = await app(page);
      expect(h.failure).toBeNull();
      expect(h.playing).toBe(false);
      const c = await classroom(page);
      expect(c.pausedAtKeyMoment).toBe(true);
      const k = c.keyMoment!;
      if (s.keyMoment.kind === 'short') expect(k.shorted).toBe(true);
      if (s.keyMoment.kind === 'capacity') {
        expect(k.charge_mAh_cm2).toBeGreaterThanOrEqual(s.keyMoment.mAh_cm2 * (1 - 1e-6));
        expect(k.mean_thickness_um).toBeCloseTo(k.charge_mAh_cm2 * UM_LI_PER_MAH_CM2, 1);
      }
      if (s.keyMoment.kind === 'nucleation-dip') expect(k.voltage_V).toBeLessThan(-0.02);
      const callout = page.locator('[data-testid=classroom-callout]');
      expect(await callout.isVisible()).toBe(true);
      expect(await callout.textContent()).toContain('Key moment:');
      expect(await page.locator('[data-testid=classroom-start]').textContent()).toMatch(/Continue/);
      await page.waitForTimeout(300); // last frame drawn
      const stats = pixelStats(await page.locator('[data-testid=view]').screenshot());
      expect(stats.stdLuma, 'canvas luminance spread').toBeGreaterThan(15);
      expect(stats.distinctColors, 'canvas colours').toBeGreaterThan(8);
      await page.screenshot({ path: artifactPath(`classroom-${s.id}.png`) });
      console.info(`classroom ${s.id}: key moment at t = ${k.t_s.toFixed(1)} s, ${k.charge_mAh_cm2.toFixed(3)} mAh/cm², `
        + `${k.mean_thickness_um.toFixed(2)} µm, ${(k.voltage_V * 1000).toFixed(0)} mV; ${((Date.now() - t0) / 1000).toFixed(1)} s wall`);
    });
  }

  test('a coming-soon scenario names what it needs and cannot start; exit and re-enter', async () => {
    const soon = SCENARIOS.find((s) => !isAvailable(s))!;
    const page = await open(`?classroom=${soon.id}`);
    await page.waitForFunction((id) => window.__dendritelabClassroom?.scenario === id, soon.id);
    const requires = page.locator('[data-testid=classroom-requires]');
    expect(await requires.isVisible()).toBe(true);
    expect(await requires.textContent()).toContain(soon.requires!);
    expect(await page.locator('[data-testid=classroom-cover]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=classroom-start]').isDisabled()).toBe(true);
    await page.keyboard.press('Space');
    await page.waitForTimeout(500);
    expect((await classroom(page)).startable).toBe(false);
    expect((await app(page)).playing).toBe(false);
    await page.screenshot({ path: artifactPath('classroom-coming-soon.png') });
    // exit: nothing was loaded, so the normal app starts with its default preset
    await page.click('[data-testid=classroom-exit]');
    await waitReady(page);
    expect((await classroom(page)).active).toBe(false);
    expect(await page.locator('[data-testid=classroom-panel]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=play]').isVisible()).toBe(true);
    // the header button re-enters on the last scenario; the picker switches to an available one
    await page.click('[data-testid=classroom-enter]');
    expect((await classroom(page)).scenario).toBe(soon.id);
    const first = SCENARIOS.find(isAvailable)!;
    await page.selectOption('[data-testid=classroom-scenario]', first.id);
    await page.waitForFunction((id) => window.__dendritelabClassroom!.scenario === id && window.__dendritelabClassroom!.startable, first.id);
    expect(await page.locator('[data-testid=classroom-cover]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=classroom-start]').isDisabled()).toBe(false);
  });
});
