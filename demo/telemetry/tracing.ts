// Traces of one service. All services may live in one process, so each gets its own
// TracerProvider with its own resource (service.name), and contexts are passed explicitly
// instead of through a global context manager. Spans go to Tempo (or any OTLP/HTTP receiver).

import {
  ROOT_CONTEXT,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { Counter, type Registry } from 'prom-client';

const propagator = new W3CTraceContextPropagator();

/** Counts what the exporters of all services sent and lost (shown on the control /metrics). */
export class SpanExportStats {
  exported = 0;
  failed = 0;
  private readonly exportedCounter?: Counter;
  private readonly failedCounter?: Counter;

  constructor(registry?: Registry) {
    if (registry) {
      this.exportedCounter = new Counter({ name: 'demo_spans_exported_total', help: 'Spans the OTLP receiver accepted.', registers: [registry] });
      this.failedCounter = new Counter({ name: 'demo_spans_failed_total', help: 'Spans lost because an OTLP export failed.', registers: [registry] });
    }
  }

  record(spans: number, ok: boolean): void {
    if (ok) {
      this.exported += spans;
      this.exportedCounter?.inc(spans);
    } else {
      this.failed += spans;
      this.failedCounter?.inc(spans);
    }
  }
}

/** Passes spans on and counts the outcome; an unreachable receiver costs only a counter. */
class CountingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly stats: SpanExportStats,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      this.stats.record(spans.length, result.code === ExportResultCode.SUCCESS);
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export class ServiceTracing {
  readonly tracer: Tracer;
  private readonly provider: TracerProvider;

  /** @param otlpUrl  base URL of an OTLP/HTTP receiver (…/v1/traces is appended); null: spans are made but not sent. */
  constructor(service: string, otlpUrl: string | null, stats: SpanExportStats) {
    const resource = resourceFromAttributes({
      'service.name': service,
      'service.namespace': 'foresight-demo',
      'deployment.environment.name': 'demo',
    });
    const spanProcessors = otlpUrl
      ? [
          new BatchSpanProcessor({
            exporter: new CountingExporter(new OTLPTraceExporter({ url: `${otlpUrl}/v1/traces`, timeoutMillis: 5000 }), stats),
            scheduledDelayMillis: 1000,
            maxQueueSize: 8192,
            maxExportBatchSize: 1024,
          }),
        ]
      : [];
    this.provider = new TracerProvider({ resource, spanProcessors });
    this.tracer = this.provider.getTracer('foresight-demo');
  }

  /** The caller's context from W3C traceparent/tracestate headers (root context if none). */
  extract(headers: Record<string, string | string[] | undefined>): Context {
    return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
  }

  /** Adds traceparent/tracestate for `ctx` to outgoing headers. */
  inject(ctx: Context, headers: Record<string, string>): void {
    propagator.inject(ctx, headers, defaultTextMapSetter);
  }

  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
