import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Forecast } from '../../../backend/analyzers/forecast/forecast';
import { normalCdf, thresholdCrossing } from '../../../backend/analyzers/predict/crossing';

/** A rising forecast 10, 20, …, 100 with a band of ±5 at 95%. */
const rising: Forecast = {
  model: 'ets',
  periods: [],
  level: 0.95,
  mean: Float64Array.from({ length: 10 }, (_, i) => 10 * (i + 1)),
  lower: Float64Array.from({ length: 10 }, (_, i) => 10 * (i + 1) - 5),
  upper: Float64Array.from({ length: 10 }, (_, i) => 10 * (i + 1) + 5),
  notes: [],
};

describe('thresholdCrossing', () => {
  it('gives expected, earliest and latest crossing steps and a probability', () => {
    const c = thresholdCrossing(0, rising, 52, 'above');
    assert.equal(c.expectedSteps, 6); // mean 60 is the first >= 52
    assert.equal(c.earliestSteps, 5); // upper 55
    assert.equal(c.latestSteps, 6); // lower 55 >= 52 at step 6
    assert.ok(c.probability > 0.99);
    assert.equal(c.alreadyCrossed, false);
  });

  it('says "not within the horizon" and a small probability for a far threshold', () => {
    const c = thresholdCrossing(0, rising, 500, 'above');
    assert.equal(c.expectedSteps, undefined);
    assert.ok(c.probability < 1e-6);
  });

  it('gives about one half when the last mean sits on the threshold', () => {
    const c = thresholdCrossing(0, rising, 100, 'above');
    assert.ok(Math.abs(c.probability - 0.5) < 0.01, String(c.probability));
  });

  it('handles a falling threshold and an already crossed one', () => {
    const c = thresholdCrossing(0, rising, 5, 'below');
    assert.equal(c.alreadyCrossed, true);
    assert.equal(c.probability, 1);
    const falling = thresholdCrossing(200, { ...rising, mean: rising.mean.map((v) => 200 - v), lower: rising.upper.map((v) => 200 - v), upper: rising.lower.map((v) => 200 - v) }, 150, 'below');
    assert.equal(falling.expectedSteps, 5);
  });

  it('rejects a non-finite threshold', () => {
    assert.throws(() => thresholdCrossing(0, rising, NaN, 'above'), /finite number/);
  });

  it('has a standard normal CDF', () => {
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
  });
});
