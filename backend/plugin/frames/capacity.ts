// Capacity results as frames: a table for dashboards (one row per series) and one number per
// series for alert rules.

import type { Capacity } from '../../analyzers/capacity/capacity';
import type { Frame } from '../../protocol';
import type { ForecastedSeries } from './forecast';
import { seriesColumns, seriesName, stepsToSeconds as seconds } from './labels';

export interface CapacityRow {
  series: ForecastedSeries;
  capacity: Capacity;
}

export type CapacityAlertValue = 'timeToExhaustion' | 'exhaustionProbability' | 'peakUtilisation' | 'headroom';

export function capacityTableFrame(rows: CapacityRow[], refId: string, executed: string, target: number, legendFormat?: string): Frame {
  const col = (name: string, values: Array<number | null>, config?: Record<string, unknown>) => ({ name, type: 'number' as const, values, config });
  return {
    name: 'capacity',
    refId,
    meta: { preferredVisualisationType: 'table', executedQueryString: executed, custom: { target } },
    fields: [
      ...seriesColumns(rows, legendFormat),
      col('current', rows.map((r) => r.capacity.current)),
      col('limit', rows.map((r) => r.capacity.limit)),
      col('utilisation', rows.map((r) => r.capacity.utilisation), { unit: 'percentunit', decimals: 1 }),
      col('time to exhaustion', rows.map((r) => seconds(r.capacity.exhaustionSteps, r.series.stepMs)), { unit: 's', noValue: 'not within horizon' }),
      col('earliest exhaustion', rows.map((r) => seconds(r.capacity.earliestExhaustionSteps, r.series.stepMs)), { unit: 's', noValue: 'not within horizon' }),
      col('exhaustion probability', rows.map((r) => r.capacity.exhaustionProbability), { unit: 'percentunit', min: 0, max: 1, decimals: 1 }),
      col('headroom at horizon', rows.map((r) => r.capacity.headroom)),
      col('peak utilisation', rows.map((r) => r.capacity.peakUtilisation), { unit: 'percentunit', decimals: 1 }),
      col('recommended limit', rows.map((r) => r.capacity.recommendedLimit)),
      col('recommended replicas', rows.map((r) => r.capacity.recommendedReplicas ?? null), { noValue: '-' }),
      { name: 'action', type: 'string', values: rows.map((r) => r.capacity.action) },
      { name: 'recommendation', type: 'string', values: rows.map((r) => r.capacity.recommendation) },
      { name: 'model', type: 'string', values: rows.map((r) => r.series.forecast.model) },
    ],
  };
}

/** One number per series for an alert rule; time to exhaustion is null when it is not within the horizon. */
export function capacityAlertFrame(row: CapacityRow, refId: string, executed: string, value: CapacityAlertValue): Frame {
  const c = row.capacity;
  const v =
    value === 'timeToExhaustion'
      ? seconds(c.exhaustionSteps, row.series.stepMs)
      : value === 'exhaustionProbability'
        ? c.exhaustionProbability
        : value === 'peakUtilisation'
          ? c.peakUtilisation
          : c.headroom;
  const unit = value === 'timeToExhaustion' ? 's' : value === 'headroom' ? undefined : 'percentunit';
  return {
    name: seriesName(row.series.labels),
    refId,
    meta: {
      type: 'numeric-multi',
      typeVersion: [0, 1],
      executedQueryString: executed,
      custom: { model: row.series.forecast.model, limit: c.limit, action: c.action, recommendation: c.recommendation },
    },
    fields: [{ name: value, type: 'number', values: [v], labels: row.series.labels, config: unit ? { unit } : {} }],
  };
}
