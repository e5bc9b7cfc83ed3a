// Movie export end to end in Debian's Chromium: a 2 s, 30 fps movie of a preset exported through the
// Movie folder is demuxed with mediabunny (60 frames, the set size, 2 s); exports from the same seed
// (again after a reset, and as WebM) give identical frame hashes; a long export can be cancelled; a
// PNG at a chosen size has that size. Files: artifacts/e2e/ (not committed).
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { PNG } from 'pngjs';
import { artifactPath, buildAndServe, launchBrowser, waitReady, watchedPage, type Served, type WatchedPage } from './harness';
import type { MovieStatus } from '../../src/ui/movie-export';

const QUERY = '?preset=short-demo&seed=1';
const W = 320;
const H = 240;
const FPS = 30;
const SECONDS = 2;
const STEPS_PER_FRAME = 140;

let served: Served;
let browser: Browser;
let watched: WatchedPage;

const movie = (page: Page) => page.evaluate(() => window.__dendritelab!.movie as MovieStatus);

async function setOption(page: Page, key: string, value: number | string): Promise<void> {
  const input = page.locator(`[data-param="movie.${key}"] input`);
  await input.fill(String(value));
  await input.press('Enter');
}

/** Click a Movie-folder button and wait for its download. */
async function download(page: Page, key: string, until: (s: MovieStatus) => boolean): Promise<{ file: Download; status: MovieStatus }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.click(`[data-param="movie.${key}"] button`),
  ]);
  await expect.poll(async () => until(await movie(page)), { timeout: 10_000 }).toBe(true);
  return { file, status: await movie(page) };
}

async function demux(bytes: Uint8Array) {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('no video track');
  let packets = 0;
  const stamps: number[] = [];
  for await (const p of new EncodedPacketSink(track).packets()) {
    packets++;
    stamps.push(p.timestamp);
  }
  const out = { packets, stamps, width: track.displayWidth, height: track.displayHeight, codec: await track.getCodec(),
    duration: await input.computeDuration(), mime: await input.getMimeType() };
  input.dispose();
  return out;
}

beforeAll(async () => {
  served = await buildAndServe();
  browser = await launchBrowser();
  watched = await watchedPage(browser);
});

afterAll(async () => {
  await watched?.page.close();
  await browser?.close();
  await served?.close();
});

describe('movie export in Chromium', () => {
  test('2 s at 30 fps: 60 frames of the set size, reproducible frame hashes, WebM, cancel, PNG at a chosen size', async () => {
    const { page, problems } = watched;
    await page.goto(served.url + QUERY);
    await waitReady(page);
    await page.click('[data-testid=movie-folder] > .lil-title');
    await setOption(page, 'width', W);
    await setOption(page, 'height', H);
    await setOption(page, 'fps', FPS);
    await setOption(page, 'stepsPerFrame', STEPS_PER_FRAME);
    await setOption(page, 'duration_s', SECONDS);
    expect(await page.locator('[data-param="movie.frames"] input').inputValue()).toBe(String(FPS * SECONDS));

    const t0 = Date.now();
    const first = await download(page, 'export', (s) => s.state !== 'running');
    const firstMs = Date.now() - t0;
    expect(first.status.error).toBeNull();
    expect(first.status.state).toBe('done');
    const path = artifactPath(`movie-${W}x${H}-${FPS}fps.${first.status.container}`);
    await first.file.saveAs(path);
    expect(first.file.suggestedFilename()).toBe(first.status.filename);
    const bytes = new Uint8Array(await readFile(path));
    expect(bytes.length).toBe(first.status.bytes);

    const m = await demux(bytes);
    expect(m.packets, 'video frames in the file').toBe(FPS * SECONDS);
    expect([m.width, m.height]).toEqual([W, H]);
    expect(Math.abs(m.duration - SECONDS), `duration ${m.duration} s`).toBeLessThanOrEqual(1 / FPS + 1e-6);
    expect(m.codec).toBe(first.status.codec);
    const sorted = [...m.stamps].sort((a, b) => a - b);
    sorted.forEach((t, i) => expect(Math.abs(t - i / FPS)).toBeLessThan(1e-3));

    const hashes = first.status.hashes;
    expect(hashes).toHaveLength(FPS * SECONDS);
    expect(new Set(hashes).size, 'distinct frames (the deposit grows)').toBeGreaterThan(20);

    // the same seed and options again, after a reset: identical frames
    await page.click('[data-testid=reset]');
    await waitReady(page);
    const t1 = Date.now();
    const second = await download(page, 'export', (s) => s.state !== 'running');
    const secondMs = Date.now() - t1;
    expect(second.status.state).toBe('done');
    expect(second.status.hashes).toEqual(hashes);

    // WebM (VP9/VP8) from the same start: the same frames before encoding
    await page.selectOption('[data-param="movie.container"] select', { label: 'WebM (VP9)' });
    const webm = await download(page, 'export', (s) => s.state !== 'running');
    expect(webm.status.state).toBe('done');
    expect(webm.status.container).toBe('webm');
    const webmPath = artifactPath(`movie-${W}x${H}-${FPS}fps.webm`);
    await webm.file.saveAs(webmPath);
    const w = await demux(new Uint8Array(await readFile(webmPath)));
    expect(w.packets).toBe(FPS * SECONDS);
    expect([w.width, w.height]).toEqual([W, H]);
    expect(Math.abs(w.duration - SECONDS), `duration ${w.duration} s`).toBeLessThanOrEqual(1 / FPS + 1e-6);
    expect(webm.status.hashes).toEqual(hashes);

    // a long export can be cancelled; meanwhile the run controls are locked, the page responds
    await setOption(page, 'duration_s', 60);
    await page.click('[data-param="movie.export"] button');
    await expect.poll(async () => (await movie(page)).done, { timeout: 20_000 }).toBeGreaterThan(3);
    await page.locator('[data-testid=movie-progress]').waitFor({ state: 'visible' });
    await page.click('[data-testid=play]');
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain('movie export is running');
    expect((await page.evaluate(() => window.__dendritelab!.playing))).toBe(false);
    await page.click('[data-testid=movie-cancel]');
    await expect.poll(async () => (await movie(page)).state, { timeout: 20_000 }).toBe('cancelled');
    await page.locator('[data-testid=movie-progress]').waitFor({ state: 'hidden' });
    await page.click('[data-testid=reset]');
    await waitReady(page);
    await page.click('[data-testid=play]');
    await page.waitForFunction(() => window.__dendritelab!.playing, null, { timeout: 10_000 });
    await page.click('[data-testid=play]');

    // PNG of the view at a chosen size
    await setOption(page, 'width', 640);
    await setOption(page, 'height', 360);
    const png = await download(page, 'png', (s) => s.png?.width === 640);
    const pngPath = artifactPath('movie-view-640x360.png');
    await png.file.saveAs(pngPath);
    const img = PNG.sync.read(await readFile(pngPath));
    expect([img.width, img.height]).toEqual([640, 360]);

    const report = {
      codec: first.status.codec, container: first.status.container, mime: m.mime, bytes: bytes.length,
      duration_s: m.duration, packets: m.packets, heldFrom: first.status.heldFrom,
      webm: { codec: webm.status.codec, bytes: webm.status.bytes, mime: w.mime, ms: webm.status.ms },
      exportMs: [first.status.ms, second.status.ms], wallMs: [firstMs, secondMs],
    };
    writeFileSync(artifactPath('movie-report.json'), JSON.stringify(report, null, 2));
    console.log('movie export:', JSON.stringify(report));
    await page.screenshot({ path: artifactPath('movie-export-page.png') });
    expect(problems, 'console errors/warnings or page errors').toEqual([]);
  });
});
