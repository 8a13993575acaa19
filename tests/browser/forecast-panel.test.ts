// The forecast panel in Debian's Chromium, drawing frames our backend returned through real
// Grafana's /api/ds/query: bands at two levels, anomaly markers, a threshold and its predicted
// crossing, tooltips, legend, zoom, pan, keyboard, themes, empty/error/loading states and saved
// options of an earlier version.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStack } from '../harness/stack';
import { launchChromium, type RunningBrowser } from './harness/chromium';
import { ForecastPanelPage } from './pages/forecast-panel';
import { FORESIGHT, PROMETHEUS, field, queryFrames, steer, waitForSamples, type FrameJSON } from './support/backend';

const RANGE = { from: 'now-3m', to: 'now' };
const SIZE = { width: 1000, height: 420 };

function forecast(refId: string, series: string, level: number) {
  return { refId, datasource: FORESIGHT, queryType: 'forecast', expr: `foresight_test_gauge{series="${series}"}`, horizon: '1m', level, history: '2m', step: '1s', legendFormat: '{{series}}' };
}

/** First time the predicted values reach `threshold` (linear between samples), computed here independently of the panel. */
function expectedCrossing(frame: FrameJSON, threshold: number): number | undefined {
  const time = field(frame, 'time') as number[];
  const predicted = field(frame, 'predicted') as Array<number | null>;
  let prev = -1;
  for (let i = 0; i < predicted.length; i++) {
    const v = predicted[i];
    if (v === null) continue;
    if (prev >= 0 && v >= threshold) {
      const a = predicted[prev]!;
      return time[prev] + ((threshold - a) / (v - a)) * (time[i] - time[prev]);
    }
    prev = i;
  }
  return undefined;
}

const hms = (t: number) => new Date(t).toISOString().slice(11, 19);

describe('forecast panel in a real browser', () => {
  let browser: RunningBrowser;
  let panel: ForecastPanelPage;
  let frames: FrameJSON[];
  let timeRange: { from: number; to: number };
  let threshold: number;
  let crossingAt: number;

  before(async () => {
    testStack();
    // A steady climb on the steered gauge: its forecast rises through a threshold.
    const steeredAt = Date.now();
    await steer({ base: 100, slopePerSecond: 0.5 });
    await waitForSamples('foresight_test_gauge{series="seasonal"}', 120);
    // The whole 2m history must be ramp: an earlier suite may have left the gauge elsewhere, and a
    // level shift inside the history is a different forecasting problem from the one tested here.
    await new Promise((r) => setTimeout(r, Math.max(0, 125_000 - (Date.now() - steeredAt))));
    const now = Date.now();
    timeRange = { from: now - 180_000, to: now };
    frames = await queryFrames(
      [
        forecast('A', 'steered', 0.8),
        forecast('B', 'steered', 0.95),
        forecast('D', 'seasonal', 0.95),
        { refId: 'C', datasource: FORESIGHT, queryType: 'anomaly', expr: 'foresight_test_gauge', history: '2m', step: '1s', legendFormat: '{{series}} (anomaly)' },
      ],
      RANGE,
    );
    const steered = frames.find((f) => f.schema.refId === 'B')!;
    const actual = (field(steered, 'actual') as Array<number | null>).filter((v): v is number => v !== null);
    const predicted = (field(steered, 'predicted') as Array<number | null>).filter((v): v is number => v !== null);
    const last = actual[actual.length - 1];
    const top = Math.max(...predicted);
    assert.ok(top - last > 5, `the forecast of a gauge climbing 0.5/s rises over the next minute (last ${last}, highest predicted ${top})`);
    threshold = Math.round(last + (top - last) / 2);
    crossingAt = expectedCrossing(steered, threshold)!;
    assert.ok(crossingAt, 'the forecast crosses the threshold half-way up');
    browser = await launchChromium();
    panel = await ForecastPanelPage.open(browser.context);
  });

  after(async () => {
    await steer({ base: 100, slopePerSecond: 0 }).catch(() => {});
    await browser?.close();
  });

  const render = (extra: Partial<Parameters<ForecastPanelPage['render']>[0]> = {}) =>
    panel.render({
      panel: 'forecast',
      frames,
      timeRange,
      ...SIZE,
      fieldConfig: { thresholds: { mode: 'absolute', steps: [{ value: -Infinity, color: 'green' }, { value: threshold, color: 'red' }] } },
      ...extra,
    });

  it('draws every series with its bands, the threshold and the predicted crossing', async () => {
    const result = await render();
    assert.ok(result.firstPaintMs > 0);
    // steered (two levels merged), seasonal, and the two anomaly series.
    assert.equal(await panel.seriesCount(), 4);
    assert.equal(await panel.bandCount(), 2 + 1 + 2, 'two bands on steered, one on seasonal, one expected range per anomaly series');
    assert.equal(await panel.predictedCount(), 2);
    assert.equal(await panel.thresholds.count(), 1);
    assert.equal(await panel.thresholds.first().getAttribute('data-value'), String(threshold));
    const crossing = panel.crossings.filter({ hasText: 'steered crosses' });
    assert.equal(await crossing.count(), 1);
    const label = await crossing.textContent();
    const shown = label!.match(/at (\d\d:\d\d:\d\d)/)![1];
    const near = [crossingAt - 1000, crossingAt, crossingAt + 1000].map(hms);
    assert.ok(near.includes(shown), `crossing shown at ${shown}, expected ${hms(crossingAt)} (±1 s): ${label}`);
    for (const name of ['steered', 'seasonal', 'steered (anomaly)', 'seasonal (anomaly)']) {
      assert.equal(await panel.legendItem(name).count(), 1, `legend entry ${name}`);
    }
    await panel.screenshot('forecast-dark');
    assert.deepEqual(panel.errors, []);
  });

  it('marks exactly the points the backend scored as anomalous', async () => {
    await render();
    const expected = frames
      .filter((f) => f.schema.refId === 'C')
      .reduce((n, f) => {
        const score = field(f, 'score') as Array<number | null>;
        const value = field(f, 'value') as Array<number | null>;
        return n + score.filter((s, i) => s !== null && s >= 0.5 && value[i] !== null).length;
      }, 0);
    assert.equal(await panel.anomalyMarkerCount(), expected);
    console.log(`browser: ${expected} anomalous points marked`);
  });

  it('shows value, intervals and anomaly score in the tooltip', async () => {
    await render();
    await panel.hoverAt(0.97);
    await panel.tooltip.waitFor();
    const future = await panel.tooltip.innerText();
    assert.match(future, /steered\s+[\d.]+ predicted/);
    assert.match(future, /80% interval: [\d.]+ – [\d.]+/);
    assert.match(future, /95% interval: [\d.]+ – [\d.]+/);
    await panel.screenshot('forecast-tooltip-future');
    await panel.hoverAt(0.5);
    const past = await panel.tooltip.innerText();
    assert.match(past, /observed/);
    assert.match(past, /anomaly score: \d\.\d\d/);
    assert.match(past, /expected range: /);
  });

  it('isolates a series from the legend and brings all back', async () => {
    await render();
    await panel.legendItem('seasonal').click();
    assert.deepEqual(await panel.seriesKeys(), ['seasonal']);
    await panel.legendItem('seasonal').click();
    assert.equal(await panel.seriesCount(), 4);
  });

  it('zooms with the wheel, pans by dragging, resets on double-click', async () => {
    await render();
    assert.equal(await panel.graph.getAttribute('data-zoomed'), 'false');
    await panel.wheel(0.5, -800);
    assert.equal(await panel.graph.getAttribute('data-zoomed'), 'true');
    const before = await panel.window();
    await panel.drag(0.6, 0.3);
    const after = await panel.window();
    assert.notEqual(after, before, 'dragging moves the drawing');
    await panel.screenshot('forecast-zoomed');
    await panel.graph.dblclick();
    assert.equal(await panel.graph.getAttribute('data-zoomed'), 'false');
  });

  it('is usable from the keyboard', async () => {
    await render();
    await panel.graph.focus();
    await panel.page.keyboard.press('ArrowLeft');
    assert.equal(await panel.tooltip.getAttribute('role'), 'status');
    assert.match(await panel.tooltip.innerText(), /steered/);
    await panel.page.keyboard.press('+');
    assert.equal(await panel.graph.getAttribute('data-zoomed'), 'true');
    await panel.page.keyboard.press('0');
    assert.equal(await panel.graph.getAttribute('data-zoomed'), 'false');
    assert.ok((await panel.graph.getAttribute('aria-label'))!.includes('Arrow keys'));
  });

  it('follows the light theme and the panel size', async () => {
    await render({ theme: 'light', width: 520, height: 300 });
    const box = (await panel.graph.boundingBox())!;
    assert.ok(box.width <= 520 && box.height <= 300, `graph fits the panel (${box.width}x${box.height})`);
    const bg = await panel.page.locator('#panel').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(bg, 'rgb(255, 255, 255)');
    await panel.screenshot('forecast-light-small');
  });

  it('draws a plain Prometheus time series as observed values', async () => {
    const plain = await queryFrames([{ refId: 'P', datasource: PROMETHEUS, expr: 'foresight_test_gauge', range: true, instant: false, legendFormat: '{{series}}', intervalMs: 1000 }], RANGE);
    assert.ok(plain.length >= 1);
    await panel.render({ panel: 'forecast', frames: plain, timeRange, ...SIZE });
    assert.equal(await panel.seriesCount(), 2);
    assert.equal(await panel.bandCount(), 0);
    assert.equal(await panel.actualCount(), 2);
    await panel.screenshot('forecast-plain-prometheus');
  });

  it('says so when there is no data, an error or a query still loading', async () => {
    await panel.render({ panel: 'forecast', frames: [], timeRange, ...SIZE });
    assert.match(await panel.text(), /No data/);
    await panel.render({ panel: 'forecast', frames: [], timeRange, ...SIZE, errors: [{ message: 'Prometheus is unreachable' }] });
    assert.equal(await panel.page.getByRole('alert').innerText(), 'Prometheus is unreachable');
    await panel.render({ panel: 'forecast', frames: [], timeRange, ...SIZE, state: 'Loading' });
    assert.match(await panel.text(), /Loading forecast/);
  });

  it('reads options saved by version 0.1', async () => {
    const result = await render({ options: { showBand: false, showActual: true }, pluginVersion: '0.1.0' });
    assert.equal((result.options as { showBands: boolean }).showBands, false);
    assert.equal(await panel.bandCount(), 0);
    assert.equal(await panel.predictedCount(), 2);
  });
});
