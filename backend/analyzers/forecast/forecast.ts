// Forecasts one regular series: MSTL (seasonal decomposition, trend by AutoETS) when the data has
// seasonal periods, AutoETS when it has none, and a naive forecast when the history is too short
// or a model cannot be fitted — always saying which in `model` and `notes`. The `ensemble` method
// chooses and averages models per series on a holdout instead (ensemble.ts): more accurate, and
// about ten times the work. The `prophet` method fits Prophet (prophet.ts); its optimizer loads
// asynchronously, so callers await prepareForecastMethod() first.

import { AutoETS, MSTL, ensureAugurs } from '../models/augurs';
import { SeriesError, stdDev } from '../series/grid';
import { ensembleForecast } from './ensemble';
import { ensureProphet } from '../models/prophet';
import { prophetForecast } from './prophet';
import { calendarPeriods, detectPeriods } from './seasonality';

export type ForecastModel = 'mstl' | 'ets' | 'naive' | 'ensemble' | 'prophet';
export type ForecastMethod = 'auto' | 'ensemble' | 'prophet';
export const FORECAST_METHODS: readonly ForecastMethod[] = ['auto', 'ensemble', 'prophet'];
/** "auto, ensemble or prophet", for messages. */
export const FORECAST_METHOD_LIST = `${FORECAST_METHODS.slice(0, -1).join(', ')} or ${FORECAST_METHODS.at(-1)}`;

/** Loads what a method needs before its first forecast (Prophet's optimizer); a no-op for the others. */
export async function prepareForecastMethod(method: ForecastMethod | undefined): Promise<void> {
  if (method === 'prophet') await ensureProphet();
}

export interface ForecastOptions {
  /** Steps to forecast past the last sample. */
  horizon: number;
  /** Interval coverage in (0, 1), e.g. 0.95. */
  level: number;
  stepMs: number;
  /** Seasonal periods in steps; detected from the data when omitted. */
  periods?: number[];
  /** `auto` (default): one model by the periods found; `ensemble`: models chosen and averaged on a holdout; `prophet`: Prophet. */
  method?: ForecastMethod;
  /** Time of the first point (epoch ms), which Prophet uses to align its daily and weekly terms. */
  startMs?: number;
}

export interface Forecast {
  model: ForecastModel;
  periods: number[];
  level: number;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Why the result is what it is: fallbacks, dropped periods. Empty when nothing needs saying. */
  notes: string[];
  /** The models an ensemble averaged. */
  members?: string[];
}

/** Fewer points than this and no model is fitted: the forecast is the last value. */
export const MIN_MODEL_POINTS = 10;
export const MIN_POINTS = 2;

/** Two-sided standard normal quantile for a coverage level (Acklam's rational approximation). */
export function normalQuantile(level: number): number {
  const p = 1 - (1 - level) / 2;
  const a = [-39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [-0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497, 2.93816398269878];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const plow = 0.02425;
  if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Last value carried forward; the interval widens with the square root of the steps ahead, as a random walk's does. */
function naive(y: ArrayLike<number>, options: ForecastOptions, notes: string[]): Forecast {
  const last = y[y.length - 1];
  const diffs = new Float64Array(Math.max(0, y.length - 1));
  for (let i = 1; i < y.length; i++) {
    diffs[i - 1] = y[i] - y[i - 1];
  }
  const sigma = diffs.length > 1 ? stdDev(diffs) : 0;
  const z = normalQuantile(options.level);
  const mean = new Float64Array(options.horizon).fill(last);
  const lower = new Float64Array(options.horizon);
  const upper = new Float64Array(options.horizon);
  for (let h = 0; h < options.horizon; h++) {
    const w = z * sigma * Math.sqrt(h + 1);
    lower[h] = last - w;
    upper[h] = last + w;
  }
  return { model: 'naive', periods: [], level: options.level, mean, lower, upper, notes };
}

function fromAugurs(
  model: ForecastModel,
  periods: number[],
  options: ForecastOptions,
  notes: string[],
  f: { point: number[]; intervals?: { lower: number[]; upper: number[] } },
): Forecast {
  const mean = Float64Array.from(f.point);
  if (!mean.every(Number.isFinite)) {
    throw new Error('the model produced non-finite values');
  }
  return {
    model,
    periods,
    level: options.level,
    mean,
    lower: Float64Array.from(f.intervals?.lower ?? f.point),
    upper: Float64Array.from(f.intervals?.upper ?? f.point),
    notes,
  };
}

export function validateForecastOptions(options: ForecastOptions): void {
  if (!Number.isInteger(options.horizon) || options.horizon < 1) {
    throw new SeriesError(`the horizon must be at least one step, got ${options.horizon}`);
  }
  if (!(options.level > 0 && options.level < 1)) {
    throw new SeriesError(`the confidence level must be between 0 and 1 (e.g. 0.95), got ${options.level}`);
  }
  if (options.method !== undefined && !FORECAST_METHODS.includes(options.method)) {
    throw new SeriesError(`unknown forecast method "${options.method}"; use ${FORECAST_METHOD_LIST}`);
  }
}

/** Outside this range of magnitudes, squares and sums over- or underflow: the models see a rescaled series. */
const HUGE = 1e100;
const TINY = 1e-100;

function rescaled(f: Forecast, factor: number): Forecast {
  let clipped = false;
  const back = (a: Float64Array) =>
    a.map((v) => {
      const x = v / factor;
      if (Number.isFinite(x)) return x;
      clipped = true;
      return x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
    });
  const out = { ...f, mean: back(f.mean), lower: back(f.lower), upper: back(f.upper) };
  if (clipped) out.notes = [...f.notes, 'the forecast or its band goes beyond the largest representable number and is clipped to it'];
  return out;
}

/**
 * Forecasts `y`, a regular series of finite values (see toGrid), `options.horizon` steps ahead.
 * Throws a SeriesError for input no forecast can be made of; otherwise the result has finite
 * values throughout and its notes say what was done.
 */
export function forecast(y: ArrayLike<number>, options: ForecastOptions): Forecast {
  validateForecastOptions(options);
  if (y.length < MIN_POINTS) {
    throw new SeriesError(`a forecast needs at least ${MIN_POINTS} points of history, got ${y.length}`);
  }
  let bad = 0;
  let maxAbs = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) bad++;
    else maxAbs = Math.max(maxAbs, Math.abs(y[i]));
  }
  if (bad > 0) {
    throw new SeriesError(`the series has ${bad} value(s) that are not finite numbers (NaN or ±Infinity); put it on a grid first (toGrid fills them)`);
  }
  const horizonNote = options.horizon > y.length ? [`the horizon (${options.horizon} steps) is longer than the history (${y.length} steps): far steps rest on little evidence`] : [];
  if (maxAbs > HUGE || (maxAbs > 0 && maxAbs < TINY)) {
    // A power of two, so the rescaling itself is exact.
    const factor = 2 ** -Math.round(Math.log2(maxAbs));
    const f = forecastFinite(Float64Array.from(y, (v) => v * factor), options);
    return rescaled({ ...f, notes: [...f.notes, `values of magnitude ${maxAbs.toExponential(1)} were rescaled by 2^${Math.log2(factor)} for the fit`, ...horizonNote] }, factor);
  }
  const f = forecastFinite(y, options);
  return horizonNote.length ? { ...f, notes: [...f.notes, ...horizonNote] } : f;
}

function forecastFinite(y: ArrayLike<number>, options: ForecastOptions): Forecast {
  const notes: string[] = [];
  if (y.length < MIN_MODEL_POINTS) {
    notes.push(`only ${y.length} points of history: forecasting the last value (a model needs ${MIN_MODEL_POINTS})`);
    return naive(y, options, notes);
  }
  if (stdDev(y) === 0) {
    notes.push('the series is constant: forecasting the constant');
    return naive(y, options, notes);
  }
  ensureAugurs();
  const data = Float64Array.from(y);
  let periods = options.periods ?? detectPeriods(data, { stepMs: options.stepMs });
  const tooLong = periods.filter((p) => data.length < 2 * p);
  if (tooLong.length > 0) {
    notes.push(`period(s) ${tooLong.join(', ')} dropped: the history holds fewer than two cycles`);
    periods = periods.filter((p) => data.length >= 2 * p);
  }
  if (options.method === 'ensemble') {
    // The calendar periods are candidates too: the holdout, not the autocorrelation, judges them.
    const candidates = [...new Set([...periods, ...calendarPeriods(options.stepMs).filter((p) => data.length >= 2 * p)])].sort((a, b) => a - b);
    const e = ensembleForecast(data, { horizon: options.horizon, level: options.level, periods: candidates }, normalQuantile);
    if (e) {
      return { ...e, notes: [...notes, ...e.notes] };
    }
    notes.push('no ensemble candidate could be fitted: using the single model');
  }
  if (options.method === 'prophet') {
    try {
      const p = prophetForecast(data, { horizon: options.horizon, level: options.level, stepMs: options.stepMs, startMs: options.startMs });
      return { model: 'prophet', periods: p.periods, level: options.level, mean: p.mean, lower: p.lower, upper: p.upper, notes };
    } catch (err) {
      notes.push(`the Prophet fit failed (${err instanceof Error ? err.message : String(err)}): using the single model`);
    }
  }
  try {
    if (periods.length > 0) {
      using mstl = MSTL.ets(periods);
      mstl.fit(data);
      return fromAugurs('mstl', periods, options, notes, mstl.predict(options.horizon, options.level));
    }
    using ets = new AutoETS(1, 'ZZN');
    ets.fit(data);
    return fromAugurs('ets', [], options, notes, ets.predict(options.horizon, options.level));
  } catch (err) {
    notes.push(`the ${periods.length > 0 ? 'MSTL' : 'ETS'} fit failed (${err instanceof Error ? err.message : String(err)}): forecasting the last value`);
    return naive(y, options, notes);
  }
}
