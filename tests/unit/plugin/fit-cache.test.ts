import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecast } from '../../../backend/analyzers/forecast/forecast';
import type { GridSeries } from '../../../backend/analyzers/series/grid';
import { FitCache } from '../../../backend/plugin/fit-cache';

const STEP = 60_000;

/** A daily-free series with an hourly cycle and deterministic noise, `n` points from slot `start`. */
function series(n: number, start = 0): number[] {
  let s = 11;
  return Array.from({ length: start + n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 100 + 10 * Math.sin((2 * Math.PI * i) / 60) + (s / 2 ** 31 - 0.5);
  }).slice(start);
}

const grid = (values: number[], startSlot: number): GridSeries => ({ startMs: startSlot * STEP, stepMs: STEP, values: Float64Array.from(values), filled: 0 });
const options = { horizon: 30, level: 0.95, stepMs: STEP };

describe('FitCache', () => {
  it('fits once, then reuses the fit shifted by the new steps while they stay in the band', () => {
    const cache = new FitCache();
    const all = series(600 + 3);
    const first = cache.forecast('k', grid(all.slice(0, 600), 0), options);
    assert.equal(first.outcome, 'fitted');
    assert.equal(first.forecast.mean.length, 30);
    assert.equal(first.forecast.model, 'mstl');
    // One new point (the window slides by one step): the same model's forecast, one step on.
    const next = cache.forecast('k', grid(all.slice(1, 601), 1), options);
    assert.equal(next.outcome, 'reused');
    assert.equal(next.forecast.mean.length, 30);
    assert.equal(next.forecast.mean[0], first.forecast.mean[1]);
    assert.equal(next.forecast.mean[28], first.forecast.mean[29]);
    // It agrees with a fresh fit of the same data to within the band.
    const fresh = forecast(Float64Array.from(all.slice(1, 601)), options);
    for (let h = 0; h < 30; h++) {
      assert.ok(Math.abs(fresh.mean[h] - next.forecast.mean[h]) < (next.forecast.upper[h] - next.forecast.lower[h]) / 2, `step ${h}`);
    }
    assert.deepEqual(cache.stats(), { fitted: 1, reused: 1, refitted: 0, entries: 1, values: 3 * 40 });
  });

  it('refits when a new point falls outside the band', () => {
    const cache = new FitCache();
    const all = series(601);
    cache.forecast('k', grid(all.slice(0, 600), 0), options);
    const jumped = [...all.slice(1, 600), 1e6];
    const r = cache.forecast('k', grid(jumped, 1), options);
    assert.equal(r.outcome, 'refitted');
    assert.match(r.reason ?? '', /outside the forecast band/);
  });

  it('refits once the slack is used up, when the history changed, and when it ends earlier', () => {
    const cache = new FitCache({ slackSteps: 3 });
    const all = series(610);
    cache.forecast('k', grid(all.slice(0, 600), 0), options);
    assert.equal(cache.forecast('k', grid(all.slice(3, 603), 3), options).outcome, 'reused');
    const late = cache.forecast('k', grid(all.slice(4, 604), 4), options);
    assert.equal(late.outcome, 'refitted');
    assert.match(late.reason ?? '', /more than the fit's slack/);
    const revised = all.slice(4, 604);
    revised[599] += 0.5;
    assert.match(cache.forecast('k', grid(revised, 4), options).reason ?? '', /history changed/);
    assert.match(cache.forecast('k', grid(all.slice(0, 600), 0), options).reason ?? '', /ends earlier/);
  });

  it('keeps separate entries per key and drops the least recently used beyond its size', () => {
    const cache = new FitCache({ maxEntries: 2 });
    const y = grid(series(200), 0);
    cache.forecast('a', y, options);
    cache.forecast('b', y, options);
    cache.forecast('a', y, options); // a is now the most recent
    cache.forecast('c', y, options);
    assert.equal(cache.stats().entries, 2);
    assert.equal(cache.forecast('a', y, options).outcome, 'reused');
    assert.equal(cache.forecast('b', y, options).outcome, 'fitted', 'b was dropped');
  });

  it('bounds the values it holds', () => {
    const cache = new FitCache({ maxValues: 3 * 40 * 2 });
    const y = grid(series(200), 0);
    for (const k of ['a', 'b', 'c', 'd']) cache.forecast(k, y, options);
    assert.equal(cache.stats().entries, 2);
    assert.equal(cache.stats().values, 3 * 40 * 2);
  });
});
