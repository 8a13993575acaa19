import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecast, normalQuantile } from '../../../backend/analyzers/forecast/forecast';
import { detectPeriods } from '../../../backend/analyzers/forecast/seasonality';

const FIVE_MIN = 300_000;

/** Deterministic noise so the tests do not flake. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31 - 0.5;
  };
}

function daily(n: number, amp = 5) {
  const r = noise(7);
  return Float64Array.from({ length: n }, (_, i) => 50 + amp * Math.sin((2 * Math.PI * i) / 288) + r());
}

describe('detectPeriods', () => {
  it('finds a daily cycle in 5-minute data', () => {
    assert.deepEqual(detectPeriods(daily(288 * 7), { stepMs: FIVE_MIN }), [288]);
  });

  it('finds no period in a trend plus noise', () => {
    const r = noise(3);
    const y = Float64Array.from({ length: 2000 }, (_, i) => i * 0.1 + r());
    assert.deepEqual(detectPeriods(y, { stepMs: FIVE_MIN }), []);
  });

  it('finds a weekly cycle over a daily one in two weeks of data, and not its harmonics', () => {
    const r = noise(5);
    const y = Float64Array.from({ length: 288 * 14 }, (_, i) => {
      const weekend = Math.floor(i / 288) % 7 >= 5;
      return 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + (weekend ? -15 : 0) + r();
    });
    assert.deepEqual(detectPeriods(y, { stepMs: FIVE_MIN }), [288, 2016]);
    assert.deepEqual(detectPeriods(daily(288 * 7), { stepMs: FIVE_MIN }), [288], 'a 3-day multiple of the daily cycle is not a cycle of its own');
  });

  it('finds a cycle that is no calendar period', () => {
    const r = noise(9);
    const y = Float64Array.from({ length: 600 }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 120) + 2 * r());
    const [p] = detectPeriods(y, { stepMs: 1000 });
    assert.ok(Math.abs(p - 120) <= 2, `period ${p}`);
  });

  it('ignores periods the history cannot hold twice', () => {
    assert.deepEqual(detectPeriods(daily(400), { stepMs: FIVE_MIN }), []);
  });
});

describe('forecast', () => {
  it('uses MSTL on seasonal data and continues the cycle', () => {
    const y = daily(288 * 7);
    const f = forecast(y, { horizon: 288, level: 0.95, stepMs: FIVE_MIN });
    assert.equal(f.model, 'mstl');
    assert.deepEqual(f.periods, [288]);
    assert.equal(f.mean.length, 288);
    // A quarter of a day ahead the sine peaks at 55; half a day later it troughs at 45.
    assert.ok(Math.abs(f.mean[71] - 55) < 1.5, `peak ${f.mean[71]}`);
    assert.ok(Math.abs(f.mean[215] - 45) < 1.5, `trough ${f.mean[215]}`);
    for (let i = 0; i < f.mean.length; i++) {
      assert.ok(f.lower[i] <= f.mean[i] && f.mean[i] <= f.upper[i]);
    }
  });

  it('uses ETS without seasonality and follows a trend', () => {
    const r = noise(11);
    const y = Float64Array.from({ length: 500 }, (_, i) => 10 + i * 0.5 + r());
    const f = forecast(y, { horizon: 10, level: 0.9, stepMs: FIVE_MIN });
    assert.equal(f.model, 'ets');
    assert.ok(f.mean[9] > y[499], 'the forecast continues upwards');
  });

  it('falls back to the last value on short or constant histories, and says so', () => {
    const short = forecast([1, 3, 2], { horizon: 4, level: 0.95, stepMs: 1000 });
    assert.equal(short.model, 'naive');
    assert.deepEqual([...short.mean], [2, 2, 2, 2]);
    assert.match(short.notes[0], /only 3 points/);
    assert.ok(short.upper[3] - short.lower[3] > short.upper[0] - short.lower[0], 'interval widens');
    const flat = forecast(new Array(100).fill(7), { horizon: 2, level: 0.95, stepMs: 1000 });
    assert.equal(flat.model, 'naive');
    assert.deepEqual([...flat.upper], [7, 7]);
    assert.match(flat.notes[0], /constant/);
  });

  it('rejects impossible options with a clear message', () => {
    assert.throws(() => forecast([1, 2, 3], { horizon: 0, level: 0.95, stepMs: 1000 }), /at least one step/);
    assert.throws(() => forecast([1, 2, 3], { horizon: 1, level: 1.5, stepMs: 1000 }), /between 0 and 1/);
    assert.throws(() => forecast([1], { horizon: 1, level: 0.9, stepMs: 1000 }), /at least 2 points/);
  });

  it('gives the normal quantiles used for intervals', () => {
    assert.ok(Math.abs(normalQuantile(0.95) - 1.959964) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.8) - 1.281552) < 1e-5);
    assert.ok(Math.abs(normalQuantile(0.999) - 3.290527) < 1e-4);
  });
});
