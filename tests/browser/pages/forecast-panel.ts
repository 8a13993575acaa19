// Page object of the forecast panel: what a user sees and does on it.

import type { Locator } from 'playwright-core';
import { PanelPage } from './panel-page';

export class ForecastPanelPage extends PanelPage {
  get graph(): Locator {
    return this.page.getByTestId('forecast-graph');
  }
  get tooltip(): Locator {
    return this.page.getByTestId('forecast-tooltip');
  }
  get series(): Locator {
    return this.page.getByTestId('forecast-series');
  }
  get bands(): Locator {
    return this.page.getByTestId('forecast-band');
  }
  get crossings(): Locator {
    return this.page.getByTestId('crossing-marker');
  }
  get thresholds(): Locator {
    return this.page.getByTestId('threshold-line');
  }

  /** Legend entries are buttons named by their series. */
  legendItem(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async legendLabels(): Promise<string[]> {
    return this.page.locator('[class*="VizLegend"] button, [data-testid="data-testid VizLegend series"] button').allInnerTexts();
  }

  /** The plot area in page coordinates (the svg's inner rectangle: the graph's clip rect). */
  async plotArea() {
    return (await this.page.locator('[data-testid="forecast-graph"] clipPath rect').boundingBox())!;
  }

  /** Moves the pointer to a fraction of the plot's width, half-way up. */
  async hoverAt(fraction: number): Promise<void> {
    const a = await this.plotArea();
    await this.page.mouse.move(a.x + a.width * fraction, a.y + a.height / 2);
  }

  async wheel(fraction: number, deltaY: number): Promise<void> {
    await this.hoverAt(fraction);
    await this.page.mouse.wheel(0, deltaY);
  }

  async drag(fromFraction: number, toFraction: number): Promise<void> {
    const a = await this.plotArea();
    const y = a.y + a.height / 2;
    await this.page.mouse.move(a.x + a.width * fromFraction, y);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + a.width * toFraction, y, { steps: 8 });
    await this.page.mouse.up();
  }

  async contentTransform(): Promise<string | null> {
    return this.page.getByTestId('forecast-content').getAttribute('transform');
  }

  async anomalyMarkerCount(): Promise<number> {
    const counts = await this.page.getByTestId('anomaly-markers').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    return counts.reduce((a, b) => a + b, 0);
  }
}
