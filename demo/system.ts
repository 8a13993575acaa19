// Wires the demo together: five services on loopback ports, the fault book driving their
// effects, the control plane and its API, the log shipper, span exporters and the load
// generator. startDemo() is what main.ts runs and what the tests start on free ports.

import { writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Registry } from 'prom-client';
import { ControlPlane } from './control/actions';
import { ControlApi } from './control/api';
import { effectsOf } from './faults/effects';
import { FaultBook } from './faults/fault-book';
import { GroundTruthLog, type Injection } from './faults/ground-truth';
import { LoadGenerator, LoadMetrics, type LoadStatus } from './load/generator';
import { DemoService } from './services/service';
import type { Level } from './telemetry/logger';
import { LokiPusher } from './telemetry/loki-pusher';
import { SpanExportStats } from './telemetry/tracing';
import { SERVICE_NAMES, TOPOLOGY, type ServiceName } from './topology';
import { isLoopbackHost, loopbackUrl } from './util/loopback';

export interface LoadSettings {
  peakRps: number;
  speed?: number;
  durationMs?: number | null;
  simStart?: number;
  seed?: number;
}

export interface DemoOptions {
  host?: string;
  /** Port of the gateway; the others follow (checkout +1, payments +2, inventory +3, db +4). 0: free ports. */
  portBase?: number;
  /** Per-service ports, overriding portBase. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Control API port; 0: a free port. */
  controlPort?: number;
  lokiUrl?: string | null;
  /** OTLP/HTTP base URL (Tempo's receiver, e.g. http://127.0.0.1:4318). */
  otlpUrl?: string | null;
  /** Ground-truth JSONL file; null: none. */
  groundTruthFile?: string | null;
  /** Write a Prometheus file_sd target file here (atomically) once the ports are known. */
  prometheusSdFile?: string;
  load?: LoadSettings | null;
  seed?: number;
  echoLevel?: Level | null;
  accessLogSample?: number;
  restartDownMs?: number;
  /** Simulation step. */
  tickMs?: number;
}

export const DEFAULT_GROUND_TRUTH = join(tmpdir(), 'foresight-demo', 'ground-truth.jsonl');

export interface DemoSystem {
  services: Map<ServiceName, DemoService>;
  urls: Record<ServiceName, string>;
  controlUrl: string;
  book: FaultBook;
  control: ControlPlane;
  groundTruthFile: string | null;
  selfRegistry: Registry;
  pusher: LokiPusher;
  spanStats: SpanExportStats;
  /** Prometheus file_sd target groups for the services and the control endpoint. */
  scrapeTargets(): Array<{ targets: string[]; labels: Record<string, string> }>;
  loadStatus(): LoadStatus | null;
  startLoad(opts: Partial<LoadSettings>): LoadStatus;
  stopLoad(): LoadStatus | null;
  adjustLoad(change: { peakRps?: number; speed?: number }): LoadStatus;
  /** Sends buffered spans and log lines now (tests call this before querying). */
  flushTelemetry(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<DemoSystem> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`the demo binds to loopback only, got host "${host}"`);
  }
  const lokiUrl = opts.lokiUrl ? loopbackUrl(opts.lokiUrl, 'Loki URL') : null;
  const otlpUrl = opts.otlpUrl ? loopbackUrl(opts.otlpUrl, 'OTLP URL') : null;
  const seed = opts.seed ?? 42;
  const selfRegistry = new Registry();
  selfRegistry.setDefaultLabels({ component: 'demo-control' });
  const pusher = new LokiPusher({ url: lokiUrl, registry: selfRegistry });
  const spanStats = new SpanExportStats(selfRegistry);
  const groundTruthFile = opts.groundTruthFile === undefined ? DEFAULT_GROUND_TRUTH : opts.groundTruthFile;
  const gtLog = groundTruthFile ? new GroundTruthLog(groundTruthFile) : null;
  const book = new FaultBook(gtLog);

  const services = new Map<ServiceName, DemoService>();
  const portBase = opts.portBase ?? 8081;
  for (const [i, name] of SERVICE_NAMES.entries()) {
    const profile = TOPOLOGY[name];
    services.set(
      name,
      new DemoService({
        profile,
        host,
        port: opts.ports?.[name] ?? (portBase === 0 ? 0 : portBase + profile.portOffset),
        resolveUrl: (target) => services.get(target)!.url,
        pusher,
        otlpUrl,
        spanStats,
        seed: seed * 31 + i,
        echoLevel: opts.echoLevel,
        accessLogSample: opts.accessLogSample,
        restartDownMs: opts.restartDownMs,
      }),
    );
  }
  const control = new ControlPlane(services, book, gtLog);

  const applyEffects = () => {
    const now = Date.now();
    for (const [name, s] of services) {
      s.setEffects(effectsOf(book.active(name), now));
    }
  };

  // Faults that change a service's state rather than its per-request behaviour.
  book.onChange((inj: Injection, event) => {
    const s = services.get(inj.service as ServiceName)!;
    if (inj.fault === 'bad-release') {
      if (event === 'started') {
        s.deploy(String(inj.params.version), { errorRate: inj.params.errorRate as number, latencyMs: inj.params.latencyMs as number, injectionId: inj.id });
      } else if (s.runtime.defects?.injectionId === inj.id) {
        s.rollback(); // expired or cancelled: the release is rolled back automatically
      }
    }
    applyEffects();
  });

  const started: DemoService[] = [];
  try {
    for (const s of services.values()) {
      await s.start();
      started.push(s);
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    await pusher.close(500);
    throw err;
  }

  const loadMetrics = new LoadMetrics(selfRegistry);
  let load: LoadGenerator | null = null;
  let loadSeed = opts.load?.seed ?? seed;
  const startLoad = (o: Partial<LoadSettings>): LoadStatus => {
    const previous = load?.status();
    void load?.close();
    load = new LoadGenerator({
      target: services.get('gateway')!.url,
      peakRps: o.peakRps ?? previous?.peakRps ?? opts.load?.peakRps ?? 10,
      speed: o.speed ?? previous?.speed ?? opts.load?.speed ?? 1,
      simStart: o.simStart ?? opts.load?.simStart,
      durationMs: o.durationMs === undefined ? (opts.load?.durationMs ?? 3_600_000) : o.durationMs,
      seed: loadSeed++,
      metrics: loadMetrics,
    });
    load.start();
    return load.status();
  };

  const bookTimer = setInterval(() => {
    if (book.tick().length > 0) {
      applyEffects();
    }
  }, 250);
  const tickMs = opts.tickMs ?? 1000;
  let lastTick = performance.now();
  const simTimer = setInterval(() => {
    const now = performance.now();
    const dt = (now - lastTick) / 1000;
    lastTick = now;
    applyEffects(); // ramps (pool leaks) move with time
    for (const s of services.values()) {
      s.tick(dt);
    }
  }, tickMs);

  const urls = Object.fromEntries([...services].map(([n, s]) => [n, s.url])) as Record<ServiceName, string>;
  let stopping: Promise<void> | undefined;
  const system: DemoSystem = {
    services,
    urls,
    controlUrl: '',
    book,
    control,
    groundTruthFile,
    selfRegistry,
    pusher,
    spanStats,
    scrapeTargets: () => [
      { targets: [...services.values()].map((s) => `${host}:${s.port}`), labels: { job: 'foresight-demo' } },
      { targets: [`${host}:${api.port}`], labels: { job: 'foresight-demo-control' } },
    ],
    loadStatus: () => load?.status() ?? null,
    startLoad,
    stopLoad: () => {
      load?.stop('stopped by request');
      return load?.status() ?? null;
    },
    adjustLoad: (c) => {
      if (!load) {
        throw new Error('the load generator is not running');
      }
      load.adjust(c);
      return load.status();
    },
    flushTelemetry: async () => {
      await Promise.all([pusher.flush(), ...[...services.values()].map((s) => s.tracing.flush())]);
    },
    stop: () => {
      stopping ??= (async () => {
        clearInterval(bookTimer);
        clearInterval(simTimer);
        await load?.close();
        book.close();
        await api.close();
        await Promise.all([...services.values()].map((s) => s.stop()));
        await Promise.all([...services.values()].map((s) => s.tracing.shutdown().catch(() => undefined)));
        await pusher.close();
        gtLog?.append({ record: 'run', event: 'stopped', at: new Date().toISOString(), info: { pid: process.pid } });
      })();
      return stopping;
    },
  };

  const api = new ControlApi(system);
  try {
    await api.listen(host, opts.controlPort ?? 8080);
  } catch (err) {
    await system.stop();
    throw err;
  }
  system.controlUrl = `http://${host}:${api.port}`;
  if (opts.prometheusSdFile) {
    writeSdFile(opts.prometheusSdFile, system.scrapeTargets());
  }
  gtLog?.append({
    record: 'run',
    event: 'started',
    at: new Date().toISOString(),
    info: { pid: process.pid, urls, controlUrl: system.controlUrl, lokiUrl, otlpUrl, seed },
  });
  if (opts.load) {
    startLoad(opts.load);
  }
  return system;
}

/** Prometheus watches file_sd files; write a temp file and rename so it never reads half a file. */
export function writeSdFile(file: string, groups: Array<{ targets: string[]; labels: Record<string, string> }>): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(groups, null, 2) + '\n');
  renameSync(tmp, file);
}
