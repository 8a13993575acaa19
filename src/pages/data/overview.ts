// Health and active predictions across services, from the watched signals' anomaly scores and
// predicted crossings.

import { latestScores, type SeriesScore } from './anomalies';
import { bySoonest, crossingsFromFrames, type PredictedCrossing } from './crossings';
import { ANOMALY_THRESHOLD, anomalyQueries, predictionQueries } from './queries';
import type { QueryResults } from './query';
import type { ResolvedAppSettings } from './settings';

export interface ServiceHealth {
  service: string;
  scores: SeriesScore[];
  anomalous: SeriesScore[];
  crossings: PredictedCrossing[];
}

export interface Overview {
  services: ServiceHealth[];
  crossings: PredictedCrossing[];
  /** Signals whose query failed, with the reason. */
  failures: Array<{ signal: string; error: string }>;
}

/** Crossings count as active when they are expected within the horizon or more likely than not. */
export const isActive = (c: PredictedCrossing) => c.expectedS !== null || (c.probability ?? 0) >= 0.5;

export function buildOverview(results: QueryResults, s: ResolvedAppSettings): Overview {
  const failures: Overview['failures'] = [];
  const scores: SeriesScore[] = [];
  anomalyQueries(s).forEach((q, i) => {
    const r = results[q.refId];
    if (r?.error) {
      failures.push({ signal: `${s.signals[i].name} (anomalies)`, error: r.error });
    }
    scores.push(...latestScores(r?.frames ?? [], s.signals[i].name, s.serviceLabel));
  });
  const crossings: PredictedCrossing[] = [];
  for (const { signal, query } of predictionQueries(s)) {
    const r = results[query.refId];
    if (r?.error) {
      failures.push({ signal: `${signal.name} (prediction)`, error: r.error });
    }
    crossings.push(...crossingsFromFrames(r?.frames ?? [], signal.name, s.serviceLabel));
  }
  const byService = new Map<string, ServiceHealth>();
  const entry = (service = 'unlabelled') => {
    let e = byService.get(service);
    if (!e) {
      e = { service, scores: [], anomalous: [], crossings: [] };
      byService.set(service, e);
    }
    return e;
  };
  for (const sc of scores) {
    const e = entry(sc.service);
    e.scores.push(sc);
    if ((sc.latest ?? 0) > ANOMALY_THRESHOLD) {
      e.anomalous.push(sc);
    }
  }
  const active = crossings.filter(isActive).sort(bySoonest);
  for (const c of active) {
    entry(c.service).crossings.push(c);
  }
  // Services in trouble first, then by name.
  const trouble = (h: ServiceHealth) => h.anomalous.length + h.crossings.length;
  const services = [...byService.values()].sort((a, b) => trouble(b) - trouble(a) || a.service.localeCompare(b.service));
  return { services, crossings: active, failures };
}
