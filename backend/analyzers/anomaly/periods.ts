// Seasonal periods for the anomaly detectors, on top of the forecaster's detectPeriods: the same
// candidates and checks, on a regular grid (so that a period in steps is a period in time when
// samples are missing), plus one more condition, that the autocorrelation peaks at the period:
// higher than a quarter period either side. A smooth, persistent series (CPU that drifts) has a high
// autocorrelation at every short lag, and comparing values at "the same phase" of a period that is
// only persistence adds noise, not context. (Since detectPeriods gained its prominence check this
// guard rarely changes the answer; on the NAB files it moved one profile score by 0.3.)

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

/**
 * The seasonal period of a stream as known at each point, from the points before it only: detected
 * once `first` points have been seen, then again each time the past has grown by half (the period
 * of a series rarely changes; its detection becomes possible as cycles accumulate). The longest
 * period found is used (it holds the shorter ones: last week at this time was also this time of
 * day). With `fixed`, that period throughout, and no detection.
 */
export class PeriodTracker {
  private period = 0;
  private nextCheck: number;

  constructor(
    private readonly timestamps: Float64Array,
    private readonly values: Float64Array,
    private readonly options: PeriodOptions & { first: number; fixed?: number[] },
  ) {
    if (options.fixed !== undefined) {
      this.period = options.fixed.length > 0 ? Math.max(...options.fixed) : 0;
      this.nextCheck = Infinity;
    } else {
      this.nextCheck = Number.isFinite(options.stepMs) && options.stepMs > 0 ? options.first : Infinity;
    }
  }

  /** The period in steps (0: none) to use at index t. */
  at(t: number): number {
    if (t >= this.nextCheck) {
      const found = seasonalPeriods(this.timestamps.subarray(0, t), this.values.subarray(0, t), this.options);
      this.period = found.length > 0 ? Math.max(...found) : 0;
      this.nextCheck = t + Math.max(this.options.first, Math.floor(t / 2));
    }
    return this.period;
  }
}

/** Index of the point within half a step of time `at` among the sorted timestamps before index `before`; -1 if none. */
export function indexNear(ts: Float64Array, before: number, at: number, halfStep: number): number {
  let lo = 0;
  let hi = before;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < at - halfStep) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < before && Math.abs(ts[lo] - at) <= halfStep ? lo : -1;
}
