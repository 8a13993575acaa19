// When will a forecast cross a threshold, and how likely is it to do so within the horizon?
//
// Each forecast step is read as a normal predictive distribution whose spread comes from the
// forecast interval (sigma = (upper − lower) / 2z). The probability of crossing by step h is
// taken as the largest single-step probability up to h: errors of successive forecast steps are
// strongly correlated (a level that runs high stays high), so the chance of a crossing somewhere
// is close to the chance at the most likely step, and this never overstates it.

import { normalQuantile, type Forecast } from '../forecast/forecast';

export type Direction = 'above' | 'below';

export interface Crossing {
  /** Probability that the series crosses the threshold within the horizon, in [0, 1]. */
  probability: number;
  /** Steps until the expected (mean) forecast crosses; undefined if it does not within the horizon. */
  expectedSteps?: number;
  /** Steps until the pessimistic bound crosses (the earliest it plausibly happens, at the forecast's level). */
  earliestSteps?: number;
  /** Steps until the optimistic bound crosses (by when it is nearly certain); undefined if not within the horizon. */
  latestSteps?: number;
  /** True when the last observation is already past the threshold. */
  alreadyCrossed: boolean;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to ~1e-7. */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function crosses(value: number, threshold: number, direction: Direction): boolean {
  return direction === 'above' ? value >= threshold : value <= threshold;
}

export function thresholdCrossing(lastValue: number, f: Forecast, threshold: number, direction: Direction): Crossing {
  if (!Number.isFinite(threshold)) {
    throw new RangeError(`the threshold must be a finite number, got ${threshold}`);
  }
  const z = normalQuantile(f.level);
  const pessimistic = direction === 'above' ? f.upper : f.lower;
  const optimistic = direction === 'above' ? f.lower : f.upper;
  let probability = 0;
  let expectedSteps: number | undefined;
  let earliestSteps: number | undefined;
  let latestSteps: number | undefined;
  for (let h = 0; h < f.mean.length; h++) {
    const mean = f.mean[h];
    const sigma = Math.abs(f.upper[h] - f.lower[h]) / (2 * z);
    let p: number;
    if (sigma > 0) {
      const zScore = (threshold - mean) / sigma;
      p = direction === 'above' ? 1 - normalCdf(zScore) : normalCdf(zScore);
    } else {
      p = crosses(mean, threshold, direction) ? 1 : 0;
    }
    probability = Math.max(probability, p);
    if (expectedSteps === undefined && crosses(mean, threshold, direction)) expectedSteps = h + 1;
    if (earliestSteps === undefined && crosses(pessimistic[h], threshold, direction)) earliestSteps = h + 1;
    if (latestSteps === undefined && crosses(optimistic[h], threshold, direction)) latestSteps = h + 1;
  }
  const alreadyCrossed = crosses(lastValue, threshold, direction);
  if (alreadyCrossed) {
    return { probability: 1, expectedSteps: 0, earliestSteps: 0, latestSteps: 0, alreadyCrossed };
  }
  return { probability: Math.min(1, Math.max(0, probability)), expectedSteps, earliestSteps, latestSteps, alreadyCrossed };
}
