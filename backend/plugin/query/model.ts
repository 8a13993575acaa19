// The query model every query type shares, parsed from the JSON a panel or alert rule sends.

import type { DataQuery } from '../../protocol';

export const QUERY_TYPES = ['forecast', 'predict', 'anomaly', 'capacity', 'risk', 'logPatterns', 'logLevels', 'logAnomalies', 'logMetricLink'] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** A problem with what the user asked; reported as a 400 with errorSource "plugin". */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Prometheus-style durations ("90s", "1h30m", "7d"), or a plain number of seconds. */
export function parseDuration(value: unknown, name: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new QueryError(`${name} must be a finite number of seconds`);
    }
    return value * 1000;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new QueryError(`${name} must be a duration such as "1h" or "30m"`);
  }
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1000;
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== text.length) {
    throw new QueryError(`${name} "${text}" is not a duration; use forms like 90s, 15m, 1h30m, 7d`);
  }
  return total;
}

export interface BaseQueryModel {
  refId: string;
  queryType: QueryType;
  hide?: boolean;
}

/** Decodes the query JSON; malformed or non-object JSON is a QueryError naming the refId. */
export function decodeQueryJson(query: DataQuery): Record<string, unknown> {
  const text = query.json.toString('utf8').trim();
  if (text === '') {
    throw new QueryError('the query is empty');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new QueryError(`the query is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new QueryError('the query must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function resolveQueryType(query: DataQuery, json: Record<string, unknown>): QueryType {
  const type = query.queryType || (typeof json.queryType === 'string' ? json.queryType : '');
  if (!type) {
    throw new QueryError(`the query has no queryType; use one of: ${QUERY_TYPES.join(', ')}`);
  }
  if (!(QUERY_TYPES as readonly string[]).includes(type)) {
    throw new QueryError(`unknown queryType "${type}"; use one of: ${QUERY_TYPES.join(', ')}`);
  }
  return type as QueryType;
}

export function optionalString(json: Record<string, unknown>, key: string): string | undefined {
  const v = json[key];
  if (v === undefined || v === null || v === '') {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw new QueryError(`${key} must be a string`);
  }
  return v;
}

export function requiredString(json: Record<string, unknown>, key: string, hint: string): string {
  const v = optionalString(json, key);
  if (v === undefined || v.trim() === '') {
    throw new QueryError(`${key} is required: ${hint}`);
  }
  return v;
}

export function oneOf<T extends string>(json: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const v = json[key];
  if (v === undefined || v === null || v === '') {
    return fallback;
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new QueryError(`${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** A number, or a numeric string as text inputs send it; undefined when absent. */
export function optionalNumber(json: Record<string, unknown>, key: string): number | undefined {
  const v = json[key];
  if (v === undefined || v === null || v === '') {
    return undefined;
  }
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new QueryError(`${key} must be a number; got ${JSON.stringify(v)}`);
  }
  return n;
}

/** A fraction in (0, 1]; a percentage in (1, 100] is accepted too (80 means 0.8), as users type them. */
export function parseRatio(json: Record<string, unknown>, key: string, fallback: number): number {
  let v = optionalNumber(json, key) ?? fallback;
  if (v > 1 && v <= 100) {
    v /= 100;
  }
  if (!(v > 0 && v <= 1)) {
    throw new QueryError(`${key} must be a fraction in (0, 1] or a percentage; got ${JSON.stringify(json[key])}`);
  }
  return v;
}
