// Failure risk of one service: the probabilities that its signals point to a failure, combined.
//
// Each signal is already a number in [0, 1]: the probability that a metric crosses its threshold
// within the horizon, an anomaly score, the probability that usage exhausts its limit. They are
// combined by noisy-OR, 1 − Π(1 − wᵢ·pᵢ): any one strong signal is enough to make a service risky,
// several weak ones add up, and no signal can push the risk past 1. The weights say how much a
// signal is believed on its own (an anomaly is weaker evidence of failure than a predicted crossing).

export type RiskSignalKind = 'crossing' | 'anomaly' | 'capacity';

export interface RiskSignal {
  kind: RiskSignalKind;
  /** What was measured, e.g. the series name. */
  source: string;
  /** In [0, 1]. */
  value: number;
  /** A short human-readable reading of the value ("reaches 0.9 in 12 min"). */
  detail: string;
}

export interface RiskContribution extends RiskSignal {
  weight: number;
  /** weight · value: the signal's share before combination. */
  contribution: number;
}

export interface Risk {
  /** In [0, 1]. */
  risk: number;
  /** Strongest first. */
  contributions: RiskContribution[];
}

/** Default belief in each kind of signal. An anomaly alone says "unusual", not "failing". */
export const DEFAULT_RISK_WEIGHTS: Readonly<Record<RiskSignalKind, number>> = {
  crossing: 1,
  capacity: 1,
  anomaly: 0.6,
};

export function combineRisk(signals: RiskSignal[], weights: Partial<Record<RiskSignalKind, number>> = {}): Risk {
  const contributions: RiskContribution[] = [];
  let survive = 1;
  for (const s of signals) {
    if (!Number.isFinite(s.value)) {
      // A missing reading says nothing: it neither raises nor lowers the risk (the caller notes it).
      continue;
    }
    const weight = weights[s.kind] ?? DEFAULT_RISK_WEIGHTS[s.kind];
    if (!(weight >= 0 && weight <= 1)) {
      throw new RangeError(`the weight of ${s.kind} signals must be in [0, 1], got ${weight}`);
    }
    const value = Math.min(1, Math.max(0, s.value));
    const contribution = weight * value;
    survive *= 1 - contribution;
    contributions.push({ ...s, value, weight, contribution });
  }
  contributions.sort((a, b) => b.contribution - a.contribution);
  return { risk: 1 - survive, contributions };
}

export interface ServiceSignal extends RiskSignal {
  service: string;
}

export interface ServiceRisk extends Risk {
  service: string;
}

/**
 * Risk per service, riskiest first. Within a service only the strongest signal of each kind counts:
 * a hundred pods with the same weak reading are one weak reading, not a hundred pieces of evidence.
 */
export function riskByService(signals: ServiceSignal[], weights?: Partial<Record<RiskSignalKind, number>>): ServiceRisk[] {
  const strongest = new Map<string, Map<RiskSignalKind, ServiceSignal>>();
  for (const s of signals) {
    let kinds = strongest.get(s.service);
    if (!kinds) strongest.set(s.service, (kinds = new Map()));
    const held = kinds.get(s.kind);
    if (!held || (Number.isFinite(s.value) && !(held.value >= s.value))) kinds.set(s.kind, s);
  }
  return [...strongest]
    .map(([service, kinds]) => ({ service, ...combineRisk([...kinds.values()], weights) }))
    .sort((a, b) => b.risk - a.risk || a.service.localeCompare(b.service));
}
