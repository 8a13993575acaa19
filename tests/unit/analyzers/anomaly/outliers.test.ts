import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seriesOutliers } from '../../../../backend/analyzers/anomaly/outliers';
import { SeriesError } from '../../../../backend/analyzers/series/grid';
import { noise } from './helpers';

const MIN = 60_000;

function hosts(count: number, odd: number, from: number, n = 100) {
  const r = noise(1);
  const ts = Array.from({ length: n }, (_, i) => i * MIN);
  return Array.from({ length: count }, (_, s) => ({ timestamps: ts, values: ts.map((_, i) => 10 + r() + (s === odd && i >= from ? 8 : 0)) }));
}

describe('seriesOutliers', () => {
  for (const method of ['mad', 'dbscan'] as const) {
    it(`finds the host that moves away from the others (${method})`, () => {
      const r = seriesOutliers(hosts(6, 4, 41), { method });
      assert.deepEqual(r.outliers, [4]);
      assert.equal(r.series[4].isOutlier, true);
      assert.equal(r.series[4].intervals[0].startMs, 41 * MIN);
      assert.equal(r.series[0].isOutlier, false);
      assert.equal(r.timestamps.length, 100);
      assert.ok(r.band && r.band.min.length === 100);
    });
  }

  it('aligns series that cover different ranges on their common range', () => {
    const g = hosts(5, 2, 50);
    g[0] = { timestamps: g[0].timestamps.slice(10), values: g[0].values.slice(10) };
    g[1] = { timestamps: g[1].timestamps.slice(0, 90), values: g[1].values.slice(0, 90) };
    const r = seriesOutliers(g);
    assert.equal(r.timestamps[0], 10 * MIN);
    assert.equal(r.timestamps.length, 80);
    assert.deepEqual(r.outliers, [2]);
  });

  it('says so instead of guessing with fewer than three series', () => {
    const r = seriesOutliers(hosts(2, 1, 10));
    assert.deepEqual(r.outliers, []);
    assert.ok(r.notes.some((n) => /at least 3/.test(n)));
  });

  it('leaves out a series without data, and fails clearly when nothing can be compared', () => {
    const g = hosts(5, 3, 60);
    g.push({ timestamps: g[0].timestamps, values: g[0].values.map(() => NaN) });
    const r = seriesOutliers(g);
    assert.equal(r.series[5].excluded, true);
    assert.deepEqual(r.outliers, [3]);
    const apart = [
      { timestamps: [0, MIN], values: [1, 2] },
      { timestamps: [10 * MIN, 11 * MIN], values: [1, 2] },
    ];
    assert.throws(() => seriesOutliers(apart), (e: Error) => e instanceof SeriesError && /overlap/.test(e.message));
    assert.throws(() => seriesOutliers(hosts(3, 0, 0), { sensitivity: 1 }), SeriesError);
  });
});
