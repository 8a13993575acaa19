// Anomaly results as frames: per series a wide frame (value, expected, band, score) whose band the
// stock time series panel fills, and one number per series (the latest score) for alert rules.

import type { AnomalyResult } from '../../analyzers/anomaly';
import type { Frame, FrameMeta } from '../../protocol';
import { seriesName } from './labels';

export interface ScoredSeries {
  labels: Record<string, string>;
  result: AnomalyResult;
}

const orNull = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));

function meta(type: FrameMeta['type'], s: ScoredSeries, executed: string, flagged: number): FrameMeta {
  const notices = s.result.notes.map((text) => ({ severity: 'info' as const, text }));
  return {
    type,
    typeVersion: [0, 1],
    executedQueryString: executed,
    ...(notices.length ? { notices } : {}),
    custom: { detector: s.result.detector, mode: s.result.mode, periods: s.result.periods, warmup: s.result.warmup, flagged },
  };
}

export function anomalyDashboardFrame(s: ScoredSeries, refId: string, executed: string, legendFormat?: string): Frame {
  const r = s.result;
  const name = seriesName(s.labels, legendFormat);
  const lowerName = `${name} expected low`;
  const flagged = r.flag.reduce((n, f) => n + f, 0);
  return {
    name,
    refId,
    meta: meta('timeseries-wide', s, executed, flagged),
    fields: [
      { name: 'time', type: 'time', values: r.timestamps },
      { name: 'value', type: 'number', values: orNull(r.values), labels: s.labels, config: { displayNameFromDS: name } },
      {
        name: 'expected',
        type: 'number',
        values: orNull(r.expected),
        labels: s.labels,
        config: { displayNameFromDS: `${name} expected`, custom: { lineStyle: { fill: 'dash', dash: [4, 6] }, lineWidth: 1 } },
      },
      {
        name: 'lower',
        type: 'number',
        values: orNull(r.lower),
        labels: s.labels,
        config: { displayNameFromDS: lowerName, custom: { lineWidth: 0, fillOpacity: 0, hideFrom: { legend: true, tooltip: false, viz: false } } },
      },
      {
        name: 'upper',
        type: 'number',
        values: orNull(r.upper),
        labels: s.labels,
        config: {
          displayNameFromDS: `${name} expected high`,
          custom: { lineWidth: 0, fillOpacity: 15, fillBelowTo: lowerName, hideFrom: { legend: true, tooltip: false, viz: false } },
        },
      },
      {
        name: 'score',
        type: 'number',
        values: Array.from(r.score),
        labels: s.labels,
        // On its own right-hand axis, drawn as points: the band is what the eye follows.
        config: { displayNameFromDS: `${name} anomaly score`, min: 0, max: 1, custom: { axisPlacement: 'right', drawStyle: 'points', pointSize: 4 } },
      },
    ],
  };
}

/** The latest score (or the highest over the range), one number per series, for alert rules. */
export function anomalyAlertFrame(s: ScoredSeries, refId: string, executed: string, reduce: 'last' | 'max'): Frame {
  const score = s.result.score;
  const value = score.length === 0 ? null : reduce === 'max' ? score.reduce((a, b) => Math.max(a, b), 0) : score[score.length - 1];
  return {
    name: seriesName(s.labels),
    refId,
    meta: meta('numeric-multi', s, executed, s.result.flag.reduce((n, f) => n + f, 0)),
    fields: [{ name: 'score', type: 'number', values: [value], labels: s.labels, config: { min: 0, max: 1 } }],
  };
}
