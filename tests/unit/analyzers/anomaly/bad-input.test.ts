import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectAnomalies, UnknownDetectorError } from '../../../../backend/analyzers/anomaly';
import type { AnomalyMode } from '../../../../backend/analyzers/anomaly/types';
import { SeriesError } from '../../../../backend/analyzers/series/grid';
import { flagged, times } from './helpers';

const CASES: Array<[string, AnomalyMode]> = [
  ['novelty', 'online'],
  ['seasonal-residual', 'online'],
  ['seasonal-residual', 'batch'],
];

function wellFormed(r: ReturnType<typeof detectAnomalies>, n: number): void {
  assert.equal(r.score.length, n);
  assert.equal(r.flag.length, n);
  for (const s of r.score) {
    assert.ok(s >= 0 && s <= 1, `score ${s}`);
  }
}

for (const [detector, mode] of CASES) {
  describe(`bad input: ${detector} (${mode})`, () => {
    const run = (ts: ArrayLike<number>, ys: ArrayLike<number>, extra = {}) => detectAnomalies(detector, { timestamps: ts, values: ys }, { mode, warmup: 20, ...extra });

    it('a constant series: scores 0', () => {
      const r = run(times(500), new Float64Array(500).fill(5));
      wellFormed(r, 500);
      assert.deepEqual(flagged(r.flag), []);
      assert.ok(r.score.every((s) => s === 0));
    });

    it('all NaN: a clear error', () => {
      assert.throws(() => run(times(50), new Float64Array(50).fill(NaN)), (e: Error) => e instanceof SeriesError && /no finite value/.test(e.message));
    });

    it('no points, or timestamps and values of different lengths: a clear error', () => {
      assert.throws(() => run([], []), SeriesError);
      assert.throws(() => run([0, 1], [1]), (e: Error) => e instanceof SeriesError && /2 timestamps but 1 values/.test(e.message));
    });

    it('one point: score 0, no band, and a note saying why', () => {
      const r = run([1000], [42]);
      wellFormed(r, 1);
      assert.equal(r.score[0], 0);
      assert.ok(Number.isNaN(r.lower[0]));
      assert.equal(r.warmup, 1);
      assert.ok(r.notes.length > 0);
    });

    it('huge values: finite scores, the spike still found, the band in the input units', () => {
      const ys = Float64Array.from({ length: 600 }, (_, i) => (1 + 0.01 * Math.sin(i)) * 1e300);
      ys[500] = 1.7e308;
      const r = run(times(600), ys);
      wellFormed(r, 600);
      assert.ok(r.flag[500] === 1, `score ${r.score[500]}`);
      assert.ok(r.notes.some((n) => /scaled/.test(n)));
      assert.ok(r.upper[400] > 9e299 && r.upper[400] < 2e300, `upper ${r.upper[400]}`);
    });

    it('out-of-order and duplicate timestamps: sorted, the last duplicate kept, both noted', () => {
      const ts = [3000, 1000, 2000, 2000, 0];
      const ys = [3, 1, 2, 20, 0];
      const r = run(ts, ys);
      assert.deepEqual([...r.timestamps], [0, 1000, 2000, 3000]);
      assert.deepEqual([...r.values], [0, 1, 20, 3]);
      assert.ok(r.notes.some((n) => /out of order/.test(n)));
      assert.ok(r.notes.some((n) => /duplicate/.test(n)));
    });

    it('NaN and infinite values inside: score 0 and no band there, noted, the rest scored', () => {
      const ys = Float64Array.from({ length: 400 }, (_, i) => 10 + Math.sin(i / 5) + 0.01 * ((i * 7919) % 13));
      ys[200] = NaN;
      ys[201] = Infinity;
      ys[300] = 40;
      const r = run(times(400), ys);
      wellFormed(r, 400);
      assert.equal(r.score[200], 0);
      assert.equal(r.score[201], 0);
      assert.ok(Number.isNaN(r.upper[200]));
      assert.ok(r.flag[300] === 1);
      assert.ok(r.notes.some((n) => /2 missing value/.test(n)));
    });
  });
}

describe('bad input: detector-specific', () => {
  it('novelty: a constant series that changes scores 1 (no range to measure against)', () => {
    const ys = new Float64Array(300).fill(5);
    ys[250] = 5.001;
    const r = detectAnomalies('novelty', { timestamps: times(300), values: ys }, { warmup: 20 });
    assert.equal(r.score[250], 1);
    assert.deepEqual(flagged(r.flag), [250]);
  });

  it('seasonal-residual online: a constant series that changes scores 1', () => {
    const ys = new Float64Array(300).fill(5);
    ys[250] = 5.001;
    const r = detectAnomalies('seasonal-residual', { timestamps: times(300), values: ys });
    assert.equal(r.score[250], 1);
  });

  it('unknown detector, missing mode, bad options: clear errors', () => {
    const s = { timestamps: [0, 1], values: [1, 2] };
    assert.throws(() => detectAnomalies('nope', s), UnknownDetectorError);
    assert.throws(() => detectAnomalies('novelty', s, { mode: 'batch' }), /no batch mode/);
    assert.throws(() => detectAnomalies('novelty', s, { tolerance: -1 }), RangeError);
    assert.throws(() => detectAnomalies('seasonal-residual', s, { threshold: 2 }), /threshold/);
  });
});
