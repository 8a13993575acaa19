// What every log query type shares: its LogQL and options, the read from Loki within a line
// budget, mining into patterns, and the metadata that says how much was read.

import { mineRecords, type MinedLogs } from '../../analyzers/logs/patterns';
import type { DataQuery, Notice } from '../../protocol';
import type { DatasourceInstance } from '../instance';
import { QueryError, optionalString, requiredString } from './model';
import { analysisRange, parseRangeOptions, type AnalysisRange, type RangeOptions } from './range';

export const DEFAULT_MAX_LINES = 20_000;
export const MAX_MAX_LINES = 1_000_000;

export interface LogQueryOptions extends RangeOptions {
  logql: string;
  groupBy?: string;
  maxLines: number;
}

export function positiveInteger(json: Record<string, unknown>, key: string, fallback: number, max: number): number {
  const v = json[key];
  if (v === undefined || v === null || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new QueryError(`${key} must be a whole number between 1 and ${max}; got ${JSON.stringify(v)}`);
  }
  return n;
}

export function parseLogQueryOptions(json: Record<string, unknown>): LogQueryOptions {
  const logql = requiredString(json, 'logql', 'enter a LogQL log query, e.g. {service="checkout"}').trim();
  if (!logql.startsWith('{')) {
    throw new QueryError('logql must be a LogQL log query that starts with a stream selector, e.g. {service="checkout"} |= "error"');
  }
  const groupBy = optionalString(json, 'groupBy')?.trim();
  if (groupBy && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(groupBy)) {
    throw new QueryError(`groupBy must be a label name; got ${JSON.stringify(groupBy)}`);
  }
  return { ...parseRangeOptions(json), logql, groupBy: groupBy || undefined, maxLines: positiveInteger(json, 'maxLines', DEFAULT_MAX_LINES, MAX_MAX_LINES) };
}

export interface MinedRange {
  range: AnalysisRange;
  mined: MinedLogs;
  /** Frame metadata (`meta.custom`) every log frame carries. */
  custom: Record<string, unknown>;
  notices: Notice[];
}

export async function readAndMine(query: DataQuery, opts: LogQueryOptions, instance: DatasourceInstance, signal: AbortSignal): Promise<MinedRange> {
  const range = analysisRange(query, { historyMs: opts.historyMs, stepMs: opts.stepMs, maxPoints: instance.settings.maxPointsPerSeries });
  const read = await instance.loki.readStreams(opts.logql, { startMs: range.startMs, endMs: range.endMs + range.stepMs }, { maxLines: opts.maxLines, signal });
  const miner = instance.logMiners.for(opts.logql);
  const before = miner.stats;
  const buckets = { startMs: range.startMs, stepMs: range.stepMs, count: Math.round((range.endMs - range.startMs) / range.stepMs) + 1 };
  const mined = mineRecords(read.entries, miner, { buckets, groupBy: opts.groupBy });
  const after = miner.stats;
  const notices: Notice[] = [];
  if (read.capped) {
    notices.push({
      severity: 'warning',
      text: `Read ${read.entries.length} lines, the cap of ${opts.maxLines}: ${read.cappedSlices} of ${read.slices} time slices were cut, so counts there are lower bounds. Raise maxLines or narrow the query.`,
    });
  }
  if (after.evicted > before.evicted) {
    notices.push({ severity: 'info', text: `${after.evicted - before.evicted} rarely seen templates were evicted to keep the miner within ${miner.config.maxTemplates} templates.` });
  }
  return {
    range,
    mined,
    notices,
    custom: {
      linesRead: read.entries.length,
      maxLines: opts.maxLines,
      capped: read.capped,
      cappedSlices: read.cappedSlices,
      slices: read.slices,
      lokiRequests: read.requests,
      templates: after.templates,
      evictedTemplates: after.evicted - before.evicted,
      truncatedLines: after.truncated - before.truncated,
    },
  };
}
