import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Forecast } from '../../../backend/analyzers/forecast/forecast';
import { alertSeriesFrame, dashboardFrame, horizonFrame, reduceForecast, type ForecastedSeries } from '../../../backend/plugin/frames/forecast';
import { formatLabels, seriesName } from '../../../backend/plugin/frames/labels';

const forecast: Forecast = {
  model: 'ets',
  periods: [],
  level: 0.9,
  mean: Float64Array.from([11, 12, 13]),
  lower: Float64Array.from([10, 10, 10]),
  upper: Float64Array.from([12, 14, 16]),
  notes: ['a note'],
};
const series: ForecastedSeries = {
  labels: { __name__: 'load', host: 'a' },
  historyStartMs: 1_000_000,
  stepMs: 1000,
  history: Float64Array.from([8, 9, 10]),
  forecast,
};

describe('forecast frames', () => {
  it('builds one wide frame per series whose upper field fills down to the lower one', () => {
    const f = dashboardFrame(series, 'A', 'load');
    assert.deepEqual(f.fields.map((x) => x.name), ['time', 'actual', 'predicted', 'lower', 'upper']);
    assert.deepEqual(Array.from(f.fields[0].values as ArrayLike<number>), [1_000_000, 1_001_000, 1_002_000, 1_003_000, 1_004_000, 1_005_000]);
    assert.deepEqual(Array.from(f.fields[1].values as ArrayLike<number | null>), [8, 9, 10, null, null, null]);
    // The prediction joins the last observation.
    assert.deepEqual(Array.from(f.fields[2].values as ArrayLike<number | null>), [null, null, 10, 11, 12, 13]);
    const [lower, upper] = [f.fields[3], f.fields[4]];
    assert.equal(upper.config?.custom?.fillBelowTo, lower.config?.displayNameFromDS);
    assert.equal(lower.config?.displayNameFromDS, 'load{host="a"} lower 90%');
    assert.equal(f.meta?.type, 'timeseries-wide');
    assert.deepEqual(f.meta?.notices, [{ severity: 'info', text: 'a note' }]);
    assert.equal(f.meta?.custom?.model, 'ets');
  });

  it('gives alerting one predicted series per frame, labels kept', () => {
    const f = alertSeriesFrame(series, 'A', 'load');
    assert.equal(f.meta?.type, 'timeseries-multi');
    assert.deepEqual(Array.from(f.fields[0].values as ArrayLike<number>), [1_003_000, 1_004_000, 1_005_000]);
    assert.deepEqual(f.fields[1].labels, series.labels);
  });

  it('reduces the horizon to one number', () => {
    assert.equal(reduceForecast(forecast, 'predicted', 'last'), 13);
    assert.equal(reduceForecast(forecast, 'upper', 'max'), 16);
    assert.equal(reduceForecast(forecast, 'lower', 'min'), 10);
    const f = horizonFrame(series, 'A', 'load', 'upper', 'max');
    assert.equal(f.meta?.type, 'numeric-multi');
    assert.deepEqual(Array.from(f.fields[0].values as ArrayLike<number>), [16]);
  });

  it('names series like Prometheus, or by legend template', () => {
    assert.equal(formatLabels({ __name__: 'up', job: 'x', a: 'b' }), 'up{a="b", job="x"}');
    assert.equal(formatLabels({}), '{}');
    assert.equal(seriesName({ job: 'api', instance: 'h:1' }, '{{job}} on {{ instance }}'), 'api on h:1');
    assert.equal(seriesName({ job: 'api' }, '{{missing}}!'), '!');
  });
});
