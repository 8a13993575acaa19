// A client for Prometheus' HTTP API (and API-compatible stores such as Mimir or Thanos):
// range and instant queries, series, labels and build info. Prometheus' own error messages are
// passed through, so a PromQL typo reads the same here as in Prometheus.

import { HttpClient, UpstreamError, type HttpAuth, type HttpPolicy, type RequestOptions } from '../http';

export interface Series {
  labels: Record<string, string>;
  /** Epoch milliseconds, ascending. */
  timestamps: number[];
  /** Sample values; NaN and ±Infinity as Prometheus reported them. */
  values: number[];
}

export interface InstantSample {
  labels: Record<string, string>;
  timestampMs: number;
  value: number;
}

interface ApiEnvelope<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

type Sample = [number, string];

/** Prometheus refuses more than 11,000 points per series in one range query. */
export const MAX_POINTS_PER_SERIES = 11_000;

export class SeriesLimitError extends Error {
  constructor(
    readonly found: number,
    readonly limit: number,
  ) {
    super(`the query matched ${found} series, more than the limit of ${limit}; narrow the selector or aggregate (sum by …)`);
    this.name = 'SeriesLimitError';
  }
}

export function parseSampleValue(v: string): number {
  switch (v) {
    case '+Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return Number(v);
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export class PrometheusClient {
  private readonly http: HttpClient;

  constructor(url: string, auth?: HttpAuth, policy?: HttpPolicy) {
    this.http = new HttpClient('Prometheus', url, auth, policy);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  private async api<T>(path: string, options: RequestOptions): Promise<{ data: T; warnings: string[] }> {
    const { status, data } = await this.http.json<ApiEnvelope<T>>(path, options);
    if (data?.status === 'error' || status >= 400) {
      const detail = data?.error ?? `HTTP ${status}`;
      const kind = data?.errorType ? `${data.errorType}: ` : '';
      throw new UpstreamError('Prometheus', 'status', `Prometheus: ${kind}${detail}`, status);
    }
    if (data?.status !== 'success' || data.data === undefined) {
      throw new UpstreamError('Prometheus', 'invalid-response', 'Prometheus answered without a "data" field; is this a Prometheus API URL?');
    }
    return { data: data.data, warnings: data.warnings ?? [] };
  }

  async queryRange(
    expr: string,
    range: { startMs: number; endMs: number; stepMs: number },
    options: { signal?: AbortSignal; maxSeries?: number } = {},
  ): Promise<{ series: Series[]; warnings: string[] }> {
    const points = Math.floor((range.endMs - range.startMs) / range.stepMs) + 1;
    if (points > MAX_POINTS_PER_SERIES) {
      throw new RangeError(
        `a step of ${range.stepMs / 1000}s over this range asks ${points} points per series; Prometheus allows ${MAX_POINTS_PER_SERIES}`,
      );
    }
    const params = new URLSearchParams({
      query: expr,
      start: seconds(range.startMs),
      end: seconds(range.endMs),
      step: seconds(range.stepMs),
    });
    const { data, warnings } = await this.api<{ resultType: string; result: Array<{ metric: Record<string, string>; values: Sample[] }> }>(
      '/api/v1/query_range',
      { method: 'POST', params, signal: options.signal },
    );
    if (data.resultType !== 'matrix') {
      throw new UpstreamError('Prometheus', 'invalid-response', `expected a matrix from query_range, got ${data.resultType}`);
    }
    if (options.maxSeries !== undefined && data.result.length > options.maxSeries) {
      throw new SeriesLimitError(data.result.length, options.maxSeries);
    }
    const series = data.result.map((r) => ({
      labels: r.metric ?? {},
      timestamps: r.values.map((s) => Math.round(s[0] * 1000)),
      values: r.values.map((s) => parseSampleValue(s[1])),
    }));
    return { series, warnings };
  }

  async query(expr: string, timeMs: number, options: { signal?: AbortSignal } = {}): Promise<InstantSample[]> {
    const params = new URLSearchParams({ query: expr, time: seconds(timeMs) });
    const { data } = await this.api<{ resultType: string; result: unknown }>('/api/v1/query', {
      method: 'POST',
      params,
      signal: options.signal,
    });
    if (data.resultType === 'vector') {
      return (data.result as Array<{ metric: Record<string, string>; value: Sample }>).map((r) => ({
        labels: r.metric ?? {},
        timestampMs: Math.round(r.value[0] * 1000),
        value: parseSampleValue(r.value[1]),
      }));
    }
    if (data.resultType === 'scalar') {
      const [t, v] = data.result as Sample;
      return [{ labels: {}, timestampMs: Math.round(t * 1000), value: parseSampleValue(v) }];
    }
    throw new UpstreamError('Prometheus', 'invalid-response', `an instant query returned a ${data.resultType}, expected a vector or scalar`);
  }

  async series(match: string[], range: { startMs: number; endMs: number }, signal?: AbortSignal): Promise<Record<string, string>[]> {
    const params = new URLSearchParams({ start: seconds(range.startMs), end: seconds(range.endMs) });
    match.forEach((m) => params.append('match[]', m));
    return (await this.api<Record<string, string>[]>('/api/v1/series', { method: 'POST', params, signal })).data;
  }

  async labels(signal?: AbortSignal): Promise<string[]> {
    return (await this.api<string[]>('/api/v1/labels', { signal })).data;
  }

  async labelValues(name: string, signal?: AbortSignal): Promise<string[]> {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
      throw new RangeError(`"${name}" is not a valid label name`);
    }
    return (await this.api<string[]>(`/api/v1/label/${name}/values`, { signal })).data;
  }

  /** Build information; used by the health check to prove the URL points at a Prometheus API. */
  async buildInfo(signal?: AbortSignal): Promise<{ version: string }> {
    return (await this.api<{ version: string }>('/api/v1/status/buildinfo', { signal, policy: { retries: 0, timeoutMs: 10_000 } })).data;
  }
}
