// Forecast results as data frames, in three shapes:
//  - dashboard: one wide frame per series (actual, predicted, lower, upper on one time axis) whose
//    upper field carries `custom.fillBelowTo`, so Grafana's stock time series panel draws the band
//    with no overrides;
//  - alert series: one timeseries-multi frame per series holding only the prediction, so every
//    alert instance is unique by its labels;
//  - horizon: one numeric-multi frame per series with the predicted value at the horizon, which an
//    alert rule's threshold expression reads directly.

import type { Forecast } from '../../analyzers/forecast/forecast';
import type { FitOutcome } from '../fit-cache';
import type { Frame, FrameMeta, Notice } from '../../protocol';
import { seriesName } from './labels';

export interface ForecastedSeries {
  labels: Record<string, string>;
  /** The history as analysed (on the grid). */
  historyStartMs: number;
  stepMs: number;
  history: Float64Array;
  forecast: Forecast;
  /** Whether the fit was made for this request or reused from an earlier one (see FitCache). */
  fit?: FitOutcome;
}

function meta(type: FrameMeta['type'], s: ForecastedSeries, executed: string, horizonSteps: number): FrameMeta {
  const notices: Notice[] = s.forecast.notes.map((text) => ({ severity: 'info', text }));
  return {
    type,
    typeVersion: [0, 1],
    executedQueryString: executed,
    ...(notices.length ? { notices } : {}),
    custom: {
      model: s.forecast.model,
      periods: s.forecast.periods,
      level: s.forecast.level,
      stepMs: s.stepMs,
      horizonSteps,
      ...(s.fit ? { fit: s.fit } : {}),
    },
  };
}

function levelLabel(level: number): string {
  return `${+(level * 100).toFixed(2)}%`;
}

export function dashboardFrame(s: ForecastedSeries, refId: string, executed: string, legendFormat?: string): Frame {
  const n = s.history.length;
  const h = s.forecast.mean.length;
  const time = new Array<number>(n + h);
  const actual = new Array<number | null>(n + h).fill(null);
  const predicted = new Array<number | null>(n + h).fill(null);
  const lower = new Array<number | null>(n + h).fill(null);
  const upper = new Array<number | null>(n + h).fill(null);
  for (let i = 0; i < n; i++) {
    time[i] = s.historyStartMs + i * s.stepMs;
    actual[i] = s.history[i];
  }
  // The prediction starts from the last observed point so the two lines join.
  predicted[n - 1] = lower[n - 1] = upper[n - 1] = s.history[n - 1];
  for (let j = 0; j < h; j++) {
    time[n + j] = s.historyStartMs + (n + j) * s.stepMs;
    predicted[n + j] = s.forecast.mean[j];
    lower[n + j] = s.forecast.lower[j];
    upper[n + j] = s.forecast.upper[j];
  }
  const name = seriesName(s.labels, legendFormat);
  const level = levelLabel(s.forecast.level);
  const lowerName = `${name} lower ${level}`;
  return {
    name,
    refId,
    meta: meta('timeseries-wide', s, executed, h),
    fields: [
      { name: 'time', type: 'time', values: time, config: { interval: s.stepMs } },
      { name: 'actual', type: 'number', values: actual, labels: s.labels, config: { displayNameFromDS: name } },
      {
        name: 'predicted',
        type: 'number',
        values: predicted,
        labels: s.labels,
        config: { displayNameFromDS: `${name} predicted`, custom: { lineStyle: { fill: 'dash', dash: [10, 10] } } },
      },
      {
        name: 'lower',
        type: 'number',
        values: lower,
        labels: s.labels,
        config: { displayNameFromDS: lowerName, custom: { lineWidth: 0, fillOpacity: 0, hideFrom: { legend: true, tooltip: false, viz: false } } },
      },
      {
        name: 'upper',
        type: 'number',
        values: upper,
        labels: s.labels,
        config: {
          displayNameFromDS: `${name} upper ${level}`,
          custom: { lineWidth: 0, fillOpacity: 20, fillBelowTo: lowerName, hideFrom: { legend: true, tooltip: false, viz: false } },
        },
      },
    ],
  };
}

export function alertSeriesFrame(s: ForecastedSeries, refId: string, executed: string): Frame {
  const n = s.history.length;
  const h = s.forecast.mean.length;
  const time = Array.from({ length: h }, (_, j) => s.historyStartMs + (n + j) * s.stepMs);
  return {
    name: seriesName(s.labels),
    refId,
    meta: meta('timeseries-multi', s, executed, h),
    fields: [
      { name: 'time', type: 'time', values: time },
      { name: 'predicted', type: 'number', values: s.forecast.mean, labels: s.labels },
    ],
  };
}

export type HorizonValue = 'predicted' | 'upper' | 'lower';
export type HorizonReduce = 'last' | 'max' | 'min';

export function reduceForecast(f: Forecast, value: HorizonValue, reduce: HorizonReduce): number {
  const values = value === 'upper' ? f.upper : value === 'lower' ? f.lower : f.mean;
  switch (reduce) {
    case 'last':
      return values[values.length - 1];
    case 'max':
      return values.reduce((a, b) => Math.max(a, b), -Infinity);
    case 'min':
      return values.reduce((a, b) => Math.min(a, b), Infinity);
  }
}

export function horizonFrame(s: ForecastedSeries, refId: string, executed: string, value: HorizonValue, reduce: HorizonReduce): Frame {
  return {
    name: seriesName(s.labels),
    refId,
    meta: meta('numeric-multi', s, executed, s.forecast.mean.length),
    fields: [{ name: value, type: 'number', values: [reduceForecast(s.forecast, value, reduce)], labels: s.labels }],
  };
}
