// Helpers shared by the demo suites: the control API, /metrics text, polling with a deadline,
// and small clients for the Prometheus, Loki and Tempo HTTP APIs the suites query.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSdFile, type DemoSystem } from '../../../demo/system';
import { eventually } from '../../harness/stack';

/** A Wednesday 14:00 UTC: the load shape is near its weekday peak there. */
export const WEDNESDAY_14H = Date.UTC(2026, 0, 7, 14, 0, 0);

export async function api<T = unknown>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const parsed = (await res.json()) as T & { error?: string };
  if (res.status >= 400) {
    throw new Error(`${method} ${path}: HTTP ${res.status}: ${parsed.error}`);
  }
  return parsed;
}

export async function scrape(serviceUrl: string): Promise<string> {
  const res = await fetch(`${serviceUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  return res.text();
}

/** The value of the first sample of `name` whose labels include `labels`. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) {
      continue;
    }
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) {
      return Number(m[3]);
    }
  }
  return undefined;
}

/** Polls `fn` every half second (the resolution of the delays these suites report) until it returns a value. */
export function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
  return eventually(what, fn, timeoutMs, everyMs);
}

// --- the real backends ------------------------------------------------------------------------

export interface Backends {
  prometheusUrl: string;
  /** A directory Prometheus watches with file_sd_configs. */
  sdDir: string;
  lokiUrl: string;
  tempoUrl: string;
  otlpUrl: string;
}

const BACKEND_ENV: Record<keyof Backends, string> = {
  prometheusUrl: 'FORESIGHT_TEST_PROMETHEUS_URL',
  sdDir: 'FORESIGHT_TEST_PROMETHEUS_SD_DIR',
  lokiUrl: 'FORESIGHT_TEST_LOKI_URL',
  tempoUrl: 'FORESIGHT_TEST_TEMPO_URL',
  otlpUrl: 'FORESIGHT_TEST_OTLP_URL',
};

/** The backends from the environment, or the names of the variables that are missing. */
export function backendsFromEnv(): { backends?: Backends; missing: string[] } {
  const missing = Object.values(BACKEND_ENV).filter((name) => !process.env[name]);
  if (missing.length > 0) {
    return { missing };
  }
  const b = Object.fromEntries(Object.entries(BACKEND_ENV).map(([k, name]) => [k, process.env[name]!.replace(/\/+$/, '')])) as unknown as Backends;
  return { backends: b, missing };
}

/** Registers the demo's endpoints with Prometheus (file_sd); returns the unregister function. */
export function registerScrapeTargets(b: Pick<Backends, 'sdDir'>, demo: DemoSystem): () => void {
  const file = join(b.sdDir, `foresight-demo-${process.pid}.json`);
  writeSdFile(file, demo.scrapeTargets());
  return () => rmSync(file, { force: true });
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export async function promQuery(b: Pick<Backends, 'prometheusUrl'>, expr: string): Promise<PromSample[]> {
  const res = await fetch(`${b.prometheusUrl}/api/v1/query?${new URLSearchParams({ query: expr })}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { status: string; error?: string; data: { result: PromSample[] } };
  if (body.status !== 'success') {
    throw new Error(`PromQL ${expr}: ${body.error}`);
  }
  return body.data.result;
}

export interface LokiLine {
  labels: Record<string, string>;
  /** Epoch ms. */
  time: number;
  line: string;
}

export async function lokiQuery(b: Backends, logql: string, startMs: number, endMs = Date.now() + 1000, limit = 20): Promise<LokiLine[]> {
  const q = new URLSearchParams({
    query: logql,
    start: `${Math.floor(startMs)}000000`,
    end: `${Math.ceil(endMs)}000000`,
    limit: String(limit),
    direction: 'forward',
  });
  const res = await fetch(`${b.lokiUrl}/loki/api/v1/query_range?${q}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) {
    throw new Error(`LogQL ${logql}: HTTP ${res.status} ${await res.text()}`);
  }
  const body = (await res.json()) as { data: { result: Array<{ stream: Record<string, string>; values: Array<[string, string]> }> } };
  return body.data.result
    .flatMap((s) => s.values.map(([ts, line]) => ({ labels: s.stream, time: Number(BigInt(ts) / 1_000_000n), line })))
    .sort((x, y) => x.time - y.time);
}

export interface TempoHit {
  traceID: string;
  rootServiceName?: string;
  startTimeUnixNano?: string;
}

export async function tempoSearch(b: Backends, traceql: string, startMs: number, endMs = Date.now() + 1000, limit = 20): Promise<TempoHit[]> {
  const q = new URLSearchParams({
    q: traceql,
    start: String(Math.floor(startMs / 1000)),
    end: String(Math.ceil(endMs / 1000)),
    limit: String(limit),
  });
  const res = await fetch(`${b.tempoUrl}/api/search?${q}`, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) {
    throw new Error(`TraceQL ${traceql}: HTTP ${res.status} ${await res.text()}`);
  }
  const body = (await res.json()) as { traces?: TempoHit[] };
  return body.traces ?? [];
}

export interface TraceSpan {
  service: string;
  name: string;
  spanId: string;
  parentSpanId: string;
  kind: string | number;
  error: boolean;
  attributes: Record<string, string | number | boolean>;
}

/** A trace by id from Tempo, flattened to spans (undefined if Tempo does not have it yet). */
export async function tempoTrace(b: Backends, traceId: string): Promise<TraceSpan[] | undefined> {
  // Tempo's search drops leading zeros of trace ids; the trace endpoint wants all 32 digits.
  const res = await fetch(`${b.tempoUrl}/api/v2/traces/${traceId.padStart(32, '0')}`, { signal: AbortSignal.timeout(10_000) });
  if (res.status === 404) {
    return undefined;
  }
  if (!res.ok) {
    throw new Error(`trace ${traceId}: HTTP ${res.status} ${await res.text()}`);
  }
  type Attr = { key: string; value: Record<string, unknown> };
  type OtlpSpan = { spanId: string; parentSpanId?: string; name: string; kind: string | number; status?: { code?: string | number }; attributes?: Attr[] };
  const body = (await res.json()) as {
    trace?: { resourceSpans?: Array<{ resource: { attributes: Attr[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
  };
  const attrs = (list: Attr[] = []) =>
    Object.fromEntries(list.map((a) => [a.key, (a.value.stringValue ?? a.value.intValue ?? a.value.boolValue ?? a.value.doubleValue) as string | number | boolean]));
  return (body.trace?.resourceSpans ?? []).flatMap((rs) => {
    const service = String(attrs(rs.resource.attributes)['service.name']);
    return rs.scopeSpans.flatMap((ss) =>
      ss.spans.map((s) => ({
        service,
        name: s.name,
        spanId: hexId(s.spanId),
        parentSpanId: s.parentSpanId ? hexId(s.parentSpanId) : '',
        kind: s.kind,
        error: s.status?.code === 2 || s.status?.code === 'STATUS_CODE_ERROR',
        attributes: attrs(s.attributes),
      })),
    );
  });
}

/** Tempo's JSON may carry ids as hex or as base64 (protobuf bytes). */
function hexId(id: string): string {
  return /^[0-9a-f]+$/i.test(id) && (id.length === 16 || id.length === 32) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}
