// The simulated machine under a service: replicas, CPU, heap, release. Nothing here burns real
// CPU or memory (the demo shares a small machine with Prometheus, Loki and Tempo); instead the
// numbers follow simple capacity laws, and the request path reads them back as queueing delay,
// load shedding and GC pauses, so the telemetry behaves like the real thing.

import type { ServiceEffects } from '../faults/effects';
import type { ServiceProfile } from '../topology';
import { jitter, type Random } from '../util/random';

const MiB = 1024 * 1024;

/** What a bad release does wrong while it runs. */
export interface ReleaseDefects {
  errorRate: number;
  latencyMs: number;
  /** The injection that rolled it out, ended when the release is rolled back. */
  injectionId?: string;
}

export interface TickResult {
  /** CPU time used by all replicas during the tick. */
  cpuSeconds: number;
  /** The heap went over the limit: the replicas are OOM-killed. */
  oom: boolean;
}

export class ServiceRuntime {
  replicas: number;
  version: string;
  /** Versions rolled out before the current one, newest last (rollback pops). */
  readonly history: string[] = [];
  defects: ReleaseDefects | null = null;
  memoryLimitBytes: number;

  /** Demand in cores over all replicas, smoothed; may exceed the replicas (overload). */
  demandCores = 0;
  /** Per-replica heap parts. */
  private garbageBytes = 0;
  leakedBytes = 0;
  private inFlightPerReplica = 0;
  private pendingWorkSeconds = 0;
  heapBytes: number;

  constructor(
    private readonly profile: ServiceProfile,
    private readonly rand: Random,
  ) {
    this.replicas = profile.replicas;
    this.version = profile.version;
    this.memoryLimitBytes = profile.memoryLimitBytes;
    this.heapBytes = profile.baseHeapBytes;
  }

  /** CPU time a finished request used. */
  addWork(cpuSeconds: number): void {
    this.pendingWorkSeconds += cpuSeconds;
  }

  /** Per-replica CPU utilisation, 0-1. */
  get utilization(): number {
    return Math.min(1, this.demandCores / this.replicas);
  }

  /** Demand over capacity; above 1 the service cannot keep up. */
  get load(): number {
    return this.demandCores / this.replicas;
  }

  get memoryRatio(): number {
    return this.heapBytes / this.memoryLimitBytes;
  }

  /** 0 below 70 % of the memory limit, rising to 1 at the limit: how hard the GC works. */
  get gcPressure(): number {
    return Math.min(1, Math.max(0, (this.memoryRatio - 0.7) / 0.3));
  }

  /** Factor on a request's own processing time from waiting for CPU (M/M/1-like, capped). */
  queueFactor(): number {
    const rho = this.load;
    if (rho < 0.95) {
      return 1 / (1 - rho);
    }
    return Math.min(60, 20 + 40 * (rho - 0.95));
  }

  /** Share of requests turned away because the CPUs cannot take them. */
  shedProbability(): number {
    const rho = this.load;
    return rho > 1 ? 1 - 1 / rho : 0;
  }

  /** A GC pause that hits one request (ms), or 0; long pauses come with memory pressure. */
  gcPauseMs(): number {
    const p = this.gcPressure;
    if (p <= 0 || this.rand() > 0.1 + 0.6 * p) {
      return 0;
    }
    return (10 + 400 * p * p) * jitter(this.rand, 0.4);
  }

  /** Advances the simulation by `dt` seconds. */
  tick(dt: number, effects: ServiceEffects, inFlight: number, rps: number): TickResult {
    const background = 0.02 * this.replicas;
    const gcCpu = 0.35 * this.gcPressure * this.replicas;
    const instant = this.pendingWorkSeconds / dt + background + gcCpu + effects.extraCpuCores;
    this.pendingWorkSeconds = 0;
    const alpha = 1 - Math.exp(-dt / 2); // ~2 s smoothing, like a short rate() window
    this.demandCores += alpha * (instant - this.demandCores);
    const cpuSeconds = Math.min(this.demandCores, this.replicas) * dt;

    // Heap: live requests + short-lived garbage in a sawtooth (minor GCs) + whatever leaks.
    this.inFlightPerReplica = inFlight / this.replicas;
    this.garbageBytes += ((rps / this.replicas) * 0.15 * MiB + 0.4 * MiB) * dt;
    if (this.garbageBytes > 32 * MiB) {
      this.garbageBytes = 2 * MiB * this.rand();
    }
    this.leakedBytes += effects.leakBytesPerSecond * dt;
    this.heapBytes =
      this.profile.baseHeapBytes + this.garbageBytes + this.inFlightPerReplica * 0.5 * MiB + this.leakedBytes + (this.rand() - 0.5) * MiB;
    return { cpuSeconds, oom: this.heapBytes >= this.memoryLimitBytes };
  }

  /** A restart: fresh heaps, no queue. */
  resetMemory(): void {
    this.leakedBytes = 0;
    this.garbageBytes = 0;
    this.demandCores = 0;
    this.heapBytes = this.profile.baseHeapBytes;
  }

  /** The leak's memory is released (its injection ended). */
  freeLeak(): void {
    this.leakedBytes = 0;
  }

  deploy(version: string, defects: ReleaseDefects | null): void {
    this.history.push(this.version);
    this.version = version;
    this.defects = defects;
  }

  /** Back to the previous version; returns it, or undefined if there is none. */
  rollback(): { from: string; to: string; defects: ReleaseDefects | null } | undefined {
    const previous = this.history.pop();
    if (previous === undefined) {
      return undefined;
    }
    const from = this.version;
    const defects = this.defects;
    this.version = previous;
    this.defects = null;
    return { from, to: previous, defects };
  }
}
