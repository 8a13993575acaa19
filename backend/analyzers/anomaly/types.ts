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
   * A point is flagged when its score reaches this (default 0.5). What 0.5 means is the detector's
   * (seasonal-residual: tail probability p = 1e-4; novelty: 1.5 % of the range from anything seen).
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
   * Anomaly score in [0, 1], increasing with how anomalous the point is; 0 for unremarkable, warm-up
   * and missing points. Never NaN. Each detector documents its scale; both built-in ones put 0.5
   * at their natural "anomalous" line and approach 1 without saturating, so that very anomalous
   * points still rank above merely anomalous ones.
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

/** A tail probability of 10^−PROBABILITY_DECADES scores 0.5. */
export const PROBABILITY_DECADES = 4;

/**
 * Tail probability to score, given as log10(p) (so that probabilities far below the smallest double
 * still rank): L/(L + PROBABILITY_DECADES) with L = −log10(p); 0 for p = 1, 0.5 for p = 1e-4,
 * 0.8 for p = 1e-16, → 1 as p → 0.
 */
export function scoreFromLog10P(log10p: number): number {
  if (Number.isNaN(log10p)) {
    return 0;
  }
  const l = Math.max(0, -log10p);
  return l === Infinity ? 1 : l / (l + PROBABILITY_DECADES);
}

/** Tail probability to score (see scoreFromLog10P). */
export function pToScore(p: number): number {
  return p > 0 ? scoreFromLog10P(Math.log10(p)) : p === 0 ? 1 : 0;
}

/** Score to tail probability, the inverse of pToScore on [0, 1). */
export function scoreToP(score: number): number {
  return score >= 1 ? 0 : 10 ** ((-score * PROBABILITY_DECADES) / (1 - score));
}
