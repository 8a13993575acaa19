// The `logPatterns` query type: the lines of a LogQL query mined into patterns, as a table (one row
// per pattern and group) or as count series for the most frequent ones.

import type { DataQuery, DataResponse } from '../../protocol';
import { patternSeriesFrames, patternTableFrame } from '../frames/logs';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { parseLogQueryOptions, positiveInteger, readAndMine } from './log-reading';
import { oneOf } from './model';

export function parseLogPatternsQuery(json: Record<string, unknown>) {
  return { ...parseLogQueryOptions(json), output: oneOf(json, 'output', ['table', 'series'] as const, 'table'), topPatterns: positiveInteger(json, 'topPatterns', 20, 500) };
}

export async function runLogPatternsQuery(query: DataQuery, json: Record<string, unknown>, instance: DatasourceInstance, context: { signal: AbortSignal }): Promise<DataResponse> {
  const model = parseLogPatternsQuery(json);
  const { mined, custom, notices } = await readAndMine(query, model, instance, context.signal);
  const ctx = { refId: query.refId, executed: model.logql, groupBy: model.groupBy, custom };
  const frames = model.output === 'series' ? patternSeriesFrames(mined, ctx, model.topPatterns) : [patternTableFrame(mined, ctx)];
  return { frames: withNotices(frames.length ? frames : [patternTableFrame(mined, ctx)], notices) };
}
