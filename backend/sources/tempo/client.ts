// A client for Tempo's HTTP API. So far what "Save & test" needs: build information and readiness,
// with the tenant header and auth of the datasource settings.

import { HttpClient, UpstreamError, type HttpAuth, type HttpPolicy } from '../http';

export class TempoClient {
  private readonly http: HttpClient;

  constructor(url: string, auth?: HttpAuth, policy?: HttpPolicy) {
    this.http = new HttpClient('Tempo', url, auth, policy);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  /** Tempo's build information (proves the URL is a Tempo). */
  async buildInfo(signal?: AbortSignal): Promise<{ version: string }> {
    const res = await this.http.json<{ version?: string }>('/api/status/buildinfo', { signal, policy: { retries: 0, timeoutMs: 10_000 } });
    if (res.status >= 400 || typeof res.data?.version !== 'string') {
      throw new UpstreamError('Tempo', 'status', `Tempo build info answered HTTP ${res.status}`, res.status);
    }
    return { version: res.data.version };
  }

  /** Resolves when Tempo's /ready says it is ready; else an error with Tempo's reason. */
  async ready(signal?: AbortSignal): Promise<void> {
    const res = await this.http.request('/ready', { signal, policy: { retries: 0, timeoutMs: 10_000 } });
    if (res.status !== 200) {
      throw new UpstreamError('Tempo', 'status', `Tempo is not ready (HTTP ${res.status}: ${res.body.toString('utf8', 0, 200).trim()})`, res.status);
    }
  }
}
