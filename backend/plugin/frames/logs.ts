// Log analysis results as frames: a pattern table, count series per pattern, level and error
// ratio series, anomaly and metric-link tables. Tables carry the analysis figures in meta.custom
// (lines read, the cap, templates, evictions) so a panel can say how complete the picture is.

import type { LogAnomaly } from '../../analyzers/logs/anomalies';
import type { PatternChange } from '../../analyzers/logs/metric-link';
import { bucketTimes, type Evidence, type MinedLogs, type PatternGroup } from '../../analyzers/logs/patterns';
import { LEVELS } from '../../analyzers/logs/severity';
import type { Field, Frame, FrameMeta } from '../../protocol';

export interface LogFrameContext {
  refId: string;
  executed: string;
  groupBy?: string;
  custom: Record<string, unknown>;
}

const template = (p: PatternGroup) => p.template.tokens.join(' ');

function tableMeta(ctx: LogFrameContext, extra: Record<string, unknown> = {}): FrameMeta {
  return { type: 'table', typeVersion: [0, 1], preferredVisualisationType: 'table', executedQueryString: ctx.executed, custom: { ...ctx.custom, ...extra } };
}

function groupField(ctx: LogFrameContext, values: string[]): Field[] {
  return ctx.groupBy ? [{ name: ctx.groupBy, type: 'string', values }] : [];
}

export function levelMix(levels: PatternGroup['levels']): string {
  return LEVELS.filter((l) => levels[l] > 0)
    .map((l) => `${l} ${levels[l]}`)
    .join(', ');
}

const evidenceText = (ev: Evidence[]) => ev.map((e) => `${new Date(e.timeMs).toISOString()} ${e.line}`).join('\n');

export function patternTableFrame(mined: MinedLogs, ctx: LogFrameContext): Frame {
  const p = mined.patterns;
  return {
    name: 'patterns',
    refId: ctx.refId,
    meta: tableMeta(ctx, { patterns: p.length }),
    fields: [
      { name: 'pattern', type: 'string', values: p.map((x) => x.patternId) },
      { name: 'template', type: 'string', values: p.map(template) },
      ...groupField(ctx, p.map((x) => x.group)),
      { name: 'count', type: 'number', values: p.map((x) => x.count) },
      { name: 'first seen', type: 'time', values: p.map((x) => x.firstSeenMs) },
      { name: 'last seen', type: 'time', values: p.map((x) => x.lastSeenMs) },
      { name: 'errors', type: 'number', values: p.map((x) => x.levels.error + x.levels.critical) },
      { name: 'levels', type: 'string', values: p.map((x) => levelMix(x.levels)) },
      { name: 'sample', type: 'string', values: p.map((x) => x.evidence[0]?.line ?? '') },
    ],
  };
}

/** One frame per pattern (the `top` most frequent): time and count, labelled with the pattern id and group. */
export function patternSeriesFrames(mined: MinedLogs, ctx: LogFrameContext, top: number): Frame[] {
  const times = bucketTimes(mined.buckets);
  return mined.patterns.slice(0, top).map((p, i) => {
    const labels: Record<string, string> = { pattern: p.patternId, ...(ctx.groupBy ? { [ctx.groupBy]: p.group } : {}) };
    const t = template(p);
    const name = `${ctx.groupBy ? `${p.group}: ` : ''}${t.length > 80 ? `${t.slice(0, 77)}…` : t}`;
    return {
      name,
      refId: ctx.refId,
      meta: { type: 'timeseries-multi', typeVersion: [0, 1], executedQueryString: ctx.executed, ...(i === 0 ? { custom: ctx.custom } : {}) },
      fields: [
        { name: 'time', type: 'time', values: times },
        { name: 'count', type: 'number', values: Array.from(p.series), labels, config: { displayNameFromDS: name, interval: mined.buckets.stepMs } },
      ],
    } satisfies Frame;
  });
}

/** Lines per level and the error ratio, per group. */
export function levelSeriesFrames(mined: MinedLogs, ctx: LogFrameContext): Frame[] {
  const times = bucketTimes(mined.buckets);
  const frames: Frame[] = [];
  for (const ls of mined.levels) {
    const base: Record<string, string> = ctx.groupBy ? { [ctx.groupBy]: ls.group } : {};
    for (const level of LEVELS) {
      const values = ls.levels[level];
      if (!values.some((v) => v > 0)) continue;
      const name = `${ctx.groupBy ? `${ls.group} ` : ''}${level}`;
      frames.push({
        name,
        refId: ctx.refId,
        meta: { type: 'timeseries-multi', typeVersion: [0, 1], executedQueryString: ctx.executed },
        fields: [
          { name: 'time', type: 'time', values: times },
          { name: 'lines', type: 'number', values: Array.from(values), labels: { ...base, level }, config: { displayNameFromDS: name } },
        ],
      });
    }
    const ratio = Array.from(ls.total, (n, i) => (n > 0 ? ls.errors[i] / n : null));
    const name = `${ctx.groupBy ? `${ls.group} ` : ''}error ratio`;
    frames.push({
      name,
      refId: ctx.refId,
      meta: { type: 'timeseries-multi', typeVersion: [0, 1], executedQueryString: ctx.executed },
      fields: [
        { name: 'time', type: 'time', values: times },
        {
          name: 'error ratio',
          type: 'number',
          values: ratio,
          labels: { ...base, level: 'error_ratio' },
          config: { displayNameFromDS: name, unit: 'percentunit', min: 0, max: 1, custom: { axisPlacement: 'right' } },
        },
      ],
    });
  }
  if (frames.length > 0) frames[0] = { ...frames[0], meta: { ...frames[0].meta, custom: ctx.custom } };
  return frames;
}

export function anomalyTableFrame(anomalies: LogAnomaly[], ctx: LogFrameContext, windowStartMs: number): Frame {
  const a = anomalies;
  return {
    name: 'log anomalies',
    refId: ctx.refId,
    meta: tableMeta(ctx, { anomalies: a.length, windowStart: new Date(windowStartMs).toISOString() }),
    fields: [
      { name: 'kind', type: 'string', values: a.map((x) => x.kind) },
      { name: 'score', type: 'number', values: a.map((x) => x.score), config: { min: 0, max: 1, decimals: 3 } },
      ...groupField(ctx, a.map((x) => x.group)),
      { name: 'pattern', type: 'string', values: a.map((x) => x.patternId ?? '') },
      { name: 'template', type: 'string', values: a.map((x) => x.template ?? '') },
      { name: 'window count', type: 'number', values: a.map((x) => x.windowCount) },
      { name: 'expected', type: 'number', values: a.map((x) => x.expected), config: { decimals: 1 } },
      { name: 'baseline count', type: 'number', values: a.map((x) => x.baselineCount) },
      { name: 'peak', type: 'time', values: a.map((x) => x.peakMs) },
      { name: 'description', type: 'string', values: a.map((x) => x.description) },
      { name: 'evidence', type: 'string', values: a.map((x) => evidenceText(x.evidence)) },
    ],
  };
}

/** The highest anomaly score per group, one number each, for alert rules. */
export function anomalyScoreFrames(anomalies: LogAnomaly[], ctx: LogFrameContext, groups: string[]): Frame[] {
  return groups.map((g) => {
    const best = anomalies.filter((a) => a.group === g).reduce((m, a) => Math.max(m, a.score), 0);
    const labels = ctx.groupBy ? { [ctx.groupBy]: g } : {};
    return {
      name: g || 'log anomaly score',
      refId: ctx.refId,
      meta: { type: 'numeric-multi', typeVersion: [0, 1], executedQueryString: ctx.executed, custom: ctx.custom },
      fields: [{ name: 'score', type: 'number', values: [best], labels, config: { min: 0, max: 1 } }],
    } satisfies Frame;
  });
}

export function metricLinkFrame(changes: PatternChange[], ctx: LogFrameContext, window: { startMs: number; endMs: number; marginMs: number }): Frame {
  const c = changes;
  return {
    name: 'patterns around the anomaly',
    refId: ctx.refId,
    meta: tableMeta(ctx, { anomalyStart: new Date(window.startMs).toISOString(), anomalyEnd: new Date(window.endMs).toISOString(), marginMs: window.marginMs }),
    fields: [
      { name: 'rank', type: 'number', values: c.map((_, i) => i + 1) },
      { name: 'score', type: 'number', values: c.map((x) => x.score), config: { min: 0, max: 1, decimals: 3 } },
      { name: 'change', type: 'string', values: c.map((x) => x.direction) },
      ...groupField(ctx, c.map((x) => x.group)),
      { name: 'pattern', type: 'string', values: c.map((x) => x.patternId) },
      { name: 'template', type: 'string', values: c.map((x) => x.template) },
      { name: 'before', type: 'number', values: c.map((x) => x.before) },
      { name: 'during', type: 'number', values: c.map((x) => x.during) },
      { name: 'expected', type: 'number', values: c.map((x) => x.expected), config: { decimals: 1 } },
      { name: 'evidence', type: 'string', values: c.map((x) => evidenceText(x.evidence)) },
    ],
  };
}
