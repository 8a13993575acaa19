// The plugin protocol's requests and responses as plain TypeScript values.
// Handlers see these, never protobuf objects, so nothing outside this folder depends on the wire.

export interface DataSourceInstanceSettings {
  id: number;
  uid: string;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  /** Raw `jsonData` bytes as Grafana stored them (JSON text, possibly empty). */
  jsonData: Buffer;
  /** Secrets, decrypted by Grafana; they never reach the browser. */
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  apiVersion: string;
}

export interface AppInstanceSettings {
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  pluginVersion: string;
  user?: { login: string; name: string; email: string; role: string };
  dataSourceInstanceSettings?: DataSourceInstanceSettings;
  appInstanceSettings?: AppInstanceSettings;
  grafanaConfig: Record<string, string>;
  userAgent: string;
}

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export interface DataQuery {
  refId: string;
  queryType: string;
  maxDataPoints: number;
  intervalMs: number;
  timeRange: TimeRange;
  /** The query model JSON exactly as the panel or alert rule sent it. */
  json: Buffer;
}

export interface QueryDataRequest {
  pluginContext: PluginContext;
  headers: Record<string, string>;
  queries: DataQuery[];
  /** True when Grafana's alerting engine (or a recording rule) asked, from the `FromAlert` header. */
  fromAlert: boolean;
  /** True when Grafana asked to bypass caches (`X-Cache-Skip`), as alert evaluation does. */
  skipCache: boolean;
}

export type ErrorSource = 'plugin' | 'downstream';

export type DataResponse =
  | { frames: import('./frames').Frame[] }
  | { error: string; status: number; errorSource: ErrorSource; frames?: import('./frames').Frame[] };

export type QueryDataResponse = Map<string, DataResponse>;

export interface CheckHealthRequest {
  pluginContext: PluginContext;
  headers: Record<string, string>;
}

export interface CheckHealthResult {
  status: 'OK' | 'ERROR' | 'UNKNOWN';
  message: string;
  details?: unknown;
}

export interface CallResourceRequest {
  pluginContext: PluginContext;
  path: string;
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body: Buffer;
}

export interface CallResourceResult {
  status: number;
  headers?: Record<string, string[]>;
  body: Buffer | string;
}

/** What a backend plugin implements; the protocol layer does the rest. */
export interface PluginHandlers {
  queryData(req: QueryDataRequest, signal: AbortSignal): Promise<QueryDataResponse>;
  checkHealth(req: CheckHealthRequest, signal: AbortSignal): Promise<CheckHealthResult>;
  callResource?(req: CallResourceRequest, signal: AbortSignal): Promise<CallResourceResult>;
  /** Extra Prometheus text exposition appended to the process metrics. */
  collectMetrics?(): Promise<string>;
  /** Called once when the host asks the plugin to stop. */
  dispose?(): Promise<void>;
}
