// Open-loop traffic against the gateway: arrivals are Poisson around the shaped rate (daily and
// weekly curve, noise, time acceleration), so a slow system gets more requests in flight rather
// than fewer requests, as with real users. Bounded: it stops after its duration, when told, and
// never holds more than `maxInFlight` requests (the rest are counted as skipped).

import { Counter, Gauge, type Registry } from 'prom-client';
import { Agent, request } from 'undici';
import { loopbackUrl } from '../util/loopback';
import { poisson, seededRandom, type Random } from '../util/random';
import { expectedRate, RateNoise, SimClock } from './shape';

export interface LoadOptions {
  /** Gateway base URL (loopback only). */
  target: string;
  /** Requests per second at the daily peak on a weekday. */
  peakRps: number;
  /** Simulated seconds per wall-clock second (60: an hour a minute). */
  speed?: number;
  /** Simulated time at start (epoch ms); default: now. */
  simStart?: number;
  /** Stop after this long (wall clock); null: until stop() (the caller then bounds it). */
  durationMs?: number | null;
  maxInFlight?: number;
  /** Share of requests that are checkouts (the rest view the cart). */
  checkoutShare?: number;
  noiseSigma?: number;
  seed?: number;
  tickMs?: number;
  metrics?: LoadMetrics;
  onStop?: (reason: string) => void;
}

/** The generator's own metrics; made once per registry, shared by successive generators. */
export class LoadMetrics {
  readonly requests: Counter<'outcome'>;
  readonly targetRate: Gauge;
  readonly simTime: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({ name: 'demo_load_requests_total', help: 'Load generator requests by outcome (ok, error, skipped).', labelNames: ['outcome'], registers });
    this.targetRate = new Gauge({ name: 'demo_load_target_rps', help: 'Rate the load generator aims for right now (shape × noise).', registers });
    this.simTime = new Gauge({ name: 'demo_load_simulated_time_seconds', help: 'Simulated time of the load shape (epoch seconds).', registers });
  }
}

export interface LoadStatus {
  running: boolean;
  stopReason: string | null;
  target: string;
  peakRps: number;
  speed: number;
  simTime: string;
  currentRate: number;
  sent: number;
  ok: number;
  failed: number;
  skipped: number;
  inFlight: number;
  startedAt: string;
  stopsAt: string | null;
}

export class LoadGenerator {
  private readonly target: string;
  private peakRps: number;
  private clock: SimClock;
  private readonly noise: RateNoise;
  private readonly rand: Random;
  private readonly agent: Agent;
  private timer?: NodeJS.Timeout;
  private stopTimer?: NodeJS.Timeout;
  private lastSim: number;
  private rate = 0;
  private inFlight = 0;
  private running = false;
  private stopReason: string | null = null;
  private readonly startedAt = Date.now();
  private stopsAt: number | null = null;
  private readonly counts = { sent: 0, ok: 0, failed: 0, skipped: 0 };
  private readonly metrics?: LoadMetrics;

  constructor(private readonly opts: LoadOptions) {
    this.target = loopbackUrl(opts.target, 'load target');
    if (!(opts.peakRps >= 0) || opts.peakRps > 5000) {
      throw new Error(`peak rate must be between 0 and 5000 requests/s, got ${opts.peakRps}`);
    }
    this.peakRps = opts.peakRps;
    const now = Date.now();
    this.clock = new SimClock(now, opts.simStart ?? now, opts.speed ?? 1);
    this.lastSim = this.clock.simTime(now);
    this.rand = seededRandom(opts.seed ?? 1);
    this.noise = new RateNoise(this.rand, opts.noiseSigma ?? 0.12, 600);
    this.agent = new Agent({ connections: 256, keepAliveTimeout: 4000 });
    this.metrics = opts.metrics;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.stopReason = null;
    const tickMs = this.opts.tickMs ?? 200;
    this.timer = setInterval(() => this.tick(tickMs), tickMs);
    if (this.opts.durationMs) {
      this.stopsAt = Date.now() + this.opts.durationMs;
      this.stopTimer = setTimeout(() => this.stop('duration reached'), this.opts.durationMs);
    }
  }

  stop(reason = 'stopped'): void {
    if (!this.running) {
      return;
    }
    this.running = false;
    this.stopReason = reason;
    clearInterval(this.timer);
    clearTimeout(this.stopTimer);
    this.opts.onStop?.(reason);
  }

  /** Stops and waits (briefly) for requests still in flight. */
  async close(): Promise<void> {
    this.stop('closed');
    const deadline = Date.now() + 5000;
    while (this.inFlight > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.agent.destroy();
  }

  /** Changes rate or speed on the fly (speed keeps simulated time continuous). */
  adjust(change: { peakRps?: number; speed?: number }): void {
    if (change.peakRps !== undefined) {
      if (!(change.peakRps >= 0) || change.peakRps > 5000) {
        throw new Error(`peak rate must be between 0 and 5000 requests/s, got ${change.peakRps}`);
      }
      this.peakRps = change.peakRps;
    }
    if (change.speed !== undefined) {
      this.clock = this.clock.withSpeed(Date.now(), change.speed);
    }
  }

  status(): LoadStatus {
    const now = Date.now();
    return {
      running: this.running,
      stopReason: this.stopReason,
      target: this.target,
      peakRps: this.peakRps,
      speed: this.clock.speed,
      simTime: new Date(this.clock.simTime(now)).toISOString(),
      currentRate: +this.rate.toFixed(3),
      ...this.counts,
      inFlight: this.inFlight,
      startedAt: new Date(this.startedAt).toISOString(),
      stopsAt: this.stopsAt ? new Date(this.stopsAt).toISOString() : null,
    };
  }

  private tick(tickMs: number): void {
    const now = Date.now();
    const sim = this.clock.simTime(now);
    const factor = this.noise.step((sim - this.lastSim) / 1000);
    this.lastSim = sim;
    this.rate = expectedRate(sim, this.peakRps) * factor;
    this.metrics?.targetRate.set(this.rate);
    this.metrics?.simTime.set(sim / 1000);
    const n = poisson(this.rand, (this.rate * tickMs) / 1000);
    for (let i = 0; i < n; i++) {
      // Spread the tick's arrivals over the tick instead of sending them in a burst.
      setTimeout(() => this.send(), this.rand() * tickMs);
    }
  }

  private send(): void {
    if (!this.running) {
      return;
    }
    if (this.inFlight >= (this.opts.maxInFlight ?? 500)) {
      this.counts.skipped++;
      this.metrics?.requests.inc({ outcome: 'skipped' });
      return;
    }
    const checkout = this.rand() < (this.opts.checkoutShare ?? 0.35);
    const items = 1 + Math.floor(this.rand() * 4);
    this.inFlight++;
    this.counts.sent++;
    request(checkout ? `${this.target}/api/checkout` : `${this.target}/api/cart?items=${items}`, {
      method: checkout ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'user-agent': 'foresight-demo-load' },
      body: checkout ? JSON.stringify({ items }) : undefined,
      dispatcher: this.agent,
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    })
      .then(async (res) => {
        await res.body.dump();
        const ok = res.statusCode < 400;
        this.count(ok);
      })
      .catch(() => this.count(false))
      .finally(() => {
        this.inFlight--;
      });
  }

  private count(ok: boolean): void {
    if (ok) {
      this.counts.ok++;
    } else {
      this.counts.failed++;
    }
    this.metrics?.requests.inc({ outcome: ok ? 'ok' : 'error' });
  }
}
