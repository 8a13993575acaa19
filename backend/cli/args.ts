// Command-line options shared by the metric sub-commands, read with Node's own parser.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseDuration, QueryError } from '../plugin/query/model';

/** A mistake in how the command was called: exit code 2 and the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS: Options = {
  step: { type: 'string' },
  format: { type: 'string', default: 'csv' },
  help: { type: 'boolean', short: 'h' },
};

export const FORECAST_OPTIONS: Options = {
  horizon: { type: 'string', default: '1h' },
  level: { type: 'string', default: '0.95' },
  method: { type: 'string', default: 'auto' },
};

export function parseCommandArgs(argv: string[], options: Options): { values: Record<string, string | boolean | undefined>; files: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, files: positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number; got "${String(v)}"`);
  }
  return n;
}

export function durationOption(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  try {
    return parseDuration(v, `--${name}`);
  } catch (err) {
    throw err instanceof QueryError ? new UsageError(err.message) : err;
  }
}

export function formatOption(values: Record<string, unknown>): 'csv' | 'json' {
  const f = values.format;
  if (f !== 'csv' && f !== 'json') throw new UsageError(`--format must be csv or json; got "${String(f)}"`);
  return f;
}
