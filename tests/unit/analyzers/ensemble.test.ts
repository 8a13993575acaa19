import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forecast } from '../../../backend/analyzers/forecast/forecast';

const HOUR = 3_600_000;

/** Hourly data whose daily cycle grows with the level (multiplicative), with seeded noise. */
function multiplicative(n: number): Float64Array {
  let s = 5;
  return Float64Array.from({ length: n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const level = 100 * Math.exp(i / 400);
    return level * (1 + 0.5 * Math.sin((2 * Math.PI * i) / 24)) * (1 + 0.02 * (s / 2 ** 31 - 0.5));
  });
}

const mae = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('ensemble forecast', () => {
  it('averages the three best candidates on the holdout, names them, and keeps the band ordered', () => {
    const y = multiplicative(24 * 30);
    const f = forecast(y, { horizon: 48, level: 0.95, stepMs: HOUR, method: 'ensemble' });
    assert.equal(f.model, 'ensemble');
    assert.equal(f.members?.length, 3);
    assert.match(f.notes.join(), /average of the 3 best of \d+ models on the last 48 steps/);
    for (let h = 0; h < 48; h++) assert.ok(f.lower[h] <= f.mean[h] && f.mean[h] <= f.upper[h], `band at ${h}`);
    assert.ok(f.members!.some((m) => m.endsWith('on log')), `a multiplicative cycle is fitted on the log: ${f.members}`);
  });

  it('forecasts a multiplicative cycle better than the single-model default', () => {
    const all = multiplicative(24 * 30 + 48);
    const train = all.subarray(0, 24 * 30);
    const test = all.subarray(24 * 30);
    const single = forecast(train, { horizon: 48, level: 0.95, stepMs: HOUR });
    const ensemble = forecast(train, { horizon: 48, level: 0.95, stepMs: HOUR, method: 'ensemble' });
    assert.ok(mae(ensemble.mean, test) < mae(single.mean, test), `ensemble ${mae(ensemble.mean, test)} vs ${single.model} ${mae(single.mean, test)}`);
  });

  it('falls back like the default on short and constant series, and refuses an unknown method', () => {
    assert.equal(forecast([1, 2, 3], { horizon: 2, level: 0.9, stepMs: HOUR, method: 'ensemble' }).model, 'naive');
    assert.equal(forecast(new Array(50).fill(4), { horizon: 2, level: 0.9, stepMs: HOUR, method: 'ensemble' }).model, 'naive');
    assert.throws(() => forecast([1, 2, 3], { horizon: 2, level: 0.9, stepMs: HOUR, method: 'magic' as never }), /unknown forecast method "magic"/);
  });
});
