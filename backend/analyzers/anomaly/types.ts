// The one interface every single-series anomaly detector implements, and what it returns.

export interface AnomalySeries {
  /** Epoch milliseconds. Need not be sorted; duplicates keep the last value (see `prepareSeries`). */
  timestamps: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * - `online`: streaming evaluation. The score, flag and band of point t are computed from points
 *   0..t only, exactly as if the points arrived one by one. Use it for alerting and whenever the
 *   result is evaluated causally (NAB).
 * - `batch`: the whole range is known; the model may use points after t (e.g. a decomposition fitted
 *   in-sample). Better bands for looking back at a dashboard range, but a point's score can change
 *   when later data arrives, so it must not feed an alert or a causal benchmark.
 */
export type AnomalyMode = 'online' | 'batch';

export interface AnomalyOptions {
  mode?: AnomalyMode;
  /**
   * A point is flagged when its score reaches this (default 0.5). Scores are tail probabilities on
   * a log scale, see `AnomalyResult.score`, so 0.5 ≈ p of 1e-4 with the default scale.
   */
  threshold?: number;
  /** Seasonal periods in steps; detected from the data when omitted (online: from the past only). */
  periods?: number[];
  /** The series' step in ms; the median spacing of the timestamps when omitted. */
  stepMs?: number;
  /** Points scored 0 while the model learns. Defaults depend on the detector. */
  warmup?: number;
}

export interface AnomalyResult {
  detector: string;
  mode: AnomalyMode;
  /** Sorted, de-duplicated timestamps: the points the arrays below describe. */
  timestamps: Float64Array;
  values: Float64Array;
  /**
   * Anomaly score in [0, 1]: −log10(p)/SCORE_DECADES capped at 1, p being the tail probability the
   * detector assigns to the point under its model of the past. 0 = unremarkable (and for warm-up
   * and missing points), 1 = p ≤ 10^−SCORE_DECADES. Never NaN.
   */
  score: Float64Array;
  /** score ≥ threshold. */
  flag: Uint8Array;
  /** The value the model expected, and the band it judged the point against; NaN where it had none (warm-up, missing points). */
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Points before this index are warm-up (score 0, band NaN). */
  warmup: number;
  /** Seasonal periods used, in steps (empty if none). */
  periods: number[];
  /** Why the result is what it is (dropped duplicates, missing values, fallbacks). */
  notes: string[];
}

export interface AnomalyDetector {
  readonly name: string;
  /** Modes it implements; `score` throws for the others. */
  readonly modes: readonly AnomalyMode[];
  score(series: AnomalySeries, options?: AnomalyOptions): AnomalyResult;
}

/** A score of 1 means p ≤ 1e-8. */
export const SCORE_DECADES = 8;

/** p (tail probability) to score. */
export function pToScore(p: number): number {
  if (!(p < 1)) {
    return 0;
  }
  if (!(p > 0)) {
    return 1;
  }
  return Math.min(1, -Math.log10(p) / SCORE_DECADES);
}

/** score to p (the inverse of pToScore on (0, 1)). */
export function scoreToP(score: number): number {
  return 10 ** (-score * SCORE_DECADES);
}
