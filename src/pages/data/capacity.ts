// Time to exhaustion per resource, from the capacity query's table (backend/plugin/frames/capacity.ts):
// one row per usage series with its limit, forecast exhaustion and a sizing recommendation.

import type { DataFrame } from '@grafana/data';
import { field, numberAt } from './frames';

export interface ResourceCapacity {
  resource: string;
  series: string;
  labels: Record<string, string>;
  service?: string;
  current: number | null;
  limit: number | null;
  utilisation: number | null;
  /** Seconds until the expected and the earliest (band) exhaustion; null: not within the horizon. */
  exhaustionS: number | null;
  earliestS: number | null;
  probability: number | null;
  peakUtilisation: number | null;
  action: string;
  recommendation: string;
  model: string;
}

// The table's own string columns; every other string column is a label. The name column is told apart
// by position, not name: a series may well carry a label called "series".
const NOT_LABELS = new Set(['action', 'recommendation', 'model']);

export function capacityFromFrames(frames: DataFrame[], resource: string, serviceLabel: string): ResourceCapacity[] {
  const rows: ResourceCapacity[] = [];
  for (const frame of frames) {
    const series = field(frame, 'series');
    if (!series || !field(frame, 'time to exhaustion')) {
      continue;
    }
    const labelFields = frame.fields.filter((f) => f !== series && f.type === 'string' && !NOT_LABELS.has(f.name));
    const text = (name: string, i: number) => String(field(frame, name)?.values[i] ?? '');
    for (let i = 0; i < frame.length; i++) {
      const labels = Object.fromEntries(labelFields.map((f) => [f.name, String(f.values[i] ?? '')]).filter(([, v]) => v !== ''));
      rows.push({
        resource,
        series: String(series.values[i]),
        labels,
        service: labels[serviceLabel],
        current: numberAt(field(frame, 'current'), i),
        limit: numberAt(field(frame, 'limit'), i),
        utilisation: numberAt(field(frame, 'utilisation'), i),
        exhaustionS: numberAt(field(frame, 'time to exhaustion'), i),
        earliestS: numberAt(field(frame, 'earliest exhaustion'), i),
        probability: numberAt(field(frame, 'exhaustion probability'), i),
        peakUtilisation: numberAt(field(frame, 'peak utilisation'), i),
        action: text('action', i),
        recommendation: text('recommendation', i),
        model: text('model', i),
      });
    }
  }
  return rows;
}

/** Soonest exhaustion first (the earliest plausible one breaking ties), then the fullest. */
export function bySoonestExhaustion(a: ResourceCapacity, b: ResourceCapacity): number {
  const key = (r: ResourceCapacity) => [r.exhaustionS ?? Infinity, r.earliestS ?? Infinity, -(r.peakUtilisation ?? 0)];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) {
      return ka[i] - kb[i];
    }
  }
  return 0;
}
