// Reading our datasource's frames (backend/plugin/frames) as the pages need them.

import type { DataFrame, Field } from '@grafana/data';

export function field(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

export function numberAt(f: Field | undefined, i: number): number | null {
  const v = f?.values[i];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The labels a series frame carries on its value field. */
export function frameLabels(frame: DataFrame): Record<string, string> {
  return frame.fields.find((f) => f.labels)?.labels ?? {};
}
