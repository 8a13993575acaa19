// Which seasonal periods a series has, in steps.
//
// Candidates are the calendar periods operations data lives by (hour, day, week) at the series'
// step, the peaks of the autocorrelation function, and the peaks of augurs' periodogram moved to
// the nearest autocorrelation peak. A candidate is kept only if the data shows it: the
// autocorrelation of the linearly detrended series at that lag is strong and higher than at half
// the lag (a true cycle correlates with itself one period on, and against itself half a period on).
// The periodogram alone is not enough: its resolution is coarse and it can report a multiple of
// the period (a 120-step cycle in 600 points came back as 254), hence the autocorrelation search.

import { seasonalities } from '../models/augurs';

const HOUR = 3_600_000;
const CALENDAR_PERIODS_MS = [HOUR, 24 * HOUR, 7 * 24 * HOUR];
/** Autocorrelation a period must reach to count. */
const MIN_ACF = 0.3;
/**
 * How far an autocorrelation peak must rise above the lowest value at shorter lags. A cycle dips
 * (to −1 for a sine) between its repeats; a smooth or trending series only wiggles.
 */
const MIN_PROMINENCE = 0.2;
/** How much better a multiple of a period must correlate to count as a cycle of its own. */
const HARMONIC_MARGIN = 0.02;
/** MSTL's cost grows with each period; two cover daily+weekly, the common case. */
const MAX_PERIODS = 2;

function detrend(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += i;
    sy += y[i];
    sxx += i * i;
    sxy += i * y[i];
  }
  const denom = n * sxx - sx * sx;
  const slope = denom === 0 ? 0 : (n * sxy - sx * sy) / denom;
  const intercept = (sy - slope * sx) / n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = y[i] - (intercept + slope * i);
  }
  return out;
}

export function autocorrelation(x: ArrayLike<number>, lag: number): number {
  const n = x.length;
  if (lag <= 0 || lag >= n) {
    return 0;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) {
    mean += x[i];
  }
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    den += d * d;
    if (i + lag < n) {
      num += d * (x[i + lag] - mean);
    }
  }
  // Normalised by the overlap (n − lag), not by n: the plain estimator shrinks long lags towards 0,
  // which would hide a weekly cycle in two weeks of data.
  return den === 0 ? 0 : (num / (n - lag)) / (den / n);
}

/** Lags (ascending) where the autocorrelation has a local maximum of at least MIN_ACF, strongest first. */
function autocorrelationPeaks(x: Float64Array, maxLag: number): number[] {
  const acf = new Float64Array(maxLag + 2);
  for (let lag = 1; lag <= maxLag + 1 && lag < x.length; lag++) {
    acf[lag] = autocorrelation(x, lag);
  }
  const peaks: number[] = [];
  let trough = Infinity;
  for (let lag = 2; lag <= maxLag; lag++) {
    trough = Math.min(trough, acf[lag - 1]);
    if (acf[lag] >= MIN_ACF && acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1] && acf[lag] - trough >= MIN_PROMINENCE) {
      peaks.push(lag);
    }
  }
  return peaks.sort((a, b) => acf[b] - acf[a]);
}

/** The autocorrelation peak within ±10% of `p`, if any: where a coarse estimate really peaks. */
function refine(p: number, peaks: number[]): number | undefined {
  return peaks.find((q) => Math.abs(q - p) / p <= 0.1);
}

/** Above this length the full autocorrelation search is skipped (it costs n × n/2). */
const MAX_ACF_SEARCH_POINTS = 6000;

export interface SeasonalityOptions {
  stepMs: number;
  /** Cycles of a period the history must hold for it to be considered. */
  minCycles?: number;
}

/** Seasonal periods in steps, ascending; empty when the data shows none. */
/** The calendar periods (hour, day, week) that are a whole number of steps (within 5%), in steps. */
export function calendarPeriods(stepMs: number): number[] {
  const out: number[] = [];
  for (const ms of CALENDAR_PERIODS_MS) {
    const p = Math.round(ms / stepMs);
    if (p >= 2 && Math.abs(p * stepMs - ms) / ms < 0.05) {
      out.push(p);
    }
  }
  return out;
}

export function detectPeriods(y: ArrayLike<number>, options: SeasonalityOptions): number[] {
  const n = y.length;
  const minCycles = options.minCycles ?? 2;
  const candidates = new Set<number>(calendarPeriods(options.stepMs));
  const x = detrend(y);
  const maxLag = Math.floor(n / minCycles);
  const peaks = n >= 12 && n <= MAX_ACF_SEARCH_POINTS ? autocorrelationPeaks(x, maxLag) : [];
  const calendar = [...candidates];
  const snap = (p: number) => calendar.find((c) => Math.abs(p - c) / c < 0.05) ?? p;
  for (const p of peaks.slice(0, 3)) {
    candidates.add(snap(p));
  }
  if (n >= 12) {
    try {
      for (const p of seasonalities(Float64Array.from(y), { minPeriod: 4, maxPeriod: maxLag, threshold: 0.9 })) {
        candidates.add(snap(refine(p, peaks) ?? p));
      }
    } catch {
      // The periodogram is only a source of candidates; the others remain.
    }
  }
  const accepted: Array<{ period: number; acf: number }> = [];
  for (const p of candidates) {
    if (p < 2 || n < minCycles * p) {
      continue;
    }
    const acf = autocorrelation(x, p);
    if (acf >= MIN_ACF && acf - autocorrelation(x, Math.round(p / 2)) >= MIN_PROMINENCE) {
      accepted.push({ period: p, acf });
    }
  }
  // A multiple of a shorter accepted period correlates almost as well as the period itself; it is
  // a cycle of its own (a weekly shape over a daily one) only if it correlates clearly better.
  const kept: Array<{ period: number; acf: number }> = [];
  for (const c of accepted.sort((a, b) => a.period - b.period)) {
    const harmonicOf = kept.find((k) => {
      const ratio = c.period / k.period;
      return Math.round(ratio) >= 2 && Math.abs(ratio - Math.round(ratio)) / ratio < 0.05;
    });
    if (!harmonicOf || c.acf > harmonicOf.acf + HARMONIC_MARGIN) {
      kept.push(c);
    }
  }
  // The strongest few, ascending as MSTL expects.
  return kept
    .sort((a, b) => b.acf - a.acf)
    .slice(0, MAX_PERIODS)
    .map((a) => a.period)
    .sort((a, b) => a - b);
}
