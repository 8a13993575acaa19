// Frames shaped as the frontend holds them after /api/ds/query (fields with value arrays), built
// from the field layout of backend/plugin/frames.

import type { DataFrame, Field, FieldType } from '@grafana/data';

export function frame(name: string, fields: Array<{ name: string; type?: string; values: unknown[]; labels?: Record<string, string>; config?: object }>, meta?: object): DataFrame {
  return {
    name,
    refId: 'A',
    length: fields[0]?.values.length ?? 0,
    meta: meta as DataFrame['meta'],
    fields: fields.map((f) => ({ name: f.name, type: (f.type ?? 'number') as FieldType, values: f.values, labels: f.labels, config: f.config ?? {} }) as Field),
  };
}

/** An anomaly series frame: value, expected, band and score on one time axis. */
export function anomalyFrame(labels: Record<string, string>, times: number[], scores: Array<number | null>, values?: number[]) {
  return frame(JSON.stringify(labels), [
    { name: 'time', type: 'time', values: times },
    { name: 'value', values: values ?? times.map((_, i) => 10 + i), labels },
    { name: 'expected', values: times.map(() => 10), labels },
    { name: 'lower', values: times.map(() => 8), labels },
    { name: 'upper', values: times.map(() => 12), labels },
    { name: 'score', values: scores, labels },
  ]);
}
