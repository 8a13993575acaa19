// A client for Tempo's HTTP API. So far what "Save & test" needs: build information and readiness,
// with the tenant header and auth of the datasource settings.

import { HttpClient, type HttpAuth, type HttpPolicy } from '../http';
import { buildInfo, ready } from '../probe';

export class TempoClient {
  private readonly http: HttpClient;

  constructor(url: string, auth?: HttpAuth, policy?: HttpPolicy) {
    this.http = new HttpClient('Tempo', url, auth, policy);
  }

  get url(): string {
    return this.http.baseUrl;
  }

  /** Tempo's build information (proves the URL is a Tempo). */
  buildInfo(signal?: AbortSignal): Promise<{ version: string }> {
    return buildInfo(this.http, '/api/status/buildinfo', signal);
  }

  /** Resolves when Tempo's /ready says it is ready; else an error with Tempo's reason. */
  ready(signal?: AbortSignal): Promise<void> {
    return ready(this.http, signal);
  }
}
