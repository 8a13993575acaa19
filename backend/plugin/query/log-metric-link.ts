// The `logMetricLink` query type: given a metric anomaly's window, the log patterns that changed
// most in and around it, ranked by score, with evidence lines.

import { linkPatternsToWindow } from '../../analyzers/logs/metric-link';
import type { DataQuery, DataResponse } from '../../protocol';
import { metricLinkFrame } from '../frames/logs';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { parseLogQueryOptions, positiveInteger, readAndMine } from './log-reading';
import { QueryError, optionalString, parseDuration, requiredString } from './model';

/** An ISO time or epoch milliseconds. */
function instant(json: Record<string, unknown>, key: string): number {
  const raw = json[key];
  const ms = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw ?? '').trim()) ? Number(raw) : Date.parse(requiredString(json, key, 'the metric anomaly window, as an ISO time or epoch milliseconds'));
  if (!Number.isFinite(ms)) throw new QueryError(`${key} must be an ISO time or epoch milliseconds; got ${JSON.stringify(raw)}`);
  return ms;
}

export function parseLogMetricLinkQuery(json: Record<string, unknown>) {
  const startMs = instant(json, 'anomalyStart');
  const endMs = instant(json, 'anomalyEnd');
  if (!(endMs > startMs)) throw new QueryError('anomalyEnd must be after anomalyStart');
  const margin = optionalString(json, 'margin');
  return {
    ...parseLogQueryOptions(json),
    window: { startMs, endMs, marginMs: margin !== undefined ? parseDuration(margin, 'margin') : 0 },
    limit: positiveInteger(json, 'limit', 20, 1000),
  };
}

export async function runLogMetricLinkQuery(query: DataQuery, json: Record<string, unknown>, instance: DatasourceInstance, context: { signal: AbortSignal }): Promise<DataResponse> {
  const model = parseLogMetricLinkQuery(json);
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
