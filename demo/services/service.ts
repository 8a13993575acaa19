// One demo service: an HTTP server on its own loopback port that serves its routes, calls its
// downstreams, and reports itself through metrics (/metrics), traces (OTLP) and logs (Loki).
// Its capacity, heap and release come from the simulated runtime; faults arrive as effects.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { noEffects, type ServiceEffects } from '../faults/effects';
import type { Level } from '../telemetry/logger';
import { ServiceLogger, type TraceRef } from '../telemetry/logger';
import type { LokiPusher } from '../telemetry/loki-pusher';
import { ServiceMetrics } from '../telemetry/metrics';
import { ServiceTracing, type SpanExportStats } from '../telemetry/tracing';
import type { ServiceName, ServiceProfile } from '../topology';
import { gaussian, jitter, seededRandom, type Random } from '../util/random';
import { ConnectionPool, PoolTimeoutError } from './db-pool';
import { Downstream, DownstreamError } from './downstream';
import { BUG_MESSAGES, ROUTES, type RouteContext, type RouteHandler } from './routes';
import { ServiceRuntime, type ReleaseDefects } from './runtime';

export type ErrorKind = 'internal' | 'overloaded' | 'dependency' | 'timeout' | 'pool' | 'not_found' | 'bad_request';

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ServiceOptions {
  profile: ServiceProfile;
  host: string;
  /** 0: any free port. */
  port: number;
  resolveUrl: (name: ServiceName) => string;
  pusher: LokiPusher;
  otlpUrl: string | null;
  spanStats: SpanExportStats;
  seed: number;
  echoLevel?: Level | null;
  /** Share of successful requests that get an access-log line (errors and slow ones always do). */
  accessLogSample?: number;
  /** How long a restart keeps the service down. */
  restartDownMs?: number;
}

export interface ServiceState {
  name: ServiceName;
  url: string;
  available: boolean;
  version: string;
  replicas: number;
  memoryLimitBytes: number;
  heapBytes: number;
  cpuUtilization: number;
  inFlight: number;
  restarts: number;
  pool?: { size: number; inUse: number; waiting: number; leaked: number };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const SYMPTOM_LOG_EVERY_MS = 5000;
const STATS_LOG_EVERY_MS = 30_000;

export class DemoService {
  readonly name: ServiceName;
  readonly profile: ServiceProfile;
  readonly metrics: ServiceMetrics;
  readonly logger: ServiceLogger;
  readonly tracing: ServiceTracing;
  readonly runtime: ServiceRuntime;
  readonly pool?: ConnectionPool;
  port: number;
  restarts = 0;
  private server?: Server;
  private effects: ServiceEffects = noEffects();
  private available = false;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private inFlight = 0;
  private requestsSinceTick = 0;
  private readonly downstreams = new Map<ServiceName, Downstream>();
  private readonly lastSymptomLog = new Map<string, number>();
  private lastStatsLog = Date.now();
  private readonly rand: Random;

  constructor(private readonly opts: ServiceOptions) {
    this.profile = opts.profile;
    this.name = opts.profile.name;
    this.port = opts.port;
    this.rand = seededRandom(opts.seed);
    this.runtime = new ServiceRuntime(this.profile, this.rand);
    this.metrics = new ServiceMetrics(this.name, !!this.profile.dbPoolSize);
    this.logger = new ServiceLogger(this.name, opts.pusher, { echoLevel: opts.echoLevel ?? null });
    this.tracing = new ServiceTracing(this.name, opts.otlpUrl, opts.spanStats);
    if (this.profile.dbPoolSize) {
      this.pool = new ConnectionPool(this.profile.dbPoolSize, 1000);
    }
    for (const target of this.profile.downstreams) {
      const timeoutMs = target === 'db' ? 2000 : this.name === 'gateway' ? 8000 : 4000;
      this.downstreams.set(
        target,
        new Downstream(this.name, target, () => opts.resolveUrl(target), this.tracing, this.metrics, timeoutMs, () =>
          this.effects.brokenDependencies.get(target),
        ),
      );
    }
    this.metrics.setVersion(this.runtime.version);
    this.zeroCounters();
    this.updateGauges();
  }

  /** Counters start at 0 for every known label set, so rate() sees their first increase. */
  private zeroCounters(): void {
    const kinds: ErrorKind[] = ['internal', 'overloaded', 'dependency', 'timeout', 'pool'];
    for (const route of Object.keys(ROUTES[this.name])) {
      for (const kind of kinds) {
        this.metrics.errors.inc({ route: route.split(' ')[1], kind }, 0);
      }
    }
    for (const target of this.profile.downstreams) {
      this.metrics.downstreamRequests.inc({ target, outcome: 'ok' }, 0);
      this.metrics.downstreamRequests.inc({ target, outcome: 'error' }, 0);
    }
    this.metrics.restarts.inc({ reason: 'manual' }, 0);
    this.metrics.restarts.inc({ reason: 'oom' }, 0);
  }

  get url(): string {
    return `http://${this.opts.host}:${this.port}`;
  }

  get isAvailable(): boolean {
    return this.available;
  }

  async start(): Promise<void> {
    await this.listen();
    this.logger.info(`started version ${this.runtime.version} on port ${this.port}`, { version: this.runtime.version, replicas: this.runtime.replicas });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const server = this.server;
    this.server = undefined;
    this.available = false;
    if (server) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await Promise.all([...this.downstreams.values()].map((d) => d.close()));
    this.pool?.reset();
  }

  /** The faults currently acting on this service (set by the system every tick). */
  setEffects(effects: ServiceEffects): void {
    this.effects = effects;
  }

  // --- control ------------------------------------------------------------------------------

  /** Takes the service down for `downMs`, with fresh heaps and connections when it comes back. */
  restart(reason: 'manual' | 'oom', downMs = this.opts.restartDownMs ?? 2000): boolean {
    if (!this.available || this.stopped) {
      return false; // already down
    }
    this.available = false;
    this.restarts++;
    this.metrics.restarts.inc({ reason });
    this.metrics.up.set(0);
    if (reason === 'oom') {
      const limitMb = Math.round(this.runtime.memoryLimitBytes / 2 ** 20);
      this.logger.error(`out of memory: heap reached the ${limitMb} MB limit, replicas OOM-killed; restarting`, {
        heap_mb: Math.round(this.runtime.heapBytes / 2 ** 20),
        limit_mb: limitMb,
        version: this.runtime.version,
      });
    } else {
      this.logger.warn('shutting down: restart requested', { version: this.runtime.version });
    }
    const server = this.server;
    this.server = undefined;
    server?.close();
    server?.closeAllConnections();
    this.runtime.resetMemory();
    this.pool?.reset();
    this.restartTimer = setTimeout(() => this.comeBack(reason, downMs), downMs);
    return true;
  }

  scale(replicas: number): number {
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 64) {
      throw new ServiceError(400, 'bad_request', `replicas must be an integer from 1 to 64, got ${replicas}`);
    }
    const previous = this.runtime.replicas;
    this.runtime.replicas = replicas;
    this.logger.info(`scaled from ${previous} to ${replicas} replicas`, { replicas, previous_replicas: previous });
    this.updateGauges();
    return previous;
  }

  setPoolSize(size: number): number {
    if (!this.pool) {
      throw new ServiceError(400, 'bad_request', `${this.name} has no database connection pool`);
    }
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw new ServiceError(400, 'bad_request', `pool size must be an integer from 1 to 1000, got ${size}`);
    }
    const previous = this.pool.size;
    this.pool.resize(size);
    this.logger.info(`database connection pool resized from ${previous} to ${size}`, { pool_size: size, previous_pool_size: previous });
    this.updateGauges();
    return previous;
  }

  setMemoryLimit(bytes: number): number {
    if (!(bytes >= 16 * 2 ** 20) || bytes > 64 * 2 ** 30) {
      throw new ServiceError(400, 'bad_request', `memory limit must be between 16 MiB and 64 GiB, got ${bytes} bytes`);
    }
    const previous = this.runtime.memoryLimitBytes;
    this.runtime.memoryLimitBytes = Math.round(bytes);
    this.logger.info(`memory limit changed from ${Math.round(previous / 2 ** 20)} MB to ${Math.round(bytes / 2 ** 20)} MB`, {
      limit_mb: Math.round(bytes / 2 ** 20),
      previous_limit_mb: Math.round(previous / 2 ** 20),
    });
    this.updateGauges();
    return previous;
  }

  deploy(version: string, defects: ReleaseDefects | null): string {
    const previous = this.runtime.version;
    this.runtime.deploy(version, defects);
    this.metrics.setVersion(version);
    this.logger.info(`rolled out version ${version} (was ${previous})`, { version, previous_version: previous });
    return previous;
  }

  rollback(): { from: string; to: string; defects: ReleaseDefects | null } {
    const r = this.runtime.rollback();
    if (!r) {
      throw new ServiceError(409, 'bad_request', `${this.name} has no earlier version to roll back to (running ${this.runtime.version})`);
    }
    this.metrics.setVersion(r.to);
    this.logger.info(`rolled back from version ${r.from} to ${r.to}`, { version: r.to, previous_version: r.from });
    return r;
  }

  state(): ServiceState {
    return {
      name: this.name,
      url: this.url,
      available: this.available,
      version: this.runtime.version,
      replicas: this.runtime.replicas,
      memoryLimitBytes: this.runtime.memoryLimitBytes,
      heapBytes: Math.round(this.runtime.heapBytes),
      cpuUtilization: +this.runtime.utilization.toFixed(3),
      inFlight: this.inFlight,
      restarts: this.restarts,
      pool: this.pool && { size: this.pool.size, inUse: this.pool.inUse, waiting: this.pool.waiting, leaked: this.pool.leakedCount },
    };
  }

  // --- simulation ---------------------------------------------------------------------------

  /** Advances the simulated runtime by `dt` seconds and publishes gauges and symptoms. */
  tick(dt: number): void {
    const rps = this.requestsSinceTick / dt;
    this.requestsSinceTick = 0;
    if (this.effects.leakBytesPerSecond === 0 && this.runtime.leakedBytes > 0) {
      this.runtime.freeLeak();
    }
    const r = this.runtime.tick(dt, this.effects, this.inFlight, rps);
    this.metrics.cpuSeconds.inc(r.cpuSeconds);
    if (this.pool) {
      this.pool.setLeaked(this.pool.size * this.effects.poolLeakFraction);
    }
    this.updateGauges();
    if (this.available) {
      this.logSymptoms(rps);
      if (r.oom) {
        this.restart('oom');
      }
    }
  }

  private updateGauges(): void {
    const m = this.metrics;
    const rt = this.runtime;
    m.cpuUtilization.set(rt.utilization);
    m.heapBytes.set(Math.round(rt.heapBytes));
    m.memoryLimitBytes.set(rt.memoryLimitBytes);
    m.replicas.set(rt.replicas);
    m.inFlight.set(this.inFlight);
    m.up.set(this.available ? 1 : 0);
    m.saturation.set({ resource: 'cpu' }, rt.utilization);
    m.saturation.set({ resource: 'memory' }, Math.min(1, rt.memoryRatio));
    m.saturation.set({ resource: 'concurrency' }, Math.min(1, this.inFlight / this.capacity()));
    if (this.pool) {
      m.poolSize!.set(this.pool.size);
      m.poolInUse!.set(this.pool.inUse);
      m.poolWaiting!.set(this.pool.waiting);
      m.saturation.set({ resource: 'db_pool' }, Math.min(1, this.pool.inUse / this.pool.size));
    }
  }

  /** What an operator would see in the logs when a resource runs hot (rate-limited). */
  private logSymptoms(rps: number): void {
    const rt = this.runtime;
    const now = Date.now();
    const due = (key: string, every = SYMPTOM_LOG_EVERY_MS) => {
      if (now - (this.lastSymptomLog.get(key) ?? 0) < every) {
        return false;
      }
      this.lastSymptomLog.set(key, now);
      return true;
    };
    if (rt.utilization >= 0.9 && due('cpu')) {
      this.logger.warn(`CPU saturated: utilisation ${Math.round(rt.utilization * 100)}% on ${rt.replicas} replicas, requests are queueing`, {
        cpu_utilization: +rt.utilization.toFixed(3),
        replicas: rt.replicas,
      });
    }
    if (rt.memoryRatio >= 0.75 && due('memory')) {
      this.logger.warn(
        `heap usage high: ${Math.round(rt.heapBytes / 2 ** 20)} MB of ${Math.round(rt.memoryLimitBytes / 2 ** 20)} MB limit (${Math.round(rt.memoryRatio * 100)}%), GC running frequently`,
        { heap_mb: Math.round(rt.heapBytes / 2 ** 20), limit_mb: Math.round(rt.memoryLimitBytes / 2 ** 20) },
      );
    }
    if (this.pool && this.pool.inUse >= this.pool.size && this.pool.waiting > 0 && due('pool')) {
      this.logger.warn(`database connection pool exhausted: ${this.pool.inUse}/${this.pool.size} in use, ${this.pool.waiting} requests waiting`, {
        pool_in_use: this.pool.inUse,
        pool_size: this.pool.size,
        pool_waiting: this.pool.waiting,
      });
    }
    if (now - this.lastStatsLog >= STATS_LOG_EVERY_MS) {
      this.lastStatsLog = now;
      this.logger.info('runtime stats', {
        rps: +rps.toFixed(2),
        cpu_utilization: +rt.utilization.toFixed(3),
        heap_mb: Math.round(rt.heapBytes / 2 ** 20),
        in_flight: this.inFlight,
        replicas: rt.replicas,
        version: rt.version,
        ...(this.pool && { pool_in_use: this.pool.inUse, pool_size: this.pool.size }),
      });
    }
  }

  private capacity(): number {
    return this.runtime.replicas * this.profile.maxConcurrencyPerReplica;
  }

  // --- serving ------------------------------------------------------------------------------

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => void this.handle(req, res));
      server.keepAliveTimeout = 5000;
      server.once('error', reject);
      server.listen(this.port, this.opts.host, () => {
        server.off('error', reject);
        server.on('error', (err) => this.logger.error(`server error: ${err.message}`));
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        this.available = true;
        this.metrics.up.set(1);
        resolve();
      });
    });
  }

  private comeBack(reason: string, downMs: number): void {
    if (this.stopped) {
      return;
    }
    this.listen().then(
      () =>
        this.logger.info(`started version ${this.runtime.version} on port ${this.port} after ${reason} restart`, {
          version: this.runtime.version,
          replicas: this.runtime.replicas,
          down_ms: downMs,
        }),
      (err: Error) => {
        this.logger.error(`could not listen again on port ${this.port}: ${err.message}; retrying`);
        this.restartTimer = setTimeout(() => this.comeBack(reason, downMs), 1000);
      },
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo');
    if (url.pathname === '/metrics') {
      res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
      res.end(await this.metrics.registry.metrics());
      return;
    }
    if (url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok', service: this.name, version: this.runtime.version });
      return;
    }
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname}`;
    const handler: RouteHandler | undefined = ROUTES[this.name][route];
    const parent = this.tracing.extract(req.headers);
    const span = this.tracing.tracer.startSpan(
      route,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'http.route': url.pathname,
          'url.path': url.pathname,
          'service.version': this.runtime.version,
          'server.port': this.port,
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    const ref: TraceRef = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
    const started = performance.now();
    const version = this.runtime.version;
    this.inFlight++;
    this.requestsSinceTick++;
    let status = 200;
    let kind: ErrorKind | undefined;
    let message = '';
    let body: unknown;
    try {
      if (!handler) {
        throw new ServiceError(404, 'not_found', `no route ${route}`);
      }
      const input = method === 'POST' ? await readJson(req) : {};
      body = await this.serve(ctx, span, handler, input, url.searchParams);
    } catch (err) {
      ({ status, kind, message } = describeFailure(err));
      body = { error: message };
      span.recordException(err as Error);
      if (status >= 500) {
        span.setStatus({ code: SpanStatusCode.ERROR, message });
      }
      span.setAttribute('error.type', kind);
    } finally {
      this.inFlight--;
    }
    const seconds = (performance.now() - started) / 1000;
    span.setAttribute('http.response.status_code', status);
    span.end();
    const cost = this.profile.cpuPerRequestSeconds * jitter(this.rand, 0.2) * (this.runtime.defects ? 1.4 : 1);
    this.runtime.addWork(status === 503 && kind === 'overloaded' ? cost * 0.05 : cost);
    const routeLabel = kind === 'not_found' ? 'unmatched' : url.pathname;
    this.metrics.requests.inc({ route: routeLabel, method, status: String(status) });
    this.metrics.requestDuration.observe({ route: routeLabel, status: String(status) }, seconds);
    if (kind) {
      this.metrics.errors.inc({ route: routeLabel, kind });
    }
    this.accessLog(ref, { route: url.pathname, method, status, duration_ms: +(seconds * 1000).toFixed(1), version }, kind, message);
    if (!res.destroyed) {
      sendJson(res, status, body);
    }
  }

  /** The request's own work around the route handler: load effects, faults, the handler. */
  private async serve(ctx: Context, span: Span, handler: RouteHandler, input: Record<string, unknown>, query: URLSearchParams): Promise<unknown> {
    const rt = this.runtime;
    if (this.inFlight > this.capacity()) {
      throw new ServiceError(503, 'overloaded', `too many requests in flight (${this.inFlight} > ${this.capacity()}), request shed`);
    }
    if (this.rand() < rt.shedProbability()) {
      throw new ServiceError(503, 'overloaded', `CPU saturated (demand ${Math.round(rt.load * 100)}% of capacity), request shed`);
    }
    const own = this.profile.baseLatencyMs * jitter(this.rand, 0.3) * rt.queueFactor();
    const e = this.effects;
    const injected = e.extraLatencyMs > 0 ? Math.max(0, e.extraLatencyMs + e.extraLatencyJitterMs * gaussian(this.rand)) : 0;
    const release = rt.defects && rt.defects.latencyMs > 0 ? rt.defects.latencyMs * jitter(this.rand, 0.3) : 0;
    await this.gcPause(ctx);
    await sleep(own / 2 + injected + release);
    if (e.errorRate > 0 && this.rand() < e.errorRate) {
      throw new ServiceError(e.errorStatus, 'internal', BUG_MESSAGES[Math.floor(this.rand() * BUG_MESSAGES.length)]);
    }
    if (rt.defects && this.rand() < rt.defects.errorRate) {
      throw new ServiceError(500, 'internal', `${BUG_MESSAGES[Math.floor(this.rand() * BUG_MESSAGES.length)]} (version ${rt.version})`);
    }
    const rc: RouteContext = {
      body: input,
      query,
      call: (target, method, path, body) => {
        const d = this.downstreams.get(target);
        if (!d) {
          throw new Error(`${this.name} has no route to ${target}`);
        }
        return d.call(ctx, { method, path, body });
      },
      db: (operation, table) => this.query(ctx, operation, table),
      work: (ms) => sleep(ms * rt.queueFactor() * jitter(this.rand, 0.2)),
      spanName: (name) => span.updateName(name),
      random: this.rand,
    };
    const result = await handler(rc);
    await sleep(own / 2);
    return result;
  }

  /** A database query: wait for a pooled connection (traced), then call the db service. */
  private async query(ctx: Context, operation: string, table: string): Promise<void> {
    const pool = this.pool;
    const db = this.downstreams.get('db');
    if (!pool || !db) {
      throw new Error(`${this.name} has no database`);
    }
    const acquire = this.tracing.tracer.startSpan(
      'db.pool.acquire',
      { kind: SpanKind.INTERNAL, attributes: { 'db.client.connection.pool.name': `${this.name}-db`, 'db.pool.size': pool.size } },
      ctx,
    );
    let lease;
    try {
      lease = await pool.acquire();
      acquire.setAttribute('db.pool.wait_ms', +lease.waitedMs.toFixed(2));
      this.metrics.poolWait!.observe(lease.waitedMs / 1000);
    } catch (err) {
      if (err instanceof PoolTimeoutError) {
        this.metrics.poolTimeouts!.inc();
        this.metrics.poolWait!.observe(err.waitedMs / 1000);
      }
      acquire.recordException(err as Error);
      acquire.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      acquire.end();
    }
    try {
      await db.call(ctx, {
        method: 'POST',
        path: '/query',
        body: { operation, table },
        spanName: `${operation} ${table}`,
        attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.collection.name': table },
      });
    } finally {
      lease.release();
    }
  }

  /** Sometimes the collector stops the world; with memory pressure, often and for long. */
  private async gcPause(ctx: Context): Promise<void> {
    const pause = this.runtime.gcPauseMs();
    if (pause <= 0) {
      return;
    }
    const span = this.tracing.tracer.startSpan('runtime.gc', { kind: SpanKind.INTERNAL, attributes: { 'gc.pause_ms': +pause.toFixed(1) } }, ctx);
    await sleep(pause);
    span.end();
    this.metrics.gcPauseSeconds.observe(pause / 1000);
  }

  private accessLog(ref: TraceRef, fields: { route: string; method: string; status: number; duration_ms: number; version: string }, kind: ErrorKind | undefined, message: string): void {
    if (fields.status >= 500) {
      this.logger.error(`request failed: ${message}`, { ...fields, error_kind: kind }, ref);
    } else if (fields.status >= 400) {
      this.logger.warn(`request rejected: ${message}`, { ...fields, error_kind: kind }, ref);
    } else if (fields.duration_ms > this.profile.slowRequestMs) {
      this.logger.warn(`slow request: ${fields.method} ${fields.route} took ${Math.round(fields.duration_ms)} ms`, fields, ref);
    } else if (this.rand() < (this.opts.accessLogSample ?? 1)) {
      this.logger.info('request served', fields, ref);
    }
  }
}

function describeFailure(err: unknown): { status: number; kind: ErrorKind; message: string } {
  if (err instanceof ServiceError) {
    return { status: err.status, kind: err.kind, message: err.message };
  }
  if (err instanceof PoolTimeoutError) {
    return { status: 503, kind: 'pool', message: err.message };
  }
  if (err instanceof DownstreamError) {
    if (err.failure === 'timeout') {
      return { status: 504, kind: 'timeout', message: `call to ${err.target} failed: ${err.message}` };
    }
    return { status: err.failure === 'status' ? 502 : 503, kind: 'dependency', message: `call to ${err.target} failed: ${err.message}` };
  }
  return { status: 500, kind: 'internal', message: (err as Error)?.message ?? String(err) };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  try {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? {}));
  } catch {
    // the connection went away (a restart closed it): nothing to answer
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 1_000_000) {
        reject(new ServiceError(413, 'bad_request', 'request body too large'));
        req.destroy();
      }
    });
    req.on('end', () => {
      if (!text) {
        resolve({});
        return;
      }
      try {
        const v = JSON.parse(text) as unknown;
        resolve(v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
      } catch {
        reject(new ServiceError(400, 'bad_request', 'request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
