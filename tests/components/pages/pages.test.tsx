import '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Capacity } from '../../../src/pages/Capacity';
import { Incidents } from '../../../src/pages/Incidents';
import { Kpis } from '../../../src/pages/Kpis';
import { Overview } from '../../../src/pages/Overview';
import { SelfHealing } from '../../../src/pages/SelfHealing';
import { resolveAppSettings } from '../../../src/pages/data/settings';
import { installGrafanaRuntime, jsonFrame, type RecordedRequest } from '../grafana-runtime';

const DATASOURCES = [{ uid: 'foresight', name: 'Foresight' }];
const MIN = 60_000;
const now = Date.now();

const settings = resolveAppSettings({
  datasourceUid: 'foresight',
  lookback: '1h',
  horizon: '30m',
  signals: [
    { name: 'Error rate', expr: 'sum by (service) (rate(errors_total[1m]))' },
    { name: 'Latency', expr: 'latency_seconds', threshold: 0.5 },
  ],
  capacity: [{ name: 'Saturation', expr: 'max by (service, resource) (saturation_ratio)', limit: 1 }],
});

/** Our anomaly query's series frame (backend/plugin/frames/anomaly.ts), minutes relative to now. */
function anomalyFrame(service: string, minutesAgo: number[], scores: number[]) {
  const labels = { service };
  return jsonFrame(`{service="${service}"}`, [
    { name: 'time', type: 'time', values: minutesAgo.map((m) => now - m * MIN) },
    { name: 'value', values: scores.map((s) => 1 + 10 * s), labels },
    { name: 'expected', values: scores.map(() => 1), labels },
    { name: 'lower', values: scores.map(() => 0.5), labels },
    { name: 'upper', values: scores.map(() => 1.5), labels },
    { name: 'score', values: scores, labels },
  ]);
}

/** Our predict query's table (backend/plugin/frames/predict.ts). */
function crossingTable(rows: Array<{ service: string; resource?: string; p: number; inS: number | null; current: number }>, threshold: number) {
  return jsonFrame(
    'predicted crossings',
    [
      { name: 'series', type: 'string', values: rows.map((r) => `{service="${r.service}"${r.resource ? `, resource="${r.resource}"` : ''}}`) },
      ...(rows.some((r) => r.resource) ? [{ name: 'resource', type: 'string', values: rows.map((r) => r.resource ?? '') }] : []),
      { name: 'service', type: 'string', values: rows.map((r) => r.service) },
      { name: 'probability', values: rows.map((r) => r.p) },
      { name: 'time to threshold', values: rows.map((r) => r.inS) },
      { name: 'earliest', values: rows.map((r) => (r.inS === null ? null : r.inS / 2)) },
      { name: 'latest', values: rows.map(() => null) },
      { name: 'predicted crossing at', values: rows.map((r) => (r.inS === null ? null : now + r.inS * 1000)) },
      { name: 'current', values: rows.map((r) => r.current) },
      { name: 'model', type: 'string', values: rows.map(() => 'AutoETS') },
    ],
    { custom: { threshold } },
  );
}

type Results = Record<string, { frames?: unknown[]; error?: string; status?: number }>;

/** Answers /api/ds/query from a table keyed by refId, as Grafana does (a failed query makes it a 400 with every result). */
function dsQuery(byRef: (req: RecordedRequest) => Results) {
  return (req: RecordedRequest) => {
    if (req.url === '/api/ds/query') {
      const results = byRef(req);
      return { status: Object.values(results).some((r) => r.error) ? 400 : 200, data: { results } };
    }
    if (req.url.endsWith('/health')) {
      return { status: 200, data: { status: 'OK', message: 'Prometheus answered in 3 ms' } };
    }
    return { status: 404, data: { message: `no route ${req.url}` } };
  };
}

describe('Overview page', () => {
  it('shows each service with its status in words, anomalies now and predicted crossings, through our datasource', async () => {
    const requests = installGrafanaRuntime({
      datasources: DATASOURCES,
      answer: dsQuery(() => ({
        'signal-0': { frames: [anomalyFrame('checkout', [2, 1, 0], [0.1, 0.7, 0.9]), anomalyFrame('search', [2, 1, 0], [0.1, 0.1, 0.2])] },
        'signal-1': { frames: [anomalyFrame('checkout', [1, 0], [0.1, 0.1]), anomalyFrame('search', [1, 0], [0.2, 0.3])] },
        'prediction-1': { frames: [crossingTable([{ service: 'search', p: 0.8, inS: 900, current: 0.4 }, { service: 'checkout', p: 0.1, inS: null, current: 0.2 }], 0.5)] },
      })),
    });
    render(<Overview settings={settings} />);
    const table = await screen.findByRole('table', { name: 'Health by service' });
    const rows = within(table).getAllByRole('row').slice(1);
    assert.deepEqual(
      rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent)),
      [
        ['anomalous', 'Error rate (score 0.90)', 'none'],
        ['crossing predicted', 'none', 'Latency (80%)'],
      ],
    );
    assert.deepEqual(rows.map((r) => within(r).getByRole('rowheader').textContent), ['checkout', 'search']);
    const active = screen.getByRole('table', { name: 'Active predictions, soonest first' });
    assert.match(active.textContent!, /15m/);
    assert.ok(await screen.findByText('healthy'));

    const query = requests.find((r) => r.url === '/api/ds/query')!;
    assert.deepEqual([query.data.from, query.data.to], ['now-1h', 'now']);
    assert.deepEqual(
      query.data.queries.map((q: any) => [q.refId, q.queryType, q.expr, q.datasource.uid]),
      [
        ['signal-0', 'anomaly', 'sum by (service) (rate(errors_total[1m]))', 'foresight'],
        ['signal-1', 'anomaly', 'latency_seconds', 'foresight'],
        ['prediction-1', 'predict', 'latency_seconds', 'foresight'],
      ],
    );
    assert.equal(query.data.queries[2].threshold, 0.5);
    assert.equal(query.data.queries[2].horizon, '30m');
  });

  it('names a signal whose query failed and still shows the others', async () => {
    installGrafanaRuntime({
      datasources: DATASOURCES,
      answer: dsQuery(() => ({
        'signal-0': { frames: [anomalyFrame('checkout', [0], [0.1])] },
        'signal-1': { error: 'bad_data: parse error at char 8', status: 400 },
        'prediction-1': { frames: [] },
      })),
    });
    render(<Overview settings={settings} />);
    assert.ok(await screen.findByText('Latency (anomalies) could not be queried'));
    assert.ok(screen.getByText('bad_data: parse error at char 8'));
    assert.ok(screen.getByRole('rowheader', { name: 'checkout' }));
  });

  it('asks for a datasource when there is none, and for signals when none are configured', async () => {
    installGrafanaRuntime({ datasources: [], answer: dsQuery(() => ({})) });
    const { unmount } = render(<Overview settings={settings} />);
    assert.ok((await screen.findAllByText('No Foresight datasource yet')).length >= 1);
    unmount();
    installGrafanaRuntime({ datasources: DATASOURCES, answer: dsQuery(() => ({})) });
    render(<Overview settings={resolveAppSettings({})} />);
    assert.ok(screen.getByText('No signals configured'));
    assert.ok(await screen.findByText('healthy'), 'the datasource health is still checked');
    assert.equal(screen.getByRole('link', { name: /Configure Foresight/ }).getAttribute('href'), '/plugins/foresight-observability-app');
  });
});

describe('Incidents page', () => {
  it('groups anomalies that happened together, earliest evidence first, with an Explore link each, and says the root cause is not ranked yet', async () => {
    installGrafanaRuntime({
      datasources: DATASOURCES,
      answer: dsQuery(() => ({
        // db goes wrong first, checkout a minute later: one event. search, 40 minutes earlier: another.
        'signal-0': { frames: [anomalyFrame('checkout', [12, 11, 10], [0.2, 0.8, 0.3]), anomalyFrame('search', [41, 40, 39], [0.7, 0.2, 0.1])] },
        'signal-1': { frames: [anomalyFrame('db', [13, 12, 11], [0.9, 0.6, 0.1])] },
      })),
    });
    render(<Incidents settings={settings} />);
    assert.ok(screen.getByText('Root-cause graph not available yet'));
    const groups = await screen.findAllByRole('region', { name: /^Events from/ });
    assert.equal(groups.length, 2);
    assert.match(groups[0].textContent!, /ended.*2 anomalies in 2 services \(db, checkout\); peak score 0\.90/);
    const evidence = within(groups[0]).getAllByRole('row').slice(1);
    assert.deepEqual(evidence.map((r) => within(r).getAllByRole('cell')[1].textContent), ['db', 'checkout']);
    const link = within(groups[0]).getByRole('link', { name: 'Explore Latency of db' });
    const panes = JSON.parse(new URL(link.getAttribute('href')!, 'http://x').searchParams.get('panes')!);
    assert.equal(panes.foresight.queries[0].expr, 'latency_seconds');
    assert.equal(panes.foresight.queries[0].queryType, 'anomaly');
    assert.match(groups[1].textContent!, /1 anomalies in 1 service \(search\)/);
  });

  it('says so when nothing was anomalous', async () => {
    installGrafanaRuntime({ datasources: DATASOURCES, answer: dsQuery(() => ({ 'signal-0': { frames: [anomalyFrame('a', [0], [0.1])] }, 'signal-1': { frames: [] } })) });
    render(<Incidents settings={settings} />);
    assert.ok(await screen.findByText('No anomalies in the last 1h.'));
  });
});

/** Our capacity query's table (backend/plugin/frames/capacity.ts). */
function capacityTable(rows: Array<{ service: string; resource: string; current: number; inS: number | null; earliestS: number | null; p: number; peak: number; action: string }>) {
  return jsonFrame(
    'capacity',
    [
      { name: 'series', type: 'string', values: rows.map((r) => `{resource="${r.resource}", service="${r.service}"}`) },
      { name: 'resource', type: 'string', values: rows.map((r) => r.resource) },
      { name: 'service', type: 'string', values: rows.map((r) => r.service) },
      { name: 'current', values: rows.map((r) => r.current) },
      { name: 'limit', values: rows.map(() => 1) },
      { name: 'utilisation', values: rows.map((r) => r.current) },
      { name: 'time to exhaustion', values: rows.map((r) => r.inS) },
      { name: 'earliest exhaustion', values: rows.map((r) => r.earliestS) },
      { name: 'exhaustion probability', values: rows.map((r) => r.p) },
      { name: 'headroom at horizon', values: rows.map((r) => 1 - r.peak) },
      { name: 'peak utilisation', values: rows.map((r) => r.peak) },
      { name: 'recommended limit', values: rows.map((r) => r.peak / 0.8) },
      { name: 'recommended replicas', values: rows.map(() => null) },
      { name: 'action', type: 'string', values: rows.map((r) => r.action) },
      { name: 'recommendation', type: 'string', values: rows.map((r) => `${r.action}: the predicted peak uses ${Math.round(r.peak * 100)}% of the limit`) },
      { name: 'model', type: 'string', values: rows.map(() => 'AutoETS') },
    ],
    { custom: { target: 0.8 } },
  );
}

describe('Capacity page', () => {
  it('lists time to exhaustion per resource through the capacity query, soonest first, with its action in words', async () => {
    const requests = installGrafanaRuntime({
      datasources: DATASOURCES,
      answer: dsQuery(() => ({
        'capacity-0': {
          frames: [
            capacityTable([
              { service: 'db', resource: 'memory', current: 0.5, inS: null, earliestS: null, p: 0.01, peak: 0.55, action: 'keep' },
              { service: 'checkout', resource: 'db_pool', current: 0.9, inS: 600, earliestS: 240, p: 0.95, peak: 1.3, action: 'increase' },
              { service: 'search', resource: 'cpu', current: 0.6, inS: null, earliestS: 1500, p: 0.2, peak: 0.9, action: 'increase' },
            ]),
          ],
        },
      })),
    });
    render(<Capacity settings={settings} />);
    const table = await screen.findByRole('table', { name: 'Saturation against its limit (1)' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    assert.deepEqual(
      rows.map((r) => r.slice(0, 9)),
      [
        ['{resource="db_pool", service="checkout"}', '0.9', '1', '90%', '10m', '4m', '95%', '130%', 'increase'],
        ['{resource="cpu", service="search"}', '0.6', '1', '60%', 'not within horizon', '25m', '20%', '90%', 'increase'],
        ['{resource="memory", service="db"}', '0.5', '1', '50%', 'not within horizon', 'not within horizon', '1%', '55%', 'keep'],
      ],
    );
    assert.match(rows[0][9]!, /increase: the predicted peak uses 130% of the limit \(AutoETS\)/);
    const q = requests.find((r) => r.url === '/api/ds/query')!.data.queries[0];
    assert.deepEqual([q.queryType, q.expr, q.limit, q.limitExpr, q.horizon], ['capacity', 'max by (service, resource) (saturation_ratio)', 1, undefined, '30m']);
  });

  it('sends a PromQL limit instead of a number when one is configured', async () => {
    const requests = installGrafanaRuntime({ datasources: DATASOURCES, answer: dsQuery(() => ({ 'capacity-0': { frames: [] } })) });
    render(<Capacity settings={resolveAppSettings({ capacity: [{ name: 'Disk', expr: 'disk_used_bytes', limitExpr: 'disk_size_bytes', target: 0.7 }] })} />);
    assert.ok(await screen.findByText('No series for this resource in the last 1h.'));
    const q = requests.find((r) => r.url === '/api/ds/query')!.data.queries[0];
    assert.deepEqual([q.limit, q.limitExpr, q.target], [undefined, 'disk_size_bytes', 0.7]);
  });
});

describe('Self-healing page', () => {
  it('is empty and says why', () => {
    render(<SelfHealing />);
    assert.ok(screen.getByText('No playbooks yet'));
    assert.match(screen.getByText(/not available yet/).textContent!, /no playbooks and no runs/);
  });
});

describe('KPI page', () => {
  it('backtests each signal against what it did since, and shows no incident figures without records', async () => {
    const labels = { service: 'checkout' };
    const requests = installGrafanaRuntime({
      datasources: DATASOURCES,
      answer: dsQuery((req) => {
        const to = Number(req.data.to);
        const cutoff = now - 30 * MIN;
        const isPast = to < now - 20 * MIN;
        const times = isPast ? [-2, -1, 0, 1, 2] : [0, 1, 2];
        const frame = jsonFrame(
          '{service="checkout"}',
          [
            { name: 'time', type: 'time', values: times.map((i) => cutoff + i * 15 * MIN) },
            { name: 'actual', values: isPast ? [1, 1, 1, null, null] : [1, 1.1, 3], labels },
            { name: 'predicted', values: isPast ? [null, null, 1, 1, 1] : [1, 1, 1], labels },
            { name: 'lower', values: isPast ? [null, null, 1, 0.8, 0.8] : [1, 1, 1], labels },
            { name: 'upper', values: isPast ? [null, null, 1, 1.2, 1.2] : [1, 1, 1], labels },
          ],
          { custom: { level: 0.95, stepMs: 15 * MIN, model: 'AutoETS' } },
        );
        return { 'signal-0': { frames: [frame] }, 'signal-1': { frames: [] } };
      }),
    });
    render(<Kpis settings={settings} />);
    const table = await screen.findByRole('table', { name: 'Backtest of the last 30m' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    // Two forecast points compared, both predicted 1: observed 1.1 (inside the band, 9.1% off) and 3 (outside, 66.7% off).
    assert.deepEqual(rows[0], ['Error rate', '{service="checkout"}', '2', '1.05', '37.9%', '50% (95%)', 'bands too narrow', 'AutoETS']);
    assert.equal(rows[1][0], 'Latency');
    assert.match(rows[1][1], /No series with both a forecast and observations since/);
    assert.ok(screen.getByText('No incident records yet'));
    const ranges = requests.filter((r) => r.url === '/api/ds/query').map((r) => Number(r.data.to) - Number(r.data.from));
    assert.deepEqual(ranges.sort(), [60 * MIN, 60 * MIN], 'an hour of history before the cutoff, and the half hour either side of it');
  });

  it('refreshes on request', async () => {
    const requests = installGrafanaRuntime({ datasources: DATASOURCES, answer: dsQuery(() => ({ 'signal-0': { frames: [] }, 'signal-1': { frames: [] } })) });
    render(<Kpis settings={settings} />);
    await screen.findByRole('table', { name: 'Backtest of the last 30m' });
    const before = requests.length;
    await userEvent.setup().click(screen.getByRole('button', { name: /Refresh/ }));
    await screen.findByRole('table', { name: 'Backtest of the last 30m' });
    assert.equal(requests.length, before + 2);
  });
});
