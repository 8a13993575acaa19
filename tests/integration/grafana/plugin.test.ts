// Our plugins inside a real Grafana server: loading, "Save & test", and /api/ds/query.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dsQuery, eventually, grafana, testStack } from '../../harness/stack';

const PLUGINS = ['foresight-observability-app', 'foresight-analyzer-datasource', 'foresight-forecast-panel', 'foresight-causality-panel'];
const FORESIGHT = { type: 'foresight-analyzer-datasource', uid: 'foresight' };

interface GrafanaFrame {
  schema: { name?: string; refId?: string; meta?: any; fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: any }> };
  data: { values: unknown[][] };
}

describe('Foresight in Grafana', () => {
  const created: string[] = [];

  before(async () => {
    testStack();
    // The forecasts below need a couple of minutes of the fixture's 1 s samples.
    await eventually(
      'two minutes of fixture data in Prometheus',
      async () => {
        const end = Date.now() / 1000;
        const params = new URLSearchParams({ query: 'foresight_test_gauge{series="seasonal"}', start: String(end - 600), end: String(end), step: '1' });
        const res = (await (await fetch(`${testStack().prometheusUrl}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ values: unknown[] }> } };
        return (res.data.result[0]?.values.length ?? 0) >= 120 ? true : undefined;
      },
      240_000,
      5000,
    );
  });

  after(async () => {
    for (const uid of created) {
      await grafana(`/api/datasources/uid/${uid}`, { method: 'DELETE' });
    }
  });

  it('loads the app, the datasource and both panels', async () => {
    const res = await grafana<Array<{ id: string; type: string }>>('/api/plugins');
    assert.equal(res.status, 200);
    const ids = new Set(res.body.map((p) => p.id));
    for (const id of PLUGINS) {
      assert.ok(ids.has(id), `${id} is listed by /api/plugins`);
      const settings = await grafana(`/api/plugins/${id}/settings`);
      assert.equal(settings.status, 200, `${id} settings: ${JSON.stringify(settings.body)}`);
    }
    const errors = await grafana<Array<{ pluginId: string }>>('/api/plugins/errors');
    if (errors.status === 200) {
      assert.deepEqual(errors.body.filter((e) => PLUGINS.includes(e.pluginId)), []);
    }
    for (const [id, path] of [
      ['foresight-observability-app', 'module.js'],
      ['foresight-analyzer-datasource', 'module.js'],
      ['foresight-forecast-panel', 'module.js'],
    ]) {
      const res = await fetch(`${testStack().grafanaUrl}/public/plugins/${id}/${path}`);
      assert.equal(res.status, 200, `${id}/${path}`);
      assert.match(await res.text(), /^define\(/, `${id} serves an AMD module`);
    }
  });

  it('passes "Save & test" against the real Prometheus, Loki and Tempo', async () => {
    const res = await grafana<{ status: string; message: string }>('/api/datasources/uid/foresight/health');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'OK', res.body.message);
    const { prometheusUrl, lokiUrl, tempoUrl } = testStack();
    assert.equal(
      res.body.message.replace(/ \d+\.\d+\.\d+\S* at /g, ' <v> at '),
      `Prometheus <v> at ${prometheusUrl} answers queries. Loki <v> at ${lokiUrl} is ready. Tempo <v> at ${tempoUrl} is ready.`,
    );
  });

  it('fails "Save & test" with a message that says what to fix', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['unreachable', { prometheusUrl: 'http://127.0.0.1:9' }, /unreachable: ECONNREFUSED\. Check the URL/],
      ['not-prometheus', { prometheusUrl: testStack().grafanaUrl }, /HTTP 401\): check the Prometheus authentication settings, and that the URL points at Prometheus/],
      ['no-url', {}, /no Prometheus, Loki or Tempo URL is configured/],
      ['bad-auth-settings', { prometheusUrl: testStack().prometheusUrl, prometheusAuth: 'basic' }, /basic auth is selected but no user/],
      ['loki-unreachable', { prometheusUrl: testStack().prometheusUrl, lokiUrl: 'http://127.0.0.1:9' }, /^Loki failed: Loki at http:\/\/127\.0\.0\.1:9 is unreachable: ECONNREFUSED\. .*\(Prometheus \S+ at \S+ answers queries\.\)$/],
      ['loki-is-prometheus', { prometheusUrl: testStack().prometheusUrl, lokiUrl: testStack().prometheusUrl }, /^Loki failed: Loki at \S+ has no \/loki\/api\/v1 endpoints \(HTTP 404\)/],
      ['loki-is-grafana', { lokiUrl: testStack().grafanaUrl }, /^Loki failed: .*HTTP (302|401)/],
      ['loki-bad-auth-settings', { lokiUrl: testStack().lokiUrl, lokiAuth: 'bearer' }, /Loki bearer auth is selected but no token/],
    ];
    for (const [name, jsonData, message] of cases) {
      const uid = `foresight-test-${name}`;
      const create = await grafana('/api/datasources', {
        body: { name: `Foresight ${name}`, uid, type: FORESIGHT.type, access: 'proxy', jsonData },
      });
      assert.equal(create.status, 200, JSON.stringify(create.body));
      created.push(uid);
      const res = await grafana<{ status: string; message: string }>(`/api/datasources/uid/${uid}/health`);
      assert.equal(res.body.status, 'ERROR', `${name}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.message, message, name);
    }
  });

  it('returns forecast frames with real timestamps, labels and a band the stock panel draws', async () => {
    const before = Date.now();
    const res = await dsQuery([
      { refId: 'A', datasource: FORESIGHT, queryType: 'forecast', expr: 'foresight_test_gauge{series="seasonal"}', horizon: '1m', level: 0.9, history: '5m', step: '1s' },
    ]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const result = res.body.results.A;
    assert.equal(result.status, 200, result.error);
    const frame = result.frames![0] as GrafanaFrame;
    assert.equal(frame.schema.meta.type, 'timeseries-wide');
    assert.deepEqual(frame.schema.fields.map((f) => f.name), ['time', 'actual', 'predicted', 'lower', 'upper']);
    const times = frame.data.values[0] as number[];
    const last = times[times.length - 1];
    assert.ok(times[0] > before - 6 * 60_000 && times[0] < before, `first time ${new Date(times[0]).toISOString()}`);
    assert.ok(last > before + 50_000 && last < before + 70_000 + 60_000, `last time ${new Date(last).toISOString()} is the horizon`);
    const upper = frame.schema.fields[4];
    assert.equal(upper.labels?.series, 'seasonal');
    assert.equal(upper.config.custom.fillBelowTo, frame.schema.fields[3].config.displayNameFromDS);
    const predicted = frame.data.values[2] as Array<number | null>;
    const future = predicted.slice(-60).filter((v): v is number => v !== null);
    assert.equal(future.length, 60);
    // The fixture cycles between 40 and 60.
    for (const v of future) assert.ok(v > 25 && v < 75, `prediction ${v} stays near the fixture's range`);
  });

  it('returns one numeric value per series for alert rules', async () => {
    const res = await dsQuery([
      { refId: 'H', datasource: FORESIGHT, queryType: 'forecast', expr: 'foresight_test_gauge', horizon: '2m', history: '5m', step: '2s', output: 'horizon', reduce: 'max', horizonValue: 'upper' },
    ]);
    const frames = res.body.results.H.frames as GrafanaFrame[];
    assert.equal(frames.length, 2);
    const labels = frames.map((f) => f.schema.fields[0].labels?.series).sort();
    assert.deepEqual(labels, ['seasonal', 'steered']);
    for (const f of frames) {
      assert.equal(f.schema.meta.type, 'numeric-multi');
      assert.equal(f.data.values[0].length, 1);
      assert.equal(typeof f.data.values[0][0], 'number');
    }
  });

  it('predicts threshold crossings: a table for dashboards, numbers for alerts', async () => {
    const res = await dsQuery([
      { refId: 'T', datasource: FORESIGHT, queryType: 'predict', expr: 'foresight_test_gauge{series="seasonal"}', threshold: 55, horizon: '3m', history: '5m', step: '1s' },
      { refId: 'N', datasource: FORESIGHT, queryType: 'predict', expr: 'foresight_test_gauge', threshold: 1e9, horizon: '3m', history: '5m', step: '2s', output: 'alert' },
    ]);
    const table = res.body.results.T.frames![0] as GrafanaFrame;
    assert.equal(res.body.results.T.status, 200, res.body.results.T.error);
    const names = table.schema.fields.map((f) => f.name);
    for (const n of ['series', 'probability', 'time to threshold', 'earliest', 'latest', 'predicted crossing at']) assert.ok(names.includes(n), n);
    const p = table.data.values[names.indexOf('probability')][0] as number;
    const model = table.data.values[names.indexOf('model')][0];
    assert.equal(model, 'mstl', 'the 1-minute cycle is found');
    // The fixture's cycle reaches 60 every minute: a 3-minute horizon must see 55 as likely.
    assert.ok(p > 0.5 && p <= 1, `probability ${p}`);
    const alerts = res.body.results.N.frames as GrafanaFrame[];
    assert.equal(alerts.length, 2);
    for (const f of alerts) {
      assert.equal(f.schema.fields[0].name, 'probability');
      assert.ok((f.data.values[0][0] as number) < 0.01, 'a threshold of 1e9 is not crossed');
    }
  });

  it('scores anomalies against an adaptive band, and flags a spike', { timeout: 120_000 }, async () => {
    const steer = (body: object) => fetch(`${testStack().exporterUrl}/control`, { method: 'POST', body: JSON.stringify(body) });
    await steer({ base: 100, slopePerSecond: 0 });
    await new Promise((r) => setTimeout(r, 20_000));
    await steer({ base: 5000, slopePerSecond: 0 });
    await new Promise((r) => setTimeout(r, 4000));
    await steer({ base: 100, slopePerSecond: 0 });
    await new Promise((r) => setTimeout(r, 3000));
    const res = await dsQuery([
      { refId: 'S', datasource: FORESIGHT, queryType: 'anomaly', expr: 'foresight_test_gauge{series="seasonal"}', history: '5m', step: '1s' },
      { refId: 'P', datasource: FORESIGHT, queryType: 'anomaly', expr: 'foresight_test_gauge{series="steered"}', history: '10m', step: '1s', output: 'score', reduce: 'max' },
    ]);
    const s = res.body.results.S;
    assert.equal(s.status, 200, s.error);
    const frame = s.frames![0] as GrafanaFrame;
    assert.deepEqual(frame.schema.fields.map((f) => f.name), ['time', 'value', 'expected', 'lower', 'upper', 'score']);
    assert.equal(frame.schema.fields[4].config.custom.fillBelowTo, frame.schema.fields[3].config.displayNameFromDS);
    const scores = frame.data.values[5] as number[];
    assert.ok(scores.every((v) => v >= 0 && v <= 1), 'scores in [0, 1]');
    const p = res.body.results.P;
    assert.equal(p.status, 200, p.error);
    const spike = (p.frames![0] as GrafanaFrame).data.values[0][0] as number;
    assert.ok(spike >= 0.5, `the 5000 spike on a series that never left 100..1100 scores ${spike}`);
  });

  it('passes per-query errors through Grafana', async () => {
    const res = await dsQuery([
      { refId: 'BAD', datasource: FORESIGHT, queryType: 'forecast', expr: 'sum(rate(x[5m]', horizon: '1m' },
      { refId: 'OK', datasource: FORESIGHT, queryType: 'forecast', expr: 'foresight_test_gauge', horizon: '1m', history: '5m' },
    ]);
    assert.match(res.body.results.BAD.error ?? '', /parse error/);
    assert.equal(res.body.results.BAD.status, 400);
    assert.equal(res.body.results.OK.status, 200);
    assert.ok((res.body.results.OK.frames ?? []).length > 0);
  });
});
