// Reads the Foresight datasource's forecast frames (time, actual, predicted, lower, upper), and
// any plain time series as "actual" only, into one structure the panel draws.

import { FieldType, getFieldDisplayName, type DataFrame } from '@grafana/data';

export interface ForecastSeries {
  name: string;
  time: number[];
  actual?: Array<number | null>;
  predicted?: Array<number | null>;
  lower?: Array<number | null>;
  upper?: Array<number | null>;
}

const ROLES = ['actual', 'predicted', 'lower', 'upper'] as const;

export function readForecastSeries(frames: DataFrame[]): ForecastSeries[] {
  const out: ForecastSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    const byRole = new Map(numbers.filter((f) => (ROLES as readonly string[]).includes(f.name)).map((f) => [f.name, f]));
    if (byRole.size > 0) {
      const actual = byRole.get('actual');
      out.push({
        name: actual ? getFieldDisplayName(actual, frame, frames) : frame.name ?? 'series',
        time: time.values as number[],
        actual: byRole.get('actual')?.values,
        predicted: byRole.get('predicted')?.values,
        lower: byRole.get('lower')?.values,
        upper: byRole.get('upper')?.values,
      });
      continue;
    }
    // Plain time series: every numeric field is an observed series.
    for (const f of numbers) {
      out.push({ name: getFieldDisplayName(f, frame, frames), time: time.values as number[], actual: f.values });
    }
  }
  return out;
}
