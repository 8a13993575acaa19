// Reads the frames the panel is given into what it draws. The Foresight datasource's forecast
// frames (time, actual, predicted, lower, upper) and anomaly frames (time, value, expected, lower,
// upper, score) are read by field name; bands are every pair an upper field's `custom.fillBelowTo`
// names (the convention the stock time series panel fills), so several levels can be drawn; a
// predict query's table gives the backend's crossing times. Any other time series is drawn as
// observed values only.

import { FieldType, getFieldDisplayName, type DataFrame, type Field } from '@grafana/data';

export type Values = ArrayLike<number | null | undefined>;

export interface Band {
  label: string;
  lower: Values;
  upper: Values;
}

export interface ForecastSeries {
  /** Unique within the panel (legend toggles, React keys). */
  key: string;
  name: string;
  time: ArrayLike<number>;
  actual?: Values;
  predicted?: Values;
  /** The value a detector expected (anomaly frames). */
  expected?: Values;
  bands: Band[];
  /** Per-point anomaly score in [0, 1]. */
  score?: Values;
  /** Which model produced the forecast (meta.custom.model), shown in the tooltip. */
  model?: string;
}

/** A crossing time computed by the backend's predict query (probabilistic, from the band). */
export interface ReportedCrossing {
  series: string;
  time: number;
  threshold: number;
  probability?: number;
}

export interface PanelSeries {
  series: ForecastSeries[];
  crossings: ReportedCrossing[];
  /** Thresholds reported by predict queries (meta.custom.threshold), drawn with the panel's own. */
  thresholds: number[];
}

const ROLE: Record<string, 'actual' | 'predicted' | 'expected' | 'score'> = {
  actual: 'actual',
  value: 'actual',
  predicted: 'predicted',
  expected: 'expected',
  score: 'score',
};

function levelLabel(level: unknown): string | undefined {
  return typeof level === 'number' && level > 0 && level < 1 ? `${+(level * 100).toFixed(2)}% interval` : undefined;
}

function readBands(frame: DataFrame, frames: DataFrame[], numbers: Field[]): { bands: Band[]; used: Set<Field> } {
  const used = new Set<Field>();
  const bands: Band[] = [];
  const byName = new Map<string, Field>();
  for (const f of numbers) {
    byName.set(getFieldDisplayName(f, frame, frames), f);
    byName.set(f.config.displayNameFromDS ?? f.name, f);
  }
  const custom = (frame.meta?.custom ?? {}) as Record<string, unknown>;
  const isAnomaly = numbers.some((f) => f.name === 'score');
  for (const upper of numbers) {
    const below = upper.config.custom?.fillBelowTo as string | undefined;
    const lower = below ? byName.get(below) : undefined;
    if (lower && lower !== upper) {
      bands.push({ label: levelLabel(custom.level) ?? (isAnomaly ? 'expected range' : getFieldDisplayName(upper, frame, frames)), lower: lower.values, upper: upper.values });
      used.add(lower).add(upper);
    }
  }
  // Frames without the fill convention but with the field names our datasource uses.
  const lower = numbers.find((f) => f.name === 'lower' && !used.has(f));
  const upper = numbers.find((f) => f.name === 'upper' && !used.has(f));
  if (lower && upper) {
    bands.push({ label: levelLabel(custom.level) ?? (isAnomaly ? 'expected range' : 'interval'), lower: lower.values, upper: upper.values });
    used.add(lower).add(upper);
  }
  return { bands, used };
}

function readCrossingTable(frame: DataFrame, out: PanelSeries): boolean {
  const at = frame.fields.find((f) => f.name === 'predicted crossing at');
  const names = frame.fields.find((f) => f.name === 'series');
  const threshold = Number((frame.meta?.custom as Record<string, unknown> | undefined)?.threshold);
  if (!at || !names || !Number.isFinite(threshold)) {
    return false;
  }
  const probability = frame.fields.find((f) => f.name === 'probability');
  out.thresholds.push(threshold);
  for (let i = 0; i < frame.length; i++) {
    const time = at.values[i];
    if (typeof time === 'number' && Number.isFinite(time)) {
      out.crossings.push({ series: String(names.values[i]), time, threshold, probability: probability?.values[i] ?? undefined });
    }
  }
  return true;
}

function sameAxis(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && a[0] === b[0] && a[a.length - 1] === b[b.length - 1];
}

export function readPanelSeries(frames: DataFrame[]): PanelSeries {
  const out: PanelSeries = { series: [], crossings: [], thresholds: [] };
  const keys = new Set<string>();
  const unique = (name: string) => {
    let key = name;
    for (let i = 2; keys.has(key); i++) key = `${name} (${i})`;
    keys.add(key);
    return key;
  };
  for (const frame of frames) {
    if (readCrossingTable(frame, out)) {
      continue;
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    const roles = new Map<string, Field>();
    for (const f of numbers) {
      const role = ROLE[f.name.toLowerCase()];
      if (role && !roles.has(role)) roles.set(role, f);
    }
    const { bands, used } = readBands(frame, frames, numbers);
    const ours = roles.has('predicted') || roles.has('score') || bands.length > 0;
    if (ours) {
      const actual = roles.get('actual');
      const name = frame.name ?? (actual ? getFieldDisplayName(actual, frame, frames) : 'series');
      const model = (frame.meta?.custom as Record<string, unknown> | undefined)?.model;
      // The same series forecast at another level (same time axis): one more band on it.
      const same = out.series.find((s) => s.name === name && sameAxis(s.time, time.values));
      if (same) {
        same.bands.push(...bands.filter((b) => !same.bands.some((o) => o.label === b.label)));
        same.predicted ??= roles.get('predicted')?.values;
        same.expected ??= roles.get('expected')?.values;
        same.score ??= roles.get('score')?.values;
        same.actual ??= actual?.values;
        for (const f of roles.values()) used.add(f);
        continue;
      }
      out.series.push({
        key: unique(name),
        name,
        time: time.values,
        actual: actual?.values,
        predicted: roles.get('predicted')?.values,
        expected: roles.get('expected')?.values,
        score: roles.get('score')?.values,
        bands,
        model: typeof model === 'string' ? model : undefined,
      });
      for (const f of roles.values()) used.add(f);
    }
    // Plain time series (and numeric fields ours does not know): each is an observed series.
    for (const f of numbers) {
      if (!used.has(f)) {
        const name = getFieldDisplayName(f, frame, frames);
        out.series.push({ key: unique(name), name, time: time.values, actual: f.values, bands: [] });
      }
    }
  }
  return out;
}
