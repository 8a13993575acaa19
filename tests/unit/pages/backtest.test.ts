import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backtest } from '../../../src/pages/data/backtest';
import { frame } from './frames';

const step = 60_000;
const t = (i: number) => 1_700_000_000_000 + i * step;
const labels = { service: 'api' };

/** A forecast frame as of point 3: history 0..3, forecast 4..6 (the prediction joins at 3). */
const past = frame(
  '{service="api"}',
  [
    { name: 'time', type: 'time', values: [0, 1, 2, 3, 4, 5, 6].map(t) },
    { name: 'actual', values: [10, 10, 10, 10, null, null, null], labels },
    { name: 'predicted', values: [null, null, null, 10, 10, 10, 10], labels },
    { name: 'lower', values: [null, null, null, 10, 9, 9, 9], labels },
    { name: 'upper', values: [null, null, null, 10, 11, 11, 11], labels },
  ],
  { custom: { level: 0.95, stepMs: step, model: 'ets' } },
);

describe('backtest', () => {
  it('compares the forecast with what was observed later, at matching times', () => {
    // Observed later, on a grid 10 s off the forecast's: 11 (inside), 12.5 (outside), 5 (outside, 50% off).
    const later = frame('{service="api"}', [
      { name: 'time', type: 'time', values: [3, 4, 5, 6].map((i) => t(i) + 10_000) },
      { name: 'actual', values: [10, 11, 12.5, 5], labels },
    ]);
    const [b] = backtest([past], [later]);
    assert.equal(b.points, 3);
    assert.ok(Math.abs(b.mae! - (1 + 2.5 + 5) / 3) < 1e-9);
    assert.ok(Math.abs(b.mape! - (1 / 11 + 2.5 / 12.5 + 5 / 5) / 3) < 1e-9);
    assert.ok(Math.abs(b.coverage! - 1 / 3) < 1e-9);
    assert.equal(b.level, 0.95);
    assert.equal(b.model, 'ets');
  });

  it('does not count points too far from any observation, nor series seen only once', () => {
    const later = frame('{service="api"}', [
      { name: 'time', type: 'time', values: [t(4) + 45_000] },
      { name: 'actual', values: [10], labels },
    ]);
    const [b] = backtest([past], [later]);
    assert.equal(b.points, 1, 'only point 5 lies within half a step of the observation');
    assert.deepEqual(backtest([past], []), []);
  });
});
