// The `forecast` query type: a PromQL expression's series, forecast past the end of the range.

import { emptyFrame, type DataQuery, type DataResponse, type Frame } from '../../protocol';
import { alertSeriesFrame, dashboardFrame, horizonFrame, type HorizonReduce, type HorizonValue } from '../frames/forecast';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { forecastQuerySeries, parseForecastingModel, type ForecastingModel } from './forecasting';
import { oneOf, optionalString } from './model';

export interface ForecastQueryModel extends ForecastingModel {
  output: 'series' | 'horizon';
  horizonValue: HorizonValue;
  reduce: HorizonReduce;
  legendFormat?: string;
}

export function parseForecastQuery(json: Record<string, unknown>): ForecastQueryModel {
  return {
    ...parseForecastingModel(json),
    output: oneOf(json, 'output', ['series', 'horizon'] as const, 'series'),
    horizonValue: oneOf(json, 'horizonValue', ['predicted', 'upper', 'lower'] as const, 'predicted'),
    reduce: oneOf(json, 'reduce', ['last', 'max', 'min'] as const, 'last'),
    legendFormat: optionalString(json, 'legendFormat'),
  };
}

export async function runForecastQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parseForecastQuery(json);
  const { series, executed, notices } = await forecastQuerySeries(query, model, instance, context.signal);
  const frames: Frame[] = series.map((s) => {
    if (model.output === 'horizon') {
      return horizonFrame(s, query.refId, executed, model.horizonValue, model.reduce);
    }
    // Alert rules get the prediction alone, one series per frame, so instances are unique by labels.
    return context.fromAlert ? alertSeriesFrame(s, query.refId, executed) : dashboardFrame(s, query.refId, executed, model.legendFormat);
  });
  if (frames.length === 0) {
    frames.push(emptyFrame(model.output === 'horizon' ? 'numeric-multi' : 'timeseries-multi'));
  }
  return { frames: withNotices(frames, notices) };
}
