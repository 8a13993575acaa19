// A database connection pool as an application holds one: a fixed number of connections,
// FIFO waiters with a timeout, and (under the pool-exhaustion fault) connections that are
// checked out and never returned, the classic leak behind "pool exhausted" incidents.

export class PoolTimeoutError extends Error {
  constructor(
    readonly waitedMs: number,
    readonly inUse: number,
    readonly size: number,
    readonly waiting: number,
  ) {
    super(`timed out after ${Math.round(waitedMs)} ms waiting for a database connection (pool ${inUse}/${size} in use, ${waiting} waiting)`);
  }
}

interface Waiter {
  resolve: (lease: Lease) => void;
  reject: (err: Error) => void;
  since: number;
  timer: NodeJS.Timeout;
}

/** A checked-out connection; release it exactly once. */
export interface Lease {
  release(): void;
  /** How long acquiring it waited. */
  waitedMs: number;
}

export class ConnectionPool {
  private busy = 0;
  private leaked = 0;
  private waiters: Waiter[] = [];
  /** Bumped by reset() so leases from before a restart do not return into the new pool. */
  private generation = 0;

  constructor(
    private maxSize: number,
    readonly acquireTimeoutMs = 1000,
  ) {}

  get size(): number {
    return this.maxSize;
  }
  /** Connections checked out, leaked ones included. */
  get inUse(): number {
    return this.busy + this.leaked;
  }
  get leakedCount(): number {
    return this.leaked;
  }
  get waiting(): number {
    return this.waiters.length;
  }

  acquire(): Promise<Lease> {
    const since = performance.now();
    if (this.inUse < this.maxSize && this.waiters.length === 0) {
      this.busy++;
      return Promise.resolve(this.lease(0));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        since,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new PoolTimeoutError(performance.now() - since, this.inUse, this.maxSize, this.waiters.length));
        }, this.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  resize(size: number): void {
    if (!Number.isInteger(size) || size < 1) {
      throw new Error(`pool size must be a positive integer, got ${size}`);
    }
    this.maxSize = size;
    this.leaked = Math.min(this.leaked, size);
    this.serveWaiters();
  }

  /** Moves the number of leaked connections toward `target` (leaks only take free connections). */
  setLeaked(target: number): void {
    const want = Math.max(0, Math.min(this.maxSize, Math.floor(target)));
    if (want < this.leaked) {
      this.leaked = want;
      this.serveWaiters();
    } else {
      const free = Math.max(0, this.maxSize - this.inUse);
      this.leaked += Math.min(free, want - this.leaked);
    }
  }

  /** A restart drops every connection the process held: leaks are gone, waiters fail. */
  reset(): void {
    this.leaked = 0;
    this.busy = 0;
    this.generation++;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('connection pool closed (service restarting)'));
    }
    this.waiters = [];
  }

  private lease(waitedMs: number): Lease {
    let released = false;
    const generation = this.generation;
    return {
      waitedMs,
      release: () => {
        if (released || generation !== this.generation) {
          return;
        }
        released = true;
        this.busy--;
        this.serveWaiters();
      },
    };
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0 && this.inUse < this.maxSize) {
      const w = this.waiters.shift()!;
      clearTimeout(w.timer);
      this.busy++;
      w.resolve(this.lease(performance.now() - w.since));
    }
  }
}
