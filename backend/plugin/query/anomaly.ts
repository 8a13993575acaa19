// The `anomaly` query type: each series of a PromQL expression scored point by point against an
// adaptive band that follows its season and trend.

import { ANOMALY_DETECTORS, detectAnomalies, type AnomalyMode } from '../../analyzers/anomaly';
import { emptyFrame, type DataQuery, type DataResponse, type Frame } from '../../protocol';
import { anomalyAlertFrame, anomalyDashboardFrame } from '../frames/anomaly';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { yieldToEventLoop } from './forecasting';
import { QueryError, oneOf, optionalString, requiredString } from './model';
import { analysisRange, parseRangeOptions, type RangeOptions } from './range';

export interface AnomalyQueryModel extends RangeOptions {
  expr: string;
  detector: string;
  /** Default: batch for graphs (better bands looking back), online for alerts (never revised). */
  mode?: AnomalyMode;
  threshold: number;
  output: 'series' | 'score';
  reduce: 'last' | 'max';
  legendFormat?: string;
}

export function parseAnomalyQuery(json: Record<string, unknown>): AnomalyQueryModel {
  const detector = optionalString(json, 'detector') ?? 'seasonal-residual';
  if (!ANOMALY_DETECTORS[detector]) {
    throw new QueryError(`unknown detector "${detector}"; use one of: ${Object.keys(ANOMALY_DETECTORS).join(', ')}`);
  }
  const threshold = json.threshold === undefined || json.threshold === null || json.threshold === '' ? 0.5 : Number(json.threshold);
  if (!(threshold > 0 && threshold <= 1)) {
    throw new QueryError(`threshold must be an anomaly score in (0, 1]; got ${JSON.stringify(json.threshold)}`);
  }
  const mode = json.mode === undefined || json.mode === '' ? undefined : oneOf(json, 'mode', ['online', 'batch'] as const, 'online');
  return {
    ...parseRangeOptions(json),
    expr: requiredString(json, 'expr', 'enter a PromQL expression whose series to score'),
    detector,
    mode,
    threshold,
    output: oneOf(json, 'output', ['series', 'score'] as const, 'series'),
    reduce: oneOf(json, 'reduce', ['last', 'max'] as const, 'last'),
    legendFormat: optionalString(json, 'legendFormat'),
  };
}

export async function runAnomalyQuery(
  query: DataQuery,
  json: Record<string, unknown>,
  instance: DatasourceInstance,
  context: { fromAlert: boolean; signal: AbortSignal },
): Promise<DataResponse> {
  const model = parseAnomalyQuery(json);
  const forAlert = model.output === 'score' || context.fromAlert;
  const detector = ANOMALY_DETECTORS[model.detector];
  // An alert must not change its mind when later data arrives: online wherever the detector has it.
  const mode = model.mode ?? (forAlert && detector.modes.includes('online') ? 'online' : detector.modes.includes('batch') ? 'batch' : 'online');
  const range = analysisRange(query, { historyMs: model.historyMs, stepMs: model.stepMs, maxPoints: instance.settings.maxPointsPerSeries });
  const { series, warnings } = await instance.prometheus.queryRange(model.expr, range, { signal: context.signal, maxSeries: instance.settings.maxSeries });
  const executed = `${model.expr} (step ${range.stepMs / 1000}s, ${model.detector} ${mode})`;
  const frames: Frame[] = [];
  for (const s of series) {
    if (s.timestamps.length === 0) continue;
    const result = detectAnomalies(model.detector, s, { mode, threshold: model.threshold, stepMs: range.stepMs });
    const scored = { labels: s.labels, result };
    frames.push(forAlert ? anomalyAlertFrame(scored, query.refId, executed, model.reduce) : anomalyDashboardFrame(scored, query.refId, executed, model.legendFormat));
    if (context.signal.aborted) throw new QueryError('the query was cancelled');
    await yieldToEventLoop();
  }
  if (frames.length === 0) {
    frames.push(emptyFrame(forAlert ? 'numeric-multi' : 'timeseries-multi'));
  }
  return { frames: withNotices(frames, warnings.map((text) => ({ severity: 'warning' as const, text: `Prometheus: ${text}` }))) };
}
