// The app pages' data path against the real stack: the queries each page sends, through Grafana's
// /api/ds/query to our backend and Prometheus, read back as the pages read them.

// @grafana/data and @grafana/runtime expect a browser's globals, as in the pages.
import '../../components/dom';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { backtest } from '../../../src/pages/data/backtest';
import { bySoonestExhaustion, capacityFromFrames } from '../../../src/pages/data/capacity';
import { buildOverview } from '../../../src/pages/data/overview';
import { anomalyQueries, backtestQueries, capacityQueries, predictionQueries } from '../../../src/pages/data/queries';
import { queryRequestBody, queryResults, type TimeRange } from '../../../src/pages/data/query';
import { resolveAppSettings, type AppSettings } from '../../../src/pages/data/settings';
import type { ForesightQuery } from '../../../src/datasource/types';
import { eventually, grafana, testStack } from '../../harness/stack';

const SEASONAL = 'foresight_test_gauge{series="seasonal"}';

/** What runQueries does in the browser, with Grafana's HTTP API in place of backendSrv. */
async function pageQuery(queries: ForesightQuery[], range: TimeRange) {
  const res = await grafana('/api/ds/query', { body: queryRequestBody('foresight', queries, range) });
  assert.ok([200, 400].includes(res.status), `/api/ds/query answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return queryResults(res.body, queries);
}

describe('app pages against the stack', () => {
  before(async () => {
    testStack();
    await eventually(
      'three minutes of the seasonal fixture in Prometheus',
      async () => {
        const end = Date.now() / 1000;
        const params = new URLSearchParams({ query: SEASONAL, start: String(end - 600), end: String(end), step: '1' });
        const res = (await (await fetch(`${testStack().prometheusUrl}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ values: unknown[] }> } };
        return (res.data.result[0]?.values.length ?? 0) >= 180 ? true : undefined;
      },
      300_000,
      5000,
    );
  });

  it('loads the provisioned app settings the pages read', async () => {
    const res = await grafana<{ enabled: boolean; jsonData: AppSettings }>('/api/plugins/foresight-observability-app/settings');
    assert.equal(res.status, 200);
    assert.equal(res.body.enabled, true);
    const s = resolveAppSettings(res.body.jsonData);
    assert.equal(s.datasourceUid, 'foresight');
    assert.ok(s.signals.length >= 1 && s.capacity.length >= 1, JSON.stringify(res.body.jsonData));
  });

  it('Overview: scores and predicted crossings by series, and a failing signal named with its reason', async () => {
    const settings = resolveAppSettings({
      serviceLabel: 'series',
      lookback: '5m',
      horizon: '1m',
      signals: [
        { name: 'Seasonal', expr: SEASONAL, threshold: 1000 },
        { name: 'Broken', expr: 'sum(' },
      ],
    });
    const queries = [...anomalyQueries(settings), ...predictionQueries(settings).map((p) => p.query)];
    const started = performance.now();
    const o = buildOverview(await pageQuery(queries, { from: 'now-5m', to: 'now' }), settings);
    console.log(`overview queries: ${Math.round(performance.now() - started)} ms`);
    assert.equal(o.failures.length, 1, JSON.stringify(o.failures));
    assert.equal(o.failures[0].signal, 'Broken (anomalies)');
    assert.match(o.failures[0].error, /parse|syntax|unexpected/i);
    const seasonal = o.services.find((s) => s.service === 'seasonal');
    assert.ok(seasonal, `services: ${o.services.map((s) => s.service).join(', ')}`);
    const score = seasonal.scores[0].latest;
    assert.ok(score !== null && score >= 0 && score <= 1, `latest score ${score}`);
    // 1000 is far above a signal that stays within 40..60: no crossing is active.
    assert.deepEqual(o.crossings, []);
  });

  it('Capacity: time to exhaustion of a limit inside the series range, with its probability, current value and action', async () => {
    const settings = resolveAppSettings({ serviceLabel: 'series', horizon: '2m', capacity: [{ name: 'Seasonal', expr: SEASONAL, limit: 58 }] });
    const planned = capacityQueries(settings);
    const results = await pageQuery(planned.map((p) => p.query), { from: 'now-5m', to: 'now' });
    assert.equal(results[planned[0].query.refId].error, undefined);
    const rows = capacityFromFrames(results[planned[0].query.refId].frames, 'Seasonal', settings.serviceLabel).sort(bySoonestExhaustion);
    assert.equal(rows.length, 1);
    const [r] = rows;
    console.log(`capacity row: current ${r.current?.toFixed(2)}, exhausted in ${r.exhaustionS} s (earliest ${r.earliestS} s), probability ${r.probability?.toFixed(3)}, peak ${r.peakUtilisation?.toFixed(3)}, ${r.action}: ${r.recommendation}`);
    assert.equal(r.service, 'seasonal');
    assert.equal(r.limit, 58);
    assert.ok(r.current !== null && r.current >= 39 && r.current <= 61);
    assert.ok(r.probability !== null && r.probability >= 0 && r.probability <= 1);
    // The signal swings 40..60 each minute: over two minutes its predicted peak passes 58.
    assert.ok(r.peakUtilisation !== null && r.peakUtilisation > 0.9, `peak utilisation ${r.peakUtilisation}`);
    assert.ok(['increase', 'keep', 'decrease'].includes(r.action));
  });

  it('KPIs: the backtest compares a forecast made a minute ago with what the series did since', async () => {
    const settings = resolveAppSettings({ serviceLabel: 'series', horizon: '1m', lookback: '3m', signals: [{ name: 'Seasonal', expr: SEASONAL }] });
    const queries = backtestQueries(settings);
    const now = Date.now();
    const cutoff = now - 60_000;
    const past = await pageQuery(queries, { from: String(cutoff - 180_000), to: String(cutoff) });
    const later = await pageQuery(queries, { from: String(cutoff - 60_000), to: String(now) });
    const [b] = backtest(past[queries[0].refId].frames, later[queries[0].refId].frames);
    assert.ok(b, 'one backtested series');
    console.log(`backtest: ${b.points} points, MAE ${b.mae?.toFixed(3)}, MAPE ${((b.mape ?? NaN) * 100).toFixed(2)}%, coverage ${((b.coverage ?? NaN) * 100).toFixed(0)}% at level ${b.level}, model ${b.model}`);
    assert.ok(b.points >= 10, `${b.points} points compared`);
    assert.ok(b.mae !== null && Number.isFinite(b.mae));
    assert.ok(b.coverage !== null && b.coverage >= 0 && b.coverage <= 1);
    assert.equal(b.level, 0.95);
  });
});
