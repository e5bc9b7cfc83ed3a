// Data folder end to end in Chromium: save a state, load it back (and a corrupted copy, which is
// refused beside the control while the run stays), and share links (a good one reproduces the run,
// a hostile one shows a message and the default preset runs).
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { appHook as hook, artifactPath, browserSession } from './harness';
import { DEFAULT_PRESET } from '../../src/ui/defaults';

const session = browserSession();
const open = (suffix = '') => session.open(suffix);

async function openData(page: Page): Promise<void> {
  await page.click('[data-testid=data-folder] > .lil-title');
  await page.locator('[data-param=saveState] button').waitFor({ state: 'visible' });
}

async function steps(page: Page, n: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    const before = (await hook(page)).steps;
    await page.click('[data-testid=step]');
    await page.waitForFunction((b) => window.__dendritelab!.steps > b, before, { timeout: 10_000 });
  }
  return (await hook(page)).steps;
}

async function loadFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-param=loadState] button');
  await (await chooser).setFiles(path);
}

describe('saved states and share links in Chromium', () => {
  test('save state → reset → load state restores the run; a corrupted file is refused with a message', async () => {
    const page = await open('?preset=planar-1mA&seed=3&set.width_um=16&set.height_um=16');
    const saved = await steps(page, 4);
    await openData(page);
    const download = page.waitForEvent('download');
    await page.click('[data-param=saveState] button');
    const file = artifactPath('saved.dlab');
    await (await download).saveAs(file);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('DLAB');

    await page.click('[data-testid=reset]');
    await page.waitForFunction(() => window.__dendritelab!.steps === 0 && window.__dendritelab!.ready);
    await loadFile(page, file);
    await page.waitForFunction((s) => window.__dendritelab!.steps === s && window.__dendritelab!.ready, saved);
    await expect.poll(() => page.textContent('[data-testid=load-state-msg]')).toContain('Loaded');
    expect(await hook(page)).toMatchObject({ preset: 'planar-1mA', grid: [32, 32, 1] });
    expect(await steps(page, 1)).toBe(saved + 1);    // and it continues

    // series CSV/JSON and the raw fields (zip of .bin + .json)
    const grab = async (param: string) => {
      const d = page.waitForEvent('download');
      await page.click(`[data-param=${param}] button`);
      return readFileSync(await (await d).path());
    };
    const csv = (await grab('seriesCsv')).toString().trim().split('\n');
    expect(csv[0]).toBe('t_s,voltage_V,current_mA_cm2,charge_mAh_cm2,mean_thickness_um,max_height_um,ledger_rel_error');
    expect(csv.length).toBeGreaterThan(saved);
    const json = JSON.parse((await grab('seriesJson')).toString());
    expect(json).toMatchObject({ format: 'dendritelab-series', preset: 'planar-1mA', seed: 3 });
    expect(json.columns.t_s).toHaveLength(json.rows);
    const zip = unzipSync(new Uint8Array(await grab('fieldsRaw')));
    const names = Object.keys(zip).sort();
    expect(names.map((n) => n.replace(/.*\./, ''))).toEqual(['bin', 'json']);
    const header = JSON.parse(new TextDecoder().decode(zip[names[1]]));
    expect(header).toMatchObject({ format: 'dendritelab-fields', grid: [32, 32, 1], step: saved + 1 });
    expect(zip[names[0]].length).toBe(3 * 4 * 32 * 32);

    const bad = artifactPath('truncated.dlab');
    writeFileSync(bad, readFileSync(file).subarray(0, 500));
    await loadFile(page, bad);
    await expect.poll(() => page.textContent('[data-testid=load-state-msg]')).toMatch(/Not loaded: .*truncated/);
    expect(await hook(page)).toMatchObject({ preset: 'planar-1mA', steps: saved + 1, ready: true });
    await page.screenshot({ path: artifactPath('data-folder-rejected-file.png') });
  });

  test('copy share link → opening it reproduces preset, parameters and seed', async () => {
    const page = await open('?preset=short-demo&seed=11&dims=2&set.current_mA_cm2=3.5&set.width_um=16');
    await openData(page);
    await page.click('[data-param=shareLink] button');
    await expect.poll(() => page.url()).toContain('#s=');
    const link = page.url();
    expect(await page.textContent('[data-testid=share-msg]')).toMatch(/address bar/);
    await page.close();
    const again = await open(link.slice(session.url.length));
    expect((await hook(again)).preset).toBe('short-demo');
    expect(await again.inputValue('[data-testid=seed]')).toBe('11');
    const current = await again.evaluate(() => document.querySelector<HTMLInputElement>('[data-param=current_mA_cm2] input')?.value);
    expect(Number(current)).toBe(3.5);
  });

  test('a hostile share link shows a message and the default preset runs', async () => {
    const deep = '['.repeat(10000);
    const page = await open(`#s=${Buffer.from(deep).toString('base64url')}`);
    await expect.poll(() => page.textContent('[data-testid=notice]')).toMatch(/share link rejected/);
    expect((await hook(page)).preset).toBe(DEFAULT_PRESET);
    await steps(page, 1);
  });
});
