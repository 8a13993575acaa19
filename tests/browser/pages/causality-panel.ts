// Page object of the causality graph panel.

import type { Locator } from 'playwright-core';
import { PanelPage } from './panel-page';

export class CausalityPanelPage extends PanelPage {
  get svg(): Locator {
    return this.page.getByTestId('causality-graph');
  }
  get nodes(): Locator {
    return this.page.getByTestId('causality-node');
  }
  get edges(): Locator {
    return this.page.getByTestId('causality-edge');
  }
  get details(): Locator {
    return this.page.getByTestId('node-details');
  }
  get rootCauseSummary(): Locator {
    return this.page.getByTestId('root-cause-summary');
  }
  node(id: string): Locator {
    return this.page.locator(`[data-testid="causality-node"][data-id="${id}"]`);
  }
  get rootCauseNode(): Locator {
    return this.page.locator('[data-testid="causality-node"][data-root-cause="true"]');
  }

  async zoom(): Promise<number> {
    return Number(await this.svg.getAttribute('data-zoom'));
  }

  /** Centre of a node on the page. */
  async centre(id: string): Promise<{ x: number; y: number }> {
    const b = (await this.node(id).locator('path').last().boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  }

  /** Drags the background (not a node) by dx, dy. */
  async pan(dx: number, dy: number): Promise<void> {
    const box = (await this.svg.boundingBox())!;
    // The bottom-right corner is background (the summary, the zoom buttons and the kind key hold the others).
    const x = box.x + box.width - 12;
    const y = box.y + box.height - 12;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 10 });
    await this.page.mouse.up();
  }

  async wheelAt(x: number, y: number, deltaY: number): Promise<void> {
    await this.page.mouse.move(x, y);
    await this.page.mouse.wheel(0, deltaY);
  }
}
