// The `logAnomalies` query type: the recent `window` of the range against the rest of it: new
// patterns, rate spikes and drops per pattern, error-ratio surges, with evidence lines; or, for
// alert rules, the highest score per group.

import { detectLogAnomalies } from '../../analyzers/logs/anomalies';
import type { DataQuery, DataResponse } from '../../protocol';
import { anomalyScoreFrames, anomalyTableFrame } from '../frames/logs';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { parseLogQueryOptions, positiveInteger, readAndMine } from './log-reading';
import { QueryError, oneOf, optionalString, parseDuration } from './model';

export function parseLogAnomaliesQuery(json: Record<string, unknown>) {
  const window = optionalString(json, 'window');
  const threshold = json.threshold === undefined || json.threshold === null || json.threshold === '' ? 0.5 : Number(json.threshold);
  if (!(threshold > 0 && threshold < 1)) {
    throw new QueryError(`threshold must be a score in (0, 1); got ${JSON.stringify(json.threshold)}`);
  }
  return {
    ...parseLogQueryOptions(json),
    windowMs: window !== undefined ? parseDuration(window, 'window') : undefined,
    minCount: positiveInteger(json, 'minCount', 3, 1_000_000),
    threshold,
    output: oneOf(json, 'output', ['table', 'score'] as const, 'table'),
  };
}

export async function runLogAnomaliesQuery(query: DataQuery, json: Record<string, unknown>, instance: DatasourceInstance, context: { fromAlert: boolean; signal: AbortSignal }): Promise<DataResponse> {
  const model = parseLogAnomaliesQuery(json);
  const { range, mined, custom, notices } = await readAndMine(query, model, instance, context.signal);
  const buckets = mined.buckets;
  // Default window: the last quarter of the range.
  const windowMs = model.windowMs ?? Math.max(buckets.stepMs, Math.round((buckets.count * buckets.stepMs) / 4));
  const windowStartIndex = buckets.count - Math.max(1, Math.round(windowMs / buckets.stepMs));
  if (windowStartIndex < 1) {
    throw new QueryError(`the window (${windowMs / 1000}s) leaves no baseline in a range of ${(range.endMs - range.startMs) / 1000}s; widen the range or shorten the window`);
  }
  const anomalies = detectLogAnomalies(mined, { windowStartIndex, minCount: model.minCount, threshold: model.threshold });
  const ctx = { refId: query.refId, executed: `${model.logql} (window ${windowMs / 1000}s)`, groupBy: model.groupBy, custom };
  if (model.output === 'score' || context.fromAlert) {
    const groups = [...new Set(mined.levels.map((l) => l.group))];
    return { frames: withNotices(anomalyScoreFrames(anomalies, ctx, groups.length ? groups : ['']), notices) };
  }
  return { frames: withNotices([anomalyTableFrame(anomalies, ctx, buckets.startMs + windowStartIndex * buckets.stepMs)], notices) };
}
