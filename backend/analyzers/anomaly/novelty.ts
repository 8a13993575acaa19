// The novelty detector: a streaming detector that asks of each point "has this series shown a
// value like this before?" — and, for a seasonal series, "at this time of the day or week?".
//
//   novelty(t) = max( d(x_t, past values) , λ · d(x_t, past values at the same phase) ) / range
//
// d is the distance to the nearest such value (a k = 1 nearest-neighbour distance in value space),
// and range = max − min of all the values before t, so novelty is a fraction of the span the series
// has covered: 0.015 means "1.5 % of its range away from anything it has done". The score is
// novelty / (novelty + tolerance): 0.5 exactly at the tolerance (the default flag threshold), → 1 for
// values far outside anything seen.
//
// Why this works on operations metrics (and on NAB): what an on-call engineer calls an anomaly is
// mostly a value the metric has not reached before (a new high, a drop to a level it never sat
// at), or a value it reaches but never at this hour (a Monday-morning peak that does not come).
// Values it has taken before, however rarely — a nightly batch spike — are learned the first time
// they happen. Being relative to the series' own range, the score means the same on every series,
// so one threshold serves them all, without per-series calibration. It is the 1-D, causal cousin of
// the kNN / adaptive-resonance novelty detectors that lead NAB's scoreboard (KNN-CAD, ARTime), and
// of HTM's "spatial anomaly" (a value outside the range seen so far).
//
// Causality (mode 'online' only): point t is scored against points before t and only then added to
// the memory; the range, the seasonal periods (detected on the prefix, re-checked as it grows) and
// the band are all computed from the past. NAB scores detectors as if the data arrived one point at
// a time, and an alert must not change when later data arrives, so nothing here looks ahead.
//
// The band: values within tolerance·range of the range seen, intersected, when the seasonal context
// is in use, with the same-phase values of past cycles ± tolerance·range/λ. It follows the season
// (the same-phase envelope moves with the time of day) and the trend (it is rebuilt from recent
// cycles). It is an envelope: a value inside it that falls in a gap the series never visited can
// still be flagged (its nearest past value is farther than the tolerance).

import { prepareSeries, emptyResult, finish } from './prepare';
import { seasonalPeriods } from './periods';
import { SlidingWindow, ValueMemory } from './stats';
import type { AnomalyDetector, AnomalyOptions, AnomalyResult, AnomalySeries } from './types';

export interface NoveltyOptions extends AnomalyOptions {
  /** Novelty (a fraction of the range seen) that scores 0.5 (default 0.015). */
  tolerance?: number;
  /** Past values remembered (default 5,000). The range is over all of the past. */
  memory?: number;
  /** Weight λ of the seasonal context (default 0.25; 0 turns it off). */
  contextWeight?: number;
  /** Steps either side of the same phase that count as "the same time" (default 2). */
  contextWidth?: number;
  /** Past cycles needed before the context is used (default 5), and looked at (default 50). */
  contextMinCycles?: number;
  contextMaxCycles?: number;
  /** Shortest seasonal period used as context, ms (default 12 h: daily and weekly cycles). */
  minPeriodMs?: number;
  /** Steps between re-detections of the period on the growing past (default 256). */
  periodCheckEvery?: number;
  /** Compare same-phase values after removing the level (the mean of the last period) (default false). */
  contextDetrend?: boolean;
}

export const NOVELTY_DEFAULTS = {
  threshold: 0.5,
  tolerance: 0.015,
  memory: 5000,
  contextWeight: 0.25,
  contextWidth: 2,
  contextMinCycles: 5,
  contextMaxCycles: 50,
  minPeriodMs: 12 * 3_600_000,
  periodCheckEvery: 256,
  warmup: 100,
};

/** Index of the point within half a step of time `at`, searching around index `guess`, before index `before`; -1 if none. */
function indexNear(ts: Float64Array, before: number, at: number, halfStep: number): number {
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

export function noveltyScore(series: AnomalySeries, options: NoveltyOptions = {}): AnomalyResult {
  if (options.mode === 'batch') {
    throw new RangeError('the novelty detector is streaming only (mode "online")');
  }
  const o = { ...NOVELTY_DEFAULTS, ...options };
  for (const k of ['tolerance', 'memory'] as const) {
    if (!(o[k] > 0)) {
      throw new RangeError(`${k} must be positive, got ${o[k]}`);
    }
  }
  if (!(o.contextWeight >= 0)) {
    throw new RangeError(`contextWeight must be ≥ 0, got ${o.contextWeight}`);
  }
  const s = prepareSeries(series, options.stepMs);
  const result = emptyResult('novelty', 'online', s);
  const x = s.values;
  const ts = s.timestamps;
  const n = x.length;
  const memory = new ValueMemory(Math.round(o.memory));
  const agePenalty = (options as { agePenalty?: number }).agePenalty ?? 0;
  const recent: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  let seen = 0;
  let period = 0;
  const fixedPeriods = options.periods !== undefined;
  if (fixedPeriods && options.periods!.length > 0) {
    period = Math.max(...options.periods!);
  }
  let nextCheck = fixedPeriods || !Number.isFinite(s.stepMs) ? Infinity : o.periodCheckEvery;
  const halfStep = s.stepMs / 2;
  const periodsUsed = new Set<number>();
  const ctxHistory = new SlidingWindow(Math.round(o.memory));
  // Level at each point: the mean of the `period` values before it (prefix sums over finite values).
  const cum = new Float64Array(n + 1);
  const cnt = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const f = Number.isFinite(x[i]);
    cum[i + 1] = cum[i] + (f ? x[i] : 0);
    cnt[i + 1] = cnt[i] + (f ? 1 : 0);
  }
  const meanLevel = (i: number, p: number) => {
    const a = Math.max(0, i - p);
    const c = cnt[i] - cnt[a];
    return c > 0 ? (cum[i] - cum[a]) / c : NaN;
  };
  // Median level of the `period` values before each point, for the current period (recomputed when it changes).
  let medianFor = 0;
  let medians = new Float64Array(0);
  let medianUpTo = 0;
  let medWindow: SlidingWindow | undefined;
  const medianLevel = (i: number, p: number): number => {
    if (p !== medianFor) {
      medianFor = p;
      medians = new Float64Array(n).fill(NaN);
      medianUpTo = 0;
      medWindow = new SlidingWindow(p);
    }
    while (medianUpTo <= i) {
      medians[medianUpTo] = medWindow!.size > 0 ? medWindow!.quantile(0.5) : NaN;
      if (Number.isFinite(x[medianUpTo])) {
        medWindow!.push(x[medianUpTo]);
      }
      medianUpTo++;
    }
    return medians[i];
  };
  const levelBefore = (i: number, p: number) => ((options as { medianLevel?: boolean }).medianLevel ? medianLevel(i, p) : meanLevel(i, p));

  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (t >= nextCheck) {
      // Periods from the past only: the prefix before t.
      const found = seasonalPeriods(ts.subarray(0, t), x.subarray(0, t), { stepMs: s.stepMs, minPeriodMs: o.minPeriodMs });
      period = found.length > 0 ? Math.max(...found) : 0;
      nextCheck = t + o.periodCheckEvery;
    }
    if (seen >= o.warmup) {
      const range = hi - lo;
      let novelty: number;
      if (range > 0) {
        novelty = memory.nearest(v, range, t, agePenalty);
      } else {
        novelty = v === hi ? 0 : Infinity;
      }
      let bandLo = lo - o.tolerance * range;
      let bandHi = hi + o.tolerance * range;
      let expected = median(recent);
      if (period > 0 && o.contextWeight > 0) {
        // The same phase in previous cycles: ±contextWidth steps around t − k·period.
        let nearest = Infinity;
        let cMin = Infinity;
        let cMax = -Infinity;
        let cycles = 0;
        const lastCycles: number[] = [];
        const levelNow = levelBefore(t, period);
        for (let k = 1; k <= o.contextMaxCycles; k++) {
          const at = ts[t] - k * period * s.stepMs;
          if (at < ts[0] - halfStep) {
            break;
          }
          const j0 = indexNear(ts, t, at, halfStep);
          if (j0 < 0) {
            continue;
          }
          let any = false;
          for (let j = Math.max(0, j0 - o.contextWidth); j <= Math.min(t - 1, j0 + o.contextWidth); j++) {
            if (Math.abs(ts[j] - at) > (o.contextWidth + 0.5) * s.stepMs || !Number.isFinite(x[j])) {
              continue;
            }
            const xj = o.contextDetrend ? x[j] - levelBefore(j, period) + levelNow : x[j];
            if (!Number.isFinite(xj)) {
              continue;
            }
            any = true;
            nearest = Math.min(nearest, Math.abs(v - xj));
            cMin = Math.min(cMin, xj);
            cMax = Math.max(cMax, xj);
          }
          if (any) {
            cycles++;
            if (k <= 5 && Number.isFinite(x[j0])) {
              lastCycles.push(x[j0]);
            }
          }
        }
        if (cycles >= o.contextMinCycles) {
          periodsUsed.add(period);
          const raw = nearest === 0 ? 0 : range > 0 ? nearest / range : Infinity;
          const q = (options as { contextQuantile?: number }).contextQuantile;
          let excess = raw;
          if (q !== undefined) {
            excess = ctxHistory.size >= 50 ? Math.max(0, raw - ctxHistory.quantile(q)) : 0;
            ctxHistory.push(raw);
          }
          const contextual = o.contextWeight * excess;
          novelty = Math.max(novelty, contextual);
          bandLo = Math.max(bandLo, cMin - (o.tolerance * range) / o.contextWeight);
          bandHi = Math.min(bandHi, cMax + (o.tolerance * range) / o.contextWeight);
          expected = median(lastCycles);
        }
      }
      result.score[t] = novelty === Infinity ? 1 : novelty / (novelty + o.tolerance);
      result.expected[t] = expected;
      result.lower[t] = bandLo;
      result.upper[t] = bandHi;
    }
    memory.add(v, t);
    recent.push(v);
    if (recent.length > 5) {
      recent.shift();
    }
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    seen++;
  }
  result.periods = [...periodsUsed].sort((a, b) => a - b);
  const firstScored = result.expected.findIndex(Number.isFinite);
  result.warmup = firstScored < 0 ? n : firstScored;
  if (firstScored < 0) {
    result.notes.push(`only ${seen} finite point(s): the novelty detector scores after a warm-up of ${o.warmup}, so every score is 0`);
  } else if (o.warmup > 0) {
    result.notes.push(`the first ${o.warmup} finite points are warm-up: score 0, no band`);
  }
  return finish(result, o.threshold, s.scale);
}

function median(xs: number[]): number {
  if (xs.length === 0) {
    return NaN;
  }
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const noveltyDetector: AnomalyDetector = {
  name: 'novelty',
  modes: ['online'],
  score: noveltyScore,
};
