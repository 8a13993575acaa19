// Predictive-alert results as frames: a table for dashboards (one row per series) and one number
// per series for alert rules.

import type { Crossing } from '../../analyzers/predict/crossing';
import type { Frame } from '../../protocol';
import type { ForecastedSeries } from './forecast';
import { seriesColumns, seriesName, stepsToSeconds as seconds } from './labels';

export interface PredictedCrossing {
  series: ForecastedSeries;
  crossing: Crossing;
}

export function crossingTableFrame(rows: PredictedCrossing[], refId: string, executed: string, threshold: number, legendFormat?: string): Frame {
  const lastTime = (r: PredictedCrossing) => r.series.historyStartMs + (r.series.history.length - 1) * r.series.stepMs;
  return {
    name: 'predicted crossings',
    refId,
    meta: { preferredVisualisationType: 'table', executedQueryString: executed, custom: { threshold } },
    fields: [
      ...seriesColumns(rows, legendFormat),
      { name: 'probability', type: 'number', values: rows.map((r) => r.crossing.probability), config: { unit: 'percentunit', min: 0, max: 1, decimals: 1 } },
      { name: 'time to threshold', type: 'number', values: rows.map((r) => seconds(r.crossing.expectedSteps, r.series.stepMs)), config: { unit: 's', noValue: 'not within horizon' } },
      { name: 'earliest', type: 'number', values: rows.map((r) => seconds(r.crossing.earliestSteps, r.series.stepMs)), config: { unit: 's', noValue: 'not within horizon' } },
      { name: 'latest', type: 'number', values: rows.map((r) => seconds(r.crossing.latestSteps, r.series.stepMs)), config: { unit: 's', noValue: 'not within horizon' } },
      {
        name: 'predicted crossing at',
        type: 'number',
        values: rows.map((r) => (r.crossing.expectedSteps === undefined ? null : lastTime(r) + r.crossing.expectedSteps * r.series.stepMs)),
        config: { unit: 'dateTimeAsIso', noValue: 'not within horizon' },
      },
      { name: 'current', type: 'number', values: rows.map((r) => r.series.history[r.series.history.length - 1]) },
      { name: 'model', type: 'string', values: rows.map((r) => r.series.forecast.model) },
    ],
  };
}

export type AlertValue = 'probability' | 'timeToThreshold';

/** One number per series: the probability of crossing, or the seconds until the expected crossing (null: not within the horizon). */
export function crossingAlertFrame(row: PredictedCrossing, refId: string, executed: string, value: AlertValue): Frame {
  const v = value === 'probability' ? row.crossing.probability : seconds(row.crossing.expectedSteps, row.series.stepMs);
  return {
    name: seriesName(row.series.labels),
    refId,
    meta: {
      type: 'numeric-multi',
      typeVersion: [0, 1],
      executedQueryString: executed,
      custom: { model: row.series.forecast.model, level: row.series.forecast.level, alreadyCrossed: row.crossing.alreadyCrossed },
    },
    fields: [{ name: value, type: 'number', values: [v], labels: row.series.labels, config: value === 'probability' ? { unit: 'percentunit' } : { unit: 's' } }],
  };
}
