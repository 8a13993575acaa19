// What the active injections at one service do to it, folded into one plain value that the
// service's request path and its runtime simulation read. Bad releases are not here: they change
// the running version, and the version carries its own defects (see services/runtime.ts).

import type { Injection } from './ground-truth';

export type OutageMode = 'refused' | 'timeout';

export interface ServiceEffects {
  /** Added to every request's own processing time. */
  extraLatencyMs: number;
  extraLatencyJitterMs: number;
  /** Share of requests that fail outright, and with which status. */
  errorRate: number;
  errorStatus: number;
  /** Extra CPU demand in cores, over all replicas. */
  extraCpuCores: number;
  /** Heap growth per replica. */
  leakBytesPerSecond: number;
  /** Share of the db pool that should be held by leaked connections right now. */
  poolLeakFraction: number;
  /** Downstream services whose calls fail, and how. */
  brokenDependencies: Map<string, OutageMode>;
}

export function noEffects(): ServiceEffects {
  return {
    extraLatencyMs: 0,
    extraLatencyJitterMs: 0,
    errorRate: 0,
    errorStatus: 500,
    extraCpuCores: 0,
    leakBytesPerSecond: 0,
    poolLeakFraction: 0,
    brokenDependencies: new Map(),
  };
}

/** Combines the active injections of one service (several may overlap). */
export function effectsOf(active: Injection[], now: number): ServiceEffects {
  const e = noEffects();
  let survive = 1; // error rates combine as independent failures
  for (const inj of active) {
    const p = inj.params;
    switch (inj.fault) {
      case 'cpu-saturation':
        e.extraCpuCores += p.cores as number;
        break;
      case 'memory-leak':
        e.leakBytesPerSecond += ((p.mbPerMinute as number) * 1024 * 1024) / 60;
        break;
      case 'pool-exhaustion': {
        const startedAt = inj.start ? Date.parse(inj.start) : now;
        const ramp = (p.rampSeconds as number) * 1000;
        const progress = ramp > 0 ? Math.min(1, Math.max(0, (now - startedAt) / ramp)) : 1;
        e.poolLeakFraction = Math.max(e.poolLeakFraction, (p.fraction as number) * progress);
        break;
      }
      case 'latency':
        e.extraLatencyMs += p.ms as number;
        e.extraLatencyJitterMs += p.jitterMs as number;
        break;
      case 'error-burst':
        survive *= 1 - (p.rate as number);
        e.errorStatus = p.status as number;
        break;
      case 'dependency-outage':
        e.brokenDependencies.set(p.dependency as string, p.mode as OutageMode);
        break;
      case 'bad-release':
        break; // carried by the running version
    }
  }
  e.errorRate = 1 - survive;
  return e;
}
