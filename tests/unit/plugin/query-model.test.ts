import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseForecastQuery } from '../../../backend/plugin/query/forecast';
import { decodeQueryJson, parseDuration, resolveQueryType } from '../../../backend/plugin/query/model';
import { analysisRange, niceStep } from '../../../backend/plugin/query/range';
import type { DataQuery } from '../../../backend/protocol/types';

const query = (json: string, extra: Partial<DataQuery> = {}): DataQuery => ({
  refId: 'A',
  queryType: '',
  maxDataPoints: 1000,
  intervalMs: 15_000,
  timeRange: { fromMs: 0, toMs: 86_400_000 },
  json: Buffer.from(json),
  ...extra,
});

describe('query model', () => {
  it('parses Prometheus-style durations', () => {
    assert.equal(parseDuration('1h30m', 'h'), 5_400_000);
    assert.equal(parseDuration('90', 'h'), 90_000);
    assert.equal(parseDuration(60, 'h'), 60_000);
    assert.equal(parseDuration('7d', 'h'), 604_800_000);
    assert.throws(() => parseDuration('soon', 'horizon'), /horizon "soon" is not a duration/);
    assert.throws(() => parseDuration('', 'horizon'), /must be a duration/);
  });

  it('names what is wrong with the JSON', () => {
    assert.throws(() => decodeQueryJson(query('')), /empty/);
    assert.throws(() => decodeQueryJson(query('{oops')), /not valid JSON/);
    assert.throws(() => decodeQueryJson(query('[1]')), /JSON object/);
    assert.throws(() => resolveQueryType(query('{}'), {}), /no queryType/);
    assert.throws(() => resolveQueryType(query('{}'), { queryType: 'magic' }), /unknown queryType "magic"/);
    assert.equal(resolveQueryType(query('{}', { queryType: 'forecast' }), {}), 'forecast');
  });

  it('reads the forecast model with defaults and percent levels', () => {
    const m = parseForecastQuery({ expr: 'up', horizon: '2h', level: 80 });
    assert.equal(m.horizonMs, 7_200_000);
    assert.equal(m.level, 0.8);
    assert.equal(m.output, 'series');
    assert.throws(() => parseForecastQuery({ horizon: '1h' }), /expr is required/);
    assert.throws(() => parseForecastQuery({ expr: 'up', horizon: '0s' }), /longer than zero/);
    assert.throws(() => parseForecastQuery({ expr: 'up', level: 100 }), /confidence level/);
    assert.throws(() => parseForecastQuery({ expr: 'up', output: 'pie' }), /output must be one of/);
  });

  it('chooses an aligned step that keeps points under the cap', () => {
    const r = analysisRange(query('{}'), { maxPoints: 4000 });
    assert.equal(r.stepMs, 120_000); // 86400 s / 999 = 86.5 s -> next nice step
    assert.equal(r.startMs % r.stepMs, 0);
    assert.equal(niceStep(61_000), 120_000);
    const hist = analysisRange(query('{}', { timeRange: { fromMs: 86_000_000, toMs: 86_400_000 } }), { historyMs: 3_600_000, maxPoints: 4000 });
    assert.equal(hist.endMs - hist.startMs <= 3_600_000, true);
    assert.ok(hist.endMs - hist.startMs > 3_000_000);
    assert.throws(() => analysisRange(query('{}', { timeRange: { fromMs: 5, toMs: 5 } }), { maxPoints: 10 }), /time range is empty/);
    assert.throws(() => analysisRange(query('{}'), { stepMs: 1000, maxPoints: 4000 }), /the limit is 4000/);
  });
});

describe('predict query model', () => {
  it('requires a numeric threshold and reads the rest', async () => {
    const { parsePredictQuery } = await import('../../../backend/plugin/query/predict');
    const m = parsePredictQuery({ expr: 'up', threshold: '0.9', direction: 'below', output: 'alert' });
    assert.equal(m.threshold, 0.9);
    assert.equal(m.direction, 'below');
    assert.equal(m.alertValue, 'probability');
    assert.throws(() => parsePredictQuery({ expr: 'up' }), /threshold is required/);
    assert.throws(() => parsePredictQuery({ expr: 'up', threshold: 'high' }), /must be a number/);
    assert.throws(() => parsePredictQuery({ expr: 'up', threshold: 1, direction: 'sideways' }), /direction must be one of/);
  });
});
