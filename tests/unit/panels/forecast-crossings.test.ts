import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstCrossing } from '../../../src/panels/forecast/crossings';
import { clampWindow, nearestIndex, panWindow, zoomWindow } from '../../../src/panels/forecast/view';

describe('predicted crossing of a threshold', () => {
  const time = [0, 10, 20, 30, 40];
  it('interpolates between the points that straddle it, rising or falling', () => {
    assert.deepEqual(firstCrossing(time, [null, 1, 2, 4, 8], 3), { time: 25, threshold: 3, direction: 'above' });
    assert.deepEqual(firstCrossing(time, [null, 9, 7, 5, 3], 6), { time: 25, threshold: 6, direction: 'below' });
  });
  it('skips gaps and reports none when the line never reaches it', () => {
    assert.deepEqual(firstCrossing(time, [1, null, null, 5, 6], 3), { time: 30 * 0.5, threshold: 3, direction: 'above' });
    assert.equal(firstCrossing(time, [1, 2, 2, 2, 2], 3), undefined);
    assert.equal(firstCrossing(time, [null, null, null, null, null], 3), undefined);
    assert.equal(firstCrossing(time, [3, 4, 5, 6, 7], 3), undefined, 'starting on the threshold is not a predicted crossing');
  });
});

describe('graph time window', () => {
  const full = { from: 0, to: 100_000 };
  it('zooms around the anchor and stays inside the data', () => {
    assert.deepEqual(zoomWindow(full, full, 2, 50_000), { from: 25_000, to: 75_000 });
    assert.deepEqual(zoomWindow(full, full, 2, 0), { from: 0, to: 50_000 });
    assert.deepEqual(zoomWindow({ from: 25_000, to: 75_000 }, full, 0.1, 50_000), full);
  });
  it('pans without leaving the data', () => {
    assert.deepEqual(panWindow({ from: 25_000, to: 75_000 }, full, 10_000), { from: 35_000, to: 85_000 });
    assert.deepEqual(panWindow({ from: 25_000, to: 75_000 }, full, 90_000), { from: 50_000, to: 100_000 });
    assert.deepEqual(clampWindow({ from: -5, to: 10 }, full), { from: 0, to: 1000 });
  });
  it('finds the nearest sample', () => {
    assert.equal(nearestIndex([0, 10, 20], 4), 0);
    assert.equal(nearestIndex([0, 10, 20], 6), 1);
    assert.equal(nearestIndex([0, 10, 20], 99), 2);
    assert.equal(nearestIndex([], 1), -1);
  });
});
