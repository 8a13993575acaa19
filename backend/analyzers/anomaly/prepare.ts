// Input checks shared by the detectors: what a detector may assume about the series it scores, and
// the notes that say what was done to get there.

import { SeriesError } from '../series/grid';
import type { AnomalyResult, AnomalySeries } from './types';

export interface PreparedSeries {
  /** Sorted ascending, unique, finite. */
  timestamps: Float64Array;
  /** NaN marks a missing value (the input's NaN or ±Infinity). Scaled by `scale`. */
  values: Float64Array;
  /** values = input · scale; a power of two, so exact. 1 unless the input is huge. */
  scale: number;
  /** Median spacing of the timestamps (ms), or the caller's step. NaN for a single point. */
  stepMs: number;
  missing: number;
  notes: string[];
}

/** Beyond this magnitude, differences of values could overflow to ±Infinity: work on scaled values. */
const HUGE = 1e100;

export function prepareSeries(series: AnomalySeries, stepMs?: number): PreparedSeries {
  const { timestamps, values } = series;
  if (timestamps.length !== values.length) {
    throw new SeriesError(`the series has ${timestamps.length} timestamps but ${values.length} values`);
  }
  if (timestamps.length === 0) {
    throw new SeriesError('the series has no points');
  }
  const notes: string[] = [];
  const order: number[] = [];
  let badTime = 0;
  for (let i = 0; i < timestamps.length; i++) {
    if (Number.isFinite(timestamps[i])) {
      order.push(i);
    } else {
      badTime++;
    }
  }
  if (badTime > 0) {
    notes.push(`${badTime} point(s) without a valid timestamp dropped`);
  }
  let sorted = true;
  for (let k = 1; k < order.length; k++) {
    if (timestamps[order[k]] < timestamps[order[k - 1]]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    // Stable, so among duplicates the last in input order stays last.
    order.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
    notes.push('timestamps were out of order: points sorted by time');
  }
  const ts: number[] = [];
  const vs: number[] = [];
  let duplicates = 0;
  for (const i of order) {
    const t = timestamps[i];
    if (ts.length > 0 && ts[ts.length - 1] === t) {
      vs[vs.length - 1] = values[i];
      duplicates++;
    } else {
      ts.push(t);
      vs.push(values[i]);
    }
  }
  if (duplicates > 0) {
    notes.push(`${duplicates} duplicate timestamp(s): the last value of each kept`);
  }
  if (ts.length === 0) {
    throw new SeriesError('the series has no point with a valid timestamp');
  }
  const out = new Float64Array(vs.length);
  let missing = 0;
  let maxAbs = 0;
  for (let i = 0; i < vs.length; i++) {
    const v = Number(vs[i]);
    if (Number.isFinite(v)) {
      out[i] = v;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    } else {
      out[i] = NaN;
      missing++;
    }
  }
  if (missing === vs.length) {
    throw new SeriesError(`the series has no finite value (${vs.length} point(s), all NaN or infinite)`);
  }
  if (missing > 0) {
    notes.push(`${missing} missing value(s) (NaN or infinite): scored 0, no band`);
  }
  let scale = 1;
  if (maxAbs > HUGE) {
    // A power of two: scaling is exact and every detector is scale-equivariant, so the scores are
    // those of the unscaled series; only overflow in differences is avoided. This uses the range's
    // maximum, but as a unit of measure, not as information about the values.
    scale = 2 ** -Math.ceil(Math.log2(maxAbs));
    for (let i = 0; i < out.length; i++) {
      out[i] *= scale;
    }
    notes.push('values beyond 1e100: computed on values scaled by a power of two');
  }
  let step = stepMs ?? NaN;
  if (stepMs !== undefined && !(stepMs > 0)) {
    throw new SeriesError(`step must be positive, got ${stepMs}`);
  }
  if (stepMs === undefined && ts.length > 1) {
    const diffs = new Float64Array(ts.length - 1);
    for (let i = 1; i < ts.length; i++) {
      diffs[i - 1] = ts[i] - ts[i - 1];
    }
    diffs.sort();
    step = diffs[diffs.length >> 1];
  }
  return { timestamps: Float64Array.from(ts), values: out, scale, stepMs: step, missing, notes };
}

/** An all-quiet result of the right shape, for the detectors to fill in. */
export function emptyResult(detector: string, mode: AnomalyResult['mode'], s: PreparedSeries): AnomalyResult {
  const n = s.values.length;
  return {
    detector,
    mode,
    timestamps: s.timestamps,
    values: unscale(s.values, s.scale),
    score: new Float64Array(n),
    flag: new Uint8Array(n),
    expected: new Float64Array(n).fill(NaN),
    lower: new Float64Array(n).fill(NaN),
    upper: new Float64Array(n).fill(NaN),
    warmup: 0,
    periods: [],
    notes: [...s.notes],
  };
}

export function unscale(values: Float64Array, scale: number): Float64Array {
  return scale === 1 ? Float64Array.from(values) : values.map((v) => v / scale);
}

/** Sets flags from scores and undoes the value scaling of the band. */
export function finish(result: AnomalyResult, threshold: number, scale: number): AnomalyResult {
  if (!(threshold > 0 && threshold <= 1)) {
    throw new SeriesError(`the threshold must be in (0, 1], got ${threshold}`);
  }
  for (let i = 0; i < result.score.length; i++) {
    const s = result.score[i];
    if (!(s >= 0 && s <= 1)) {
      // A detector bug, not an input problem: fail loudly rather than emit a NaN score.
      throw new Error(`${result.detector}: score ${s} at point ${i} is not in [0, 1]`);
    }
    result.flag[i] = s >= threshold ? 1 : 0;
  }
  if (scale !== 1) {
    for (const a of [result.expected, result.lower, result.upper]) {
      for (let i = 0; i < a.length; i++) {
        a[i] /= scale;
      }
    }
  }
  return result;
}
