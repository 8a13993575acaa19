// The gRPC services a Grafana backend plugin serves, mapped onto plain handler calls.
//
// Every handler failure becomes an answer Grafana can show (a per-query error, an ERROR health
// status, a 500 resource response): no exception escapes to grpc-js, and none stops the process.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { frameToArrowFile } from './arrow';
import type { Frame } from './frames';
import type { Logger } from './logger';
import { GOPLUGIN_PROTO, HEALTH_PROTO, PLUGINV2_PROTO } from './proto/schemas';
import type {
  CallResourceRequest,
  DataQuery,
  DataResponse,
  DataSourceInstanceSettings,
  PluginContext,
  PluginHandlers,
  QueryDataRequest,
} from './types';

/** Same receive limit as the Go SDK's server (grpc-js would default to 4 MiB). */
export const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;
/** Resource bodies are streamed in chunks of this size, as the Go SDK's http adapter does. */
const RESOURCE_CHUNK_BYTES = 1024 * 1024;

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: Number,
  enums: String,
  bytes: Buffer,
  defaults: true,
  oneofs: true,
};

function loadPackage(text: string): grpc.GrpcObject {
  const root = protobuf.parse(text, { keepCase: true }).root;
  const definition = protoLoader.fromJSON(root.toJSON(), LOADER_OPTIONS);
  return grpc.loadPackageDefinition(definition);
}

type Obj = Record<string, any>;

function service(pkg: grpc.GrpcObject, path: string): grpc.ServiceDefinition {
  let node: any = pkg;
  for (const part of path.split('.')) {
    node = node[part];
  }
  return node.service as grpc.ServiceDefinition;
}

function toDataSourceSettings(s: Obj | null | undefined): DataSourceInstanceSettings | undefined {
  if (!s) {
    return undefined;
  }
  return {
    id: Number(s.id ?? 0),
    uid: s.uid ?? '',
    name: s.name ?? '',
    url: s.url ?? '',
    user: s.user ?? '',
    database: s.database ?? '',
    basicAuthEnabled: Boolean(s.basicAuthEnabled),
    basicAuthUser: s.basicAuthUser ?? '',
    jsonData: s.jsonData ?? Buffer.alloc(0),
    decryptedSecureJsonData: { ...(s.decryptedSecureJsonData ?? {}) },
    lastUpdatedMS: Number(s.lastUpdatedMS ?? 0),
    apiVersion: s.apiVersion ?? '',
  };
}

function toPluginContext(c: Obj | null | undefined): PluginContext {
  const ctx = c ?? {};
  return {
    orgId: Number(ctx.orgId ?? 0),
    pluginId: ctx.pluginId ?? '',
    pluginVersion: ctx.pluginVersion ?? '',
    user: ctx.user ? { login: ctx.user.login, name: ctx.user.name, email: ctx.user.email, role: ctx.user.role } : undefined,
    dataSourceInstanceSettings: toDataSourceSettings(ctx.dataSourceInstanceSettings),
    appInstanceSettings: ctx.appInstanceSettings
      ? {
          jsonData: ctx.appInstanceSettings.jsonData ?? Buffer.alloc(0),
          decryptedSecureJsonData: { ...(ctx.appInstanceSettings.decryptedSecureJsonData ?? {}) },
          lastUpdatedMS: Number(ctx.appInstanceSettings.lastUpdatedMS ?? 0),
        }
      : undefined,
    grafanaConfig: { ...(ctx.grafanaConfig ?? {}) },
    userAgent: ctx.userAgent ?? '',
  };
}

function toDataQuery(q: Obj): DataQuery {
  return {
    refId: q.refId ?? '',
    queryType: q.queryType ?? '',
    maxDataPoints: Number(q.maxDataPoints ?? 0),
    intervalMs: Number(q.intervalMS ?? 0),
    timeRange: { fromMs: Number(q.timeRange?.fromEpochMS ?? 0), toMs: Number(q.timeRange?.toEpochMS ?? 0) },
    json: q.json ?? Buffer.alloc(0),
  };
}

function headerFlag(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.entries(headers).some(([k, v]) => k.toLowerCase() === wanted && v.toLowerCase() === 'true');
}

export function toQueryDataRequest(raw: Obj): QueryDataRequest {
  const headers: Record<string, string> = { ...(raw.headers ?? {}) };
  return {
    pluginContext: toPluginContext(raw.pluginContext),
    headers,
    queries: (raw.queries ?? []).map(toDataQuery),
    fromAlert: headerFlag(headers, 'FromAlert'),
    skipCache: headerFlag(headers, 'X-Cache-Skip'),
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Arrow-encodes one response; an encoding failure becomes that query's error, not the whole request's. */
function encodeDataResponse(refId: string, response: DataResponse): Obj {
  const frames: Frame[] = response.frames ?? [];
  let encoded: Buffer[];
  try {
    encoded = frames.map((f) => Buffer.from(frameToArrowFile(f.refId ? f : { ...f, refId })));
  } catch (err) {
    return { frames: [], error: `could not encode the result: ${message(err)}`, status: 500, errorSource: 'plugin' };
  }
  if ('error' in response) {
    return { frames: encoded, error: response.error, status: response.status, errorSource: response.errorSource };
  }
  return { frames: encoded, status: 200 };
}

export interface PluginServerOptions {
  logger: Logger;
  /** Called after the host's Shutdown RPC has been answered. */
  onShutdown?: () => void;
  registry?: Registry;
}

export interface PluginServer {
  server: grpc.Server;
  registry: Registry;
}

/** Builds the gRPC server with every service Grafana's plugin client may call. */
export function createPluginServer(handlers: PluginHandlers, options: PluginServerOptions): PluginServer {
  const { logger } = options;
  const registry = options.registry ?? new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'plugin_request_total',
    help: 'Plugin requests by endpoint and outcome.',
    labelNames: ['endpoint', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'plugin_request_duration_seconds',
    help: 'Plugin request duration by endpoint.',
    labelNames: ['endpoint'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  const pluginv2 = loadPackage(PLUGINV2_PROTO);
  const goplugin = loadPackage(GOPLUGIN_PROTO);
  const health = loadPackage(HEALTH_PROTO);

  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_BYTES });

  const timed = async <T>(endpoint: string, work: () => Promise<T>, outcome: (r: T) => string): Promise<T> => {
    const stop = duration.startTimer({ endpoint });
    try {
      const result = await work();
      requests.inc({ endpoint, status: outcome(result) });
      return result;
    } finally {
      stop();
    }
  };

  const abortOnCancel = (call: grpc.ServerUnaryCall<any, any> | grpc.ServerWritableStream<any, any>): AbortSignal => {
    const controller = new AbortController();
    call.on('cancelled', () => controller.abort(new Error('the request was cancelled by Grafana')));
    return controller.signal;
  };

  server.addService(service(pluginv2, 'pluginv2.Data'), {
    QueryData: (call: grpc.ServerUnaryCall<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => {
      const signal = abortOnCancel(call);
      let req: QueryDataRequest;
      try {
        req = toQueryDataRequest(call.request);
      } catch (err) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: `malformed QueryData request: ${message(err)}` });
        return;
      }
      void timed(
        'queryData',
        async () => {
          let result: Map<string, DataResponse>;
          try {
            result = await handlers.queryData(req, signal);
          } catch (err) {
            logger.error('queryData failed', { error: err });
            result = new Map(
              req.queries.map((q) => [q.refId, { error: `internal error: ${message(err)}`, status: 500, errorSource: 'plugin' }]),
            );
          }
          const responses: Record<string, Obj> = {};
          for (const q of req.queries) {
            const r = result.get(q.refId) ?? {
              error: 'the plugin returned no response for this query',
              status: 500,
              errorSource: 'plugin' as const,
            };
            responses[q.refId] = encodeDataResponse(q.refId, r);
          }
          return responses;
        },
        (responses) => (Object.values(responses).some((r) => r.error) ? 'error' : 'ok'),
      ).then(
        (responses) => callback(null, { responses }),
        (err) => callback({ code: grpc.status.INTERNAL, details: message(err) }),
      );
    },
  });

  server.addService(service(pluginv2, 'pluginv2.Diagnostics'), {
    CheckHealth: (call: grpc.ServerUnaryCall<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => {
      const signal = abortOnCancel(call);
      void timed(
        'checkHealth',
        async () => {
          try {
            return await handlers.checkHealth(
              { pluginContext: toPluginContext(call.request.pluginContext), headers: { ...(call.request.headers ?? {}) } },
              signal,
            );
          } catch (err) {
            logger.error('checkHealth failed', { error: err });
            return { status: 'ERROR' as const, message: `health check failed: ${message(err)}` };
          }
        },
        (r) => r.status.toLowerCase(),
      ).then((r) =>
        callback(null, {
          status: r.status,
          message: r.message,
          jsonDetails: r.details === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(r.details)),
        }),
      );
    },
    CollectMetrics: (_call: grpc.ServerUnaryCall<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => {
      void (async () => {
        try {
          let text = await registry.metrics();
          if (handlers.collectMetrics) {
            text += await handlers.collectMetrics();
          }
          callback(null, { metrics: { prometheus: Buffer.from(text) } });
        } catch (err) {
          callback({ code: grpc.status.INTERNAL, details: `metrics: ${message(err)}` });
        }
      })();
    },
  });

  server.addService(service(pluginv2, 'pluginv2.Resource'), {
    CallResource: (call: grpc.ServerWritableStream<Obj, Obj>) => {
      const signal = abortOnCancel(call);
      const raw = call.request;
      const headers: Record<string, string[]> = {};
      for (const [k, v] of Object.entries<Obj>(raw.headers ?? {})) {
        headers[k] = [...(v.values ?? [])];
      }
      const req: CallResourceRequest = {
        pluginContext: toPluginContext(raw.pluginContext),
        path: raw.path ?? '',
        method: raw.method ?? 'GET',
        url: raw.url ?? '',
        headers,
        body: raw.body ?? Buffer.alloc(0),
      };
      void timed(
        'callResource',
        async () => {
          if (!handlers.callResource) {
            return { status: 404, body: JSON.stringify({ message: 'this plugin has no resources' }) };
          }
          try {
            return await handlers.callResource(req, signal);
          } catch (err) {
            logger.error('callResource failed', { path: req.path, error: err });
            return { status: 500, body: JSON.stringify({ message: message(err) }) };
          }
        },
        (r) => String(r.status),
      ).then((r) => {
        const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
        const outHeaders: Record<string, Obj> = {};
        for (const [k, v] of Object.entries(r.headers ?? { 'Content-Type': ['application/json'] })) {
          outHeaders[k] = { values: v };
        }
        // First message: status, headers and the first chunk; then the rest of the body.
        call.write({ code: r.status, headers: outHeaders, body: body.subarray(0, RESOURCE_CHUNK_BYTES) });
        for (let at = RESOURCE_CHUNK_BYTES; at < body.length; at += RESOURCE_CHUNK_BYTES) {
          call.write({ body: body.subarray(at, at + RESOURCE_CHUNK_BYTES) });
        }
        call.end();
      });
    },
  });

  // go-plugin: Shutdown asks for a graceful exit (without it the host kills the process 2 s later);
  // StreamStdio is opened by the host at once and only needs to stay open.
  server.addService(service(goplugin, 'plugin.GRPCController'), {
    Shutdown: (_call: grpc.ServerUnaryCall<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => {
      logger.info('shutdown requested by the host');
      callback(null, {});
      setImmediate(() => options.onShutdown?.());
    },
  });
  server.addService(service(goplugin, 'plugin.GRPCStdio'), {
    StreamStdio: (call: grpc.ServerWritableStream<Obj, Obj>) => {
      call.on('cancelled', () => call.end());
    },
  });

  const servingNames = new Set(['', 'plugin']);
  server.addService(service(health, 'grpc.health.v1.Health'), {
    Check: (call: grpc.ServerUnaryCall<Obj, Obj>, callback: grpc.sendUnaryData<Obj>) => {
      if (servingNames.has(call.request.service ?? '')) {
        callback(null, { status: 'SERVING' });
      } else {
        callback({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
      }
    },
    Watch: (call: grpc.ServerWritableStream<Obj, Obj>) => {
      call.write({ status: servingNames.has(call.request.service ?? '') ? 'SERVING' : 'SERVICE_UNKNOWN' });
      call.on('cancelled', () => call.end());
    },
  });

  return { server, registry };
}
