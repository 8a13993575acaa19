// Prophet forecast of one regular series: piecewise-linear trend with changepoints plus Fourier
// seasonalities, fitted by Stan's optimizer. Prophet chooses its own daily, weekly and yearly terms
// from the span and spacing of the timestamps, so the series is given real times (startMs/stepMs).

import { Prophet, prophetOptimizer } from '../models/prophet';
import { calendarPeriods } from './seasonality';

export interface ProphetForecastOptions {
  horizon: number;
  level: number;
  stepMs: number;
  /** Time of the first point (epoch ms); only the spacing matters to the fit, but real times keep day and week aligned. */
  startMs?: number;
}

export interface ProphetBand {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** The calendar periods (in steps) Prophet's automatic seasonalities cover for this history. */
  periods: number[];
}

export function prophetForecast(y: ArrayLike<number>, o: ProphetForecastOptions): ProphetBand {
  const n = y.length;
  const startS = (o.startMs ?? 0) / 1000;
  const stepS = o.stepMs / 1000;
  const ds = Array.from({ length: n }, (_, i) => startS + i * stepS);
  using p = new Prophet({ optimizer: prophetOptimizer(), intervalWidth: o.level });
  p.fit({ ds, y: Array.from(y) });
  const future = p.makeFutureDataframe(o.horizon, { includeHistory: false });
  const f = p.predict(future).yhat;
  const mean = Float64Array.from(f.point);
  const lower = Float64Array.from(f.intervals?.lower ?? f.point);
  const upper = Float64Array.from(f.intervals?.upper ?? f.point);
  if (mean.length !== o.horizon) throw new Error(`Prophet returned ${mean.length} steps instead of ${o.horizon}`);
  if (![mean, lower, upper].every((a) => a.every(Number.isFinite))) throw new Error('Prophet produced non-finite values');
  // Prophet turns daily/weekly terms on when the history spans two cycles and is sampled finer than one.
  const periods = calendarPeriods(o.stepMs).filter((p) => n >= 2 * p && p > 1);
  return { mean, lower, upper, periods };
}
