import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bySoonest, crossingsFromFrames } from '../../../src/pages/data/crossings';
import { buildOverview } from '../../../src/pages/data/overview';
import { resolveAppSettings } from '../../../src/pages/data/settings';
import { anomalyFrame, frame } from './frames';

// The predict query's table (backend/plugin/frames/predict.ts): series, label columns, figures.
const table = frame(
  'predicted crossings',
  [
    { name: 'series', type: 'string', values: ['{service="cart"}', '{service="api"}', '{service="web"}'] },
    { name: 'service', type: 'string', values: ['cart', 'api', 'web'] },
    { name: 'probability', values: [0.9, 0.2, 0.6] },
    { name: 'time to threshold', values: [600, null, null] },
    { name: 'earliest', values: [300, null, 1800] },
    { name: 'latest', values: [900, null, null] },
    { name: 'predicted crossing at', values: [1_700_000_600_000, null, null] },
    { name: 'current', values: [0.8, 0.1, 0.5] },
    { name: 'model', type: 'string', values: ['ets', 'ets', 'mstl'] },
  ],
  { custom: { threshold: 1 } },
);

describe('predicted crossings', () => {
  it('reads one row per series with its labels, threshold and figures', () => {
    const rows = crossingsFromFrames([table], 'Saturation', 'service');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[0], {
      source: 'Saturation',
      series: '{service="cart"}',
      labels: { service: 'cart' },
      service: 'cart',
      threshold: 1,
      probability: 0.9,
      expectedS: 600,
      earliestS: 300,
      latestS: 900,
      crossingAt: 1_700_000_600_000,
      current: 0.8,
      model: 'ets',
    });
  });

  it('reads a label called "series" as a label, apart from the name column', () => {
    const t = frame('predicted crossings', [
      { name: 'series', type: 'string', values: ['foresight_test_gauge{series="seasonal"}'] },
      { name: 'series', type: 'string', values: ['seasonal'] },
      { name: 'probability', values: [0.5] },
      { name: 'time to threshold', values: [null] },
      { name: 'model', type: 'string', values: ['mstl'] },
    ]);
    const [row] = crossingsFromFrames([t], 'x', 'series');
    assert.deepEqual([row.series, row.service, row.labels], ['foresight_test_gauge{series="seasonal"}', 'seasonal', { series: 'seasonal' }]);
  });

  it('sorts soonest first, then the likeliest of those not expected within the horizon', () => {
    const rows = crossingsFromFrames([table], 'x', 'service').sort(bySoonest);
    assert.deepEqual(rows.map((r) => r.service), ['cart', 'web', 'api']);
  });
});

describe('overview', () => {
  it('puts services with anomalies or likely crossings first and reports failed signals', () => {
    const settings = resolveAppSettings({
      signals: [
        { name: 'Errors', expr: 'errors' },
        { name: 'Latency', expr: 'latency', threshold: 1 },
        { name: 'half-written', expr: '  ' },
      ],
    });
    assert.equal(settings.signals.length, 2, 'a signal without an expression is dropped');
    const t0 = 1_700_000_000_000;
    const o = buildOverview(
      {
        'signal-0': { frames: [anomalyFrame({ service: 'web' }, [t0], [0.1]), anomalyFrame({ service: 'api' }, [t0], [0.8])] },
        'signal-1': { frames: [], error: 'Prometheus is unreachable' },
        'prediction-1': { frames: [table] },
      },
      settings,
    );
    assert.deepEqual(o.failures, [{ signal: 'Latency (anomalies)', error: 'Prometheus is unreachable' }]);
    assert.deepEqual(o.services.map((s) => [s.service, s.anomalous.length, s.crossings.length]), [
      ['api', 1, 0],
      ['cart', 0, 1],
      ['web', 0, 1],
    ]);
    assert.deepEqual(o.crossings.map((c) => c.service), ['cart', 'web'], 'api is neither expected nor likely to cross');
  });
});
