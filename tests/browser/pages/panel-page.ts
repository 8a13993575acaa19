// Page object of the panel test page: renders a panel from frames and saves screenshots as test
// artifacts (test-results/browser/, git-ignored).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO, buildPanelPage } from '../harness/page-build';
import type { PanelSpec, RenderResult } from '../page/spec';

export const ARTIFACTS = join(REPO, 'test-results/browser');

export class PanelPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(e.message));
  }

  static async open<T extends PanelPage>(this: new (page: Page) => T, context: BrowserContext): Promise<T> {
    const url = await buildPanelPage();
    const page = await context.newPage();
    const p = new this(page);
    await page.goto(url);
    await page.waitForFunction(() => window.foresight?.ready === true);
    return p;
  }

  render(spec: PanelSpec): Promise<RenderResult> {
    return this.page.evaluate((s) => window.foresight.render(s), spec);
  }

  /** The panel's box on the page. */
  async box() {
    return (await this.page.locator('#panel').boundingBox())!;
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.locator('#panel').screenshot({ path });
    return path;
  }

  text(): Promise<string> {
    return this.page.locator('#panel').innerText();
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
