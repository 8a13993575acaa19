// The datasource's settings as Grafana stores them (jsonData + secureJsonData), validated.

import type { DataSourceInstanceSettings } from '../protocol';
import type { HttpAuth, HttpPolicy } from '../sources/http';
import { DEFAULT_POLICY } from '../sources/http';

// The jsonData and secureJsonData keys are the frontend's (src/datasource/types.ts): one contract.
import type { ForesightDataSourceOptions as ForesightJsonData, ForesightSecureJsonData } from '../../src/datasource/types';

export interface Settings {
  uid: string;
  name: string;
  prometheus?: UpstreamSettings;
  /** Loki; a tenant (`lokiTenant`) travels as the X-Scope-OrgID header. */
  loki?: UpstreamSettings;
  /** Tempo; a tenant (`tempoTenant`) travels as the X-Scope-OrgID header. */
  tempo?: UpstreamSettings;
  policy: HttpPolicy;
  maxSeries: number;
  maxPointsPerSeries: number;
}

export const DEFAULT_MAX_SERIES = 500;
export const DEFAULT_MAX_POINTS_PER_SERIES = 4_000;

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

function positive(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') {
    return fallback;
  }
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    throw new SettingsError(`${name} must be a number between 1 and ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

export interface UpstreamSettings {
  url: string;
  auth?: HttpAuth;
}

/** One upstream's URL and auth (the same keys for each: `<name>Url`, `<name>Auth`, …); undefined when no URL is set. */
function upstream(
  label: string,
  rawUrl: string | undefined,
  mode: string | undefined,
  user: string | undefined,
  password: string | undefined,
  token: string | undefined,
  tenant?: string,
): UpstreamSettings | undefined {
  const url = (rawUrl ?? '').trim();
  if (!url) {
    return undefined;
  }
  let auth: HttpAuth | undefined;
  const chosen = mode ?? 'none';
  if (chosen === 'basic') {
    if (!user) {
      throw new SettingsError(`${label} basic auth is selected but no user is set`);
    }
    auth = { basic: { user, password: password ?? '' } };
  } else if (chosen === 'bearer') {
    if (!token) {
      throw new SettingsError(`${label} bearer auth is selected but no token is set`);
    }
    auth = { bearerToken: token };
  } else if (chosen !== 'none') {
    throw new SettingsError(`unknown ${label} auth mode "${chosen}" (use none, basic or bearer)`);
  }
  const orgId = tenant?.trim();
  if (orgId) {
    auth = { ...auth, headers: { 'X-Scope-OrgID': orgId } };
  }
  return { url, auth };
}

export function parseSettings(raw: DataSourceInstanceSettings): Settings {
  let json: ForesightJsonData = {};
  if (raw.jsonData.length > 0) {
    try {
      json = JSON.parse(raw.jsonData.toString('utf8')) ?? {};
    } catch {
      throw new SettingsError('the datasource settings (jsonData) are not valid JSON');
    }
  }
  const secure = raw.decryptedSecureJsonData as ForesightSecureJsonData;
  const timeoutSeconds = positive(json.timeoutSeconds, 'timeoutSeconds', DEFAULT_POLICY.timeoutMs / 1000, 600);
  const settings: Settings = {
    uid: raw.uid,
    name: raw.name,
    policy: { ...DEFAULT_POLICY, timeoutMs: timeoutSeconds * 1000 },
    maxSeries: Math.floor(positive(json.maxSeries, 'maxSeries', DEFAULT_MAX_SERIES, 100_000)),
    maxPointsPerSeries: Math.floor(positive(json.maxPointsPerSeries, 'maxPointsPerSeries', DEFAULT_MAX_POINTS_PER_SERIES, 11_000)),
  };
  const prometheus = upstream('Prometheus', json.prometheusUrl, json.prometheusAuth, json.prometheusUser, secure.prometheusPassword, secure.prometheusBearerToken);
  if (prometheus) {
    settings.prometheus = prometheus;
  }
  const loki = upstream('Loki', json.lokiUrl, json.lokiAuth, json.lokiUser, secure.lokiPassword, secure.lokiBearerToken, json.lokiTenant);
  if (loki) {
    settings.loki = loki;
  }
  const tempo = upstream('Tempo', json.tempoUrl, json.tempoAuth, json.tempoUser, secure.tempoPassword, secure.tempoBearerToken, json.tempoTenant);
  if (tempo) {
    settings.tempo = tempo;
  }
  return settings;
}
