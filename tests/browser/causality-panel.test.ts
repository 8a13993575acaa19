// The causality graph panel in Debian's Chromium. Its node and edge frames are built here from
// anomaly frames our backend returned through real Grafana's /api/ds/query (the root-cause
// analyzer that will return them itself does not exist yet): the panel must single out the node
// the backend scored highest, show details on hover and focus, open evidence on click, and zoom
// and pan.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testStack } from '../harness/stack';
import { launchChromium, type RunningBrowser } from './harness/chromium';
import { CausalityPanelPage } from './pages/causality-panel';
import { FORESIGHT, queryFrames, waitForSamples } from './support/backend';
import { graphFromAnomalyFrames, type BuiltGraph } from './support/graph-from-anomalies';

const SIZE = { width: 900, height: 520 };

describe('causality graph panel in a real browser', () => {
  let browser: RunningBrowser;
  let panel: CausalityPanelPage;
  let graph: BuiltGraph;
  let timeRange: { from: number; to: number };

  before(async () => {
    testStack();
    await waitForSamples('foresight_test_gauge{series="seasonal"}', 120);
    const now = Date.now();
    timeRange = { from: now - 180_000, to: now };
    const anomalies = await queryFrames(
      [{ refId: 'C', datasource: FORESIGHT, queryType: 'anomaly', expr: 'foresight_test_gauge', history: '2m', step: '1s', legendFormat: '{{series}}' }],
      { from: 'now-3m', to: 'now' },
    );
    assert.equal(anomalies.length, 2, 'one anomaly frame per fixture series');
    graph = graphFromAnomalyFrames(anomalies);
    browser = await launchChromium();
    panel = await CausalityPanelPage.open(browser.context);
  });

  after(async () => {
    await browser?.close();
  });

  const render = (extra: Record<string, unknown> = {}) => panel.render({ panel: 'causality', frames: graph.frames, timeRange, ...SIZE, ...extra });

  it('draws every node and link and rings the highest-scored node as the root cause', async () => {
    await render();
    assert.equal(await panel.nodes.count(), 3, 'the fixture service and its two series');
    assert.equal(await panel.edges.count(), 2);
    const top = graph.scores[0];
    assert.equal(await panel.rootCauseNode.getAttribute('data-id'), top.id);
    assert.equal(await panel.rootCauseSummary.innerText(), `Likely root cause: ${top.title} (score ${top.score.toFixed(2)})`);
    assert.match((await panel.rootCauseNode.getAttribute('aria-label'))!, new RegExp(`likely root cause, score ${top.score.toFixed(2)}`));
    // Kind is a shape and a word, not only a colour.
    assert.equal(await panel.node('service:fixture').getAttribute('data-kind'), 'service');
    assert.match((await panel.node('service:fixture').getAttribute('aria-label'))!, /^service fixture/);
    assert.deepEqual(await panel.page.getByTestId('kind-legend').locator('li').allInnerTexts(), ['service', 'metric']);
    await panel.screenshot('causality-dark');
    console.log(`browser: root cause ${top.title} at ${top.score.toFixed(3)}; scores ${graph.scores.map((s) => `${s.title}=${s.score.toFixed(3)}`).join(', ')}`);
  });

  it('shows details on hover and opens the evidence on click', async () => {
    await render();
    const target = graph.scores[0];
    const c = await panel.centre(target.id);
    await panel.page.mouse.move(c.x, c.y);
    await panel.details.waitFor();
    const hover = await panel.details.innerText();
    assert.match(hover, new RegExp(target.title.replace(/[()]/g, '\\$&')));
    assert.match(hover, /Likely root cause, score/);
    assert.match(hover, /Caused by\n← fixture/);
    await panel.page.mouse.click(c.x, c.y);
    const link = panel.page.getByTestId('evidence-link');
    assert.equal(await link.innerText(), 'Open in Explore');
    const href = decodeURIComponent((await link.getAttribute('href'))!);
    assert.ok(href.startsWith('/explore?'), href);
    assert.ok(href.includes(JSON.stringify(graph.expr(target.id))), `Explore link carries the series query: ${href}`);
    assert.ok(href.includes('"uid":"prometheus"'));
    await panel.screenshot('causality-details');
    await panel.page.keyboard.press('Escape');
    await panel.page.mouse.move(2, 2);
    assert.equal(await panel.details.count(), 0);
  });

  it('zooms with the buttons and the wheel, pans by dragging', async () => {
    await render();
    const fitted = await panel.zoom();
    await panel.page.getByRole('button', { name: 'Zoom in' }).click();
    await panel.page.waitForTimeout(300);
    assert.ok((await panel.zoom()) > fitted * 1.3, 'zoom in button');
    const box = (await panel.svg.boundingBox())!;
    const before = await panel.zoom();
    await panel.wheelAt(box.x + box.width / 2, box.y + box.height / 2, 400);
    assert.ok((await panel.zoom()) < before, 'wheel down zooms out');
    const id = graph.scores[0].id;
    const p0 = await panel.centre(id);
    await panel.pan(120, -40);
    const p1 = await panel.centre(id);
    assert.ok(Math.abs(p1.x - p0.x - 120) < 3 && Math.abs(p1.y - p0.y + 40) < 3, `node moved with the drag: ${JSON.stringify([p0, p1])}`);
    await panel.page.getByRole('button', { name: 'Fit the graph' }).click();
    await panel.page.waitForTimeout(300);
    assert.ok(Math.abs((await panel.zoom()) - fitted) < 0.01);
  });

  it('lays the same graph out the same way every time', async () => {
    await render();
    const first = await Promise.all(graph.scores.map((s) => panel.centre(s.id)));
    await render({ theme: 'light' });
    const second = await Promise.all(graph.scores.map((s) => panel.centre(s.id)));
    assert.deepEqual(second, first);
    await panel.screenshot('causality-light');
  });

  it('is usable from the keyboard', async () => {
    await render();
    // Start from nothing focused (the previous case left focus on a zoom button).
    await panel.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Zoom buttons come after the graph in the DOM: the first Tab reaches the first node.
    await panel.page.keyboard.press('Tab');
    const focused = await panel.page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    assert.ok(focused, 'a node takes the focus');
    await panel.details.waitFor();
    await panel.page.keyboard.press('Enter');
    assert.equal(await panel.page.getByRole('dialog').count(), 1, 'Enter pins the details');
    await panel.page.keyboard.press('Escape');
    assert.equal(await panel.page.getByRole('dialog').count(), 0);
  });

  it('says so when the query returned no graph', async () => {
    await panel.render({ panel: 'causality', frames: [], timeRange, ...SIZE });
    assert.match(await panel.text(), /No graph: the query returned no node frame/);
  });
});
