// The `capacity` query type: each usage series of a PromQL expression forecast and read against a
// limit (a constant or a second expression): time to exhaustion, headroom at the horizon, and the
// capacity or replicas that keep the predicted peak under a target utilisation.

import { capacity } from '../../analyzers/capacity/capacity';
import { emptyFrame, type DataQuery, type DataResponse, type Notice } from '../../protocol';
import { capacityAlertFrame, capacityTableFrame, type CapacityAlertValue, type CapacityRow } from '../frames/capacity';
import { formatLabels } from '../frames/labels';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { forecastQuerySeries, parseForecastingModel, type ForecastingModel } from './forecasting';
import { limitSeries, matchLimit, type LimitSeries } from './limits';
import { QueryError, oneOf, optionalNumber, optionalString, parseRatio } from './model';

export interface CapacityQueryModel extends ForecastingModel {
  limit?: number;
  limitExpr?: string;
  target: number;
  replicas?: number;
  output: 'table' | 'alert';
  alertValue: CapacityAlertValue;
  legendFormat?: string;
}

export function parseCapacityQuery(json: Record<string, unknown>): CapacityQueryModel {
  const limit = optionalNumber(json, 'limit');
  const limitExpr = optionalString(json, 'limitExpr');
  if (limit === undefined && limitExpr === undefined) {
    throw new QueryError('a limit is required: set limit (a number) or limitExpr (a PromQL expression for the limit)');
  }
  if (limit !== undefined && limitExpr !== undefined) {
    throw new QueryError('set either limit or limitExpr, not both');
  }
  if (limit !== undefined && !(limit > 0)) {
    throw new QueryError(`limit must be a positive number; got ${limit}`);
  }
  const replicas = optionalNumber(json, 'replicas');
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 1)) {
    throw new QueryError(`replicas must be a whole number of at least 1; got ${JSON.stringify(json.replicas)}`);
  }
  const target = parseRatio(json, 'target', 0.8);
  return {
    ...parseForecastingModel(json),
    limit,
    limitExpr,
    target,
    replicas,
    output: oneOf(json, 'output', ['table', 'alert'] as const, 'table'),
    alertValue: oneOf(json, 'alertValue', ['timeToExhaustion', 'exhaustionProbability', 'peakUtilisation', 'headroom'] as const, 'timeToExhaustion'),
    legendFormat: optionalString(json, 'legendFormat'),
  };
}

export async function runCapacityQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parseCapacityQuery(json);
  const { series, range, executed, notices } = await forecastQuerySeries(query, model, instance, context.signal);
  let limits: LimitSeries[] = [];
  if (model.limitExpr !== undefined) {
    const result = await instance.prometheus.queryRange(model.limitExpr, range, { signal: context.signal, maxSeries: instance.settings.maxSeries });
    limits = limitSeries(result.series);
    notices.push(...result.warnings.map((text) => ({ severity: 'warning' as const, text: `Prometheus (limit): ${text}` })));
    if (limits.length === 0) {
      throw new QueryError(`the limit expression ${model.limitExpr} returned no series with a value in the range`);
    }
  }
  const rows: CapacityRow[] = [];
  const unmatched: string[] = [];
  for (const s of series) {
    const match = model.limit !== undefined ? { value: model.limit } : matchLimit(s.labels, limits);
    if ('problem' in match) {
      unmatched.push(`${formatLabels(s.labels)}: ${match.problem}`);
      continue;
    }
    if (!(match.value > 0)) {
      unmatched.push(`${formatLabels(s.labels)}: its limit is ${match.value}, not a positive number`);
      continue;
    }
    const current = s.history[s.history.length - 1];
    rows.push({ series: s, capacity: capacity(current, s.forecast, { limit: match.value, target: model.target, replicas: model.replicas }) });
  }
  const extra: Notice[] = unmatched.length
    ? [{ severity: 'warning', text: `${unmatched.length} series left out, without a limit: ${unmatched.slice(0, 5).join('; ')}${unmatched.length > 5 ? '; …' : ''}` }]
    : [];
  const described = `${executed}, limit ${model.limitExpr ?? model.limit}, target ${model.target}`;
  if (model.output === 'alert' || context.fromAlert) {
    const frames = rows.map((r) => capacityAlertFrame(r, query.refId, described, model.alertValue));
    return { frames: withNotices(frames.length ? frames : [emptyFrame('numeric-multi')], [...notices, ...extra]) };
  }
  return { frames: withNotices([capacityTableFrame(rows, query.refId, described, model.target, model.legendFormat)], [...notices, ...extra]) };
}
