// Bookkeeping of fault injections: schedules them, starts and ends them on time, and writes each
// transition to the ground-truth log. It holds no timers of its own: the system calls tick()
// often, and a test calls it with whatever clock it likes.

import { randomBytes } from 'node:crypto';
import type { ServiceName } from '../topology';
import type { EndReason, GroundTruthLog, Injection, InjectionRecord } from './ground-truth';
import { normalizeParams, type FaultKind, type FaultParams } from './kinds';

export interface InjectRequest {
  fault: FaultKind;
  service: ServiceName;
  params?: FaultParams;
  /** Epoch ms; default now. Must not lie in the past by more than a second. */
  startAt?: number;
  /** null or undefined: until cancelled. */
  durationMs?: number | null;
}

export type FaultEvent = 'started' | 'ended';
export type FaultListener = (injection: Injection, event: FaultEvent) => void;

const iso = (t: number) => new Date(t).toISOString();

export class FaultBook {
  private readonly injections = new Map<string, Injection>();
  private readonly listeners: FaultListener[] = [];

  constructor(
    private readonly log: GroundTruthLog | null,
    private readonly clock: () => number = Date.now,
    private readonly newId: () => string = () => `inj-${randomBytes(4).toString('hex')}`,
  ) {}

  /** Called when an injection takes effect or stops; the system turns faults on and off here. */
  onChange(listener: FaultListener): void {
    this.listeners.push(listener);
  }

  inject(req: InjectRequest): Injection {
    const now = this.clock();
    const params = normalizeParams(req.fault, req.service, req.params);
    const start = req.startAt ?? now;
    if (!Number.isFinite(start) || start < now - 1000) {
      throw new Error(`start time ${Number.isFinite(start) ? iso(start) : req.startAt} lies in the past`);
    }
    const duration = req.durationMs ?? null;
    if (duration !== null && !(duration > 0)) {
      throw new Error(`duration must be positive (or omitted: until cancelled), got ${duration} ms`);
    }
    const injection: Injection = {
      id: this.newId(),
      fault: req.fault,
      service: req.service,
      params,
      requestedAt: iso(now),
      plannedStart: iso(start),
      plannedEnd: duration === null ? null : iso(start + duration),
      start: null,
      end: null,
      status: 'scheduled',
      endReason: null,
    };
    this.injections.set(injection.id, injection);
    this.write(injection, 'scheduled', now);
    this.tick(now);
    return { ...injection };
  }

  /** Ends an active injection or drops a scheduled one. Ending an ended one is an error. */
  cancel(id: string, reason: EndReason = 'cancelled'): Injection {
    const inj = this.injections.get(id);
    if (!inj) {
      throw new NotFoundError(`no injection with id "${id}"`);
    }
    const now = this.clock();
    if (inj.status === 'scheduled') {
      inj.status = 'cancelled';
      inj.endReason = reason;
      this.write(inj, 'cancelled', now);
    } else if (inj.status === 'active') {
      this.finish(inj, reason, now);
    } else {
      throw new Error(`injection ${id} is already ${inj.status}`);
    }
    return { ...inj };
  }

  get(id: string): Injection | undefined {
    const inj = this.injections.get(id);
    return inj && { ...inj };
  }

  list(filter: { service?: string; status?: Injection['status'] } = {}): Injection[] {
    return [...this.injections.values()]
      .filter((i) => (!filter.service || i.service === filter.service) && (!filter.status || i.status === filter.status))
      .map((i) => ({ ...i }));
  }

  active(service?: string): Injection[] {
    return this.list({ service, status: 'active' });
  }

  /** Starts what is due and ends what has run its course. Returns the transitions it made. */
  tick(now = this.clock()): Array<{ id: string; event: FaultEvent }> {
    const changes: Array<{ id: string; event: FaultEvent }> = [];
    for (const inj of this.injections.values()) {
      if (inj.status === 'scheduled' && Date.parse(inj.plannedStart) <= now) {
        inj.status = 'active';
        inj.start = iso(now);
        this.write(inj, 'started', now);
        changes.push({ id: inj.id, event: 'started' });
        this.emit(inj, 'started');
      }
      if (inj.status === 'active' && inj.plannedEnd !== null && Date.parse(inj.plannedEnd) <= now) {
        this.finish(inj, 'expired', now);
        changes.push({ id: inj.id, event: 'ended' });
      }
    }
    return changes;
  }

  /** On shutdown: active injections end (reason "shutdown"), scheduled ones are cancelled. */
  close(): void {
    for (const inj of this.injections.values()) {
      if (inj.status === 'active' || inj.status === 'scheduled') {
        this.cancel(inj.id, 'shutdown');
      }
    }
  }

  private finish(inj: Injection, reason: EndReason, now: number): void {
    inj.status = 'ended';
    inj.end = iso(now);
    inj.endReason = reason;
    this.write(inj, 'ended', now);
    this.emit(inj, 'ended');
  }

  private emit(inj: Injection, event: FaultEvent): void {
    for (const l of this.listeners) {
      try {
        l({ ...inj }, event);
      } catch (err) {
        // A listener's bug must not leave the book half-updated.
        console.error(`fault listener failed on ${event} ${inj.id}:`, err);
      }
    }
  }

  private write(inj: Injection, event: InjectionRecord['event'], now: number): void {
    this.log?.append({ record: 'injection', event, at: iso(now), ...inj });
  }
}

export class NotFoundError extends Error {}
