// The Prometheus metrics of one demo service. Each service has its own registry and /metrics
// endpoint, and every series carries service="<name>", so one scrape job covers all of them.

import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly requestDuration: Histogram<'route' | 'status'>;
  readonly errors: Counter<'route' | 'kind'>;
  readonly inFlight: Gauge;
  readonly downstreamRequests: Counter<'target' | 'outcome'>;
  readonly downstreamDuration: Histogram<'target'>;
  readonly cpuSeconds: Counter;
  readonly cpuUtilization: Gauge;
  readonly heapBytes: Gauge;
  readonly memoryLimitBytes: Gauge;
  readonly gcPauseSeconds: Histogram;
  readonly saturation: Gauge<'resource'>;
  readonly replicas: Gauge;
  readonly info: Gauge<'version'>;
  readonly restarts: Counter<'reason'>;
  readonly up: Gauge;
  readonly poolSize?: Gauge;
  readonly poolInUse?: Gauge;
  readonly poolWaiting?: Gauge;
  readonly poolWait?: Histogram;
  readonly poolTimeouts?: Counter;

  constructor(service: string, hasPool: boolean) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    this.requests = new Counter({
      name: 'demo_http_requests_total',
      help: 'HTTP requests served, by route, method and status code.',
      labelNames: ['route', 'method', 'status'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'demo_http_request_duration_seconds',
      help: 'Time to serve an HTTP request, including downstream calls.',
      labelNames: ['route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'demo_http_request_errors_total',
      help: 'Failed requests by cause: internal, overloaded, dependency, timeout, pool.',
      labelNames: ['route', 'kind'],
      registers,
    });
    this.inFlight = new Gauge({ name: 'demo_http_requests_in_flight', help: 'Requests being served right now.', registers });
    this.downstreamRequests = new Counter({
      name: 'demo_downstream_requests_total',
      help: 'Calls to other services, by target service and outcome (ok, error).',
      labelNames: ['target', 'outcome'],
      registers,
    });
    this.downstreamDuration = new Histogram({
      name: 'demo_downstream_request_duration_seconds',
      help: 'Duration of calls to other services.',
      labelNames: ['target'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.cpuSeconds = new Counter({ name: 'demo_cpu_seconds_total', help: 'Simulated CPU time used by all replicas.', registers });
    this.cpuUtilization = new Gauge({
      name: 'demo_cpu_utilization_ratio',
      help: 'Simulated CPU utilisation per replica (0-1, averaged over replicas).',
      registers,
    });
    this.heapBytes = new Gauge({ name: 'demo_memory_heap_bytes', help: 'Simulated heap in use per replica.', registers });
    this.memoryLimitBytes = new Gauge({ name: 'demo_memory_limit_bytes', help: 'Memory limit per replica; above it the replica is OOM-killed.', registers });
    this.gcPauseSeconds = new Histogram({
      name: 'demo_gc_pause_seconds',
      help: 'Garbage-collection pauses that delayed requests.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.saturation = new Gauge({
      name: 'demo_saturation_ratio',
      help: 'How full each resource is (0-1): cpu, memory, concurrency, and db_pool where there is one.',
      labelNames: ['resource'],
      registers,
    });
    this.replicas = new Gauge({ name: 'demo_replicas', help: 'Running replicas.', registers });
    this.info = new Gauge({ name: 'demo_service_info', help: 'Always 1; the version label is the running release.', labelNames: ['version'], registers });
    this.restarts = new Counter({ name: 'demo_restarts_total', help: 'Restarts, by reason (manual, oom).', labelNames: ['reason'], registers });
    this.up = new Gauge({ name: 'demo_service_up', help: '1 while the service accepts requests, 0 while it restarts.', registers });
    if (hasPool) {
      this.poolSize = new Gauge({ name: 'demo_db_pool_size', help: 'Configured size of the database connection pool.', registers });
      this.poolInUse = new Gauge({ name: 'demo_db_pool_in_use', help: 'Database connections checked out (including leaked ones).', registers });
      this.poolWaiting = new Gauge({ name: 'demo_db_pool_waiting', help: 'Requests waiting for a database connection.', registers });
      this.poolWait = new Histogram({
        name: 'demo_db_pool_wait_seconds',
        help: 'Time spent waiting for a database connection.',
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers,
      });
      this.poolTimeouts = new Counter({ name: 'demo_db_pool_timeouts_total', help: 'Requests that gave up waiting for a database connection.', registers });
    }
  }

  setVersion(version: string): void {
    this.info.reset();
    this.info.set({ version }, 1);
  }
}
