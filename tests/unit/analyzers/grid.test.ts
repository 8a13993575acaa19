import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGrid } from '../../../backend/analyzers/series/grid';

describe('toGrid', () => {
  it('interpolates missing steps and counts them', () => {
    const g = toGrid([0, 1000, 4000], [0, 10, 40], 1000)!;
    assert.deepEqual([...g.values], [0, 10, 20, 30, 40]);
    assert.equal(g.filled, 2);
    assert.equal(g.startMs, 0);
  });

  it('sorts out-of-order samples and keeps the last of duplicates', () => {
    const g = toGrid([2000, 0, 1000, 1000], [2, 0, 5, 1], 1000)!;
    assert.deepEqual([...g.values], [0, 1, 2]);
  });

  it('treats NaN and infinities as missing, and all-missing as no series', () => {
    const g = toGrid([0, 1000, 2000], [1, NaN, 3], 1000)!;
    assert.deepEqual([...g.values], [1, 2, 3]);
    assert.equal(toGrid([0, 1000], [NaN, Infinity], 1000), undefined);
  });
});
