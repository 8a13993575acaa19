// Page object of the app's pages in the browser: the app test page served on its own origin, whose
// /api/* requests go to the real Grafana of the test stack, as they would inside Grafana.

import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { testStack } from '../../harness/stack';
import type { AppPageSpec } from '../app-page/spec';
import { REPO, buildScript } from '../harness/page-build';
import { ARTIFACTS } from './panel-page';

const ORIGIN = 'http://foresight-app.test';
const OUT = join(REPO, 'test-results/browser-app');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let built: Promise<void> | undefined;
function buildAppPage(): Promise<void> {
  built ??= (async () => {
    mkdirSync(OUT, { recursive: true });
    const started = performance.now();
    await buildScript(join(REPO, 'tests/browser/app-page/main.tsx'), 'app', OUT);
    copyFileSync(join(REPO, 'tests/browser/app-page/index.html'), join(OUT, 'index.html'));
    console.log(`browser: built the app page in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  })();
  return built;
}

export class AppPage {
  readonly errors: string[] = [];
  /** Every /api/* request the page made, with Grafana's status. */
  readonly requests: Array<{ method: string; path: string; status: number; body?: any }> = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open(context: BrowserContext): Promise<AppPage> {
    await buildAppPage();
    const grafana = testStack().grafanaUrl;
    const auth = 'Basic ' + Buffer.from('admin:admin').toString('base64');
    const page = await context.newPage();
    const app = new AppPage(page);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith('/api/')) {
        const response = await route.fetch({ url: `${grafana}${url.pathname}${url.search}`, headers: { ...route.request().headers(), Authorization: auth } });
        const text = await response.text();
        app.requests.push({ method: route.request().method(), path: url.pathname, status: response.status(), body: route.request().postDataJSON() ?? undefined });
        await route.fulfill({ response, body: text });
        return;
      }
      const file = join(OUT, url.pathname === '/' ? 'index.html' : url.pathname);
      if (!existsSync(file)) {
        await route.fulfill({ status: 404, body: 'not found' });
        return;
      }
      await route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => window.foresightApp?.ready === true);
    return app;
  }

  async show(spec: AppPageSpec): Promise<void> {
    this.requests.length = 0;
    await this.page.evaluate((s) => window.foresightApp.render(s), spec);
  }

  /** The page has finished querying: no "Querying Foresight…" placeholder is left. */
  async settled(timeoutMs = 120_000): Promise<void> {
    await this.page.getByText('Querying Foresight…').first().waitFor({ state: 'detached', timeout: timeoutMs }).catch(() => {});
    await this.page.waitForFunction(() => !document.body.innerText.includes('Querying Foresight…'), undefined, { timeout: timeoutMs });
  }

  table(caption: string | RegExp): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  /** Each body row's cells as text (row headers first). */
  async rows(table: Locator): Promise<string[][]> {
    return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td'), (c) => (c as HTMLElement).innerText.trim())));
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
