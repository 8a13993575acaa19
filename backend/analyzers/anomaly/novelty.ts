// The novelty detector: a streaming detector that asks of each point "has this series shown a value
// like this before?" and, for a seasonal series, "at this time of the day or week?".
//
//   novelty(t) = max( d(x_t, past values) , λ · excess of d(x_t, past values at the same phase) )
//
// in units of the range (max − min) of the values before t. d is the distance to the nearest such
// value (a k = 1 nearest-neighbour distance in value space), so 0.015 means "1.5 % of its range away
// from anything the series has done". The same-phase distance is always larger (fewer candidates),
// and on a series whose days differ a lot it is large all the time, so only its excess over its own
// 99th percentile counts. The score is novelty / (novelty + tolerance): 0.5 exactly at the tolerance
// (the default flag threshold), → 1 for values far outside anything seen.
//
// Why this works on operations metrics (and on NAB): what an on-call engineer calls an anomaly is
// mostly a value the metric has not reached before (a new high, a drop to a level it never sat
// at), or one it reaches but never at this hour (the Monday-morning peak that does not come).
// Values it has taken before, however rarely (a nightly batch spike), are learned the first time
// they occur. Being relative to the series' own range, the score means the same on every series,
// so one threshold serves them all. It is the one-dimensional, causal cousin of the kNN and
// adaptive-resonance novelty detectors near the top of NAB's scoreboard (KNN-CAD, ARTime), and of
// HTM's "spatial anomaly" (a value outside the range seen so far), without their use of the whole
// file's min and max.
//
// Causality (mode 'online' only): point t is scored against points before t and only then added to
// the memory; the range, the seasonal period (detected on the prefix and re-checked as it grows)
// and the band are computed from the past. NAB scores a detector as if the data arrived one point at
// a time, and an alert must not change when later data arrives, so nothing here looks ahead.
//
// The band it was judged against: values within tolerance·range of the range seen, intersected,
// while the seasonal context is in use, with the envelope of the same-phase values of past cycles
// widened by (their usual distance + tolerance·range/λ). It follows the season (the same-phase
// envelope moves with the time of day) and the trend (it comes from recent cycles). It is an
// envelope: a value inside it that falls in a gap the series never visited can still be flagged.

import { emptyResult, finish, prepareSeries } from './prepare';
import { indexNear, PeriodTracker } from './periods';
import { SlidingWindow } from './stats';
import type { AnomalyDetector, AnomalyOptions, AnomalyResult, AnomalySeries } from './types';

export interface NoveltyOptions extends AnomalyOptions {
  /** Novelty (a fraction of the range seen) that scores 0.5 (default 0.015). */
  tolerance?: number;
  /** Past values remembered for the nearest-value search (default 5,000). The range is over all of the past. */
  memory?: number;
  /** Weight λ of the seasonal context (default 0.25; 0 turns it off). */
  contextWeight?: number;
  /** Steps either side of the same phase that count as "the same time" (default 2). */
  contextWidth?: number;
  /** Past cycles needed before the context is used (default 5), and looked at (default 50). */
  contextMinCycles?: number;
  contextMaxCycles?: number;
  /** The same-phase distance counts only above this quantile of its own past values (default 0.99). */
  contextQuantile?: number;
  /** Shortest seasonal period used as context, ms (default 12 h: daily and weekly cycles). */
  minPeriodMs?: number;
  /** Steps before the first detection of the period, and the least between re-detections (default 256). */
  periodCheckEvery?: number;
  /** Learning time before scoring, ms (default one day), when `warmup` (in points) is not given; 10 to 750 points. */
  warmupMs?: number;
}

export const NOVELTY_DEFAULTS = {
  threshold: 0.5,
  tolerance: 0.015,
  memory: 5000,
  contextWeight: 0.25,
  contextWidth: 2,
  contextMinCycles: 5,
  contextMaxCycles: 50,
  contextQuantile: 0.99,
  minPeriodMs: 12 * 3_600_000,
  periodCheckEvery: 256,
  warmupMs: 24 * 3_600_000,
};

/** Same-phase context needs this many past same-phase distances before its quantile means anything. */
const CONTEXT_MIN_HISTORY = 50;
/** Points seen before anything is scored, whatever the warm-up time; and at most (NAB's cap on its probationary period). */
const MIN_WARMUP = 10;
const MAX_WARMUP = 750;


function median(xs: number[]): number {
  if (xs.length === 0) {
    return NaN;
  }
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function checkOptions(o: typeof NOVELTY_DEFAULTS): void {
  for (const k of ['tolerance', 'memory', 'periodCheckEvery'] as const) {
    if (!(o[k] > 0)) {
      throw new RangeError(`${k} must be positive, got ${o[k]}`);
    }
  }
  for (const k of ['contextWeight', 'contextWidth', 'contextMinCycles', 'contextMaxCycles', 'warmupMs', 'minPeriodMs'] as const) {
    if (!(o[k] >= 0)) {
      throw new RangeError(`${k} must be ≥ 0, got ${o[k]}`);
    }
  }
  if (!(o.contextQuantile >= 0 && o.contextQuantile <= 1)) {
    throw new RangeError(`contextQuantile must be in [0, 1], got ${o.contextQuantile}`);
  }
}

export function noveltyScore(series: AnomalySeries, options: NoveltyOptions = {}): AnomalyResult {
  if (options.mode === 'batch') {
    throw new RangeError('the novelty detector is streaming only (mode "online")');
  }
  const o = { ...NOVELTY_DEFAULTS, ...stripUndefined(options) };
  checkOptions(o);
  const s = prepareSeries(series, options.stepMs);
  if (options.warmup !== undefined && !(options.warmup >= 0)) {
    throw new RangeError(`warmup must be ≥ 0 points, got ${options.warmup}`);
  }
  // Everything is new at first: the first day of a daily cycle would all be "novel".
  const warmup = options.warmup ?? Math.min(MAX_WARMUP, Math.max(MIN_WARMUP, Number.isFinite(s.stepMs) ? Math.ceil(o.warmupMs / s.stepMs) : 0));
  const result = emptyResult('novelty', 'online', s);
  const x = s.values;
  const ts = s.timestamps;
  const n = x.length;

  const memory = new SlidingWindow(Math.round(o.memory));
  const contextHistory = new SlidingWindow(Math.round(o.memory));
  const recent: number[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  let seen = 0;

  const periods = new PeriodTracker(ts, x, { stepMs: s.stepMs, minPeriodMs: o.minPeriodMs, first: o.periodCheckEvery, fixed: options.periods });
  const halfStep = s.stepMs / 2;
  const periodsUsed = new Set<number>();

  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) {
      continue;
    }
    // The period from the past only: the points before t.
    const period = periods.at(t);
    if (seen >= warmup) {
      const range = hi - lo;
      const unit = o.tolerance * range;
      const dist = memory.nearestDistance(v);
      let novelty = dist === 0 ? 0 : range > 0 ? dist / range : Infinity;
      let bandLo = lo - unit;
      let bandHi = hi + unit;
      let expected = median(recent);

      if (period > 0 && o.contextWeight > 0) {
        // The same phase in previous cycles: ±contextWidth steps around t − k·period.
        let nearest = Infinity;
        let cMin = Infinity;
        let cMax = -Infinity;
        let cycles = 0;
        const lastCycles: number[] = [];
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
            any = true;
            nearest = Math.min(nearest, Math.abs(v - x[j]));
            cMin = Math.min(cMin, x[j]);
            cMax = Math.max(cMax, x[j]);
          }
          if (any) {
            cycles++;
            if (lastCycles.length < 5 && Number.isFinite(x[j0])) {
              lastCycles.push(x[j0]);
            }
          }
        }
        if (cycles >= o.contextMinCycles && range > 0) {
          const raw = nearest / range;
          const usual = contextHistory.size >= CONTEXT_MIN_HISTORY ? contextHistory.quantile(o.contextQuantile) : Infinity;
          contextHistory.push(raw);
          if (Number.isFinite(usual)) {
            periodsUsed.add(period);
            novelty = Math.max(novelty, o.contextWeight * Math.max(0, raw - usual));
            const widen = usual * range + unit / o.contextWeight;
            bandLo = Math.max(bandLo, cMin - widen);
            bandHi = Math.min(bandHi, cMax + widen);
            expected = median(lastCycles);
          }
        }
      }
      result.score[t] = novelty === Infinity ? 1 : novelty / (novelty + o.tolerance);
      result.expected[t] = expected;
      result.lower[t] = bandLo;
      result.upper[t] = bandHi;
    }
    memory.push(v);
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
    result.notes.push(`only ${seen} finite point(s): the novelty detector scores after a warm-up of ${warmup} points, so every score is 0`);
  } else if (warmup > 0) {
    result.notes.push(`the first ${warmup} finite points are warm-up (learning what is normal): score 0, no band`);
  }
  if (result.periods.length > 0) {
    result.notes.push(`seasonal context: period(s) of ${result.periods.join(', ')} steps, detected from the past`);
  }
  return finish(result, o.threshold, s.scale);
}

/** Options with undefined values removed, so that they do not override the defaults. */
export function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const noveltyDetector: AnomalyDetector = {
  name: 'novelty',
  modes: ['online'],
  score: noveltyScore,
};
