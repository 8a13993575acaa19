// The streaming detector: one pass over the points in time order, each point scored against a model
// of the points before it and only then added to that model. It is causal by construction (NAB's
// setting, and an alert's: a score must not change when later data arrives), so it has only an
// `online` mode.
//
// Per point it computes a few "surprise" statistics, each a residual from a robust expectation
// divided by a robust scale of the recent residuals:
//   - local:    the value against the median of the last few values (spikes, drops);
//   - seasonal: the value against the same phase in previous cycles, corrected by the recent level
//               (a day that does not look like the previous days), when the past shows a period;
//   - shift:    the mean of the last few values against the longer past (level shifts, ramps that
//               are too small for one point to stand out);
//   - range:    how far the value is outside the range seen so far (new extremes).
// Each statistic is turned into a tail probability by a peaks-over-threshold model of its own past
// values (stats.ts TailModel), which makes them comparable with each other and across series, so a
// single threshold means the same thing everywhere. The point's p is the smallest of them times
// their number (Bonferroni); its score is −log10(p)/SCORE_DECADES.

import { autocorrelation, detectPeriods } from '../forecast/seasonality';
import { ensureAugurs } from '../models/augurs';
import { emptyResult, finish, prepareSeries } from './prepare';
import { NoveltyIndex, ValueIndex } from './novelty';
import { SlidingWindow, TailModel } from './stats';
import { pToScore, type AnomalyDetector, type AnomalyOptions, type AnomalyResult, type AnomalySeries } from './types';

export interface StreamingOptions extends AnomalyOptions {
  /** Values in the local median (default 10). */
  localWindow?: number;
  /** Residuals in the robust scale estimate (default 1,000). */
  scaleWindow?: number;
  /** Past statistics the tail models remember (default 5,000). */
  history?: number;
  /** Values averaged by the shift statistic (default 10). */
  shiftWindow?: number;
  /** Which statistics to use (default all). */
  features?: Partial<Record<FeatureName, boolean>>;
  /** Previous cycles the seasonal expectation takes the median of (default 4). */
  cycles?: number;
  /** Tail models' minimum history before they score (default 100). */
  minHistory?: number;
  /** Pattern-novelty scales: shapes of `blocks` block means of `blockSize` values. */
  patterns?: Array<{ blocks: number; blockSize: number }>;
}

export type FeatureName = 'local' | 'seasonal' | 'shift' | 'range' | 'pattern';

const DEFAULTS = {
  threshold: 0.5,
  localWindow: 10,
  scaleWindow: 1000,
  history: 5000,
  shiftWindow: 10,
  cycles: 4,
  minHistory: 100,
};

/** Robust scale of a window of residuals: IQR, then wider quantile ranges, then the mean absolute deviation. */
function robustScale(w: SlidingWindow): number {
  const iqr = (w.quantile(0.75) - w.quantile(0.25)) / 1.349;
  if (iqr > 0) {
    return iqr;
  }
  const wide = (w.quantile(0.95) - w.quantile(0.05)) / 3.29;
  if (wide > 0) {
    return wide;
  }
  return (w.quantile(1) - w.quantile(0)) / 6;
}

function medianOf(buf: number[]): number {
  const s = [...buf].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** z-score of a residual against a scale, with 0/0 = 0 and x/0 = ±Infinity (a constant past that changes). */
function zOf(r: number, sigma: number): number {
  if (r === 0) {
    return 0;
  }
  return sigma > 0 ? r / sigma : r > 0 ? Infinity : -Infinity;
}

class Feature {
  readonly tail: TailModel;
  constructor(history: number, minHistory: number, minScale: number) {
    this.tail = new TailModel(history, { tailFraction: 0.02, minTail: 10, minHistory, minScale });
  }
}

/** Index of the point at time t (± half a step) in the sorted timestamps before index `before`, or -1. */
function findAt(ts: Float64Array, before: number, t: number, halfStep: number): number {
  let lo = 0;
  let hi = before;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid] < t - halfStep) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < before && Math.abs(ts[lo] - t) <= halfStep ? lo : -1;
}

export function streamingScore(series: AnomalySeries, options: StreamingOptions = {}): AnomalyResult {
  if (options.mode === 'batch') {
    throw new RangeError('the streaming detector has only an online mode');
  }
  const o = { ...DEFAULTS, ...options };
  const use = { local: true, seasonal: true, shift: true, range: true, pattern: true, ...options.features };
  const s = prepareSeries(series, options.stepMs);
  const result = emptyResult('streaming', 'online', s);
  const x = s.values;
  const ts = s.timestamps;
  const n = x.length;

  const localBuf: number[] = [];
  const scaleLocal = new SlidingWindow(o.scaleWindow);
  const scaleSeasonal = new SlidingWindow(o.scaleWindow);
  const longValues = new SlidingWindow(o.scaleWindow);
  const recentSeasonalRaw: number[] = [];
  const shiftBuf: number[] = [];
  const local = new Feature(o.history, o.minHistory, 1e-3);
  const seasonal = new Feature(o.history, o.minHistory, 1e-3);
  const shift = new Feature(o.history, o.minHistory, 1e-3);
  // New extremes: a small scale floor (5% of the range seen) so that values just past the range are
  // not infinitely surprising when the past never left its range.
  const range = new Feature(o.history, o.minHistory, 0.05);
  let lo = Infinity;
  let hi = -Infinity;
  // Prefix sums over the values, missing ones carried forward, for the pattern shapes. Only
  // cum[0..t+1] is read at step t.
  const cum = new Float64Array(n + 1);
  {
    let last = NaN;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(x[i])) {
        last = x[i];
      }
      cum[i + 1] = cum[i] + (Number.isFinite(last) ? last : 0);
    }
  }
  const firstFinite = x.findIndex(Number.isFinite);
  const valueIndex = new ValueIndex(o.history);
  const patterns = (use.pattern ? (o.patterns ?? [{ blocks: 8, blockSize: 1 }]) : []).map((sc) => ({
    index: new NoveltyIndex(sc.blocks, sc.blockSize, o.history),
    feature: new Feature(o.history, o.minHistory, 1e-3),
  }));

  // Seasonality from the past only: periods detected on the prefix, again each time it doubles.
  let period = 0;
  let nextPeriodCheck = options.periods ? Infinity : 512;
  if (options.periods && options.periods.length > 0) {
    period = Math.max(...options.periods);
  }
  const halfStep = s.stepMs / 2;
  let seen = 0;

  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (t >= nextPeriodCheck && Number.isFinite(s.stepMs)) {
      ensureAugurs();
      const prefix = x.slice(0, t);
      for (let i = 0; i < prefix.length; i++) {
        if (!Number.isFinite(prefix[i])) {
          prefix[i] = i > 0 ? prefix[i - 1] : 0;
        }
      }
      const cycles = Math.min(2, o.cycles);
      const m0 = prefix.reduce((a, b) => a + b, 0) / prefix.length;
      const centered = prefix.map((v2) => v2 - m0);
      const strict = (options as { strictPeriods?: boolean }).strictPeriods;
      const found = detectPeriods(prefix, { stepMs: s.stepMs, minCycles: cycles }).filter((p) => {
        if (!strict) {
          return true;
        }
        const a = autocorrelation(centered, p);
        return a > autocorrelation(centered, Math.round(0.75 * p)) + 0.1 && a > autocorrelation(centered, Math.round(1.25 * p));
      });
      const minMs = (options as { minPeriodMs?: number }).minPeriodMs ?? 0;
      const ok = found.filter((q) => q * s.stepMs >= minMs);
      const p = ok.length > 0 ? Math.max(...ok) : 0;
      if (p !== period) {
        period = p;
      }
      nextPeriodCheck = t + 288;
    }

    // --- score v against the past ---
    let pMin = 1;
    let rawMax = 0;
    let active = 0;
    let expected = NaN;
    let halfWidthZ = NaN;
    let sigmaForBand = NaN;

    let localMed = NaN;
    let rLocal = NaN;
    if (localBuf.length > 0) {
      localMed = medianOf(localBuf);
      rLocal = v - localMed;
      if (use.local && scaleLocal.size >= 10) {
        const z = Math.abs(zOf(rLocal, robustScale(scaleLocal)));
        pMin = Math.min(pMin, local.tail.pValue(z));
        active++;
        local.tail.add(z);
      }
    }

    let rSeasonalRaw = NaN;
    let rSeasonal = NaN;
    let seasonalBase = NaN;
    if (period > 0) {
      const phase: number[] = [];
      for (let j = 1; j <= o.cycles; j++) {
        const k = findAt(ts, t, ts[t] - j * period * s.stepMs, halfStep);
        if (k >= 0 && Number.isFinite(x[k])) {
          phase.push(x[k]);
        }
      }
      if (phase.length > 0) {
        seasonalBase = medianOf(phase);
        rSeasonalRaw = v - seasonalBase;
        const levelCorrection = recentSeasonalRaw.length > 0 ? medianOf(recentSeasonalRaw) : 0;
        rSeasonal = rSeasonalRaw - levelCorrection;
        seasonalBase += levelCorrection;
        if (use.seasonal && scaleSeasonal.size >= 10) {
          const z = Math.abs(zOf(rSeasonal, robustScale(scaleSeasonal)));
          pMin = Math.min(pMin, seasonal.tail.pValue(z));
          active++;
          seasonal.tail.add(z);
        }
      }
    }

    if (use.shift && longValues.size >= 10) {
      // Mean of the last `shiftWindow` values (this one included) against the longer past.
      const recent = [...shiftBuf.slice(-(o.shiftWindow - 1)), Number.isFinite(rSeasonalRaw) ? rSeasonalRaw : v];
      let m = 0;
      for (const r of recent) {
        m += r;
      }
      m /= recent.length;
      const center = longValues.quantile(0.5);
      const z = Math.abs(zOf(m - center, robustScale(longValues) / Math.sqrt(recent.length)));
      pMin = Math.min(pMin, shift.tail.pValue(z));
      active++;
      shift.tail.add(z);
    }

    const lam = (options as { lambda?: number }).lambda;
    if (lam !== undefined) {
      if (valueIndex.size >= 10 && hi > lo) {
        const phase = period > 0 ? (((ts[t] - ts[0]) / (period * s.stepMs)) % 1 + 1) % 1 : 0;
        const kk = (options as { k?: number }).k ?? 1;
        let d = kk > 1 ? valueIndex.kth(v, hi - lo, kk) : valueIndex.nearest(v, phase, hi - lo, period > 0 ? lam : 0).distance;
        if (v <= hi && v >= lo) {
          d *= (options as { inRange?: number }).inRange ?? 1;
        }
        rawMax = Math.max(rawMax, d);
        active++;
      }
    }
    if ((options as { phase?: number }).phase && period > 0 && hi > lo) {
      const o2 = options as { phase: number; phaseWidth?: number; phaseCycles?: number; phaseMinCycles?: number };
      const w = o2.phaseWidth ?? 2;
      let best = Infinity;
      let cyc = 0;
      for (let k = 1; k <= (o2.phaseCycles ?? 50); k++) {
        const center = ts[t] - k * period * s.stepMs;
        if (center < ts[0]) {
          break;
        }
        cyc++;
        for (let dlt = -w; dlt <= w; dlt++) {
          const j = findAt(ts, t, center + dlt * s.stepMs, halfStep);
          if (j >= 0 && Number.isFinite(x[j])) {
            best = Math.min(best, Math.abs(v - x[j]));
          }
        }
      }
      if (cyc >= (o2.phaseMinCycles ?? 3) && best < Infinity) {
        rawMax = Math.max(rawMax, (o2.phase * best) / (hi - lo));
      }
    }

    for (const pat of patterns) {
      const span = pat.index.span;
      // The shape that stopped overlapping the present one joins the history.
      const old = t - span;
      if (old - span + 1 >= firstFinite) {
        const shape = pat.index.shapeAt(cum, old);
        if (shape) {
          pat.index.add(shape);
        }
      }
      const shape = t - span + 1 >= firstFinite ? pat.index.shapeAt(cum, t) : undefined;
      if (shape && pat.index.size >= 10 && hi >= lo) {
        const d = pat.index.nearest(shape);
        const z = d === 0 ? 0 : hi > lo ? d / (hi - lo) : Infinity;
        pMin = Math.min(pMin, pat.feature.tail.pValue(z));
        rawMax = Math.max(rawMax, z);
        active++;
        pat.feature.tail.add(z);
      }
    }

    if (use.range && seen >= 10 && hi > lo) {
      const out = Math.max(0, (v - hi) / (hi - lo), (lo - v) / (hi - lo));
      pMin = Math.min(pMin, range.tail.pValue(out));
      rawMax = Math.max(rawMax, out);
      active++;
      range.tail.add(out);
    }

    if (active > 0) {
      const p = Math.min(1, pMin * active);
      result.score[t] = (options as { raw?: boolean }).raw ? (rawMax === Infinity ? 1 : rawMax / (1 + rawMax)) : pToScore(p);
    }

    // The band: the expectation (seasonal when there is a period) ± the statistic that would reach
    // the flag threshold, in units of the residual scale.
    if (Number.isFinite(seasonalBase) && use.seasonal && seasonal.tail.size >= o.minHistory) {
      expected = seasonalBase;
      sigmaForBand = robustScale(scaleSeasonal);
      halfWidthZ = seasonal.tail.quantileOf(10 ** (-o.threshold * 8) / Math.max(1, active));
    } else if (Number.isFinite(localMed) && use.local && local.tail.size >= o.minHistory) {
      expected = localMed;
      sigmaForBand = robustScale(scaleLocal);
      halfWidthZ = local.tail.quantileOf(10 ** (-o.threshold * 8) / Math.max(1, active));
    }
    if (Number.isFinite(expected)) {
      result.expected[t] = expected;
      result.lower[t] = expected - halfWidthZ * sigmaForBand;
      result.upper[t] = expected + halfWidthZ * sigmaForBand;
    }

    // --- then add v to the model ---
    if (Number.isFinite(rLocal)) {
      scaleLocal.push(rLocal);
    }
    if (Number.isFinite(rSeasonal)) {
      scaleSeasonal.push(rSeasonal);
      recentSeasonalRaw.push(rSeasonalRaw);
      if (recentSeasonalRaw.length > o.localWindow) {
        recentSeasonalRaw.shift();
      }
    }
    localBuf.push(v);
    if (localBuf.length > o.localWindow) {
      localBuf.shift();
    }
    const shiftValue = Number.isFinite(rSeasonalRaw) ? rSeasonalRaw : v;
    shiftBuf.push(shiftValue);
    if (shiftBuf.length > o.shiftWindow) {
      shiftBuf.shift();
    }
    longValues.push(shiftValue);
    if ((options as { lambda?: number }).lambda !== undefined) {
      valueIndex.add(v, period > 0 ? (((ts[t] - ts[0]) / (period * s.stepMs)) % 1 + 1) % 1 : 0);
    }
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    seen++;
  }
  result.periods = period > 0 ? [period] : [];
  result.warmup = result.expected.findIndex(Number.isFinite);
  if (result.warmup < 0) {
    result.warmup = n;
    result.notes.push(`not enough history to score: the streaming detector needs about ${o.minHistory + 10} points`);
  }
  return finish(result, o.threshold, s.scale);
}

export const streamingDetector: AnomalyDetector = {
  name: 'streaming',
  modes: ['online'],
  score: streamingScore,
};
