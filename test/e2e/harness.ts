// e2e harness: build the app with Vite, serve it with `vite preview` on a free port, drive Debian's
// Chromium through playwright-core (never a downloaded browser) and record console problems.
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'artifacts/e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Software WebGL (SwiftShader) in headless Chromium; no GPU, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic', '--disable-default-apps', '--mute-audio',
];

/**
 * Console lines produced by the browser itself, not the page: headless Chromium composites a WebGL
 * canvas in software by reading it back, and its GPU process reports that (4 times, then "will no
 * longer repeat") for any animated WebGL page. Everything else counts as a failure.
 */
const BROWSER_NOISE = [/^\[\.WebGL-0x[0-9a-f]+\]GL Driver Message \(OpenGL, Performance, GL_CLOSE_PATH_NV, High\): GPU stall due to ReadPixels/];

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface Served { url: string; close(): Promise<void> }

/** `vite build` into a temporary directory and serve it with `vite preview`. */
export async function buildAndServe(): Promise<Served> {
  const outDir = mkdtempSync(join(tmpdir(), 'dendritelab-e2e-'));
  const configFile = join(ROOT, 'vite.config.ts');
  await build({ root: ROOT, configFile, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT, configFile, logLevel: 'warn', build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's browser with 'apt-get install -y chromium' (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WatchedPage { page: Page; problems: string[] }

/** A page whose console errors/warnings and uncaught errors are collected in `problems`. */
export async function watchedPage(browser: Browser, width = 1400, height = 900): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems: string[] = [];
  page.on('console', (m) => {
    const type = m.type();
    if (type !== 'error' && type !== 'warning') return;
    if (BROWSER_NOISE.some((r) => r.test(m.text()))) return;
    problems.push(`console.${type}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('crash', () => problems.push('page crashed'));
  return { page, problems };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Wait until the app reports ready (run initialised, no init in progress). */
export async function waitReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__dendritelab?.ready === true, null, { timeout });
}

/** The app's read-only test hook (window.__dendritelab) as plain data. */
export const appHook = (page: Page) => page.evaluate(() => ({ ...window.__dendritelab! }));

export interface BrowserSession {
  /** base URL of the served build */
  readonly url: string;
  /** a new watched page at url + query, closed and checked for console problems after the test */
  open(query?: string, options?: { ready?: boolean }): Promise<Page>;
}

/**
 * One built and served app and one Chromium for a test file, with a watched page per test: registers
 * the vitest hooks. After each test the page must have logged no errors or warnings;
 * `endScreenshots` also saves the page as the test left it (artifacts/e2e/end-<test>.png).
 */
export function browserSession(options: { endScreenshots?: boolean } = {}): BrowserSession {
  let served: Served | null = null;
  let browser: Browser | null = null;
  let current: WatchedPage | null = null;
  beforeAll(async () => {
    served = await buildAndServe();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  afterEach(async (ctx) => {
    const problems = current?.problems ?? [];
    if (options.endScreenshots) {
      const slug = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60);
      await current?.page.screenshot({ path: artifactPath(`end-${slug}.png`) }).catch(() => undefined);
    }
    await current?.page.close();
    current = null;
    expect(problems, 'console errors/warnings or page errors').toEqual([]);
  });
  return {
    get url() { return served!.url; },
    async open(query = '', { ready = true } = {}) {
      current = await watchedPage(browser!);
      await current.page.goto(served!.url + query);
      if (ready) await waitReady(current.page);
      return current.page;
    },
  };
}
