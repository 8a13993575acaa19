import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { erfc, log10TwoSidedNormalTail, normalQuantile, SlidingWindow } from '../../../../backend/analyzers/anomaly/stats';
import { pToScore, scoreFromLog10P, scoreToP } from '../../../../backend/analyzers/anomaly/types';

describe('anomaly stats', () => {
  it('SlidingWindow keeps the last values sorted: quantiles and nearest value after evictions', () => {
    const w = new SlidingWindow(4);
    for (const v of [5, 1, 9, 3, 7, NaN]) {
      w.push(v);
    }
    // Holds 1, 9, 3, 7 (5 evicted, NaN ignored).
    assert.equal(w.size, 4);
    assert.equal(w.quantile(0), 1);
    assert.equal(w.quantile(1), 9);
    assert.equal(w.quantile(0.5), 5);
    assert.equal(w.nearestDistance(5), 2);
    assert.equal(w.nearestDistance(12), 3);
    assert.equal(new SlidingWindow(2).nearestDistance(1), Infinity);
  });

  it('normal tails, far beyond what a double holds', () => {
    assert.ok(Math.abs(erfc(1) - 0.157299207050285) < 1e-15);
    assert.ok(Math.abs(log10TwoSidedNormalTail(1.959963985) - Math.log10(0.05)) < 1e-8);
    // Continuous where the asymptotic series takes over, and finite where the probability underflows.
    assert.ok(Math.abs(log10TwoSidedNormalTail(30 - 1e-9) - log10TwoSidedNormalTail(30)) < 1e-6);
    assert.ok(Number.isFinite(log10TwoSidedNormalTail(100)) && log10TwoSidedNormalTail(100) < -2000);
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959963985) < 1e-8);
  });

  it('scores: 0.5 at p = 1e-4, monotone, never saturating short of p = 0', () => {
    assert.equal(pToScore(1), 0);
    assert.ok(Math.abs(pToScore(1e-4) - 0.5) < 1e-12);
    assert.ok(pToScore(1e-300) < scoreFromLog10P(-2000));
    assert.ok(scoreFromLog10P(-2000) < 1);
    assert.equal(pToScore(0), 1);
    assert.ok(Math.abs(scoreToP(0.5) - 1e-4) < 1e-16);
  });
});
