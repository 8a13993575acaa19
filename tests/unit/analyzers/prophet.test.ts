import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { forecast, prepareForecastMethod } from '../../../backend/analyzers/forecast/forecast';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5); // a Monday, midnight

/** A daily cycle on a rising trend with deterministic noise (a fixed-seed LCG). */
function series(n: number): number[] {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.6;
  return Array.from({ length: n }, (_, i) => 50 + 0.05 * i + 8 * Math.sin((2 * Math.PI * i) / 24) + noise());
}

describe('Prophet forecast', () => {
  before(() => prepareForecastMethod('prophet'));

  it('forecasts a daily cycle on a trend with small error and a band covering most held-out points', () => {
    const all = series(24 * 21 + 48);
    const history = all.slice(0, 24 * 21);
    const heldOut = all.slice(24 * 21);
    const f = forecast(history, { horizon: 48, level: 0.9, stepMs: HOUR, method: 'prophet', startMs: START });
    assert.equal(f.model, 'prophet');
    assert.equal(f.level, 0.9);
    assert.deepEqual(f.periods, [24, 168]);
    assert.equal(f.mean.length, 48);
    let absErr = 0;
    let covered = 0;
    for (let h = 0; h < 48; h++) {
      absErr += Math.abs(f.mean[h] - heldOut[h]);
      if (f.lower[h] <= heldOut[h] && heldOut[h] <= f.upper[h]) covered++;
      assert.ok(f.lower[h] < f.mean[h] && f.mean[h] < f.upper[h], `band ordered at ${h}`);
    }
    // The cycle's amplitude is 8 and the noise ±0.3: a model that missed the cycle or the trend errs by several units.
    assert.ok(absErr / 48 < 0.6, `mean absolute error ${absErr / 48}`);
    assert.ok(covered >= 0.8 * 48, `${covered}/48 held-out points inside the 90% band`);
  });

  it('widens the band with the level', () => {
    const y = series(24 * 14);
    const narrow = forecast(y, { horizon: 24, level: 0.5, stepMs: HOUR, method: 'prophet', startMs: START });
    const wide = forecast(y, { horizon: 24, level: 0.99, stepMs: HOUR, method: 'prophet', startMs: START });
    const width = (f: typeof narrow) => f.upper.reduce((s, u, i) => s + u - f.lower[i], 0);
    assert.ok(width(wide) > 2 * width(narrow), `99% band ${width(wide)} vs 50% band ${width(narrow)}`);
  });

  it('falls back, and says so, on histories Prophet is not fitted to', () => {
    const f = forecast([1, 2, 3, 4], { horizon: 5, level: 0.9, stepMs: HOUR, method: 'prophet' });
    assert.equal(f.model, 'naive');
    assert.match(f.notes.join(), /only 4 points/);
  });
});
