// Which seasonal periods a series has, in steps.
//
// Candidates are the calendar periods operations data lives by (hour, day, week) at the series'
// step, plus the peaks of augurs' periodogram. A candidate is kept only if the data shows it: the
// autocorrelation of the linearly detrended series at that lag is strong and higher than at half
// the lag (a true cycle correlates with itself one period on, and against itself half a period on).
// The periodogram alone is not enough: its resolution at long periods is coarse (a 288-step daily
// cycle can come back as 510), hence the calendar snapping and the autocorrelation check.

import { seasonalities } from '../models/augurs';

const HOUR = 3_600_000;
const CALENDAR_PERIODS_MS = [HOUR, 24 * HOUR, 7 * 24 * HOUR];
/** Autocorrelation a period must reach to count. */
const MIN_ACF = 0.3;
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
  return den === 0 ? 0 : num / den;
}

export interface SeasonalityOptions {
  stepMs: number;
  /** Cycles of a period the history must hold for it to be considered. */
  minCycles?: number;
}

/** Seasonal periods in steps, ascending; empty when the data shows none. */
export function detectPeriods(y: ArrayLike<number>, options: SeasonalityOptions): number[] {
  const n = y.length;
  const minCycles = options.minCycles ?? 2;
  const candidates = new Set<number>();
  for (const ms of CALENDAR_PERIODS_MS) {
    const p = Math.round(ms / options.stepMs);
    if (p >= 2 && Math.abs(p * options.stepMs - ms) / ms < 0.05) {
      candidates.add(p);
    }
  }
  if (n >= 12) {
    try {
      for (const p of seasonalities(Float64Array.from(y), { minPeriod: 4, maxPeriod: Math.floor(n / minCycles), threshold: 0.9 })) {
        // Snap to a calendar period when close: the periodogram's resolution is coarse.
        const near = [...candidates].find((c) => Math.abs(p - c) / c < 0.1);
        candidates.add(near ?? p);
      }
    } catch {
      // The periodogram is only a source of candidates; the calendar ones remain.
    }
  }
  const x = detrend(y);
  const accepted: Array<{ period: number; acf: number }> = [];
  for (const p of candidates) {
    if (p < 2 || n < minCycles * p) {
      continue;
    }
    const acf = autocorrelation(x, p);
    if (acf >= MIN_ACF && acf > autocorrelation(x, Math.round(p / 2))) {
      accepted.push({ period: p, acf });
    }
  }
  // The strongest few, ascending as MSTL expects.
  return accepted
    .sort((a, b) => b.acf - a.acf)
    .slice(0, MAX_PERIODS)
    .map((a) => a.period)
    .sort((a, b) => a - b);
}
