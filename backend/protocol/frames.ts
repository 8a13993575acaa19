// Grafana's data frame model, as much of it as a backend needs to produce.
// The shapes follow Grafana's data plane contract (`meta.type` + `typeVersion`), which is what
// server-side expressions and alerting read.

export type FieldType = 'time' | 'number' | 'string' | 'boolean';

export interface FieldConfig {
  displayName?: string;
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  interval?: number;
  color?: Record<string, unknown>;
  thresholds?: Record<string, unknown>;
  links?: Array<Record<string, unknown>>;
  noValue?: string;
  /** Visualisation options, e.g. the time series panel's `fillBelowTo`. */
  custom?: Record<string, unknown>;
}

interface FieldBase {
  name: string;
  labels?: Record<string, string>;
  config?: FieldConfig;
}

/** Times are epoch milliseconds (integers); they are written as exact nanoseconds. */
export interface TimeField extends FieldBase {
  type: 'time';
  values: ArrayLike<number>;
}

/** `null` marks a missing value; NaN and ±Infinity are written as null too (Grafana's JSON has no NaN). */
export interface NumberField extends FieldBase {
  type: 'number';
  values: ArrayLike<number | null>;
}

export interface StringField extends FieldBase {
  type: 'string';
  values: ArrayLike<string | null>;
}

export interface BooleanField extends FieldBase {
  type: 'boolean';
  values: ArrayLike<boolean | null>;
}

export type Field = TimeField | NumberField | StringField | BooleanField;

export type FrameType =
  | 'timeseries-multi'
  | 'timeseries-wide'
  | 'timeseries-long'
  | 'numeric-multi'
  | 'numeric-wide'
  | 'numeric-long'
  | 'node-graph'
  | 'table';

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface FrameMeta {
  type?: FrameType;
  typeVersion?: [number, number];
  executedQueryString?: string;
  notices?: Notice[];
  preferredVisualisationType?: 'graph' | 'table' | 'logs' | 'trace' | 'nodeGraph';
  /** Analyzer facts about this frame (model chosen, periods found, caps applied, …). */
  custom?: Record<string, unknown>;
}

export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

/** An empty frame of a data-plane type: Grafana's way to say "no data" without an error. */
export function emptyFrame(type: FrameType, notices?: Notice[]): Frame {
  return { fields: [], meta: { type, typeVersion: [0, 1], ...(notices ? { notices } : {}) } };
}
