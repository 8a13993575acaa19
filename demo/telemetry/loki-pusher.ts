// Ships log lines to Loki's push API in batches. Loki being down, slow or refusing must never
// hurt the services: lines wait in a bounded buffer, batches are retried with backoff, and what
// does not fit is dropped and counted.

import { Counter, Gauge, type Registry } from 'prom-client';
import { request } from 'undici';

export interface LokiPusherOptions {
  /** Loki base URL, e.g. http://127.0.0.1:3100; null: lines are only counted. */
  url: string | null;
  intervalMs?: number;
  /** Most lines held while Loki does not answer; the oldest go first. */
  maxBufferedLines?: number;
  /** Most lines in one push. */
  maxBatchLines?: number;
  registry?: Registry;
}

interface Pending {
  labels: Record<string, string>;
  key: string;
  ts: string;
  line: string;
}

export class LokiPusher {
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | undefined;
  private failuresInARow = 0;
  private nextAttempt = 0;
  private lastNs = 0n;
  private readonly intervalMs: number;
  private readonly maxBuffered: number;
  private readonly maxBatch: number;
  readonly stats = { pushedLines: 0, droppedLines: 0, failedPushes: 0 };
  private readonly pushed?: Counter;
  private readonly dropped?: Counter<'reason'>;
  private readonly failures?: Counter;
  private readonly buffered?: Gauge;

  constructor(private readonly opts: LokiPusherOptions) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.maxBuffered = opts.maxBufferedLines ?? 50_000;
    this.maxBatch = opts.maxBatchLines ?? 5_000;
    if (opts.registry) {
      const registers = [opts.registry];
      this.pushed = new Counter({ name: 'demo_log_lines_pushed_total', help: 'Log lines Loki accepted.', registers });
      this.dropped = new Counter({ name: 'demo_log_lines_dropped_total', help: 'Log lines given up on, by reason.', labelNames: ['reason'], registers });
      this.failures = new Counter({ name: 'demo_log_push_failures_total', help: 'Pushes to Loki that failed (and will be retried).', registers });
      this.buffered = new Gauge({ name: 'demo_log_lines_buffered', help: 'Log lines waiting to be pushed.', registers });
    }
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Queues one line. Timestamps are strictly increasing nanoseconds, so no two lines collide. */
  push(labels: Record<string, string>, line: string, timeMs = Date.now()): void {
    let ns = BigInt(Math.round(timeMs)) * 1_000_000n;
    if (ns <= this.lastNs) {
      ns = this.lastNs + 1n;
    }
    this.lastNs = ns;
    const key = Object.entries(labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    this.buffer.push({ labels, key, ts: ns.toString(), line });
    this.trim();
    this.buffered?.set(this.buffer.length);
  }

  private trim(): void {
    if (this.buffer.length > this.maxBuffered) {
      const excess = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, excess);
      this.drop(excess, 'buffer_full');
    }
  }

  /** Sends what is buffered (one push at a time). Resolves when that push is done. */
  flush(): Promise<void> {
    if (this.sending) {
      return this.sending;
    }
    if (this.buffer.length === 0 || Date.now() < this.nextAttempt) {
      return Promise.resolve();
    }
    if (!this.opts.url) {
      this.stats.pushedLines += this.buffer.length; // nowhere to send: counted as handled
      this.buffer = [];
      return Promise.resolve();
    }
    // Taken out while in flight; put back in front if the push is to be retried.
    const batch = this.buffer.splice(0, this.maxBatch);
    this.sending = this.send(batch)
      .then((outcome) => {
        if (outcome === 'retry') {
          this.buffer = batch.concat(this.buffer);
          this.trim();
        }
      })
      .finally(() => {
        this.sending = undefined;
        this.buffered?.set(this.buffer.length);
      });
    return this.sending;
  }

  /** Final flush, trying for at most `timeoutMs`; whatever is left is dropped and counted. */
  async close(timeoutMs = 3000): Promise<void> {
    clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    if (this.sending) {
      await this.sending;
    }
    while (this.buffer.length > 0 && Date.now() < deadline) {
      this.nextAttempt = 0;
      const failuresBefore = this.stats.failedPushes;
      await this.flush();
      if (this.stats.failedPushes > failuresBefore) {
        break; // Loki is not taking them
      }
    }
    if (this.buffer.length > 0) {
      this.drop(this.buffer.length, 'shutdown');
      this.buffer = [];
    }
  }

  private async send(batch: Pending[]): Promise<'ok' | 'retry' | 'rejected'> {
    const streams = new Map<string, { stream: Record<string, string>; values: Array<[string, string]> }>();
    for (const p of batch) {
      let s = streams.get(p.key);
      if (!s) {
        s = { stream: p.labels, values: [] };
        streams.set(p.key, s);
      }
      s.values.push([p.ts, p.line]);
    }
    try {
      const res = await request(`${this.opts.url}/loki/api/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ streams: [...streams.values()] }),
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      const text = await res.body.text();
      if (res.statusCode >= 200 && res.statusCode < 300) {
        this.failuresInARow = 0;
        this.stats.pushedLines += batch.length;
        this.pushed?.inc(batch.length);
        return 'ok';
      }
      if (res.statusCode === 429 || res.statusCode >= 500) {
        this.backOff();
        return 'retry';
      }
      // Loki refused the content itself (e.g. a line too old): retrying would not help.
      this.drop(batch.length, 'rejected');
      if (this.stats.droppedLines === batch.length) {
        console.error(`loki push rejected with HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
      }
      return 'rejected';
    } catch {
      this.backOff();
      return 'retry';
    }
  }

  private backOff(): void {
    this.failuresInARow++;
    this.stats.failedPushes++;
    this.failures?.inc();
    const delay = Math.min(30_000, this.intervalMs * 2 ** Math.min(this.failuresInARow - 1, 5));
    this.nextAttempt = Date.now() + delay;
  }

  private drop(n: number, reason: string): void {
    this.stats.droppedLines += n;
    this.dropped?.inc({ reason }, n);
  }
}
