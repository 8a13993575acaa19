// The faults the demo can inject, their parameters and defaults, and where each one makes sense.
// Validation lives here so the API, the CLI and the bookkeeping all reject the same mistakes.

import { TOPOLOGY, type ServiceName } from '../topology';

export const FAULT_KINDS = [
  'cpu-saturation',
  'memory-leak',
  'pool-exhaustion',
  'latency',
  'error-burst',
  'bad-release',
  'dependency-outage',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultParams = Record<string, number | string>;

interface FaultSpec {
  summary: string;
  /** Defaults; a parameter not listed here is rejected. */
  defaults: (service: ServiceName) => FaultParams;
  /** Why the fault cannot be injected at this service, if it cannot. */
  notAt?: (service: ServiceName, params: FaultParams) => string | undefined;
}

export const FAULTS: Record<FaultKind, FaultSpec> = {
  'cpu-saturation': {
    summary: 'extra CPU demand (`cores` in total, spread over the replicas): queueing latency, then load shedding',
    defaults: () => ({ cores: 2.5 }),
  },
  'memory-leak': {
    summary: 'heap grows by `mbPerMinute` per replica: GC pauses, then OOM restarts at the memory limit; freed when the injection ends',
    defaults: () => ({ mbPerMinute: 30 }),
  },
  'pool-exhaustion': {
    summary: 'database connections leak until `fraction` of the pool is held (reached after `rampSeconds`): pool waits, then acquire timeouts',
    defaults: () => ({ fraction: 1, rampSeconds: 20 }),
    notAt: (s) => (TOPOLOGY[s].dbPoolSize ? undefined : `${s} has no database connection pool (services with one: ${poolServices().join(', ')})`),
  },
  latency: {
    summary: 'every request of the service takes `ms` longer (± `jitterMs`)',
    defaults: () => ({ ms: 300, jitterMs: 50 }),
  },
  'error-burst': {
    summary: 'a share `rate` of the service\'s requests fail with HTTP `status`',
    defaults: () => ({ rate: 0.3, status: 500 }),
  },
  'bad-release': {
    summary: 'a new `version` is rolled out whose requests fail at `errorRate` and take `latencyMs` longer; rolled back when the injection ends',
    defaults: (s) => ({ version: nextMinor(TOPOLOGY[s].version), errorRate: 0.2, latencyMs: 150 }),
  },
  'dependency-outage': {
    summary: 'calls from the service to `dependency` fail (`mode` refused: at once; timeout: after the client timeout)',
    defaults: (s) => ({ dependency: TOPOLOGY[s].downstreams[0] ?? '', mode: 'refused' }),
    notAt: (s, p) => {
      const deps = TOPOLOGY[s].downstreams;
      if (deps.length === 0) {
        return `${s} calls no other service`;
      }
      if (!deps.includes(p.dependency as ServiceName)) {
        return `${s} does not call "${p.dependency}" (it calls ${deps.join(', ')})`;
      }
      if (p.mode !== 'refused' && p.mode !== 'timeout') {
        return `mode must be "refused" or "timeout", got "${p.mode}"`;
      }
      return undefined;
    },
  },
};

export function isFaultKind(s: string): s is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(s);
}

export function poolServices(): ServiceName[] {
  return Object.values(TOPOLOGY)
    .filter((p) => p.dbPoolSize)
    .map((p) => p.name);
}

/** "1.14.2" → "1.15.0"; anything else gets "-next". */
export function nextMinor(version: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? `${m[1]}.${Number(m[2]) + 1}.0` : `${version}-next`;
}

/**
 * Fills defaults, converts numeric strings (as they arrive from a CLI) to numbers, and rejects
 * unknown parameters, bad values and services where the fault makes no sense.
 */
export function normalizeParams(kind: FaultKind, service: ServiceName, given: FaultParams = {}): FaultParams {
  const spec = FAULTS[kind];
  const defaults = spec.defaults(service);
  const params: FaultParams = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) {
      throw new Error(`${kind} has no parameter "${key}" (parameters: ${Object.keys(defaults).join(', ')})`);
    }
    if (typeof defaults[key] === 'number') {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n) || n < 0) {
        throw new Error(`${kind}: ${key} must be a non-negative number, got "${value}"`);
      }
      params[key] = n;
    } else {
      params[key] = String(value);
    }
  }
  for (const rate of ['rate', 'errorRate', 'fraction']) {
    if (rate in params && (params[rate] as number) > 1) {
      throw new Error(`${kind}: ${rate} is a share between 0 and 1, got ${params[rate]}`);
    }
  }
  if (kind === 'error-burst') {
    const status = params.status as number;
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new Error(`error-burst: status must be an HTTP error status (400-599), got ${status}`);
    }
  }
  const why = spec.notAt?.(service, params);
  if (why) {
    throw new Error(`${kind} cannot be injected at ${service}: ${why}`);
  }
  return params;
}
