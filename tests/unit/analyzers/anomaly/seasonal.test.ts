import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seasonalResidualScore } from '../../../../backend/analyzers/anomaly/seasonal';
import { DAY, daily, flagged, flat, times } from './helpers';

describe('seasonal-residual detector, batch (MSTL in-sample)', () => {
  it('flags a spike and only the spike (no echo of it a period apart)', () => {
    const y = daily(DAY * 10);
    y[2000] += 30;
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y }, { mode: 'batch' });
    assert.equal(r.mode, 'batch');
    assert.deepEqual(r.periods, [DAY]);
    assert.deepEqual(flagged(r.flag), [2000]);
  });

  it('does not flag the seasonal pattern', () => {
    const y = daily(DAY * 10, 3);
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y }, { mode: 'batch' });
    assert.deepEqual(flagged(r.flag), []);
  });

  it('has a band that follows the season', () => {
    const y = daily(DAY * 10);
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y }, { mode: 'batch' });
    const peak = DAY * 5 + DAY / 4;
    const trough = DAY * 5 + (3 * DAY) / 4;
    assert.ok(r.lower[peak] > r.upper[trough]);
    assert.ok(Math.abs(r.expected[peak] - 60) < 1 && Math.abs(r.expected[trough] - 40) < 1);
    let inside = 0;
    for (let i = 0; i < y.length; i++) {
      inside += r.lower[i] <= y[i] && y[i] <= r.upper[i] ? 1 : 0;
    }
    assert.equal(inside, y.length);
  });

  it('falls back to a rolling median without a season, and says so in periods', () => {
    const y = flat(600);
    y[300] += 10;
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y }, { mode: 'batch' });
    assert.deepEqual(r.periods, []);
    assert.deepEqual(flagged(r.flag), [300]);
  });
});

describe('seasonal-residual detector, online', () => {
  it('flags a spike on a seasonal series', () => {
    const y = daily(DAY * 10);
    y[2000] += 30;
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y });
    assert.equal(r.mode, 'online');
    assert.deepEqual(flagged(r.flag), [2000]);
  });

  it('flags a level shift at its first point', () => {
    const y = flat(2000);
    for (let i = 1500; i < y.length; i++) {
      y[i] += 5;
    }
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y });
    assert.equal(flagged(r.flag)[0], 1500);
  });

  it('has a band that follows the season', () => {
    const y = daily(DAY * 10);
    const r = seasonalResidualScore({ timestamps: times(y.length), values: y });
    const peak = DAY * 9 + DAY / 4;
    const trough = DAY * 9 + (3 * DAY) / 4;
    assert.ok(r.lower[peak] > r.upper[trough]);
    assert.ok(r.lower[peak] <= y[peak] && y[peak] <= r.upper[peak]);
  });

  it('is causal: a point scores the same whatever comes after it', () => {
    const y = daily(DAY * 6);
    y[1200] += 15;
    const ts = times(y.length);
    const full = seasonalResidualScore({ timestamps: ts, values: y });
    for (const cut of [400, 1201, 1500]) {
      const prefix = seasonalResidualScore({ timestamps: ts.slice(0, cut), values: y.slice(0, cut) });
      assert.deepEqual([...prefix.score], [...full.score.slice(0, cut)], `prefix of ${cut}`);
      assert.deepEqual([...prefix.lower], [...full.lower.slice(0, cut)]);
    }
  });
});
