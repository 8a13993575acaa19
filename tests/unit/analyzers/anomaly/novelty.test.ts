import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noveltyScore } from '../../../../backend/analyzers/anomaly/novelty';
import { DAY, daily, flagged, flat, noise, times } from './helpers';

describe('novelty detector', () => {
  it('flags a spike, and nothing else on a seasonal series', () => {
    const y = daily(DAY * 10);
    y[2000] += 30;
    const r = noveltyScore({ timestamps: times(y.length), values: y });
    assert.deepEqual(flagged(r.flag), [2000]);
    assert.ok(r.score[2000] > 0.9, `score ${r.score[2000]}`);
  });

  it('does not flag a seasonal pattern it has seen', () => {
    const y = daily(DAY * 10, 3);
    const r = noveltyScore({ timestamps: times(y.length), values: y });
    assert.deepEqual(flagged(r.flag), []);
    assert.deepEqual(r.periods, [DAY]);
  });

  it('flags a level shift at its first point', () => {
    const y = flat(2000);
    for (let i = 1500; i < y.length; i++) {
      y[i] += 5;
    }
    const r = noveltyScore({ timestamps: times(y.length), values: y });
    assert.equal(flagged(r.flag)[0], 1500);
    assert.ok(r.score[1500] > 0.9);
  });

  it('flags a daily peak that does not come, through the seasonal context only', () => {
    // A flat day-time level with a peak every afternoon; on day 8 the peak is missing. Every value of
    // that day was seen before, just never at that time of day.
    const r0 = noise(5);
    const y = Float64Array.from({ length: DAY * 10 }, (_, i) => {
      const phase = i % DAY;
      const peak = phase >= 150 && phase < 170 && Math.floor(i / DAY) !== 8 ? 20 : 0;
      return 30 + peak + r0();
    });
    const ts = times(y.length);
    const missing = DAY * 8 + 150;
    const withContext = noveltyScore({ timestamps: ts, values: y });
    const hits = flagged(withContext.flag);
    assert.ok(hits.length > 0 && hits[0] >= missing && hits[0] < missing + 20, `flags ${hits}`);
    const without = noveltyScore({ timestamps: ts, values: y }, { contextWeight: 0 });
    assert.deepEqual(flagged(without.flag), []);
  });

  it('judges each point against a band that follows the season', () => {
    const y = daily(DAY * 10);
    const r = noveltyScore({ timestamps: times(y.length), values: y });
    const peak = DAY * 9 + DAY / 4; // sin = 1
    const trough = DAY * 9 + (3 * DAY) / 4; // sin = −1
    assert.ok(r.lower[peak] > r.upper[trough], `peak band [${r.lower[peak]}, ${r.upper[peak]}], trough band [${r.lower[trough]}, ${r.upper[trough]}]`);
    for (const i of [peak, trough]) {
      assert.ok(r.lower[i] <= y[i] && y[i] <= r.upper[i]);
      assert.ok(Math.abs(r.expected[i] - y[i]) < 2);
    }
  });

  it('learns a recurring spike: only its first occurrence is novel', () => {
    const y = flat(3000);
    for (let i = 1000; i < y.length; i += 200) {
      y[i] = 70 + (i % 3) * 0.05;
    }
    const r = noveltyScore({ timestamps: times(y.length), values: y });
    assert.deepEqual(flagged(r.flag), [1000]);
  });

  it('is causal: a point scores the same whatever comes after it', () => {
    const y = daily(DAY * 8);
    y[1700] -= 25;
    const ts = times(y.length);
    const full = noveltyScore({ timestamps: ts, values: y });
    for (const cut of [800, 1701, 2000]) {
      const prefix = noveltyScore({ timestamps: ts.slice(0, cut), values: y.slice(0, cut) });
      assert.deepEqual([...prefix.score], [...full.score.slice(0, cut)], `prefix of ${cut}`);
      assert.deepEqual([...prefix.upper], [...full.upper.slice(0, cut)]);
    }
  });

  it('has no batch mode', () => {
    assert.throws(() => noveltyScore({ timestamps: [0, 1], values: [1, 2] }, { mode: 'batch' }), RangeError);
  });
});
