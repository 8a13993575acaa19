// "Save & test": proves each configured upstream (Prometheus, Loki, Tempo) answers, and says which
// one is wrong and what to fix.

import type { CheckHealthResult } from '../protocol';
import { UpstreamError } from '../sources/http';
import type { LokiClient } from '../sources/loki/client';
import type { TempoClient } from '../sources/tempo/client';
import type { DatasourceInstance } from './instance';
import { SettingsError } from './settings';

type Upstream = 'Prometheus' | 'Loki' | 'Tempo';

/** Each upstream's API root and an example URL, for the 404 advice. */
const API: Record<Upstream, { path: string; example: string }> = {
  Prometheus: { path: '/api/v1', example: 'http://localhost:9090' },
  Loki: { path: '/loki/api/v1', example: 'http://localhost:3100' },
  Tempo: { path: '/api', example: 'http://localhost:3200' },
};

function advice(name: Upstream, err: UpstreamError, url: string): string {
  switch (err.kind) {
    case 'unreachable':
      return `${err.message}. Check the URL and that ${name} is running and reachable from the Grafana server.`;
    case 'timeout':
      return `${err.message}. ${name} at ${url} is too slow or a firewall drops the traffic.`;
    case 'status':
      if (err.status === 401 || err.status === 403) {
        return `${url} refused the credentials (HTTP ${err.status}): check the ${name} authentication settings, and that the URL points at ${name} (not at Grafana or a login proxy).`;
      }
      if (err.status === 404) {
        return `${name} at ${url} has no ${API[name].path} endpoints (HTTP 404): the URL must be the ${name} server root, e.g. ${API[name].example}.`;
      }
      return `${name} at ${url}: ${err.message}.`;
    default:
      return `${name} at ${url}: ${err.message}`;
  }
}

interface Check {
  name: Upstream;
  url: string;
  /** Resolves to the sentence that says the upstream works. */
  run: () => Promise<string>;
}

/** Loki and Tempo prove themselves alike: their build information, then /ready. */
function readyCheck(name: 'Loki' | 'Tempo', client: LokiClient | TempoClient, signal: AbortSignal): Check {
  return {
    name,
    url: client.url,
    run: async () => {
      const info = await client.buildInfo(signal);
      await client.ready(signal);
      return `${name} ${info.version} at ${client.url} is ready.`;
    },
  };
}

function checks(instance: DatasourceInstance, signal: AbortSignal): Check[] {
  const { settings } = instance;
  const list: Check[] = [];
  if (settings.prometheus) {
    const prometheus = instance.prometheus;
    list.push({
      name: 'Prometheus',
      url: prometheus.url,
      run: async () => {
        const info = await prometheus.buildInfo(signal);
        await prometheus.query('vector(1)', Date.now(), { signal });
        return `Prometheus ${info.version} at ${prometheus.url} answers queries.`;
      },
    });
  }
  if (settings.loki) list.push(readyCheck('Loki', instance.loki, signal));
  if (settings.tempo) list.push(readyCheck('Tempo', instance.tempo, signal));
  return list;
}

export async function checkHealth(instance: DatasourceInstance, signal: AbortSignal): Promise<CheckHealthResult> {
  const list = checks(instance, signal);
  if (list.length === 0) {
    throw new SettingsError('no Prometheus, Loki or Tempo URL is configured: set at least one in the datasource settings');
  }
  // Side by side: a slow upstream does not hold up the others' answers.
  const outcomes = await Promise.allSettled(list.map((c) => c.run()));
  const passed: string[] = [];
  const failed: string[] = [];
  const details: Record<string, { url: string; ok: boolean; message: string }> = {};
  outcomes.forEach((outcome, i) => {
    const { name, url } = list[i];
    if (outcome.status === 'fulfilled') {
      passed.push(outcome.value);
      details[name.toLowerCase()] = { url, ok: true, message: outcome.value };
      return;
    }
    if (!(outcome.reason instanceof UpstreamError)) {
      throw outcome.reason;
    }
    const message = advice(name, outcome.reason, url);
    failed.push(message);
    details[name.toLowerCase()] = { url, ok: false, message };
  });
  if (failed.length === 0) {
    return { status: 'OK', message: passed.join(' '), details };
  }
  // What is wrong first; what works after, so the user knows the rest is fine.
  const names = list.filter((c) => !details[c.name.toLowerCase()].ok).map((c) => c.name);
  const message = `${names.join(' and ')} failed: ${failed.join(' ')}` + (passed.length ? ` (${passed.join(' ')})` : '');
  return { status: 'ERROR', message, details };
}
