// A client for Loki's HTTP API: log queries (streams) and metric queries (matrices) over a range,
// labels, label values and series, with the tenant header and auth of the datasource settings.
//
// Loki returns at most `limit` lines per query (5,000 by default on the server), so a stream query
// is read in pages: forward in time from the last timestamp seen. The range is cut into time slices
// that share the line budget, so a capped read still covers the whole range (the recent end
// included) rather than only its first minutes; what was cut is reported.

import { HttpClient, UpstreamError, type HttpAuth, type HttpPolicy, type RequestOptions } from '../http';
import { parseSampleValue, type Series } from '../prometheus/client';
import { buildInfo, ready } from '../probe';

export interface LokiEntry {
  /** Epoch milliseconds (Loki's nanoseconds, truncated). */
  timeMs: number;
  line: string;
  labels: Record<string, string>;
}

export interface StreamRead {
  entries: LokiEntry[];
  /** True when the line budget stopped the read before the range was exhausted. */
  capped: boolean;
  /** Slices whose lines were cut by the budget, of how many. */
  cappedSlices: number;
  slices: number;
  requests: number;
}

export interface StreamReadOptions {
  /** Most lines read over the whole range. */
  maxLines: number;
  /** Lines asked per request; Loki's max_entries_limit_per_query caps it server-side (5,000 by default). */
  pageSize?: number;
  /** Number of time slices sharing the budget. */
  slices?: number;
  signal?: AbortSignal;
}

interface Envelope<T> {
  status: string;
  data?: T;
  error?: string;
}

type StreamResult = Array<{ stream: Record<string, string>; values: Array<[string, string, ...unknown[]]> }>;
type MatrixResult = Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;

const ns = (ms: number) => `${BigInt(Math.floor(ms)) * 1_000_000n}`;
const nsToMs = (t: string) => (t.length > 6 ? Number(t.slice(0, t.length - 6)) : 0);

export class LokiClient {
  private readonly http: HttpClient;

  constructor(url: string, auth?: HttpAuth, policy?: HttpPolicy) {
    this.http = new HttpClient('Loki', url, auth, policy);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  private async api<T>(path: string, options: RequestOptions): Promise<T> {
    const res = await this.http.request(path, options);
    const text = res.body.toString('utf8');
    let parsed: Envelope<T> | undefined;
    try {
      parsed = JSON.parse(text) as Envelope<T>;
    } catch {
      parsed = undefined;
    }
    if (res.status >= 400) {
      // Loki answers errors as plain text ("parse error at line 1, col 5: …"): pass it through.
      const detail = parsed?.error ?? text.slice(0, 500).trim();
      throw new UpstreamError('Loki', 'status', `Loki: ${detail || `HTTP ${res.status}`}`, res.status);
    }
    if (!parsed || parsed.data === undefined) {
      throw new UpstreamError('Loki', 'invalid-response', `Loki answered HTTP ${res.status} without a "data" field; is this a Loki URL? ("${text.slice(0, 120)}")`);
    }
    return parsed.data;
  }

  /** One query_range request. */
  private async rangeRequest<T>(query: string, startNs: string, endNs: string, extra: Record<string, string>, signal?: AbortSignal) {
    const params = new URLSearchParams({ query, start: startNs, end: endNs, ...extra });
    return this.api<{ resultType: string; result: T }>('/loki/api/v1/query_range', { method: 'POST', params, signal });
  }

  /** The log lines of a LogQL log query over [startMs, endMs), oldest first, within a line budget. */
  async readStreams(query: string, range: { startMs: number; endMs: number }, opts: StreamReadOptions): Promise<StreamRead> {
    if (!(range.endMs > range.startMs)) throw new RangeError('the log range is empty');
    if (!(opts.maxLines >= 1)) throw new RangeError('maxLines must be at least 1');
    const pageSize = Math.max(1, Math.min(opts.pageSize ?? 5000, opts.maxLines));
    const span = range.endMs - range.startMs;
    const sliceCount = Math.max(1, Math.min(opts.slices ?? 12, Math.ceil(opts.maxLines / pageSize), Math.ceil(span / 1000)));
    const budget = Math.floor(opts.maxLines / sliceCount);
    const entries: LokiEntry[] = [];
    let requests = 0;
    let cappedSlices = 0;
    for (let s = 0; s < sliceCount; s++) {
      const sliceStart = range.startMs + Math.floor((span * s) / sliceCount);
      const sliceEnd = s === sliceCount - 1 ? range.endMs : range.startMs + Math.floor((span * (s + 1)) / sliceCount);
      let start = BigInt(ns(sliceStart));
      const end = ns(sliceEnd);
      let taken = 0;
      // Lines at the page boundary's timestamp come again in the next page (start is inclusive).
      let boundary = new Set<string>();
      for (;;) {
        const want = Math.min(pageSize, budget - taken);
        if (want <= 0) {
          cappedSlices++;
          break;
        }
        requests++;
        const data = await this.rangeRequest<StreamResult>(query, start.toString(), end, { limit: String(want), direction: 'forward' }, opts.signal);
        if (data.resultType !== 'streams') {
          throw new UpstreamError('Loki', 'invalid-response', `expected log lines (streams) from a log query, got ${data.resultType}: use a log query, not a metric query`);
        }
        const page: Array<{ t: string; line: string; labels: Record<string, string> }> = [];
        for (const r of data.result) for (const v of r.values) page.push({ t: v[0], line: v[1], labels: r.stream });
        page.sort((a, b) => (a.t.length - b.t.length) || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
        let added = 0;
        const lastT = page.length ? page[page.length - 1].t : '';
        const nextBoundary = new Set<string>();
        for (const e of page) {
          const key = `${e.t}\u0000${e.line}`;
          if (e.t === lastT) nextBoundary.add(key);
          if (boundary.has(key)) continue;
          if (taken >= budget) break;
          entries.push({ timeMs: nsToMs(e.t), line: e.line, labels: e.labels });
          taken++;
          added++;
        }
        if (page.length < want) break;
        if (added === 0) {
          // A page wholly of one timestamp we have already read: step past it.
          start = BigInt(lastT) + 1n;
          boundary = new Set();
        } else {
          start = BigInt(lastT);
          boundary = nextBoundary;
        }
      }
    }
    return { entries, capped: cappedSlices > 0, cappedSlices, slices: sliceCount, requests };
  }

  /** A LogQL metric query (count_over_time, rate, …) as series, like a Prometheus range query. */
  async queryRangeMatrix(query: string, range: { startMs: number; endMs: number; stepMs: number }, signal?: AbortSignal): Promise<Series[]> {
    const data = await this.rangeRequest<MatrixResult>(query, ns(range.startMs), ns(range.endMs), { step: `${range.stepMs / 1000}s` }, signal);
    if (data.resultType !== 'matrix') {
      throw new UpstreamError('Loki', 'invalid-response', `expected series (matrix) from a metric query, got ${data.resultType}`);
    }
    return data.result.map((r) => ({
      labels: r.metric ?? {},
      timestamps: r.values.map((v) => Math.round(v[0] * 1000)),
      values: r.values.map((v) => parseSampleValue(v[1])),
    }));
  }

  async labels(range?: { startMs: number; endMs: number }, signal?: AbortSignal): Promise<string[]> {
    const params = range ? new URLSearchParams({ start: ns(range.startMs), end: ns(range.endMs) }) : undefined;
    return (await this.api<string[] | undefined>('/loki/api/v1/labels', { params, signal })) ?? [];
  }

  async labelValues(name: string, range?: { startMs: number; endMs: number }, signal?: AbortSignal): Promise<string[]> {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new RangeError(`"${name}" is not a valid label name`);
    const params = range ? new URLSearchParams({ start: ns(range.startMs), end: ns(range.endMs) }) : undefined;
    return (await this.api<string[] | undefined>(`/loki/api/v1/label/${name}/values`, { params, signal })) ?? [];
  }

  async series(match: string[], range: { startMs: number; endMs: number }, signal?: AbortSignal): Promise<Record<string, string>[]> {
    const params = new URLSearchParams({ start: ns(range.startMs), end: ns(range.endMs) });
    match.forEach((m) => params.append('match[]', m));
    return (await this.api<Record<string, string>[] | undefined>('/loki/api/v1/series', { method: 'POST', params, signal })) ?? [];
  }

  /** Loki's build information (proves the URL is a Loki). */
  buildInfo(signal?: AbortSignal): Promise<{ version: string }> {
    return buildInfo(this.http, '/loki/api/v1/status/buildinfo', signal);
  }

  /** Resolves when Loki's /ready says it is ready; else an error with Loki's reason. */
  ready(signal?: AbortSignal): Promise<void> {
    return ready(this.http, signal);
  }
}
