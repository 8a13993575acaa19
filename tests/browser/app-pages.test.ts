// The app's pages in Debian's Chromium, querying the real Grafana (and through it our backend and
// Prometheus) from the page itself: what each page shows, its states, keyboard use, and screenshots.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppSettings } from '../../src/pages/data/settings';
import { testStack } from '../harness/stack';
import { launchChromium, type RunningBrowser } from './harness/chromium';
import { AppPage } from './pages/app-page';
import { steer, waitForSamples } from './support/backend';

const SEASONAL = 'foresight_test_gauge{series="seasonal"}';

const SETTINGS: AppSettings = {
  datasourceUid: 'foresight',
  serviceLabel: 'series',
  lookback: '3m',
  horizon: '1m',
  signals: [
    { name: 'Seasonal', expr: SEASONAL, threshold: 55 },
    { name: 'Gauges', expr: 'foresight_test_gauge' },
  ],
  capacity: [{ name: 'Seasonal gauge', expr: SEASONAL, limit: 58 }],
};

describe('app pages in a real browser', () => {
  let browser: RunningBrowser;
  let app: AppPage;

  before(async () => {
    testStack();
    await waitForSamples(SEASONAL, 240);
    browser = await launchChromium({ width: 1400, height: 900 });
    app = await AppPage.open(browser.context);
  });

  after(async () => {
    await steer({ base: 100, slopePerSecond: 0 }).catch(() => {});
    await browser?.close();
  });

  it('Overview: datasource health and each series of the watched signals, with its status in words', async () => {
    const started = performance.now();
    await app.show({ path: 'overview', settings: SETTINGS });
    await app.page.getByText('healthy').waitFor({ timeout: 60_000 });
    await app.settled();
    console.log(`overview settled in ${Math.round(performance.now() - started)} ms`);
    const rows = await app.rows(app.table('Health by service'));
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['seasonal', 'steered']);
    for (const r of rows) {
      assert.ok(['normal', 'anomalous', 'crossing predicted'].includes(r[1]), `status "${r[1]}" is written out`);
    }
    const query = app.requests.find((r) => r.path === '/api/ds/query');
    assert.equal(query?.status, 200);
    assert.deepEqual(
      query!.body.queries.map((q: any) => [q.queryType, q.datasource.uid]),
      [
        ['anomaly', 'foresight'],
        ['anomaly', 'foresight'],
        ['predict', 'foresight'],
      ],
    );
    await app.screenshot('app-overview-dark');
    await app.show({ path: 'overview', settings: SETTINGS, theme: 'light' });
    await app.page.getByText('healthy').waitFor({ timeout: 60_000 });
    await app.settled();
    await app.screenshot('app-overview-light');
    assert.deepEqual(app.errors, []);
  });

  it('Overview: the keyboard reaches Refresh, shows where focus is, and Enter queries again', async () => {
    await app.show({ path: 'overview', settings: SETTINGS });
    await app.settled();
    const before = app.requests.filter((r) => r.path === '/api/ds/query').length;
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'Refresh'; i++) {
      await app.page.keyboard.press('Tab');
      focused = await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    }
    assert.equal(focused, 'Refresh', 'Tab reaches the Refresh button');
    const ring = await app.page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { outline: s.outlineStyle, shadow: s.boxShadow };
    });
    assert.ok(ring.outline !== 'none' || ring.shadow !== 'none', `a visible focus indicator: ${JSON.stringify(ring)}`);
    // The old table stays up while the page queries again, so wait for the answer itself.
    const answered = app.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ds/query', { timeout: 60_000 });
    await app.page.keyboard.press('Enter');
    await answered;
    await app.settled();
    await app.page.waitForFunction(() => !!document.querySelector('table'));
    assert.equal(app.requests.filter((r) => r.path === '/api/ds/query').length, before + 1);
  });

  it('Incidents: a jump in a series shows as an anomaly with its evidence and an Explore link', async () => {
    await steer({ base: 100, slopePerSecond: 0 });
    await new Promise((r) => setTimeout(r, 5000));
    await steer({ base: 400, slopePerSecond: 0 });
    await new Promise((r) => setTimeout(r, 15_000));
    await app.show({ path: 'incidents', settings: SETTINGS });
    await app.settled();
    assert.ok(await app.page.getByText('Root-cause graph not available yet', { exact: true }).isVisible());
    const evidence = app.page.getByRole('table', { name: 'Evidence, earliest first' });
    await evidence.first().waitFor({ timeout: 30_000 });
    const rows = (await Promise.all((await evidence.all()).map((t) => app.rows(t)))).flat();
    const steered = rows.find((r) => r[1] === 'steered');
    assert.ok(steered, `an anomaly of the steered series among ${JSON.stringify(rows)}`);
    assert.ok(Number(steered[4]) > 0.5, `peak score ${steered[4]}`);
    const link = app.page.getByRole('link', { name: 'Explore Gauges of steered' }).first();
    const href = (await link.getAttribute('href'))!;
    assert.match(href, /^\/explore\?schemaVersion=1&panes=/);
    await app.screenshot('app-incidents');
    assert.deepEqual(app.errors, []);
  });

  it('Capacity: time to exhaustion of a limit the seasonal gauge reaches, with its action', async () => {
    await app.show({ path: 'capacity', settings: SETTINGS });
    await app.settled();
    const rows = await app.rows(app.table('Seasonal gauge against its limit (58)'));
    assert.equal(rows.length, 1);
    console.log(`capacity row: ${rows[0].join(' | ')}`);
    const [series, now, limit, used, , , probability, , action] = rows[0];
    assert.match(series, /seasonal/);
    assert.ok(Number(now) >= 39 && Number(now) <= 61, `now ${now}`);
    assert.equal(limit, '58');
    assert.match(used, /^\d+%$/);
    assert.match(probability, /^\d+%$/);
    assert.ok(['increase', 'keep', 'decrease'].includes(action), `action "${action}"`);
    await app.screenshot('app-capacity');
  });

  it('KPIs: the backtest compares each series with what it did since; no incident figures without records', async () => {
    await app.show({ path: 'kpis', settings: SETTINGS });
    await app.settled();
    const rows = await app.rows(app.table('Backtest of the last 1m'));
    const seasonal = rows.find((r) => r[0] === 'Seasonal');
    assert.ok(seasonal, JSON.stringify(rows));
    console.log(`backtest row: ${seasonal.join(' | ')}`);
    assert.ok(Number(seasonal[2]) >= 10, `${seasonal[2]} points compared`);
    assert.match(seasonal[5], /^\d+% \(95%\)$/);
    assert.ok(await app.page.getByText('No incident records yet', { exact: true }).isVisible());
    await app.screenshot('app-kpis');
  });

  it('Self-healing: empty, and says why', async () => {
    await app.show({ path: 'self-healing', settings: SETTINGS });
    assert.ok(await app.page.getByText('No playbooks yet', { exact: true }).isVisible());
    await app.screenshot('app-self-healing');
    assert.deepEqual(app.errors, []);
  });
});
