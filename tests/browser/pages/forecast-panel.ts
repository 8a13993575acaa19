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
  /** The data layer (canvas); its attributes say what it drew. */
  get canvas(): Locator {
    return this.page.getByTestId('forecast-canvas');
  }
  private async drawn(what: 'series' | 'bands' | 'actual' | 'predicted' | 'anomalies'): Promise<number> {
    return Number(await this.canvas.getAttribute(`data-${what}`));
  }
  seriesCount = () => this.drawn('series');
  bandCount = () => this.drawn('bands');
  actualCount = () => this.drawn('actual');
  predictedCount = () => this.drawn('predicted');
  anomalyMarkerCount = () => this.drawn('anomalies');
  async seriesKeys(): Promise<string[]> {
    return ((await this.canvas.getAttribute('data-keys')) ?? '').split('\n').filter(Boolean);
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

  /** The plot area in page coordinates. */
  async plotArea() {
    return (await this.canvas.boundingBox())!;
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

  /** The visible time window, "from-to" in ms. */
  async window(): Promise<string | null> {
    return this.graph.getAttribute('data-window');
  }
}
