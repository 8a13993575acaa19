// The two calls "Save & test" makes of Loki and Tempo, which answer them alike: the build
// information (proves the URL points at that server) and /ready (its components have started).

import { HttpClient, UpstreamError } from './http';

const PROBE_POLICY = { retries: 0, timeoutMs: 10_000 };

export async function buildInfo(http: HttpClient, path: string, signal?: AbortSignal): Promise<{ version: string }> {
  const res = await http.json<{ version?: string }>(path, { signal, policy: PROBE_POLICY });
  if (res.status >= 400 || typeof res.data?.version !== 'string') {
    throw new UpstreamError(http.upstream, 'status', `${http.upstream} build info answered HTTP ${res.status}; check the URL and the authentication settings`, res.status);
  }
  return { version: res.data.version };
}

/** Resolves when /ready answers 200; else an error with the server's reason. */
export async function ready(http: HttpClient, signal?: AbortSignal): Promise<void> {
  const res = await http.request('/ready', { signal, policy: PROBE_POLICY });
  if (res.status !== 200) {
    throw new UpstreamError(http.upstream, 'status', `${http.upstream} is not ready (HTTP ${res.status}: ${res.body.toString('utf8', 0, 200).trim()})`, res.status);
  }
}
