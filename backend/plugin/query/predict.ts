// The `predict` query type (predictive alert): for each series of a PromQL expression, the
// predicted time until it crosses a threshold and the probability that it does within the horizon.

import { thresholdCrossing, type Direction } from '../../analyzers/predict/crossing';
import { emptyFrame, type DataQuery, type DataResponse } from '../../protocol';
import { withNotices } from '../frames/notices';
import { crossingAlertFrame, crossingTableFrame, type AlertValue, type PredictedCrossing } from '../frames/predict';
import type { DatasourceInstance } from '../instance';
import { forecastQuerySeries, parseForecastingModel, type ForecastingModel } from './forecasting';
import { QueryError, oneOf, optionalString } from './model';

export interface PredictQueryModel extends ForecastingModel {
  threshold: number;
  direction: Direction;
  output: 'table' | 'alert';
  alertValue: AlertValue;
  legendFormat?: string;
}

export function parsePredictQuery(json: Record<string, unknown>): PredictQueryModel {
  const threshold = typeof json.threshold === 'string' && json.threshold.trim() !== '' ? Number(json.threshold) : json.threshold;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
    throw new QueryError(`threshold is required and must be a number; got ${JSON.stringify(json.threshold)}`);
  }
  return {
    ...parseForecastingModel(json),
    threshold,
    direction: oneOf(json, 'direction', ['above', 'below'] as const, 'above'),
    output: oneOf(json, 'output', ['table', 'alert'] as const, 'table'),
    alertValue: oneOf(json, 'alertValue', ['probability', 'timeToThreshold'] as const, 'probability'),
    legendFormat: optionalString(json, 'legendFormat'),
  };
}

export async function runPredictQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parsePredictQuery(json);
  const { series, executed, notices } = await forecastQuerySeries(query, model, instance, context.signal);
  const rows: PredictedCrossing[] = series.map((s) => ({
    series: s,
    crossing: thresholdCrossing(s.history[s.history.length - 1], s.forecast, model.threshold, model.direction),
  }));
  const described = `${executed}, threshold ${model.direction} ${model.threshold}`;
  // A table cannot feed an alert rule (string columns): alert evaluations always get numbers.
  if (model.output === 'alert' || context.fromAlert) {
    const frames = rows.map((r) => crossingAlertFrame(r, query.refId, described, model.alertValue));
    return { frames: withNotices(frames.length ? frames : [emptyFrame('numeric-multi')], notices) };
  }
  return { frames: withNotices([crossingTableFrame(rows, query.refId, described, model.threshold, model.legendFormat)], notices) };
}
