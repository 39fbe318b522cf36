/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, TEST_STORE, type TestApp } from './app';
import type { TestDatabase } from './database';

/** Debian's Chromium: never a browser a test tool downloads. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--lang=sv-SE',
];

const ROOT = join(__dirname, '..', '..');
/** Where the tests leave a picture of every main screen, per store. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots', TEST_STORE);

export interface WebApp {
  api: TestApp;
  /** http://127.0.0.1:<port> */
  url: string;
  browser: Browser;
  /** A fresh browser profile (no cookies, no storage) at the given window size. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * The built web app (dist/web, from `npm run build`) served by the real API on a port of its own,
 * on the test store, and a headless Chromium. The clock is the real one: the browser's "today" and
 * the API's must agree.
 */
export async function startWebApp(
  options: { env?: Record<string, string>; port?: number; db?: TestDatabase } = {},
): Promise<WebApp> {
  const api = await startTestApp({
    now: new Date().toISOString(),
    db: options.db,
    // WEB_DIR: a web app built elsewhere than dist/web (vite build --outDir).
    env: { ...(process.env.WEB_DIR ? { WEB_DIR: process.env.WEB_DIR } : {}), ...options.env },
  });
  await api.app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    api,
    url,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (e) => process.stderr.write(`web app error: ${e.message}\n`));
      return { context, page };
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/** Signs in on the development sign-in page as one of the demo users, by their shown name. */
export async function signInAs(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: `Logga in som ${name}` }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated by the browser's debugging protocol: the page's Content-Security-Policy stays as it is.
  // Once per page load: the app navigates without loading the page again.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 300) })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Saves a picture of the screen, then checks it with axe: 0 serious or critical violations. The
 * screens are the same whichever store the API runs on, so axe runs in the embedded store's run of
 * the browser tests (every screen, once), and the PostgreSQL run only takes the picture.
 */
export async function screen(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true });
  if (TEST_STORE === 'pglite') expect(await seriousA11yViolations(page)).toEqual([]);
}

/** A port nobody listens on now, for a server whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
