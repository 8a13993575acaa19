// Structured JSON logs of one service. Every line carries level, service, msg and, inside a
// request, the trace and span ids, so a log line leads to its trace in Tempo. Lines go to Loki
// with the labels {job, service, level} and, optionally, to stderr.

import type { LokiPusher } from './loki-pusher';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export const LOG_JOB = 'foresight-demo';

export interface TraceRef {
  traceId: string;
  spanId: string;
}

export interface LoggerOptions {
  /** Also print lines at or above this level to stderr (null: never). */
  echoLevel?: Level | null;
  /** Lines below this level are not produced at all. */
  minLevel?: Level;
}

export class ServiceLogger {
  constructor(
    readonly service: string,
    private readonly pusher: LokiPusher,
    private readonly opts: LoggerOptions = {},
  ) {}

  log(level: Level, msg: string, fields: Record<string, unknown> = {}, trace?: TraceRef): void {
    if (RANK[level] < RANK[this.opts.minLevel ?? 'info']) {
      return;
    }
    const now = Date.now();
    const entry: Record<string, unknown> = {
      ts: new Date(now).toISOString(),
      level,
      service: this.service,
      msg,
    };
    if (trace) {
      entry.trace_id = trace.traceId;
      entry.span_id = trace.spanId;
    }
    for (const [k, v] of Object.entries(fields)) {
      if (v !== undefined && !(k in entry)) {
        entry[k] = v;
      }
    }
    const line = JSON.stringify(entry);
    this.pusher.push({ job: LOG_JOB, service: this.service, level }, line, now);
    const echo = this.opts.echoLevel;
    if (echo && RANK[level] >= RANK[echo]) {
      process.stderr.write(line + '\n');
    }
  }

  info(msg: string, fields?: Record<string, unknown>, trace?: TraceRef): void {
    this.log('info', msg, fields, trace);
  }
  warn(msg: string, fields?: Record<string, unknown>, trace?: TraceRef): void {
    this.log('warn', msg, fields, trace);
  }
  error(msg: string, fields?: Record<string, unknown>, trace?: TraceRef): void {
    this.log('error', msg, fields, trace);
  }
}
