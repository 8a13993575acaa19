// The `logMetricLink` query type: given a metric anomaly's window, the log patterns that changed
// most in and around it, ranked by score, with evidence lines.

import { linkPatternsToWindow } from '../../analyzers/logs/metric-link';
import type { DataQuery, DataResponse } from '../../protocol';
import { metricLinkFrame } from '../frames/logs';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { parseLogQueryOptions, positiveInteger, readAndMine } from './log-reading';
import { QueryError, optionalString, parseDuration, requiredString } from './model';

/** An ISO time, epoch milliseconds, or `now` / `now-15m` counted back from the query's end. */
export function instant(json: Record<string, unknown>, key: string, nowMs: number): number {
  const raw = json[key];
  if (typeof raw === 'number') return raw;
  const text = requiredString(json, key, 'the metric anomaly window, as an ISO time, epoch milliseconds or now-15m').trim();
  const relative = /^now(?:-(.+))?$/.exec(text);
  const ms = relative ? nowMs - (relative[1] ? parseDuration(relative[1], key) : 0) : /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new QueryError(`${key} must be an ISO time, epoch milliseconds or now-15m; got ${JSON.stringify(raw)}`);
  return ms;
}

export function parseLogMetricLinkQuery(json: Record<string, unknown>, nowMs: number) {
  const startMs = instant(json, 'anomalyStart', nowMs);
  const endMs = instant(json, 'anomalyEnd', nowMs);
  if (!(endMs > startMs)) throw new QueryError('anomalyEnd must be after anomalyStart');
  const margin = optionalString(json, 'margin');
  return {
    ...parseLogQueryOptions(json),
    window: { startMs, endMs, marginMs: margin !== undefined ? parseDuration(margin, 'margin') : 0 },
    limit: positiveInteger(json, 'limit', 20, 1000),
  };
}

export async function runLogMetricLinkQuery(query: DataQuery, json: Record<string, unknown>, instance: DatasourceInstance, context: { signal: AbortSignal }): Promise<DataResponse> {
  const model = parseLogMetricLinkQuery(json, query.timeRange.toMs);
  const { mined, custom, notices } = await readAndMine(query, model, instance, context.signal);
  let changes;
  try {
    changes = linkPatternsToWindow(mined, { windowStartMs: model.window.startMs, windowEndMs: model.window.endMs, marginMs: model.window.marginMs, limit: model.limit });
  } catch (err) {
    throw new QueryError((err as Error).message);
  }
  const ctx = { refId: query.refId, executed: model.logql, groupBy: model.groupBy, custom };
  return { frames: withNotices([metricLinkFrame(changes, ctx, model.window)], notices) };
}
