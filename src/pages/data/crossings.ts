// Predicted crossings from the predict query's table (backend/plugin/frames/predict.ts): one row per
// series with the probability of crossing within the horizon and the time until it.

import type { DataFrame } from '@grafana/data';
import { field, numberAt } from './frames';

export interface PredictedCrossing {
  /** The watched signal or capacity resource this row answers. */
  source: string;
  series: string;
  labels: Record<string, string>;
  service?: string;
  threshold: number | null;
  probability: number | null;
  /** Seconds until the expected, earliest and latest crossing; null: not within the horizon. */
  expectedS: number | null;
  earliestS: number | null;
  latestS: number | null;
  /** Epoch ms of the expected crossing. */
  crossingAt: number | null;
  current: number | null;
  model: string;
}

// The table's own string columns; every other string column is a label. The name column is told apart
// by position, not name: a series may well carry a label called "series".
const NOT_LABELS = new Set(['model']);

export function crossingsFromFrames(frames: DataFrame[], source: string, serviceLabel: string): PredictedCrossing[] {
  const rows: PredictedCrossing[] = [];
  for (const frame of frames) {
    const series = field(frame, 'series');
    if (!series || !field(frame, 'probability')) {
      continue;
    }
    const labelFields = frame.fields.filter((f) => f !== series && f.type === 'string' && !NOT_LABELS.has(f.name));
    const threshold = typeof frame.meta?.custom?.threshold === 'number' ? frame.meta.custom.threshold : null;
    for (let i = 0; i < frame.length; i++) {
      const labels = Object.fromEntries(labelFields.map((f) => [f.name, String(f.values[i] ?? '')]).filter(([, v]) => v !== ''));
      rows.push({
        source,
        series: String(series.values[i]),
        labels,
        service: labels[serviceLabel],
        threshold,
        probability: numberAt(field(frame, 'probability'), i),
        expectedS: numberAt(field(frame, 'time to threshold'), i),
        earliestS: numberAt(field(frame, 'earliest'), i),
        latestS: numberAt(field(frame, 'latest'), i),
        crossingAt: numberAt(field(frame, 'predicted crossing at'), i),
        current: numberAt(field(frame, 'current'), i),
        model: String(field(frame, 'model')?.values[i] ?? ''),
      });
    }
  }
  return rows;
}

/** Soonest first; crossings not expected within the horizon last, the likeliest of them first. */
export function bySoonest(a: PredictedCrossing, b: PredictedCrossing): number {
  const ta = a.expectedS ?? Infinity;
  const tb = b.expectedS ?? Infinity;
  return ta !== tb ? ta - tb : (b.probability ?? 0) - (a.probability ?? 0);
}
