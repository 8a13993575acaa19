import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capacity } from '../../../backend/analyzers/capacity/capacity';
import type { Forecast } from '../../../backend/analyzers/forecast/forecast';

/** Usage rising by `slope` a step from `start`, with a band of ±`band`. */
function rising(start: number, slope: number, steps: number, band: number): Forecast {
  const mean = Float64Array.from({ length: steps }, (_, i) => start + slope * (i + 1));
  return { model: 'ets', periods: [], level: 0.95, mean, lower: mean.map((v) => v - band), upper: mean.map((v) => v + band), notes: [] };
}

describe('capacity', () => {
  it('gives the time to exhaustion, headroom at the horizon and a larger limit for rising usage', () => {
    // 50 now, +5 a step for 20 steps: the mean reaches 100 at step 10, the upper bound (±4) at step 10 too (96 at 9 is under).
    const c = capacity(50, rising(50, 5, 20, 4), { limit: 100, target: 0.8 });
    assert.equal(c.utilisation, 0.5);
    assert.equal(c.exhaustionSteps, 10);
    assert.equal(c.earliestExhaustionSteps, 10);
    assert.ok(c.exhaustionProbability > 0.99);
    assert.equal(c.headroom, 100 - 150);
    assert.equal(c.peak, 154);
    assert.ok(Math.abs(c.recommendedLimit - 154 / 0.8) < 1e-9);
    assert.equal(c.action, 'increase');
    assert.match(c.recommendation, /raise the limit from 100 to 193/);
  });

  it('recommends replicas when the limit is shared across replicas', () => {
    // Peak 154 of 100 over 3 replicas: 3 × 1.54 / 0.8 = 5.775, so 6 replicas.
    const c = capacity(50, rising(50, 5, 20, 4), { limit: 100, target: 0.8, replicas: 3 });
    assert.equal(c.recommendedReplicas, 6);
    assert.match(c.recommendation, /scale out from 3 to 6 replicas/);
  });

  it('keeps a resource whose peak stays between half the target and the target', () => {
    const c = capacity(50, rising(50, 0, 20, 5), { limit: 100, target: 0.8 });
    assert.equal(c.exhaustionSteps, undefined);
    assert.equal(c.action, 'keep');
    assert.ok(c.exhaustionProbability < 1e-6);
    assert.ok(Math.abs(c.headroomRatio - 0.5) < 1e-12);
  });

  it('suggests shrinking an oversized resource, and fewer replicas', () => {
    const c = capacity(10, rising(10, 0, 20, 2), { limit: 100, target: 0.8, replicas: 4 });
    assert.equal(c.action, 'decrease');
    assert.equal(c.recommendedReplicas, 1); // 4 × 0.12 / 0.8 = 0.6 → at least one
    assert.match(c.recommendation, /scale in from 4 to 1 replicas/);
  });

  it('reports usage already over the limit as exhausted now', () => {
    const c = capacity(120, rising(120, 0, 5, 1), { limit: 100, target: 0.8 });
    assert.equal(c.exhaustionSteps, 0);
    assert.equal(c.exhaustionProbability, 1);
    assert.ok(c.headroom < 0);
  });

  it('refuses a limit, target or replica count that means nothing', () => {
    const f = rising(1, 0, 3, 1);
    assert.throws(() => capacity(1, f, { limit: 0, target: 0.8 }), /limit must be a positive number/);
    assert.throws(() => capacity(1, f, { limit: NaN, target: 0.8 }), /limit must be a positive number/);
    assert.throws(() => capacity(1, f, { limit: 10, target: 1.5 }), /target utilisation must be in \(0, 1\]/);
    assert.throws(() => capacity(1, f, { limit: 10, target: 0.8, replicas: 2.5 }), /replicas must be a whole number/);
    assert.throws(() => capacity(NaN, f, { limit: 10, target: 0.8 }), /current usage must be a finite number/);
  });
});
