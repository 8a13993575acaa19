// The shape of the demo shop: which services exist, who calls whom, and what each one costs.
// Everything else (servers, faults, controls) is driven from this table.

export const SERVICE_NAMES = ['gateway', 'checkout', 'payments', 'inventory', 'db'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceProfile {
  name: ServiceName;
  /** Port offset from --port-base (gateway = base). */
  portOffset: number;
  /** Services this one calls over HTTP. */
  downstreams: ServiceName[];
  /** Size of the connection pool to `db`, for the services that query it. */
  dbPoolSize?: number;
  /** Initial release. */
  version: string;
  replicas: number;
  /** Memory limit per replica (OOM restart above it). */
  memoryLimitBytes: number;
  /** Heap of an idle replica. */
  baseHeapBytes: number;
  /** Own processing time of a request at low load, before queueing (ms, median). */
  baseLatencyMs: number;
  /** CPU time one request costs (seconds). Sets utilisation: rps × cost / replicas. */
  cpuPerRequestSeconds: number;
  /** Requests one replica serves concurrently before it sheds load (503). */
  maxConcurrencyPerReplica: number;
  /** A request slower than this is logged as slow. */
  slowRequestMs: number;
}

const MiB = 1024 * 1024;

export const TOPOLOGY: Record<ServiceName, ServiceProfile> = {
  gateway: {
    name: 'gateway',
    portOffset: 0,
    downstreams: ['checkout'],
    version: '3.2.0',
    replicas: 2,
    memoryLimitBytes: 256 * MiB,
    baseHeapBytes: 70 * MiB,
    baseLatencyMs: 2,
    cpuPerRequestSeconds: 0.012,
    maxConcurrencyPerReplica: 200,
    slowRequestMs: 1000,
  },
  checkout: {
    name: 'checkout',
    portOffset: 1,
    downstreams: ['inventory', 'payments'],
    version: '1.14.2',
    replicas: 2,
    memoryLimitBytes: 384 * MiB,
    baseHeapBytes: 110 * MiB,
    baseLatencyMs: 6,
    cpuPerRequestSeconds: 0.02,
    maxConcurrencyPerReplica: 100,
    slowRequestMs: 800,
  },
  payments: {
    name: 'payments',
    portOffset: 2,
    downstreams: ['db'],
    dbPoolSize: 8,
    version: '2.7.1',
    replicas: 2,
    memoryLimitBytes: 384 * MiB,
    baseHeapBytes: 120 * MiB,
    baseLatencyMs: 25,
    cpuPerRequestSeconds: 0.03,
    maxConcurrencyPerReplica: 60,
    slowRequestMs: 400,
  },
  inventory: {
    name: 'inventory',
    portOffset: 3,
    downstreams: ['db'],
    dbPoolSize: 10,
    version: '5.0.3',
    replicas: 2,
    memoryLimitBytes: 384 * MiB,
    baseHeapBytes: 100 * MiB,
    baseLatencyMs: 5,
    cpuPerRequestSeconds: 0.015,
    maxConcurrencyPerReplica: 80,
    slowRequestMs: 300,
  },
  db: {
    name: 'db',
    portOffset: 4,
    downstreams: [],
    version: '15.4',
    replicas: 1,
    memoryLimitBytes: 1024 * MiB,
    baseHeapBytes: 300 * MiB,
    baseLatencyMs: 1,
    cpuPerRequestSeconds: 0.004,
    maxConcurrencyPerReplica: 200,
    slowRequestMs: 200,
  },
};

export function isServiceName(s: string): s is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(s);
}

export function serviceNameOrThrow(s: string): ServiceName {
  if (!isServiceName(s)) {
    throw new Error(`unknown service "${s}" (services: ${SERVICE_NAMES.join(', ')})`);
  }
  return s;
}
