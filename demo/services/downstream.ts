// Calls from one service to another over real HTTP, each as a CLIENT span whose context travels
// in the traceparent header. Failures are classified the way callers see them: the peer answered
// with an error, refused the connection, or did not answer in time.

import { SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { Pool, errors as undiciErrors } from 'undici';
import type { OutageMode } from '../faults/effects';
import type { ServiceMetrics } from '../telemetry/metrics';
import type { ServiceTracing } from '../telemetry/tracing';

export type CallFailure = 'status' | 'refused' | 'timeout' | 'reset';

export class DownstreamError extends Error {
  constructor(
    readonly target: string,
    readonly failure: CallFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface CallOptions {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Extra span attributes (db.* for database calls). */
  attributes?: Record<string, string | number>;
  spanName?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Downstream {
  private pool: Pool | undefined;
  private poolOrigin = '';

  constructor(
    readonly from: string,
    readonly target: string,
    private readonly resolveUrl: () => string,
    private readonly tracing: ServiceTracing,
    private readonly metrics: ServiceMetrics,
    private readonly timeoutMs: number,
    /** Current outage injected on this edge, if any. */
    private readonly outage: () => OutageMode | undefined,
  ) {}

  async call<T = unknown>(parent: Context, opts: CallOptions): Promise<T> {
    const origin = this.resolveUrl();
    const url = new URL(opts.path, origin);
    const span = this.tracing.tracer.startSpan(
      opts.spanName ?? `${opts.method} ${opts.path}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': opts.method,
          'url.full': url.toString(),
          'server.address': url.hostname,
          'server.port': Number(url.port),
          'peer.service': this.target,
          ...opts.attributes,
        },
      },
      parent,
    );
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    this.tracing.inject(trace.setSpan(parent, span), headers);
    const started = performance.now();
    try {
      const outage = this.outage();
      if (outage === 'refused') {
        await sleep(1);
        throw new DownstreamError(this.target, 'refused', `connect ECONNREFUSED ${url.host} (${this.target})`);
      }
      if (outage === 'timeout') {
        await sleep(this.timeoutMs);
        throw new DownstreamError(this.target, 'timeout', `${this.target} did not answer within ${this.timeoutMs} ms`);
      }
      const res = await this.dispatcher(origin).request({
        method: opts.method,
        path: url.pathname + url.search,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const text = await res.body.text();
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 400) {
        let reason = text.slice(0, 200);
        try {
          reason = (JSON.parse(text) as { error?: string }).error ?? reason;
        } catch {
          // not JSON: keep the text
        }
        throw new DownstreamError(this.target, 'status', `${this.target} answered ${res.statusCode}: ${reason}`, res.statusCode);
      }
      this.metrics.downstreamRequests.inc({ target: this.target, outcome: 'ok' });
      return (text ? JSON.parse(text) : undefined) as T;
    } catch (raw) {
      const err = classify(raw, this.target, url.host, this.timeoutMs);
      span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
      span.setAttribute('error.type', err.failure === 'status' ? String(err.status) : err.failure);
      this.metrics.downstreamRequests.inc({ target: this.target, outcome: 'error' });
      throw err;
    } finally {
      this.metrics.downstreamDuration.observe({ target: this.target }, (performance.now() - started) / 1000);
      span.end();
    }
  }

  close(): Promise<void> {
    return this.pool?.close() ?? Promise.resolve();
  }

  /** One keep-alive pool per target origin (re-made if the target moved ports). */
  private dispatcher(origin: string): Pool {
    if (!this.pool || this.poolOrigin !== origin) {
      void this.pool?.close();
      this.pool = new Pool(origin, { connections: 128, keepAliveTimeout: 4000, connectTimeout: 2000 });
      this.poolOrigin = origin;
    }
    return this.pool;
  }
}

function classify(raw: unknown, target: string, host: string, timeoutMs: number): DownstreamError {
  if (raw instanceof DownstreamError) {
    return raw;
  }
  const err = raw as { code?: string; message?: string };
  if (raw instanceof undiciErrors.HeadersTimeoutError || raw instanceof undiciErrors.BodyTimeoutError || raw instanceof undiciErrors.ConnectTimeoutError) {
    return new DownstreamError(target, 'timeout', `${target} did not answer within ${timeoutMs} ms`);
  }
  if (err.code === 'ECONNREFUSED') {
    return new DownstreamError(target, 'refused', `connect ECONNREFUSED ${host} (${target})`);
  }
  return new DownstreamError(target, 'reset', `call to ${target} failed: ${err.code ?? ''} ${err.message ?? String(raw)}`.trim());
}
