// "Save & test": proves the configured Prometheus answers, with a message that says what to fix.

import type { CheckHealthResult } from '../protocol';
import { UpstreamError } from '../sources/http';
import type { DatasourceInstance } from './instance';

function advice(err: UpstreamError, url: string): string {
  switch (err.kind) {
    case 'unreachable':
      return `${err.message}. Check the URL and that Prometheus is running and reachable from the Grafana server.`;
    case 'timeout':
      return `${err.message}. Prometheus at ${url} is too slow or a firewall drops the traffic.`;
    case 'status':
      if (err.status === 401 || err.status === 403) {
        return `${url} refused the credentials (HTTP ${err.status}): check the authentication settings, and that the URL points at Prometheus (not at Grafana or a login proxy).`;
      }
      if (err.status === 404) {
        return `Prometheus at ${url} has no /api/v1 endpoints (HTTP 404): the URL must be the server root, e.g. http://localhost:9090.`;
      }
      return `${err.message} (from ${url}).`;
    default:
      return `${err.message}`;
  }
}

export async function checkHealth(instance: DatasourceInstance, signal: AbortSignal): Promise<CheckHealthResult> {
  const prometheus = instance.prometheus; // throws a SettingsError naming the missing setting
  try {
    const info = await prometheus.buildInfo(signal);
    await prometheus.query('vector(1)', Date.now(), { signal });
    return {
      status: 'OK',
      message: `Prometheus ${info.version} at ${prometheus.url} answers queries.`,
      details: { prometheus: { url: prometheus.url, version: info.version } },
    };
  } catch (err) {
    if (err instanceof UpstreamError) {
      return { status: 'ERROR', message: advice(err, prometheus.url) };
    }
    throw err;
  }
}
