// The queries each page sends, built from the app settings. Kept apart from the pages so the
// integration tests send exactly what the pages send.

import { QueryType, type ForesightQuery } from '../../datasource/types';
import type { CapacityResource, ResolvedAppSettings, WatchedSignal } from './settings';

/** The backend's default score threshold for flagging a point (backend/plugin/query/anomaly.ts). */
export const ANOMALY_THRESHOLD = 0.5;

export const signalRef = (i: number) => `signal-${i}`;
export const predictionRef = (i: number) => `prediction-${i}`;
export const capacityRef = (i: number) => `capacity-${i}`;

export function anomalyQueries(s: ResolvedAppSettings): ForesightQuery[] {
  return s.signals.map((signal, i) => ({
    refId: signalRef(i),
    queryType: QueryType.Anomaly,
    expr: signal.expr,
    output: 'series',
  }));
}

/** Predicted crossings of the signals that have a threshold. */
export function predictionQueries(s: ResolvedAppSettings): Array<{ signal: WatchedSignal; query: ForesightQuery }> {
  return s.signals.flatMap((signal, i) =>
    signal.threshold === undefined || !Number.isFinite(signal.threshold)
      ? []
      : [
          {
            signal,
            query: {
              refId: predictionRef(i),
              queryType: QueryType.Predict,
              expr: signal.expr,
              output: 'table',
              threshold: signal.threshold,
              direction: signal.direction ?? 'above',
              horizon: s.horizon,
            },
          },
        ],
  );
}

/** Time to exhaustion of each resource's limit, with headroom and sizing. */
export function capacityQueries(s: ResolvedAppSettings): Array<{ resource: CapacityResource; query: ForesightQuery }> {
  return s.capacity.map((resource, i) => ({
    resource,
    query: {
      refId: capacityRef(i),
      queryType: QueryType.Capacity,
      expr: resource.expr,
      output: 'table',
      ...(resource.limitExpr?.trim() ? { limitExpr: resource.limitExpr } : { limit: resource.limit }),
      ...(resource.target !== undefined ? { target: resource.target } : {}),
      horizon: s.horizon,
    },
  }));
}

/** The forecast of each signal, for the backtest: once as of `horizon` ago, once up to now for what happened. */
export function backtestQueries(s: ResolvedAppSettings): ForesightQuery[] {
  return s.signals.map((signal, i) => ({
    refId: signalRef(i),
    queryType: QueryType.Forecast,
    expr: signal.expr,
    output: 'series',
    horizon: s.horizon,
  }));
}
