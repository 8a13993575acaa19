// A forecast chosen per series on a holdout: several candidate models are fitted on the history
// without its last stretch, scored on that stretch, and the best few, refitted on the whole
// history, are averaged. Choosing per series copes with series that one fixed model suits badly
// (a multiplicative season, a weekly shape, a random walk); averaging the best few is steadier
// than betting on the single best of one short holdout, as the forecasting competitions found.
//
// Candidates, for the seasonal periods P the data shows plus the calendar periods (day, week) the
// history holds twice: MSTL on each period alone and on all of them, the same on the logarithm of
// the series when it is positive (a season whose amplitude grows with the level), and seasonal
// naive on each period. ETS stands in when there is no period at all.

import { AutoETS, MSTL } from '../models/augurs';
import type { Forecast } from './forecast';

export interface EnsembleOptions {
  horizon: number;
  level: number;
  /** Candidate seasonal periods in steps (already checked to fit twice in the history). */
  periods: number[];
  /** Models averaged (default 3). */
  members?: number;
}

interface Band {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

interface Candidate {
  name: string;
  periods: number[];
  /** Longest period: the training part must hold it twice. */
  span: number;
  fit(y: Float64Array, horizon: number, level: number): Band;
}

function fromAugurs(f: { point: number[]; intervals?: { lower: number[]; upper: number[] } }): Band {
  const mean = Float64Array.from(f.point);
  return { mean, lower: Float64Array.from(f.intervals?.lower ?? f.point), upper: Float64Array.from(f.intervals?.upper ?? f.point) };
}

function mstl(periods: number[]): Candidate['fit'] {
  return (y, horizon, level) => {
    using m = MSTL.ets(periods);
    m.fit(y);
    return fromAugurs(m.predict(horizon, level));
  };
}

function ets(): Candidate['fit'] {
  return (y, horizon, level) => {
    using m = new AutoETS(1, 'ZZN');
    m.fit(y);
    return fromAugurs(m.predict(horizon, level));
  };
}

/** Fits on log(y) and maps back: the band stays positive and widens with the level. */
function onLog(fit: Candidate['fit']): Candidate['fit'] {
  return (y, horizon, level) => {
    const b = fit(y.map(Math.log), horizon, level);
    return { mean: b.mean.map(Math.exp), lower: b.lower.map(Math.exp), upper: b.upper.map(Math.exp) };
  };
}

/** Quantile z of the two-sided level, passed in to keep this file free of forecast.ts at run time. */
function seasonalNaive(period: number, z: (level: number) => number): Candidate['fit'] {
  return (y, horizon, level) => {
    const n = y.length;
    let ss = 0;
    for (let t = period; t < n; t++) ss += (y[t] - y[t - period]) ** 2;
    const sigma = Math.sqrt(ss / Math.max(1, n - period));
    const mean = new Float64Array(horizon);
    const lower = new Float64Array(horizon);
    const upper = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      mean[h] = y[n - period + (h % period)];
      const w = z(level) * sigma * Math.sqrt(Math.floor(h / period) + 1);
      lower[h] = mean[h] - w;
      upper[h] = mean[h] + w;
    }
    return { mean, lower, upper };
  };
}

export function ensembleCandidates(periods: number[], positive: boolean, z: (level: number) => number): Candidate[] {
  const out: Candidate[] = [];
  const sets = periods.length > 1 ? [...periods.map((p) => [p]), periods] : periods.map((p) => [p]);
  for (const set of sets) {
    const span = Math.max(...set);
    out.push({ name: `mstl(${set.join(',')})`, periods: set, span, fit: mstl(set) });
    if (positive) out.push({ name: `mstl(${set.join(',')}) on log`, periods: set, span, fit: onLog(mstl(set)) });
  }
  for (const p of periods) out.push({ name: `seasonal naive(${p})`, periods: [p], span: p, fit: seasonalNaive(p, z) });
  if (periods.length === 0) {
    out.push({ name: 'ets', periods: [], span: 0, fit: ets() });
    if (positive) out.push({ name: 'ets on log', periods: [], span: 0, fit: onLog(ets()) });
  }
  return out;
}

/** Mean absolute error of a candidate's holdout forecast; Infinity when it fails or is not finite. */
function holdoutError(c: Candidate, train: Float64Array, holdout: Float64Array, level: number): number {
  try {
    const b = c.fit(train, holdout.length, level);
    let e = 0;
    for (let i = 0; i < holdout.length; i++) e += Math.abs(b.mean[i] - holdout[i]);
    return Number.isFinite(e) ? e / holdout.length : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * The ensemble forecast of `y`, or undefined when no candidate can be scored (the caller falls back).
 * `z` is the two-sided normal quantile for a level.
 */
export function ensembleForecast(y: Float64Array, o: EnsembleOptions, z: (level: number) => number): Omit<Forecast, 'notes'> & { notes: string[] } | undefined {
  const n = y.length;
  const positive = y.every((v) => v > 0);
  // The holdout is as long as the horizon, but leaves at least four fifths of the history to fit on.
  const h = Math.max(1, Math.min(o.horizon, Math.floor(n / 5)));
  const train = y.subarray(0, n - h);
  const holdout = y.subarray(n - h);
  const scored = ensembleCandidates(o.periods, positive, z)
    .filter((c) => train.length >= 2 * c.span)
    .map((c) => ({ c, error: holdoutError(c, train, holdout, o.level) }))
    .filter((s) => s.error < Infinity)
    .sort((a, b) => a.error - b.error);
  const members: Array<{ name: string; periods: number[]; band: Band }> = [];
  for (const { c } of scored) {
    if (members.length >= (o.members ?? 3)) break;
    try {
      const band = c.fit(y, o.horizon, o.level);
      if (band.mean.every(Number.isFinite) && band.lower.every(Number.isFinite) && band.upper.every(Number.isFinite)) {
        members.push({ name: c.name, periods: c.periods, band });
      }
    } catch {
      // A candidate that fits the holdout but not the whole history is skipped; the next one stands in.
    }
  }
  if (members.length === 0) return undefined;
  const avg = (pick: (b: Band) => Float64Array) => Float64Array.from({ length: o.horizon }, (_, i) => members.reduce((s, m) => s + pick(m.band)[i], 0) / members.length);
  return {
    model: 'ensemble',
    periods: [...new Set(members.flatMap((m) => m.periods))].sort((a, b) => a - b),
    level: o.level,
    mean: avg((b) => b.mean),
    lower: avg((b) => b.lower),
    upper: avg((b) => b.upper),
    members: members.map((m) => m.name),
    notes: [`average of the ${members.length} best of ${scored.length} models on the last ${h} steps: ${members.map((m) => m.name).join(', ')}`],
  };
}
