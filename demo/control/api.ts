// The demo's HTTP control API (its own loopback port): inject, list and cancel faults; scale,
// restart, resize, re-limit, deploy and roll back services; steer the load generator; read the
// ground truth. JSON in, JSON out; errors are {"error": "..."} with a 4xx/5xx status.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { NotFoundError, type FaultBook } from '../faults/fault-book';
import { readGroundTruth } from '../faults/ground-truth';
import { FAULT_KINDS, FAULTS, isFaultKind, type FaultParams } from '../faults/kinds';
import type { LoadStatus } from '../load/generator';
import { ServiceError, type DemoService } from '../services/service';
import { SERVICE_NAMES, isServiceName, type ServiceName } from '../topology';
import { parseDuration, parseSize } from '../util/duration';
import type { ControlPlane } from './actions';

/** The parts of the running system the API steers. */
export interface Controllable {
  services: Map<ServiceName, DemoService>;
  book: FaultBook;
  control: ControlPlane;
  groundTruthFile: string | null;
  selfRegistry: Registry;
  loadStatus(): LoadStatus | null;
  startLoad(opts: { peakRps?: number; speed?: number; durationMs?: number | null; simStart?: number }): LoadStatus;
  stopLoad(): LoadStatus | null;
  adjustLoad(change: { peakRps?: number; speed?: number }): LoadStatus;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
type Handler = (match: RegExpMatchArray, body: Body, query: URLSearchParams) => unknown | Promise<unknown>;

export class ControlApi {
  private server?: Server;
  port = 0;
  private readonly routes: Array<{ method: string; pattern: RegExp; handler: Handler; status?: number }>;

  constructor(private readonly sys: Controllable) {
    const svc = '([a-z]+)';
    this.routes = [
      { method: 'GET', pattern: /^\/health$/, handler: () => ({ status: 'ok' }) },
      { method: 'GET', pattern: /^\/services$/, handler: () => SERVICE_NAMES.map((n) => this.service(n).state()) },
      { method: 'GET', pattern: new RegExp(`^/services/${svc}$`), handler: (m) => this.service(m[1]).state() },
      {
        method: 'POST',
        pattern: new RegExp(`^/services/${svc}/scale$`),
        handler: (m, b) => this.sys.control.scale(this.name(m[1]), requireNumber(b, 'replicas')),
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/services/${svc}/restart$`),
        handler: (m, b) => this.sys.control.restart(this.name(m[1]), b.down === undefined ? undefined : parseDuration(b.down as string | number)),
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/services/${svc}/pool$`),
        handler: (m, b) => this.sys.control.setPoolSize(this.name(m[1]), requireNumber(b, 'size')),
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/services/${svc}/memory-limit$`),
        handler: (m, b) => {
          if (b.limit === undefined) {
            throw new HttpError(400, 'body needs "limit" (e.g. "256MB", or a number of MB)');
          }
          return this.sys.control.setMemoryLimit(this.name(m[1]), parseSize(b.limit as string | number));
        },
      },
      {
        method: 'POST',
        pattern: new RegExp(`^/services/${svc}/deploy$`),
        handler: (m, b) => this.sys.control.deploy(this.name(m[1]), String(b.version ?? '')),
      },
      { method: 'POST', pattern: new RegExp(`^/services/${svc}/rollback$`), handler: (m) => this.sys.control.rollback(this.name(m[1])) },
      {
        method: 'GET',
        pattern: /^\/faults\/kinds$/,
        handler: () =>
          FAULT_KINDS.map((k) => ({
            fault: k,
            summary: FAULTS[k].summary,
            defaults: FAULTS[k].defaults('payments'),
            services: SERVICE_NAMES.filter((s) => !FAULTS[k].notAt?.(s, FAULTS[k].defaults(s))),
          })),
      },
      {
        method: 'GET',
        pattern: /^\/faults$/,
        handler: (_m, _b, q) => this.sys.book.list({ service: q.get('service') ?? undefined, status: (q.get('status') as never) ?? undefined }),
      },
      { method: 'POST', pattern: /^\/faults$/, handler: (_m, b) => this.inject(b), status: 201 },
      {
        method: 'GET',
        pattern: /^\/faults\/([\w-]+)$/,
        handler: (m) => {
          const inj = this.sys.book.get(m[1]);
          if (!inj) {
            throw new HttpError(404, `no injection with id "${m[1]}"`);
          }
          return inj;
        },
      },
      { method: 'DELETE', pattern: /^\/faults\/([\w-]+)$/, handler: (m) => this.sys.book.cancel(m[1]) },
      { method: 'POST', pattern: /^\/faults\/([\w-]+)\/cancel$/, handler: (m) => this.sys.book.cancel(m[1]) },
      { method: 'GET', pattern: /^\/load$/, handler: () => this.sys.loadStatus() ?? { running: false } },
      {
        method: 'POST',
        pattern: /^\/load$/,
        handler: (_m, b) => {
          const peakRps = optionalNumber(b, 'rps');
          const speed = optionalNumber(b, 'speed');
          if (b.start === true || !this.sys.loadStatus()?.running) {
            const durationMs = b.duration === undefined || b.duration === null ? undefined : parseDuration(b.duration as string | number);
            const simStart = b.simStart === undefined ? undefined : Date.parse(String(b.simStart));
            if (simStart !== undefined && Number.isNaN(simStart)) {
              throw new HttpError(400, `simStart is not a time: "${b.simStart}"`);
            }
            return this.sys.startLoad({ peakRps, speed, durationMs, simStart });
          }
          return this.sys.adjustLoad({ peakRps, speed });
        },
      },
      { method: 'POST', pattern: /^\/load\/stop$/, handler: () => this.sys.stopLoad() ?? { running: false } },
      {
        method: 'GET',
        pattern: /^\/ground-truth$/,
        handler: () => ({ file: this.sys.groundTruthFile, ...(this.sys.groundTruthFile ? readGroundTruth(this.sys.groundTruthFile) : {}) }),
      },
    ];
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => void this.handle(req, res));
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    return new Promise((resolve) => {
      if (!server) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private inject(b: Body): unknown {
    const fault = String(b.fault ?? '');
    if (!isFaultKind(fault)) {
      throw new HttpError(400, `unknown fault "${fault}" (faults: ${FAULT_KINDS.join(', ')})`);
    }
    const service = this.name(String(b.service ?? ''));
    let startAt: number | undefined;
    if (b.at !== undefined && b.in !== undefined) {
      throw new HttpError(400, 'give "at" (a time) or "in" (a delay), not both');
    }
    if (b.at !== undefined) {
      startAt = Date.parse(String(b.at));
      if (Number.isNaN(startAt)) {
        throw new HttpError(400, `"at" is not a time: "${b.at}" (use ISO 8601, e.g. 2026-01-31T14:00:00Z)`);
      }
    } else if (b.in !== undefined) {
      startAt = Date.now() + parseDuration(b.in as string | number);
    }
    const durationMs = b.duration === undefined || b.duration === null ? null : parseDuration(b.duration as string | number);
    const params = (b.params ?? {}) as FaultParams;
    if (typeof params !== 'object' || Array.isArray(params)) {
      throw new HttpError(400, '"params" must be an object');
    }
    return this.sys.book.inject({ fault, service, params, startAt, durationMs });
  }

  private name(s: string): ServiceName {
    if (!isServiceName(s)) {
      throw new HttpError(404, `no service "${s}" (services: ${SERVICE_NAMES.join(', ')})`);
    }
    return s;
  }

  private service(s: string): DemoService {
    return this.sys.services.get(this.name(s))!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://control');
    try {
      if (req.method === 'GET' && url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': this.sys.selfRegistry.contentType });
        res.end(await this.sys.selfRegistry.metrics());
        return;
      }
      const body = req.method === 'POST' || req.method === 'DELETE' ? await readBody(req) : {};
      for (const r of this.routes) {
        const m = r.method === req.method ? url.pathname.match(r.pattern) : null;
        if (m) {
          const result = await r.handler(m, body, url.searchParams);
          send(res, r.status ?? 200, result);
          return;
        }
      }
      throw new HttpError(404, `no such endpoint: ${req.method} ${url.pathname}`);
    } catch (err) {
      send(res, statusOf(err), { error: (err as Error).message });
    }
  }
}

function statusOf(err: unknown): number {
  if (err instanceof HttpError) {
    return err.status;
  }
  if (err instanceof ServiceError) {
    return err.status;
  }
  if (err instanceof NotFoundError) {
    return 404;
  }
  return 400; // validation errors from the fault book and parsers
}

function requireNumber(b: Body, key: string): number {
  const n = optionalNumber(b, key);
  if (n === undefined) {
    throw new HttpError(400, `body needs a number "${key}"`);
  }
  return n;
}

function optionalNumber(b: Body, key: string): number | undefined {
  if (b[key] === undefined || b[key] === null) {
    return undefined;
  }
  const n = Number(b[key]);
  if (!Number.isFinite(n)) {
    throw new HttpError(400, `"${key}" must be a number, got ${JSON.stringify(b[key])}`);
  }
  return n;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body, null, 2) + '\n');
}

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      if (!text.trim()) {
        resolve({});
        return;
      }
      try {
        const v = JSON.parse(text) as unknown;
        if (!v || typeof v !== 'object' || Array.isArray(v)) {
          reject(new HttpError(400, 'body must be a JSON object'));
          return;
        }
        resolve(v as Body);
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}
