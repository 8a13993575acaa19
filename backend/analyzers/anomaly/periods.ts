// Seasonal periods for the anomaly detectors, on top of the forecaster's detectPeriods: the same
// candidates (calendar periods and periodogram peaks, kept if the autocorrelation is strong), plus
// one more condition, that the autocorrelation peaks at the period: higher than a quarter period
// either side. A smooth, persistent series (CPU that drifts) has a high autocorrelation at every
// short lag, so detectPeriods' check (ACF(p) > ACF(p/2)) lets short "periods" through that are only
// persistence; comparing series values at "the same phase" of such a period adds noise, not context.

import { autocorrelation, detectPeriods } from '../forecast/seasonality';
import { ensureAugurs } from '../models/augurs';
import { toGrid } from '../series/grid';

export interface PeriodOptions {
  stepMs: number;
  /** Cycles the data must hold (default 2). */
  minCycles?: number;
  /** Shortest period kept, in ms (default 0). */
  minPeriodMs?: number;
}

/**
 * Periods in steps of `stepMs`, ascending, each a peak of the autocorrelation. The samples are put
 * on a regular grid first (gaps interpolated), so that a period in steps is a period in time even
 * when samples are missing. Missing values are carried forward.
 */
export function seasonalPeriods(timestamps: ArrayLike<number>, values: ArrayLike<number>, options: PeriodOptions): number[] {
  const grid = toGrid(timestamps, values, options.stepMs);
  if (!grid) {
    return [];
  }
  const y = grid.values;
  const n = y.length;
  if (n < 12 || !(options.stepMs > 0)) {
    return [];
  }
  const x = new Float64Array(n);
  let last = NaN;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(y[i])) {
      last = y[i];
    }
    x[i] = last;
    if (Number.isFinite(last)) {
      sum += last;
      count++;
    }
  }
  if (count === 0) {
    return [];
  }
  const fill = sum / count;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) {
      x[i] = fill;
    }
  }
  ensureAugurs();
  const candidates = detectPeriods(x, { stepMs: options.stepMs, minCycles: options.minCycles ?? 2 });
  const centered = x.map((v) => v - fill);
  return candidates.filter((p) => {
    if (p * options.stepMs < (options.minPeriodMs ?? 0)) {
      return false;
    }
    const a = autocorrelation(centered, p);
    return a > autocorrelation(centered, Math.round(0.75 * p)) + 0.1 && a > autocorrelation(centered, Math.round(1.25 * p));
  });
}
