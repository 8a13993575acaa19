import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capacity } from '../../../backend/analyzers/capacity/capacity';
import { forecast, type Forecast } from '../../../backend/analyzers/forecast/forecast';
import { SeriesError, toGrid } from '../../../backend/analyzers/series/grid';

const STEP = 60_000;
const options = { horizon: 30, level: 0.95, stepMs: STEP };
const cycle = Array.from({ length: 300 }, (_, i) => 10 + Math.sin((2 * Math.PI * i) / 60) + 0.001 * i);

function assertFinite(f: Forecast) {
  for (const a of [f.mean, f.lower, f.upper]) {
    assert.equal(a.length, options.horizon);
    assert.ok(a.every(Number.isFinite), 'every value finite');
  }
  for (let h = 0; h < f.mean.length; h++) assert.ok(f.lower[h] <= f.mean[h] && f.mean[h] <= f.upper[h], `band ordered at ${h}`);
}

describe('forecast on bad input', () => {
  it('forecasts a constant series as the constant, with a zero-width band, and says so', () => {
    const f = forecast(new Float64Array(100).fill(3), options);
    assert.equal(f.model, 'naive');
    assert.ok(f.mean.every((v) => v === 3) && f.lower.every((v) => v === 3) && f.upper.every((v) => v === 3));
    assert.match(f.notes.join(), /constant/);
  });

  it('refuses one point, and values that are not finite, with a specific error', () => {
    assert.throws(() => forecast([5], options), (e: Error) => e instanceof SeriesError && /at least 2 points/.test(e.message));
    assert.throws(() => forecast([1, NaN, 3], options), /1 value\(s\) that are not finite/);
    assert.throws(() => forecast([Infinity, 1, 2], options), /not finite/);
    assert.equal(toGrid([0, STEP, 2 * STEP], [NaN, NaN, NaN], STEP), undefined, 'an all-NaN series has no grid (the query leaves it out with a notice)');
  });

  it('keeps huge and tiny values finite and seasonal, rescaling exactly', () => {
    for (const scale of [1e300, 1e-300]) {
      const f = forecast(cycle.map((v) => v * scale), options);
      assertFinite(f);
      assert.equal(f.model, 'mstl');
      assert.deepEqual(f.periods, [60]);
      const plain = forecast(cycle, options);
      assert.ok(Math.abs(f.mean[10] / scale - plain.mean[10]) < 1e-6 * Math.abs(plain.mean[10]), `same forecast at ${scale}`);
      assert.match(f.notes.join(), /rescaled by 2\^/);
    }
    const nearMax = forecast(cycle.map((v) => 1e307 * v), options);
    assertFinite(nearMax);
  });

  it('forecasts unsorted, duplicated timestamps once they are on a grid', () => {
    const ts = cycle.map((_, i) => i * STEP);
    const order = ts.map((_, i) => i).reverse();
    const grid = toGrid([...order.map((i) => ts[i]), ts[5]], [...order.map((i) => cycle[i]), 99], STEP)!;
    assert.equal(grid.values.length, 300);
    assert.equal(grid.values[5], 99, 'a duplicate keeps the last value seen');
    assertFinite(forecast(grid.values, options));
  });

  it('says when the horizon is longer than the history, and still forecasts', () => {
    const f = forecast(cycle.slice(0, 20), { ...options, horizon: 200 });
    assert.equal(f.mean.length, 200);
    assert.ok(f.mean.every(Number.isFinite));
    assert.match(f.notes.join(), /horizon \(200 steps\) is longer than the history \(20 steps\)/);
  });

  it('gives capacity on a constant series and on huge values without NaN', () => {
    const flat = capacity(3, forecast(new Float64Array(50).fill(3), options), { limit: 10, target: 0.8 });
    assert.equal(flat.exhaustionSteps, undefined);
    assert.equal(flat.exhaustionProbability, 0);
    assert.equal(flat.action, 'decrease');
    const huge = cycle.map((v) => v * 1e300);
    const c = capacity(huge[huge.length - 1], forecast(huge, options), { limit: 1e301, target: 0.8 });
    for (const v of [c.utilisation, c.headroom, c.peakUtilisation, c.recommendedLimit, c.exhaustionProbability]) assert.ok(Number.isFinite(v));
  });
});
