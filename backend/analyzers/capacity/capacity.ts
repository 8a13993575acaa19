// Capacity of one resource: a usage forecast read against its limit. How long until usage reaches
// the limit, how much room is left at the end of the horizon, and what capacity (or how many
// replicas) keeps the predicted peak under a target utilisation.
//
// The peak is read from the forecast's upper bound (the pessimistic side at the forecast's level),
// so a recommendation covers what plausibly happens, not only the expected path.

import type { Forecast } from '../forecast/forecast';
import { thresholdCrossing } from '../predict/crossing';

export interface CapacityOptions {
  /** The limit usage must stay under (same unit as usage), > 0. */
  limit: number;
  /** Utilisation to stay under, in (0, 1], e.g. 0.8. */
  target: number;
  /** Replicas the limit is shared across now: the recommendation is then a replica count too. */
  replicas?: number;
}

export type CapacityAction = 'increase' | 'keep' | 'decrease';

export interface Capacity {
  current: number;
  limit: number;
  /** current / limit. */
  utilisation: number;
  /** Steps until the expected usage reaches the limit; 0 if it is there already; undefined if not within the horizon. */
  exhaustionSteps?: number;
  /** Steps until the pessimistic bound reaches the limit. */
  earliestExhaustionSteps?: number;
  /** Probability of reaching the limit within the horizon. */
  exhaustionProbability: number;
  /** limit − expected usage at the horizon (negative: over the limit). */
  headroom: number;
  /** headroom / limit. */
  headroomRatio: number;
  /** Highest upper bound over the horizon, and as a fraction of the limit. */
  peak: number;
  peakUtilisation: number;
  /** Capacity that keeps the peak at the target: peak / target. */
  recommendedLimit: number;
  /** Replicas that keep the peak at the target, when the current count is known. */
  recommendedReplicas?: number;
  action: CapacityAction;
  /** One sentence for a table cell. */
  recommendation: string;
}

export class CapacityError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CapacityError';
  }
}

/** Shrinking is suggested only when even the peak would use less than half the target: resizing has a cost. */
const DECREASE_BELOW = 0.5;

function round(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

export function validateCapacityOptions(o: CapacityOptions): void {
  if (!(Number.isFinite(o.limit) && o.limit > 0)) {
    throw new CapacityError(`the limit must be a positive number, got ${o.limit}`);
  }
  if (!(o.target > 0 && o.target <= 1)) {
    throw new CapacityError(`the target utilisation must be in (0, 1], e.g. 0.8; got ${o.target}`);
  }
  if (o.replicas !== undefined && !(Number.isInteger(o.replicas) && o.replicas >= 1)) {
    throw new CapacityError(`replicas must be a whole number of at least 1, got ${o.replicas}`);
  }
}

export function capacity(current: number, f: Forecast, o: CapacityOptions): Capacity {
  validateCapacityOptions(o);
  if (!Number.isFinite(current)) {
    throw new CapacityError(`the current usage must be a finite number, got ${current}`);
  }
  const h = f.mean.length;
  const crossing = thresholdCrossing(current, f, o.limit, 'above');
  let peak = current;
  for (let i = 0; i < h; i++) {
    peak = Math.max(peak, f.upper[i], f.mean[i]);
  }
  const atHorizon = h > 0 ? f.mean[h - 1] : current;
  const headroom = o.limit - atHorizon;
  const peakUtilisation = peak / o.limit;
  const recommendedLimit = Math.max(peak, 0) / o.target;
  const recommendedReplicas = o.replicas === undefined ? undefined : Math.max(1, Math.ceil((o.replicas * peakUtilisation) / o.target - 1e-9));
  const action: CapacityAction = peakUtilisation > o.target ? 'increase' : peakUtilisation < o.target * DECREASE_BELOW ? 'decrease' : 'keep';
  const pct = (x: number) => `${round(x * 100)}%`;
  let recommendation: string;
  if (action === 'keep') {
    recommendation = `keep: the predicted peak uses ${pct(peakUtilisation)} of the limit (target ${pct(o.target)})`;
  } else if (recommendedReplicas !== undefined) {
    recommendation = `${recommendedReplicas > o.replicas! ? 'scale out' : 'scale in'} from ${o.replicas} to ${recommendedReplicas} replicas: the predicted peak would use ${pct(peakUtilisation)} of ${o.replicas} replicas (target ${pct(o.target)})`;
  } else {
    recommendation = `${action === 'increase' ? 'raise' : 'lower'} the limit from ${round(o.limit)} to ${round(recommendedLimit)}: the predicted peak would use ${pct(peakUtilisation)} of it (target ${pct(o.target)})`;
  }
  return {
    current,
    limit: o.limit,
    utilisation: current / o.limit,
    exhaustionSteps: crossing.expectedSteps,
    earliestExhaustionSteps: crossing.earliestSteps,
    exhaustionProbability: crossing.probability,
    headroom,
    headroomRatio: headroom / o.limit,
    peak,
    peakUtilisation,
    recommendedLimit,
    recommendedReplicas,
    action,
    recommendation,
  };
}
