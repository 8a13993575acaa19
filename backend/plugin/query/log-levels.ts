// The `logLevels` query type: lines per level (from JSON or logfmt fields, else the text) and the
// error ratio over time, per group.

import { emptyFrame, type DataQuery, type DataResponse } from '../../protocol';
import { levelSeriesFrames } from '../frames/logs';
import { withNotices } from '../frames/notices';
import type { DatasourceInstance } from '../instance';
import { parseLogQueryOptions, readAndMine } from './log-reading';

export async function runLogLevelsQuery(query: DataQuery, json: Record<string, unknown>, instance: DatasourceInstance, context: { signal: AbortSignal }): Promise<DataResponse> {
  const model = parseLogQueryOptions(json);
  const { mined, custom, notices } = await readAndMine(query, model, instance, context.signal);
  const frames = levelSeriesFrames(mined, { refId: query.refId, executed: model.logql, groupBy: model.groupBy, custom });
  return { frames: withNotices(frames.length ? frames : [{ ...emptyFrame('timeseries-multi'), refId: query.refId }], notices) };
}
