// The seasonal-residual detector: the series = season + trend + residual; a point is anomalous when
// its residual is large for the residuals' robust scale (a robust z-score, MAD/IQR based, so that the
// anomalies being looked for do not inflate the scale that judges them).
//
// - batch: the decomposition is augurs' MSTL fitted to the whole range and read back in-sample
//   (predictInSample), on a regular grid, after gross outliers are set aside (MSTL's LOESS is not
//   robust); without a seasonal period, a centred rolling median. The scale is the MAD of the
//   residuals, per phase of the season when there are enough cycles (busy hours vary more than
//   nights). An abrupt level shift becomes part of the trend here: the online mode, or the novelty
//   detector, is the one for shifts. Each point is judged with knowledge of the points after
//   it, which gives the cleanest band for looking back at a dashboard range, and is why it must not
//   feed alerts or a causal benchmark: a point's score can change when data arrives after it.
// - online: each point is judged against an expectation built from the points before it only —
//   the median of the same phase over the last `cycles` cycles plus the recent level (the median of
//   the last few deseasonalised values), or, without a period, the median of the last few values —
//   and a robust scale (IQR) of the past residuals. Periods are detected from the past as it grows.
//
// The score is the two-sided normal tail probability p of the robust z-score on a log scale
// (types.ts scoreFromLog10P), so the default flag threshold 0.5 is p = 1e-4 (|z| ≈ 3.9); the band
// is expected ± the |z| of that p times the scale, so it follows the season and the trend.

import { MSTL, ensureAugurs } from '../models/augurs';
import { toGrid } from '../series/grid';
import { emptyResult, finish, prepareSeries } from './prepare';
import { indexNear, PeriodTracker, seasonalPeriods } from './periods';
import { log10TwoSidedNormalTail, mad, median, normalQuantile, SlidingWindow } from './stats';
import { scoreFromLog10P, scoreToP, type AnomalyDetector, type AnomalyOptions, type AnomalyResult, type AnomalySeries } from './types';

export interface SeasonalResidualOptions extends AnomalyOptions {
  /** Online: previous cycles whose same-phase median is the seasonal expectation (default 4). */
  cycles?: number;
  /** Values in the local level: online, the last ones; batch without a period, half the centred window (default 10). */
  levelWindow?: number;
  /** Online: past residuals in the robust scale (default 1,000). */
  scaleWindow?: number;
}

export const SEASONAL_DEFAULTS = {
  threshold: 0.5,
  cycles: 4,
  levelWindow: 10,
  scaleWindow: 1000,
  warmup: 100,
};

/** Robust σ of a window of residuals: IQR/1.349, then wider quantile ranges; 0 if the residuals are all equal. */
function robustScale(w: SlidingWindow): number {
  const iqr = (w.quantile(0.75) - w.quantile(0.25)) / 1.349;
  if (iqr > 0) {
    return iqr;
  }
  const wide = (w.quantile(0.95) - w.quantile(0.05)) / 3.29;
  return wide > 0 ? wide : (w.quantile(1) - w.quantile(0)) / 6;
}

/** Robust σ of residuals: 1.4826·MAD, then the same fallbacks as robustScale. */
function robustScaleOf(r: Float64Array): number {
  const m = 1.4826 * mad(r);
  if (m > 0) {
    return m;
  }
  const w = new SlidingWindow(Math.max(1, r.length));
  for (const v of r) {
    w.push(v);
  }
  return robustScale(w);
}

/** z-score with 0/0 = 0 and x/0 = ±Infinity (a residual on a series that never had any). */
function zOf(r: number, sigma: number): number {
  if (r === 0) {
    return 0;
  }
  return sigma > 0 ? r / sigma : r > 0 ? Infinity : -Infinity;
}

function scoreOfZ(z: number): number {
  return scoreFromLog10P(log10TwoSidedNormalTail(z));
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}


/** Batch: points this many robust σ from the same-phase median are left out of the MSTL fit. */
const CLEAN_Z = 5;
/** ... the median of the same phase over this many cycles either side (and the point's own). */
const CLEAN_CYCLES = 2;

/** The series with gross outliers replaced by the median of the same phase in the nearest cycles. */
function cleanForFit(g: Float64Array, period: number): Float64Array {
  const m = new Float64Array(g.length);
  const phase: number[] = [];
  for (let i = 0; i < g.length; i++) {
    phase.length = 0;
    for (let k = -CLEAN_CYCLES; k <= CLEAN_CYCLES; k++) {
      const j = i + k * period;
      if (j >= 0 && j < g.length) {
        phase.push(g[j]);
      }
    }
    m[i] = medianOf(phase);
  }
  const d = g.map((v, i) => v - m[i]);
  const sigma = robustScaleOf(d);
  return sigma > 0 ? g.map((v, i) => (Math.abs(d[i]) > CLEAN_Z * sigma ? m[i] : v)) : g;
}

/** Batch: cycles needed before the scale is estimated per phase. */
const PHASE_SCALE_MIN_CYCLES = 4;
/** A phase's scale is at least this fraction of the overall one (a quiet phase is not a silent one). */
const PHASE_SCALE_FLOOR = 0.2;

/**
 * The residuals' robust σ at each point. Seasonal series are often noisier at some times of day than
 * others (busy hours vary more than the night), so with enough cycles the scale is estimated per
 * phase: 1.4826·MAD of the residuals at that phase (± a few steps) over all cycles, at least
 * PHASE_SCALE_FLOOR of the overall σ. Otherwise one σ for all.
 */
function batchScale(r: Float64Array, period: number, slot: (i: number) => number): (i: number) => number {
  const finite = r.filter(Number.isFinite);
  const overall = robustScaleOf(finite);
  const slots = r.length > 0 ? slot(r.length - 1) + 1 : 0;
  if (period < 2 || slots < PHASE_SCALE_MIN_CYCLES * period) {
    return () => overall;
  }
  const byPhase: number[][] = Array.from({ length: period }, () => []);
  for (let i = 0; i < r.length; i++) {
    if (Number.isFinite(r[i])) {
      byPhase[slot(i) % period].push(r[i]);
    }
  }
  const halfWidth = Math.max(1, Math.round(period / 48));
  const phaseSigma = new Float64Array(period);
  for (let p = 0; p < period; p++) {
    const pooled: number[] = [];
    for (let d = -halfWidth; d <= halfWidth; d++) {
      pooled.push(...byPhase[(p + d + period) % period]);
    }
    phaseSigma[p] = Math.max(PHASE_SCALE_FLOOR * overall, pooled.length >= 10 ? 1.4826 * mad(pooled) : overall);
  }
  return (i) => phaseSigma[slot(i) % period];
}

function fitMstl(y: Float64Array, periods: number[]): Float64Array | undefined {
  using mstl = MSTL.ets(periods);
  mstl.fit(y);
  const fitted = Float64Array.from(mstl.predictInSample().point);
  return fitted.length === y.length && fitted.every(Number.isFinite) ? fitted : undefined;
}

export function seasonalResidualScore(series: AnomalySeries, options: SeasonalResidualOptions = {}): AnomalyResult {
  const o = { ...SEASONAL_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof SEASONAL_DEFAULTS & SeasonalResidualOptions;
  for (const k of ['cycles', 'levelWindow', 'scaleWindow'] as const) {
    if (!(Number.isInteger(o[k]) && o[k] > 0)) {
      throw new RangeError(`${k} must be a positive integer, got ${o[k]}`);
    }
  }
  const mode = options.mode ?? 'online';
  if (mode !== 'online' && mode !== 'batch') {
    throw new RangeError(`mode must be "online" or "batch", got ${String(mode)}`);
  }
  const s = prepareSeries(series, options.stepMs);
  return mode === 'batch' ? batch(s, o) : online(s, o);
}

type Prepared = ReturnType<typeof prepareSeries>;
type Resolved = typeof SEASONAL_DEFAULTS & SeasonalResidualOptions;

function online(s: Prepared, o: Resolved): AnomalyResult {
  const result = emptyResult('seasonal-residual', 'online', s);
  const x = s.values;
  const ts = s.timestamps;
  const n = x.length;
  const zThreshold = -normalQuantile(scoreToP(o.threshold) / 2);
  const tracker = new PeriodTracker(ts, x, { stepMs: s.stepMs, first: 256, fixed: o.periods });
  const halfStep = s.stepMs / 2;
  const scale = new SlidingWindow(o.scaleWindow);
  const recentValues: number[] = [];
  let recentDeseasoned: number[] = [];
  let lastPeriod = 0;
  const used = new Set<number>();
  let scored = 0;

  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) {
      continue;
    }
    const period = tracker.at(t);
    if (period !== lastPeriod) {
      recentDeseasoned = [];
      lastPeriod = period;
    }
    let expected = NaN;
    let deseasoned = NaN;
    if (period > 0) {
      const phase: number[] = [];
      for (let k = 1; k <= o.cycles; k++) {
        const j = indexNear(ts, t, ts[t] - k * period * s.stepMs, halfStep);
        if (j >= 0 && Number.isFinite(x[j])) {
          phase.push(x[j]);
        }
      }
      if (phase.length > 0) {
        const seasonal = medianOf(phase);
        deseasoned = v - seasonal;
        expected = seasonal + (recentDeseasoned.length > 0 ? medianOf(recentDeseasoned) : 0);
        used.add(period);
      }
    }
    if (!Number.isFinite(expected) && recentValues.length > 0) {
      expected = medianOf(recentValues);
    }
    if (Number.isFinite(expected)) {
      const r = v - expected;
      if (scale.size >= o.warmup) {
        const sigma = robustScale(scale);
        result.score[t] = scoreOfZ(zOf(r, sigma));
        result.expected[t] = expected;
        result.lower[t] = expected - zThreshold * sigma;
        result.upper[t] = expected + zThreshold * sigma;
        scored++;
      }
      scale.push(r);
    }
    recentValues.push(v);
    if (recentValues.length > o.levelWindow) {
      recentValues.shift();
    }
    if (Number.isFinite(deseasoned)) {
      recentDeseasoned.push(deseasoned);
      if (recentDeseasoned.length > o.levelWindow) {
        recentDeseasoned.shift();
      }
    }
  }
  result.periods = [...used].sort((a, b) => a - b);
  const first = result.expected.findIndex(Number.isFinite);
  result.warmup = first < 0 ? n : first;
  if (scored === 0) {
    result.notes.push(`not enough history to score: the online seasonal-residual detector needs ${o.warmup + 1} residuals first`);
  }
  return finish(result, o.threshold, s.scale);
}

function batch(s: Prepared, o: Resolved): AnomalyResult {
  const result = emptyResult('seasonal-residual', 'batch', s);
  const x = s.values;
  const ts = s.timestamps;
  const n = x.length;
  const finite = x.filter(Number.isFinite).length;
  if (finite < 3 || !Number.isFinite(s.stepMs)) {
    result.notes.push(`only ${finite} finite point(s): nothing to decompose, every score is 0`);
    result.warmup = n;
    return finish(result, o.threshold, s.scale);
  }
  const grid = toGrid(ts, x, s.stepMs)!;
  const g = grid.values;
  const first = Math.round(grid.startMs / s.stepMs);
  const slot = (i: number) => Math.round(ts[i] / s.stepMs) - first;
  let periods = (o.periods ?? seasonalPeriods(ts, x, { stepMs: s.stepMs })).filter((p) => Number.isInteger(p) && p >= 2);
  const short = periods.filter((p) => g.length < 2 * p);
  if (short.length > 0) {
    result.notes.push(`period(s) ${short.join(', ')} dropped: the range holds fewer than two cycles`);
    periods = periods.filter((p) => g.length >= 2 * p);
  }
  let baseline: Float64Array | undefined;
  if (periods.length > 0) {
    try {
      ensureAugurs();
      // MSTL's LOESS is not robust: one spike leaks into the seasonal component and shows up, a
      // period apart, as a bump in every cycle (and a refit on the first fit's outliers does not
      // cure it, because the leak makes the neighbouring cycles look outlying too). So gross
      // outliers are found first against a robust seasonal-naive expectation, the median of the
      // same phase over the nearest cycles, and replaced by it; MSTL is fitted to the cleaned data,
      // and the original points are judged against that fit.
      const fit = fitMstl(cleanForFit(g, Math.max(...periods)), periods);
      if (fit) {
        baseline = fit;
        result.periods = periods;
      } else {
        result.notes.push('MSTL returned an unusable in-sample fit: using a rolling median instead');
      }
    } catch (err) {
      result.notes.push(`the MSTL fit failed (${err instanceof Error ? err.message : String(err)}): using a rolling median instead`);
    }
  }
  if (!baseline) {
    // Centred rolling median: the trend without a season, robust to the spikes it should not follow.
    baseline = new Float64Array(g.length);
    const h = o.levelWindow;
    for (let i = 0; i < g.length; i++) {
      baseline[i] = median(g.subarray(Math.max(0, i - h), Math.min(g.length, i + h + 1)));
    }
  }
  const r = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i])) {
      r[i] = x[i] - baseline[slot(i)];
    }
  }
  const sigmaAt = batchScale(r, periods.length > 0 ? Math.max(...periods) : 0, (i) => slot(i));
  const zThreshold = -normalQuantile(scoreToP(o.threshold) / 2);
  let sigma = Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(r[i])) {
      continue;
    }
    const e = baseline[slot(i)];
    const sd = sigmaAt(i);
    sigma = Math.min(sigma, sd);
    result.score[i] = scoreOfZ(zOf(r[i], sd));
    result.expected[i] = e;
    result.lower[i] = e - zThreshold * sd;
    result.upper[i] = e + zThreshold * sd;
  }
  if (sigma === 0) {
    result.notes.push('the residuals are all equal (a series the model fits exactly): any other value scores 1');
  }
  return finish(result, o.threshold, s.scale);
}

export const seasonalResidualDetector: AnomalyDetector = {
  name: 'seasonal-residual',
  modes: ['online', 'batch'],
  score: seasonalResidualScore,
};
