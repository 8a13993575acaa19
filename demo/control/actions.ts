// What an operator can do to the running system: scale, restart, resize a pool, change a memory
// limit, roll out or roll back a release. Each action changes the service (and so its metrics),
// is logged by the service, and is appended to the ground-truth log.

import { randomBytes } from 'node:crypto';
import type { FaultBook } from '../faults/fault-book';
import type { ControlRecord, GroundTruthLog } from '../faults/ground-truth';
import { ServiceError, type DemoService } from '../services/service';
import type { ServiceName } from '../topology';

export class ControlPlane {
  constructor(
    private readonly services: Map<ServiceName, DemoService>,
    private readonly book: FaultBook,
    private readonly log: GroundTruthLog | null,
  ) {}

  scale(name: ServiceName, replicas: number): ControlRecord {
    const previous = this.service(name).scale(replicas);
    return this.record('scale', name, { replicas }, { replicas: previous });
  }

  /** Restarts all replicas: down for `downMs`, then back with fresh heaps and connections. */
  restart(name: ServiceName, downMs?: number): ControlRecord {
    const s = this.service(name);
    if (downMs !== undefined && !(downMs >= 0 && downMs <= 120_000)) {
      throw new ServiceError(400, 'bad_request', `restart downtime must be 0-120 s, got ${downMs} ms`);
    }
    const heapBefore = Math.round(s.runtime.heapBytes);
    if (!s.restart('manual', downMs)) {
      throw new ServiceError(409, 'bad_request', `${name} is already restarting`);
    }
    return this.record('restart', name, { downMs: downMs ?? null }, { heapBytes: heapBefore, restarts: s.restarts - 1 });
  }

  setPoolSize(name: ServiceName, size: number): ControlRecord {
    const previous = this.service(name).setPoolSize(size);
    return this.record('pool-size', name, { size }, { size: previous });
  }

  setMemoryLimit(name: ServiceName, bytes: number): ControlRecord {
    const previous = this.service(name).setMemoryLimit(bytes);
    return this.record('memory-limit', name, { bytes: Math.round(bytes) }, { bytes: previous });
  }

  /** A release without known defects (a good deploy, or a new version to compare against). */
  deploy(name: ServiceName, version: string): ControlRecord {
    if (!/^[\w.+-]{1,64}$/.test(version)) {
      throw new ServiceError(400, 'bad_request', `not a version: "${version}"`);
    }
    const previous = this.service(name).deploy(version, null);
    return this.record('deploy', name, { version }, { version: previous });
  }

  /** Back to the previous version; ends the bad-release injection that rolled out this one. */
  rollback(name: ServiceName): ControlRecord {
    const r = this.service(name).rollback();
    const ended: string[] = [];
    const id = r.defects?.injectionId;
    if (id && this.book.get(id)?.status === 'active') {
      this.book.cancel(id, 'rolled-back');
      ended.push(id);
    }
    return this.record('rollback', name, { version: r.to }, { version: r.from }, ended);
  }

  private service(name: ServiceName): DemoService {
    const s = this.services.get(name);
    if (!s) {
      throw new ServiceError(404, 'not_found', `no service "${name}"`);
    }
    return s;
  }

  private record(action: string, service: ServiceName, params: Record<string, unknown>, previous: Record<string, unknown>, ended?: string[]): ControlRecord {
    const rec: ControlRecord = {
      record: 'control',
      at: new Date().toISOString(),
      id: `ctl-${randomBytes(4).toString('hex')}`,
      action,
      service,
      params,
      previous,
      ...(ended && ended.length > 0 && { ended }),
    };
    this.log?.append(rec);
    return rec;
  }
}
